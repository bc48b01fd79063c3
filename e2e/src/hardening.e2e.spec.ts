// One request cannot stall or hold the apps: a 1 MB article is extracted while /health/live keeps
// answering, event streams are capped per client address and in all, a client that does not send
// what it declared is cut off, and what Node's HTTP parser refuses is answered as problem+json.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseArticleText } from '@talkwatch/domain';
import { apiKeysEnv, ingestKey, jsonWith } from './harness/api-keys.js';
import { startApp, type AppProcess } from './harness/app-process.js';
import { brokers, deleteTopic } from './harness/kafka.js';
import { freePort } from './harness/ports.js';
import { createTestDatabase, type TestDatabase } from './harness/postgres.js';
import { repoRoot } from './harness/repo.js';

const runId = randomBytes(4).toString('hex');
const topic = `talkwatch.e2e.hardening.${runId}`;

/** About `bytes` of real article text: the examples, one after another, again and again. */
function bigBody(bytes: number): string {
  const dir = path.join(repoRoot, 'examples');
  const bodies = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => parseArticleText(readFileSync(path.join(dir, f), 'utf8')).body);
  const parts: string[] = [`Report ${runId}.`];
  let length = 0;
  for (let i = 0; length < bytes; i++) {
    const body = bodies[i % bodies.length] ?? '';
    parts.push(body);
    length += body.length + 2;
  }
  return parts.join('\n\n');
}

/** Sends `chunks` on a raw socket; what came back once the server closed it, and when. */
function rawExchange(baseUrl: string, chunks: readonly string[]): Promise<{ text: string; closedAfterMs: number }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(Number(port), hostname, () => {
      for (const chunk of chunks) socket.write(chunk);
    });
    let text = '';
    socket.on('data', (data: Buffer) => (text += data.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => {
      resolve({ text, closedAfterMs: Date.now() - started });
    });
    setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection open: ${JSON.stringify(text.slice(0, 200))}`));
    }, 15_000).unref();
  });
}

function rawProblem(text: string): { status: number; contentType: string; code: unknown } {
  const [head = '', body = ''] = text.split('\r\n\r\n');
  return {
    status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]),
    contentType: /^content-type: *(.*)$/im.exec(head)?.[1]?.trim() ?? '',
    code: (JSON.parse(body) as { code?: unknown }).code,
  };
}

/** Opens /events/stream from `localAddress`; resolves once the answer's headers arrived. */
function openStream(baseUrl: string, localAddress: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${baseUrl}/events/stream`, { localAddress, agent: false }, resolve);
    req.on('error', reject);
    req.end();
  });
}

async function bodyOf(response: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of response) text += (chunk as Buffer).toString('utf8');
  return text;
}

