import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { ConfigError, parseEnv } from './env.js';
import { hostNameOf, isAllowedHost, parseRateLimit, publicAccessConfigOf, publicAccessEnvShape } from './public-access.js';

const load = (env: Record<string, string>) => publicAccessConfigOf(parseEnv(z.object(publicAccessEnvShape), env));

describe('public access config', () => {
  it('defaults to no public URL, no extra hosts and 300 anonymous requests a minute', () => {
    assert.deepEqual(load({}), { publicUrls: [], hosts: { names: [], suffixes: [], any: false }, rateLimit: { limit: 300, windowMs: 60_000 } });
  });

  it('allows the hosts of PUBLIC_URL and ALLOWED_HOSTS, and keeps the URLs for links', () => {
    const config = load({ PUBLIC_URL: 'https://Talkwatch.Example.org/, http://10.0.0.5:3000', ALLOWED_HOSTS: 'notifier, .internal.example.net' });
    assert.deepEqual(config.publicUrls, ['https://talkwatch.example.org', 'http://10.0.0.5:3000']);
    assert.deepEqual(config.hosts, { names: ['talkwatch.example.org', '10.0.0.5', 'notifier'], suffixes: ['internal.example.net'], any: false });
  });

  it('lists every bad entry at once', () => {
    assert.throws(
      () => load({ PUBLIC_URL: 'ftp://x.org,https://u:p@x.org,https://x.org/?q=1', ALLOWED_HOSTS: 'http://x.org,x.org:80', PUBLIC_RATE_LIMIT: 'lots' }),
      (error: unknown) => error instanceof ConfigError && error.problems.length === 6,
    );
  });

  it('reads rate limits as COUNT/DURATION, or off', () => {
    assert.deepEqual(parseRateLimit('20/10s'), { limit: 20, windowMs: 10_000 });
    assert.deepEqual(parseRateLimit('5 / m'), { limit: 5, windowMs: 60_000 });
    assert.deepEqual(parseRateLimit('1000/1h'), { limit: 1000, windowMs: 3_600_000 });
    assert.equal(parseRateLimit('OFF'), undefined);
    for (const bad of ['0/1m', '10', '10/0s', '-1/1m', '10/1d', 'x/1m']) assert.equal(parseRateLimit(bad), 'invalid', bad);
  });
});

describe('the Host check', () => {
  const policy = { names: ['talkwatch.example.org'], suffixes: ['corp.example'], any: false };

  it('reads the host name of a Host header, without port, case or trailing dot', () => {
    assert.equal(hostNameOf('LocalHost:3000'), 'localhost');
    assert.equal(hostNameOf('[::1]:3000'), '::1');
    assert.equal(hostNameOf('example.org.'), 'example.org');
    assert.equal(hostNameOf('a:b:c'), undefined);
    assert.equal(hostNameOf(undefined), undefined);
  });

  it('answers any IP address and localhost: a rebinding page can only send a name it controls', () => {
    for (const host of ['127.0.0.1:3000', '127.0.0.1', '[::1]:3000', '[2001:db8::1]', '192.168.1.20:8080', 'localhost:3000', 'LOCALHOST', 'app.localhost:3000']) {
      assert.equal(isAllowedHost(policy, host), true, host);
    }
  });

  it('answers configured names and subdomains of a .suffix, on any port', () => {
    for (const host of ['talkwatch.example.org', 'talkwatch.example.org:443', 'corp.example', 'a.b.corp.example:8080']) assert.equal(isAllowedHost(policy, host), true, host);
  });

  it('refuses every other name, a missing Host and the spellings that are no address', () => {
    for (const host of ['evil.example', 'talkwatch.example.org.evil.example', 'xcorp.example', 'localhost.evil.example', '2130706433', '0x7f.1', '127.1', '', undefined]) {
      assert.equal(isAllowedHost(policy, host), false, String(host));
    }
  });

  it('checks nothing with ALLOWED_HOSTS=*', () => {
    const open = load({ ALLOWED_HOSTS: '*' }).hosts;
    assert.equal(isAllowedHost(open, 'anything.example'), true);
    assert.equal(isAllowedHost(open, undefined), true);
  });
});
