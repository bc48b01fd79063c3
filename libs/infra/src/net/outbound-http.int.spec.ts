// OutboundHttp against real HTTP servers on loopback (allowed here through the allowlist, as in the
// tests of the apps): the checked address is the one connected to, redirects are not followed, and
// slow answers are cut off.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { OutboundGuard, OutboundRefused, type HostResolver } from './outbound-guard.js';
import { OutboundHttp, OutboundTimeout } from './outbound-http.js';
import { parseOutboundAllowlist } from './outbound-policy.js';

async function listen(handler: (req: IncomingMessage, body: string) => { status: number; headers?: Record<string, string>; delayMs?: number }) {
  const seen: { host: string | undefined; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ host: req.headers.host, body });
      const answer = handler(req, body);
      setTimeout(() => {
        res.writeHead(answer.status, answer.headers);
        res.end('ok');
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { port, seen, close: () => new Promise<void>((resolve) => server.close(() => { resolve(); })) };
}

describe('OutboundHttp (real servers on loopback)', () => {
  let ok: Awaited<ReturnType<typeof listen>>;
  let slow: Awaited<ReturnType<typeof listen>>;
  let redirect: Awaited<ReturnType<typeof listen>>;
  let lookups: string[];
  const allowlist = parseOutboundAllowlist('127.0.0.1').allowlist;
  // First answer: loopback (allowed here); any later one: a private address. A client that
  // resolved again at connect time would go there instead.
  const rebinding: HostResolver = (host) => {
    lookups.push(host);
    return Promise.resolve([{ address: lookups.length === 1 ? '127.0.0.1' : '10.0.0.1', family: 4 }]);
  };

  before(async () => {
    ok = await listen(() => ({ status: 204 }));
    slow = await listen(() => ({ status: 200, delayMs: 1500 }));
    redirect = await listen(() => ({ status: 302, headers: { location: `http://127.0.0.1:${ok.port}/elsewhere` } }));
  });
  after(async () => {
    await Promise.all([ok.close(), slow.close(), redirect.close()]);
  });

  const post = (http: OutboundHttp, url: string, timeoutMs = 2000) =>
    http.request({ method: 'POST', url, headers: { 'content-type': 'application/json' }, body: '{"a":1}', connectTimeoutMs: 1000, timeoutMs });

  it('connects to the address it checked, never resolving the host a second time', async () => {
    lookups = [];
    const http = new OutboundHttp(new OutboundGuard(allowlist, rebinding));
    const answer = await post(http, `http://receiver.test:${ok.port}/hook`);
    assert.equal(answer.status, 204);
    assert.deepEqual(lookups, ['receiver.test']);
    assert.deepEqual(ok.seen.at(-1), { host: `receiver.test:${ok.port}`, body: '{"a":1}' });
  });

  it('refuses before connecting when the host resolves to a refused address', async () => {
    const before = ok.seen.length;
    const http = new OutboundHttp(new OutboundGuard(allowlist, () => Promise.resolve([{ address: '169.254.169.254', family: 4 }])));
    await assert.rejects(post(http, `http://metadata.test:${ok.port}/`), (e: unknown) => e instanceof OutboundRefused && e.reason === 'forbidden-address');
    const strict = new OutboundHttp(new OutboundGuard(parseOutboundAllowlist('').allowlist));
    await assert.rejects(post(strict, `http://127.0.0.1:${ok.port}/`), (e: unknown) => e instanceof OutboundRefused);
    assert.equal(ok.seen.length, before);
  });

  it('hands back a redirect without following it', async () => {
    const before = ok.seen.length;
    const http = new OutboundHttp(new OutboundGuard(allowlist));
    const answer = await post(http, `http://127.0.0.1:${redirect.port}/hook`);
    assert.equal(answer.status, 302);
    assert.equal(redirect.seen.length, 1);
    assert.equal(ok.seen.length, before, 'the redirect target got nothing');
  });

  it('gives up on an answer slower than the time limit', async () => {
    const http = new OutboundHttp(new OutboundGuard(allowlist));
    const started = Date.now();
    await assert.rejects(post(http, `http://127.0.0.1:${slow.port}/hook`, 300), (e: unknown) => e instanceof OutboundTimeout && e.phase === 'response');
    assert.ok(Date.now() - started < 1200, `took ${Date.now() - started} ms`);
  });
});
