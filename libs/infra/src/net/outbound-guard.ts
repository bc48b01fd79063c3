// The SSRF guard: before Talkwatch connects anywhere on a user's behalf it resolves the host once,
// judges every address it resolves to, and hands back the checked addresses for the connection to
// use (see pinnedLookup), so DNS cannot answer differently between the check and the connect.
import type { LookupAddress, LookupOptions } from 'node:dns';
import { lookup as dnsLookupAsync } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { isAllowlistedHost, judgeAddress, parseIpLiteral, type OutboundAllowlist } from './outbound-policy.js';

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** Resolves a host name to its addresses: the system resolver, or a table in tests. */
export type HostResolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export const systemResolver: HostResolver = async (hostname) =>
  (await dnsLookupAsync(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

/**
 * Why a destination was refused. `reason` is safe to show anyone; `message` names the host, the
 * addresses and their ranges, for the operator's log only.
 */
export class OutboundRefused extends Error {
  constructor(
    readonly reason: 'invalid-url' | 'scheme' | 'credentials' | 'forbidden-address' | 'unresolvable',
    message: string,
  ) {
    super(message);
    this.name = 'OutboundRefused';
  }
}

export interface CheckedDestination {
  readonly url: URL;
  /** Every address the host resolved to, each allowed: the only ones the connection may use. */
  readonly addresses: readonly ResolvedAddress[];
}

/** Scheme and credentials: what can be said of a URL without resolving it. */
export function checkOutboundUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new OutboundRefused('invalid-url', 'not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundRefused('scheme', `scheme ${url.protocol} is not http or https`);
  if (url.username !== '' || url.password !== '') throw new OutboundRefused('credentials', 'the URL carries credentials');
  return url;
}

export class OutboundGuard {
  constructor(
    private readonly allowlist: OutboundAllowlist,
    private readonly resolve: HostResolver = systemResolver,
  ) {}

  async check(text: string): Promise<CheckedDestination> {
    const url = checkOutboundUrl(text);
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const literal = parseIpLiteral(host);
    let addresses: readonly ResolvedAddress[];
    if (literal) {
      addresses = [{ address: literal.toString(), family: literal.kind() === 'ipv4' ? 4 : 6 }];
    } else {
      try {
        addresses = await this.resolve(host);
      } catch (error) {
        throw new OutboundRefused('unresolvable', `${host} does not resolve: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (addresses.length === 0) throw new OutboundRefused('unresolvable', `${host} resolves to no address`);
    }
    if (!isAllowlistedHost(host, this.allowlist)) {
      // Every address must pass: a host resolving to one public and one private address is refused,
      // or the connection could pick the private one.
      const refused = addresses
        .map((a) => ({ ...a, verdict: judgeAddress(a.address, this.allowlist) }))
        .filter((a) => !a.verdict.allowed);
      if (refused.length > 0) {
        throw new OutboundRefused('forbidden-address', `${host} resolves to ${refused.map((a) => `${a.address} (${a.verdict.range})`).join(', ')}`);
      }
    }
    return { url, addresses };
  }
}

/** A `lookup` for http(s).request / net.connect that answers only with the checked addresses. */
export function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return ((_hostname: string, options: LookupOptions, callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
    const first = wanted[0];
    if (!first) {
      callback(Object.assign(new Error('no checked address of that family'), { code: 'ENOTFOUND' }), '', 0);
      return;
    }
    // Node asks for all addresses when it races IPv4 and IPv6 (autoSelectFamily).
    if (options.all) callback(null, wanted.map((a) => ({ address: a.address, family: a.family })));
    else callback(null, first.address, first.family);
  });
}