describe('bounded work per request (ingestor and notifier over Kafka and PostgreSQL)', () => {
  let db: TestDatabase;
  let ingestor: AppProcess;
  let notifier: AppProcess;

  before(async () => {
    db = await createTestDatabase('tw_e2e_hard');
    const env = {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: brokers,
      KAFKA_TOPIC: topic,
      KAFKA_TOPIC_PARTITIONS: '1',
      KAFKA_GROUP_ID: `talkwatch-e2e-hardening-${runId}`,
      API_KEYS: apiKeysEnv,
      HTTP_HEADERS_TIMEOUT_MS: '1000',
      HTTP_REQUEST_TIMEOUT_MS: '2000',
      EVENT_STREAMS_PER_CLIENT: '3',
      EVENT_STREAMS_MAX: '5',
      // The stream limits are under test here, not the request rate limit.
      PUBLIC_RATE_LIMIT: 'off',
    };
    [ingestor, notifier] = await Promise.all([startApp('ingestor', await freePort(), env), startApp('notifier', await freePort(), env)]);
  });

  after(async () => {
    const codes = await Promise.all([ingestor.stop(), notifier.stop()]);
    await db.drop();
    await deleteTopic(topic);
    assert.deepEqual(codes, [0, 0], `apps did not shut down cleanly:\n${ingestor.output()}\n${notifier.output()}`);
  });

  it('keeps /health/live answering within 200 ms while a 1 MB article is extracted', async (t) => {
    const body = bigBody(1_000_000);
    const latencies: number[] = [];
    const state = { posting: true };
    const probing = (async () => {
      while (state.posting) {
        const started = performance.now();
        const res = await fetch(`${ingestor.baseUrl}/health/live`);
        await res.text();
        assert.equal(res.status, 200);
        latencies.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const started = performance.now();
    const res = await fetch(`${ingestor.baseUrl}/articles`, {
      method: 'POST',
      headers: jsonWith(ingestKey),
      body: JSON.stringify({ title: `A long report ${runId}`, publishedAt: '2022-01-10', body }),
    });
    const answer = await res.text();
    const tookMs = performance.now() - started;
    state.posting = false;
    await probing;
    assert.equal(res.status, 202, answer);
    const worst = Math.max(...latencies);
    const median = [...latencies].sort((a, b) => a - b)[Math.floor(latencies.length / 2)] ?? 0;
    t.diagnostic(`1 MB article answered in ${Math.round(tookMs)} ms; ${latencies.length} health probes, median ${median.toFixed(1)} ms, worst ${worst.toFixed(1)} ms`);
    // The extraction alone takes about a second here, so the probes overlap it many times.
    assert.ok(latencies.length >= 10, `only ${latencies.length} probes in ${Math.round(tookMs)} ms`);
    assert.ok(worst < 200, `a health probe took ${Math.round(worst)} ms while the article took ${Math.round(tookMs)} ms`);
  });

  it('caps event streams per client address (429) and in all (503), freeing a slot when a stream closes', async () => {
    const open: IncomingMessage[] = [];
    try {
      for (let i = 0; i < 3; i++) open.push(await openStream(notifier.baseUrl, '127.0.0.1'));
      assert.ok(open.every((s) => s.statusCode === 200));
      const fourth = await openStream(notifier.baseUrl, '127.0.0.1');
      assert.deepEqual([fourth.statusCode, fourth.headers['content-type'], fourth.headers['retry-after']], [429, 'application/problem+json; charset=utf-8', '10']);
      assert.equal((JSON.parse(await bodyOf(fourth)) as { code: string }).code, 'too-many-streams');
      // Another address has its own share, until the total is reached.
      for (let i = 0; i < 2; i++) open.push(await openStream(notifier.baseUrl, '127.0.0.2'));
      const sixth = await openStream(notifier.baseUrl, '127.0.0.3');
      assert.deepEqual([sixth.statusCode, sixth.headers['retry-after']], [503, '10']);
      assert.equal((JSON.parse(await bodyOf(sixth)) as { code: string }).code, 'stream-capacity-reached');
      // Closing a stream frees its slot.
      open.shift()?.destroy();
      let again: IncomingMessage | undefined;
      for (let attempt = 0; attempt < 50 && again?.statusCode !== 200; attempt++) {
        again?.destroy();
        await new Promise((resolve) => setTimeout(resolve, 50));
        again = await openStream(notifier.baseUrl, '127.0.0.1');
      }
      assert.ok(again);
      open.push(again);
      assert.equal(again.statusCode, 200);
    } finally {
      for (const stream of open) stream.destroy();
    }
  });

  it('cuts off a client that declares 100 KB and sends 9 bytes: 408 problem+json', async () => {
    const { host } = new URL(ingestor.baseUrl);
    const answer = await rawExchange(ingestor.baseUrl, [
      `POST /articles HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\nAuthorization: Bearer ${ingestKey}\r\n\r\n`,
      '{"title":',
    ]);
    assert.deepEqual(rawProblem(answer.text), { status: 408, contentType: 'application/problem+json', code: 'request-timeout' });
    // HTTP_REQUEST_TIMEOUT_MS is 2 s here (Node's default: 5 minutes).
    assert.ok(answer.closedAfterMs < 4000, `cut off after ${answer.closedAfterMs} ms`);
  });

  it("answers what Node's HTTP parser refuses as problem+json: 431 and 400", async () => {
    for (const app of [ingestor, notifier]) {
      const { host } = new URL(app.baseUrl);
      const big = await rawExchange(app.baseUrl, [`GET /talks HTTP/1.1\r\nHost: ${host}\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`]);
      assert.deepEqual(rawProblem(big.text), { status: 431, contentType: 'application/problem+json', code: 'headers-too-large' });
      const garbage = await rawExchange(app.baseUrl, ['HELLO WORLD\r\n\r\n']);
      assert.deepEqual(rawProblem(garbage.text), { status: 400, contentType: 'application/problem+json', code: 'malformed-request' });
    }
  });
});
