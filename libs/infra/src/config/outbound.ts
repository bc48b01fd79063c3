import { z } from 'zod';
import { emptyAllowlist, parseOutboundAllowlist } from '../net/outbound-policy.js';

export const outboundEnvShape = {
  /**
   * Hosts, addresses and networks (CIDR), comma-separated, that outbound requests (webhooks) may
   * reach although they are not public: loopback, private, link-local, ... Unset: public only.
   */
  OUTBOUND_ALLOWLIST: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text.trim() === '') return emptyAllowlist;
      const { allowlist, problems } = parseOutboundAllowlist(text);
      for (const message of problems) ctx.addIssue({ code: 'custom', message });
      return allowlist;
    }),
};
