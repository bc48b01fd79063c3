// GET /talks over real HTTP: pages linked by Link rel="next", and a 304 for an If-None-Match that
// still holds. Events go straight onto the notifier's topic, as the ingestor would put them.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import { eventKey, eventsFromArticle } from '@talkwatch/domain';
import { startApp, type AppProcess } from './harness/app-process.js';
import { apiKeysEnv } from './harness/api-keys.js';
import { brokers, deleteTopic } from './harness/kafka.js';
import { freePort, waitFor } from './harness/ports.js';
import { createTestDatabase, type TestDatabase } from './harness/postgres.js';

const pairs = [
  ['Serbia', 'Kosovo'],
  ['Armenia', 'Azerbaijan'],
  ['Russia', 'Ukraine'],
  ['India', 'Pakistan'],
  ['Ethiopia', 'Egypt'],
] as const;

/** A GET without fetch's own cache headers (fetch adds Cache-Control: no-cache to conditional requests). */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      });
    })
      .on('error', reject)
      .end();
  });
}

describe('GET /talks paging and ETags (Kafka, PostgreSQL, HTTP)', () => {
  const runId = randomBytes(4).toString('hex');
  const topic = `talkwatch.e2e.paging.${runId}`;
  let db: TestDatabase;
  let notifier: AppProcess;

  before(async () => {
    db = await createTestDatabase('tw_e2e_paging');
    notifier = await startApp('notifier', await freePort(), {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: brokers,
      KAFKA_TOPIC: topic,
      KAFKA_GROUP_ID: `talkwatch-e2e-paging-${runId}`,
      API_KEYS: apiKeysEnv,
    });
    const events = pairs.flatMap(([a, b], i) =>
      eventsFromArticle({
        articleId: `paging-${i}`,
        article: { title: `${a} and ${b}`, url: null, publishedAt: `2024-0${i + 1}-01`, body: `${a} and ${b} will hold a new round of talks in Geneva on March ${10 + i}, officials said.` },
        observedAt: '2026-01-01T00:00:00Z',
      }),
    );
    const producer = new Kafka({ clientId: 'e2e-paging', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    await producer.send({ topic, messages: events.map((e) => ({ key: eventKey(e), value: JSON.stringify(e) })) });
    await producer.disconnect();
  });

  after(async () => {
    await notifier.stop();
    await db.drop();
    await deleteTopic(topic);
  });

  it('links each page to the next until every track was listed once, and answers 304 while nothing changed', async () => {
    await waitFor('five tracks', async () => ((JSON.parse((await get(`${notifier.baseUrl}/talks`)).body) as unknown[]).length === pairs.length ? true : undefined), 60_000, 250);
    const ids: string[] = [];
    let next: string | undefined = `${notifier.baseUrl}/talks?limit=2`;
    while (next) {
      const page = await get(next);
      assert.equal(page.status, 200, page.body);
      ids.push(...(JSON.parse(page.body) as { id: string }[]).map((t) => t.id));
      const link = page.headers.link;
      const match = typeof link === 'string' ? /^<([^>]+)>; rel="next"$/.exec(link) : null;
      next = match?.[1] ? `${notifier.baseUrl}${match[1]}` : undefined;
    }
    assert.equal(ids.length, pairs.length);
    assert.equal(new Set(ids).size, pairs.length);

    const first = await get(`${notifier.baseUrl}/talks/${ids[0] ?? ''}`);
    const etag = first.headers.etag;
    assert.equal(typeof etag, 'string');
    const again = await get(`${notifier.baseUrl}/talks/${ids[0] ?? ''}`, { 'if-none-match': String(etag) });
    assert.equal(again.status, 304);
    assert.equal(again.body, '');
    const bad = await get(`${notifier.baseUrl}/talks?limit=0`);
    assert.equal(bad.status, 400);
    assert.match(bad.body, /"code":"invalid-limit"/);
  });
});
