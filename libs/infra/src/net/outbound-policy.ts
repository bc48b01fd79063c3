// Where Talkwatch may send requests on a user's behalf (webhooks now; source fetches later): only to
// public unicast addresses, unless OUTBOUND_ALLOWLIST names the host or a network holding the address.
// Pure: addresses in, verdicts out. Parsing is ipaddr.js's, which also reads the odd IPv4 spellings
// (2130706433, 0x7f.1, 017700000001) the way the C resolver does.
import ipaddr from 'ipaddr.js';

type Ip = ipaddr.IPv4 | ipaddr.IPv6;

export interface OutboundAllowlist {
  /** Lower-case host names, without a trailing dot. */
  readonly hosts: readonly string[];
  readonly networks: readonly (readonly [Ip, number])[];
}

export const emptyAllowlist: OutboundAllowlist = { hosts: [], networks: [] };

const hostName = /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/** `host, 10.0.0.0/8, 127.0.0.1, ::1, [fd00::1], fd00::/8`: problems name the entries. */
export function parseOutboundAllowlist(text: string): { allowlist: OutboundAllowlist; problems: string[] } {
  const hosts: string[] = [];
  const networks: (readonly [Ip, number])[] = [];
  const problems: string[] = [];
  for (const raw of text.split(',').map((e) => e.trim()).filter(Boolean)) {
    const entry = raw.replace(/^\[(.*)\]$/, '$1');
    try {
      if (entry.includes('/')) {
        networks.push(ipaddr.parseCIDR(entry));
        continue;
      }
      if (ipaddr.isValid(entry)) {
        const ip = ipaddr.parse(entry);
        networks.push([ip, ip.kind() === 'ipv4' ? 32 : 128]);
        continue;
      }
    } catch {
      problems.push(`"${raw}" is not a valid address or network (CIDR)`);
      continue;
    }
    const host = entry.toLowerCase().replace(/\.$/, '');
    if (hostName.test(host)) hosts.push(host);
    else problems.push(`"${raw}" is neither a host name, an address nor a network (CIDR)`);
  }
  return { allowlist: { hosts, networks }, problems };
}

/** The IP address a host string stands for (brackets, zone ids and odd IPv4 spellings allowed). */
export function parseIpLiteral(host: string): Ip | undefined {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (!ipaddr.isValid(bare)) return undefined;
  try {
    return ipaddr.parse(bare);
  } catch {
    return undefined;
  }
}

/**
 * What kind of address this is: `unicast` (public) or the special range it is in (ipaddr.js's names:
 * loopback, private, linkLocal, carrierGradeNat, multicast, unspecified, broadcast, reserved,
 * uniqueLocal, ...). IPv4-mapped addresses are judged by the IPv4 address they carry; the deprecated
 * IPv4-compatible ones (::a.b.c.d) and the translation prefixes (NAT64, 6to4, Teredo) are refused,
 * since they can reach any IPv4 address.
 */
export function addressRange(ip: Ip): string {
  if (ip.kind() === 'ipv4') return ip.range();
  const v6 = ip as ipaddr.IPv6;
  const range = v6.range();
  if (range === 'ipv4Mapped') return v6.toIPv4Address().range();
  if (range === 'unicast' && v6.parts.slice(0, 6).every((part) => part === 0)) return 'ipv4Compatible';
  return range;
}

export type AddressVerdict =
  | { readonly allowed: true; readonly range: string; readonly allowlisted: boolean }
  | { readonly allowed: false; readonly range: string };

export function judgeAddress(address: string, allowlist: OutboundAllowlist): AddressVerdict {
  const ip = parseIpLiteral(address);
  if (!ip) return { allowed: false, range: 'invalid' };
  const range = addressRange(ip);
  if (inAllowlistedNetwork(ip, allowlist)) return { allowed: true, range, allowlisted: true };
  return range === 'unicast' ? { allowed: true, range, allowlisted: false } : { allowed: false, range };
}

export function isAllowlistedHost(host: string, allowlist: OutboundAllowlist): boolean {
  return allowlist.hosts.includes(host.toLowerCase().replace(/\.$/, ''));
}

function inAllowlistedNetwork(ip: Ip, allowlist: OutboundAllowlist): boolean {
  // An IPv4-mapped address matches the IPv4 networks too (::ffff:127.0.0.1 is 127.0.0.1).
  const forms: Ip[] = [ip];
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) forms.push((ip as ipaddr.IPv6).toIPv4Address());
  return allowlist.networks.some(([network, bits]) =>
    forms.some((form) =>
      form.kind() === 'ipv4' && network.kind() === 'ipv4'
        ? (form as ipaddr.IPv4).match(network, bits)
        : form.kind() === 'ipv6' && network.kind() === 'ipv6' && (form as ipaddr.IPv6).match(network, bits),
    ),
  );
}
