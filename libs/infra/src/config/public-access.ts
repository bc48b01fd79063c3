// Who may reach the HTTP API under which name, and how often an anonymous client may call it:
// PUBLIC_URL / ALLOWED_HOSTS (the Host check against DNS rebinding) and PUBLIC_RATE_LIMIT.
import ipaddr from 'ipaddr.js';
import { z } from 'zod';

/** The host names requests may name in their Host header (any IP address and localhost always may). */
export interface HostPolicy {
  /** Exact names, lower case, without port. */
  readonly names: readonly string[];
  /** Suffixes from entries like `.example.org`: the name itself and every subdomain. */
  readonly suffixes: readonly string[];
  /** ALLOWED_HOSTS=*: no check (a proxy in front checks it). */
  readonly any: boolean;
}

/** At most `limit` requests per `windowMs` from one client address, for requests without a valid key. */
export interface RateLimit {
  readonly limit: number;
  readonly windowMs: number;
}

export interface PublicAccessConfig {
  /** The URLs the service is reached under, as configured (PUBLIC_URL): the first is used in links. */
  readonly publicUrls: readonly string[];
  readonly hosts: HostPolicy;
  /** undefined: PUBLIC_RATE_LIMIT=off. */
  readonly rateLimit: RateLimit | undefined;
}

const hostName = /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

const list = (text: string | undefined): string[] => (text ?? '').split(',').map((s) => s.trim()).filter(Boolean);

const durations: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `120/1m`: 120 requests per minute; `off`. */
export function parseRateLimit(text: string): RateLimit | undefined | 'invalid' {
  if (text.trim().toLowerCase() === 'off') return undefined;
  const match = /^\s*(\d+)\s*\/\s*(\d*)\s*(ms|s|m|h)\s*$/.exec(text);
  if (!match) return 'invalid';
  const limit = Number(match[1]);
  const windowMs = Number(match[2] || '1') * (durations[match[3] ?? 's'] ?? 1000);
  return limit >= 1 && windowMs >= 1 ? { limit, windowMs } : 'invalid';
}

export const publicAccessEnvShape = {
  /** The URL(s) users reach Talkwatch under, comma-separated (https://talkwatch.example.org): their host names are allowed, the first is used in feed links. */
  PUBLIC_URL: z
    .string()
    .optional()
    .transform((text, ctx) => {
      const urls: string[] = [];
      for (const entry of list(text)) {
        const url = URL.canParse(entry) ? new URL(entry) : undefined;
        if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.search || url.hash) {
          ctx.addIssue({ code: 'custom', message: `"${entry.slice(0, 80)}" must be an http(s) URL without credentials, query or fragment` });
          continue;
        }
        urls.push(url.toString().replace(/\/+$/, ''));
      }
      return urls;
    }),
  /** More host names requests may name, comma-separated; `.example.org` allows its subdomains too; `*` turns the check off. */
  ALLOWED_HOSTS: z
    .string()
    .optional()
    .transform((text, ctx) => {
      const entries = list(text).map((e) => e.toLowerCase());
      const names: string[] = [];
      const suffixes: string[] = [];
      for (const entry of entries) {
        if (entry === '*') continue;
        const name = entry.startsWith('.') ? entry.slice(1) : entry;
        if (!hostName.test(name)) {
          ctx.addIssue({ code: 'custom', message: `"${entry.slice(0, 80)}" must be a host name (no scheme, port or path), .name for its subdomains too, or *` });
          continue;
        }
        (entry.startsWith('.') ? suffixes : names).push(name);
      }
      return { names, suffixes, any: entries.includes('*') };
    }),
  /** Requests without a valid API key allowed per client address: `300/1m`, `off`. */
  PUBLIC_RATE_LIMIT: z
    .string()
    .default('300/1m')
    .transform((text, ctx) => {
      const parsed = parseRateLimit(text);
      if (parsed !== 'invalid') return parsed;
      ctx.addIssue({ code: 'custom', message: 'must be COUNT/DURATION (300/1m, 20/10s) or off' });
      return undefined;
    }),
};

type PublicAccessEnv = { [K in keyof typeof publicAccessEnvShape]: z.output<(typeof publicAccessEnvShape)[K]> };

export function publicAccessConfigOf(e: PublicAccessEnv): PublicAccessConfig {
  const fromUrls = e.PUBLIC_URL.map((url) => new URL(url).hostname.toLowerCase());
  return {
    publicUrls: e.PUBLIC_URL,
    hosts: { ...e.ALLOWED_HOSTS, names: [...new Set([...fromUrls, ...e.ALLOWED_HOSTS.names])] },
    rateLimit: e.PUBLIC_RATE_LIMIT,
  };
}

/** The host name of a Host header, lower case, without port or trailing dot; undefined: not one. */
export function hostNameOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const text = header.trim().toLowerCase();
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed) return bracketed[1];
  const plain = /^([^:[\]]+)(?::\d{1,5})?$/.exec(text);
  return plain?.[1]?.replace(/\.$/, '');
}

/**
 * Whether a request naming this Host may be answered. An IP address is always fine (a page can
 * only rebind a name it controls, never an address), and so are localhost and its subdomains
 * (browsers resolve them to loopback themselves); other names only when configured. The port is
 * not checked: a published port (Docker's -p 8080:3000) differs from the one listened on.
 */
export function isAllowedHost(policy: HostPolicy, header: string | undefined): boolean {
  if (policy.any) return true;
  const name = hostNameOf(header);
  if (name === undefined) return false;
  if (ipaddr.IPv6.isValid(name) && name.includes(':')) return true;
  if (ipaddr.IPv4.isValidFourPartDecimal(name)) return true;
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  return policy.names.includes(name) || policy.suffixes.some((suffix) => name === suffix || name.endsWith(`.${suffix}`));
}
