import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OutboundGuard, OutboundRefused, checkOutboundUrl, type HostResolver } from './outbound-guard.js';
import { emptyAllowlist, judgeAddress, parseOutboundAllowlist } from './outbound-policy.js';

/** One address per refused range, with the range ipaddr.js names. */
const refused: [string, string][] = [
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['10.1.2.3', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.1.1', 'private'],
  ['169.254.169.254', 'linkLocal'],
  ['100.64.0.1', 'carrierGradeNat'],
  ['100.127.255.255', 'carrierGradeNat'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['255.255.255.255', 'broadcast'],
  ['240.0.0.1', 'reserved'],
  ['192.0.2.1', 'reserved'],
  ['198.18.0.1', 'reserved'],
  ['::1', 'loopback'],
  ['::', 'unspecified'],
  ['fc00::1', 'uniqueLocal'],
  ['fd12:3456::1', 'uniqueLocal'],
  ['fe80::1', 'linkLocal'],
  ['fe80::1%eth0', 'linkLocal'],
  ['ff02::1', 'multicast'],
  ['2001:db8::1', 'reserved'],
  // IPv4 inside IPv6: judged by the IPv4 address, or refused outright.
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['::ffff:169.254.169.254', 'linkLocal'],
  ['::ffff:10.0.0.1', 'private'],
  // ipaddr.js reads the dotted form ::a.b.c.d as IPv4-mapped; the hex form is IPv4-compatible.
  ['::127.0.0.1', 'loopback'],
  ['::7f00:1', 'ipv4Compatible'],
  ['::808:808', 'ipv4Compatible'],
  ['64:ff9b::a00:1', 'rfc6052'],
  ['2002:7f00:1::', '6to4'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo'],
  // The spellings inet_aton accepts.
  ['2130706433', 'loopback'],
  ['0x7f.1', 'loopback'],
  ['0x7f000001', 'loopback'],
  ['017700000001', 'loopback'],
  ['127.1', 'loopback'],
  ['0251.0376.0251.0376', 'linkLocal'],
];

describe('judgeAddress', () => {
  for (const [address, range] of refused) {
    it(`refuses ${address} (${range})`, () => {
      assert.deepEqual(judgeAddress(address, emptyAllowlist), { allowed: false, range });
    });
  }

  it('allows public unicast addresses, IPv4-mapped ones included', () => {
    for (const address of ['8.8.8.8', '93.184.216.34', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8']) {
      assert.deepEqual(judgeAddress(address, emptyAllowlist), { allowed: true, range: 'unicast', allowlisted: false }, address);
    }
  });

  it('allows what OUTBOUND_ALLOWLIST names, in any spelling of the address', () => {
    const { allowlist, problems } = parseOutboundAllowlist('127.0.0.1, 10.0.0.0/8, [fd00::1], receiver.internal');
    assert.deepEqual(problems, []);
    for (const address of ['127.0.0.1', '2130706433', '::ffff:127.0.0.1', '10.200.0.1', 'fd00::1']) {
      assert.equal(judgeAddress(address, allowlist).allowed, true, address);
    }
    for (const address of ['127.0.0.2', '192.168.0.1', 'fd00::2', '169.254.169.254']) {
      assert.equal(judgeAddress(address, allowlist).allowed, false, address);
    }
    assert.deepEqual(allowlist.hosts, ['receiver.internal']);
  });

  it('names the bad allowlist entries', () => {
    const { problems } = parseOutboundAllowlist('10.0.0.0/33, exa mple, ok.example, 1.2.3.4/8');
    assert.equal(problems.length, 2, problems.join('; '));
    assert.match(problems.join(' '), /10\.0\.0\.0\/33/);
    assert.match(problems.join(' '), /exa mple/);
  });
});

describe('checkOutboundUrl', () => {
  it('takes http and https only, without credentials', () => {
    assert.equal(checkOutboundUrl('https://hooks.example.org/x').hostname, 'hooks.example.org');
    for (const [url, reason] of [
      ['ftp://example.org/', 'scheme'],
      ['file:///etc/passwd', 'scheme'],
      ['gopher://example.org/', 'scheme'],
      ['https://user:pass@example.org/', 'credentials'],
      ['https://user@example.org/', 'credentials'],
      ['not a url', 'invalid-url'],
    ] as const) {
      assert.throws(() => checkOutboundUrl(url), (e: unknown) => e instanceof OutboundRefused && e.reason === reason, url);
    }
  });
});

describe('OutboundGuard', () => {
  const table: Record<string, string[]> = {
    'hooks.example.org': ['93.184.216.34', '2606:2800:220:1::1'],
    'metadata.attacker.test': ['169.254.169.254'],
    'loopback.attacker.test': ['127.0.0.1'],
    'v6loopback.attacker.test': ['::1'],
    'mapped.attacker.test': ['::ffff:127.0.0.1'],
    'private.attacker.test': ['10.0.0.7'],
    'cgnat.attacker.test': ['100.64.1.1'],
    'mixed.attacker.test': ['93.184.216.34', '192.168.0.10'],
    'receiver.internal': ['10.9.9.9'],
  };
  const resolver: HostResolver = (host) => {
    const found = table[host];
    if (!found) return Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }));
    return Promise.resolve(found.map((address) => ({ address, family: address.includes(':') ? (6 as const) : (4 as const) })));
  };
  const guard = new OutboundGuard(parseOutboundAllowlist('receiver.internal').allowlist, resolver);

  it('passes a public host with every address it resolves to', async () => {
    const checked = await guard.check('https://hooks.example.org/talkwatch');
    assert.deepEqual(checked.addresses.map((a) => a.address), ['93.184.216.34', '2606:2800:220:1::1']);
  });

  it('refuses a host that resolves to a refused range, or to any refused address among others', async () => {
    for (const host of ['metadata', 'loopback', 'v6loopback', 'mapped', 'private', 'cgnat', 'mixed']) {
      await assert.rejects(guard.check(`http://${host}.attacker.test/`), (e: unknown) => e instanceof OutboundRefused && e.reason === 'forbidden-address', host);
    }
  });

  it('refuses addresses written into the URL, however spelled', async () => {
    for (const url of ['http://169.254.169.254/latest/meta-data', 'http://2130706433/', 'http://0x7f.1/', 'http://[::1]:8080/', 'http://[::ffff:127.0.0.1]/', 'http://localhost.:3000/'.replace('localhost.', '127.1')]) {
      await assert.rejects(guard.check(url), (e: unknown) => e instanceof OutboundRefused && e.reason === 'forbidden-address', url);
    }
  });

  it('says a host that does not resolve is unresolvable, and lets an allowlisted host through', async () => {
    await assert.rejects(guard.check('https://nowhere.test/'), (e: unknown) => e instanceof OutboundRefused && e.reason === 'unresolvable');
    assert.deepEqual((await guard.check('http://receiver.internal:8080/')).addresses, [{ address: '10.9.9.9', family: 4 }]);
  });
});
