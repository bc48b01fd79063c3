// GET /metrics on the running apps: an article posted over HTTP moves the intake counters, the
// events appended and projected, the latency histograms from acceptance to projection and from
// projection to a real webhook delivery, and the HTTP histogram under route templates; the log
// lines carry the article's and the change's ids from intake to delivery. Once on `npm start`'s
// embedded stack (one process, one registry), once on the apps apart over Kafka, where the lag is
// reported for every partition of the topic.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { adminKey, apiKeysEnv, bearer, ingestKey, jsonWith } from './harness/api-keys.js';
import { startApp, type AppProcess } from './harness/app-process.js';
import { brokers, deleteTopic } from './harness/kafka.js';
import { freePort, waitFor } from './harness/ports.js';
import { createTestDatabase, type TestDatabase } from './harness/postgres.js';
import { histogram, parseExposition, samplesOf, total, type Exposition } from './harness/prometheus-text.js';
import { startWebhookReceiver, type WebhookReceiver } from './harness/webhook-receiver.js';

const metricsToken = `e2e-metrics-${randomBytes(16).toString('base64url')}`;

/** A report of a meeting to come, in our own words: one round, so one new-round alert. */
function article(tag: string) {
  return {
    title: `Envoys of Moldova and Romania to meet again (${tag})`,
    url: `https://news.example.org/metrics/${tag}`,
    publishedAt: '2025-05-02',
    body: `Negotiators from Moldova and Romania will hold a third round of talks in Vienna on 20 May 2025, the two foreign ministries said on Friday. Reference ${tag}.`,
  };
}

/** `headers`: the metrics token by default; none where METRICS_TOKEN is unset. */
async function scrape(baseUrl: string, headers: Record<string, string> = bearer(metricsToken)): Promise<Exposition> {
  const res = await fetch(`${baseUrl}/metrics`, { headers });
  assert.equal(res.status, 200, `GET /metrics answered ${res.status}`);
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  return parseExposition(await res.text());
}

async function post(baseUrl: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${baseUrl}/articles`, { method: 'POST', headers: jsonWith(ingestKey), body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** The JSON log lines of a process's output that carry `field` = `value`. */
function logLinesWith(output: string, field: string, value: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        return {};
      }
    })
    .filter((entry) => {
      const v = entry[field];
      return v === value || (Array.isArray(v) && v.includes(value));
    });
}

/** node:http, so the Host header can name another site (fetch sets its own). */
function statusWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { host, ...bearer(metricsToken) } }, (res) => {
      res.resume();
      res.on('end', () => {
        resolve(res.statusCode ?? 0);
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('metrics on npm start (embedded database and log, one process)', () => {
  let app: AppProcess;
  let receiver: WebhookReceiver;
  let dataDir: string;

  before(async () => {
    receiver = await startWebhookReceiver();
    dataDir = await mkdtemp(path.join(tmpdir(), 'tw-e2e-metrics-'));
    app = await startApp(
      'talkwatch',
      await freePort(),
      {
        DATA_DIR: dataDir,
        LOAD_EXAMPLES: 'false',
        API_KEYS: apiKeysEnv,
        // Reading needs a key too: /metrics must not.
        PUBLIC_READ: 'false',
        METRICS_TOKEN: metricsToken,
        OUTBOUND_ALLOWLIST: '127.0.0.1',
        DELIVERY_POLL_MS: '200',
        PUBLIC_RATE_LIMIT: 'off',
      },
      ['DATABASE_URL', 'KAFKA_BROKERS', 'SMTP_URL'],
    );
  });

  after(async () => {
    const code = await app.stop();
    await receiver.close();
    await rm(dataDir, { recursive: true, force: true });
    assert.equal(code, 0, app.output());
  });

  it('wants METRICS_TOKEN and no API key, checks the Host, and stays out of the OpenAPI document', async () => {
    assert.equal((await fetch(`${app.baseUrl}/metrics`)).status, 401);
    assert.equal((await fetch(`${app.baseUrl}/metrics`, { headers: bearer(adminKey) })).status, 401, 'an API key is not the metrics token');
    assert.equal((await fetch(`${app.baseUrl}/talks`)).status, 401, 'PUBLIC_READ=false holds elsewhere');
    await scrape(app.baseUrl);
    assert.equal(await statusWithHost(`${app.baseUrl}/metrics`, 'attacker.example.com'), 421);
    const doc = (await (await fetch(`${app.baseUrl}/docs/openapi.json`, { headers: bearer(adminKey) })).json()) as { paths: Record<string, unknown> };
    assert.ok(Object.keys(doc.paths).includes('/articles'));
    assert.ok(!Object.keys(doc.paths).some((p) => p.startsWith('/metrics')), 'no /metrics in the document');
  });

  it('moves the intake, projection and delivery counters and histograms for an article posted over HTTP', async () => {
    const created = await fetch(`${app.baseUrl}/subscriptions`, { method: 'POST', headers: jsonWith(adminKey), body: JSON.stringify({ kind: 'webhook', url: receiver.url }) });
    assert.equal(created.status, 201);
    receiver.secret = ((await created.json()) as { secret: string }).secret;

    const before = await scrape(app.baseUrl);
    const tag = randomBytes(4).toString('hex');
    const accepted = await post(app.baseUrl, article(tag));
    assert.equal(accepted.status, 202, JSON.stringify(accepted.json));
    const articleId = String(accepted.json.articleId);
    const eventCount = Number(accepted.json.eventCount);
    assert.ok(eventCount >= 1, 'the article reports a fact');
    assert.equal((await post(app.baseUrl, article(tag))).status, 200, 'the same article again is a duplicate');
    assert.equal((await post(app.baseUrl, { title: 'no body' })).status, 422);
    const trackRes = await fetch(`${app.baseUrl}/talks/no-such-track-${tag}`, { headers: bearer(adminKey) });
    assert.equal(trackRes.status, 404);

    await waitFor('the signed webhook', () => Promise.resolve(receiver.received.some((w) => w.verified) ? true : undefined), 60_000, 100);
    const webhook = receiver.received.find((w) => w.verified);
    const changeId = (JSON.parse(webhook?.body ?? '{}') as { data?: { id?: string } }).data?.id;
    assert.ok(changeId, `the webhook names its change: ${webhook?.body ?? ''}`);

    const afterwards = await waitFor(
      'the delivery to be counted',
      async () => {
        const m = await scrape(app.baseUrl);
        return total(m, 'talkwatch_delivery_attempts_total', { channel: 'webhook', outcome: 'delivered' }) >= 1 ? m : undefined;
      },
      20_000,
      200,
    );
    const moved = (name: string, labels: Record<string, string> = {}) => total(afterwards, name, labels) - total(before, name, labels);

    assert.equal(afterwards.types.get('talkwatch_articles_total'), 'counter');
    assert.equal(moved('talkwatch_articles_total', { source: 'api', outcome: 'accepted' }), 1);
    assert.equal(moved('talkwatch_articles_total', { source: 'api', outcome: 'duplicate' }), 1);
    assert.equal(moved('talkwatch_articles_total', { source: 'api', outcome: 'rejected' }), 1);
    assert.equal(moved('talkwatch_events_appended_total'), eventCount);
    assert.equal(moved('talkwatch_events_projected_total', { outcome: 'applied' }), eventCount);
    assert.ok(moved('talkwatch_changes_projected_total', { type: 'round.added' }) >= 1);
    assert.equal(moved('talkwatch_delivery_attempts_total', { channel: 'webhook', outcome: 'delivered' }), 1);

    assert.equal(afterwards.types.get('talkwatch_accepted_to_projected_seconds'), 'histogram');
    const projected = histogram(afterwards, 'talkwatch_accepted_to_projected_seconds');
    const projectedBefore = histogram(before, 'talkwatch_accepted_to_projected_seconds');
    assert.ok(projected, 'the accepted-to-projected histogram is there');
    assert.equal(projected.count - (projectedBefore?.count ?? 0), eventCount);
    assert.ok(projected.sum > (projectedBefore?.sum ?? 0), 'time was observed');
    const delivered = histogram(afterwards, 'talkwatch_projected_to_delivered_seconds', { channel: 'webhook' });
    assert.equal(delivered?.count, 1);
    assert.ok(delivered.sum > 0 && delivered.sum < 60, `a delivery within the minute: ${delivered.sum} s`);

    const http = (route: string, status: string, method = 'POST') => histogram(afterwards, 'talkwatch_http_request_duration_seconds', { method, route, status })?.count ?? 0;
    assert.equal(http('/articles', '202'), 1);
    assert.equal(http('/articles', '200'), 1);
    assert.equal(http('/articles', '422'), 1);
    assert.equal(http('/talks/:id', '404', 'GET'), 1);
    assert.ok(http('/metrics', '401', 'GET') >= 2, 'refused scrapes are timed too');
    const routes = new Set(samplesOf(afterwards, 'talkwatch_http_request_duration_seconds_count').map((s) => s.labels.route));
    assert.ok(![...routes].some((r) => r?.includes(tag)), `no raw path among the routes: ${[...routes].join(', ')}`);

    // One partition on the embedded log, caught up once the event is projected.
    const lag = samplesOf(afterwards, 'talkwatch_projection_lag_records');
    assert.deepEqual(lag.map((s) => [s.labels.partition, s.value]), [['0', 0]]);
    assert.ok(total(afterwards, 'process_resident_memory_bytes') > 0, 'the default process metrics are there');

    // The trail in the log: intake, append, projection (which names the change), delivery.
    const output = app.output();
    const contexts = logLinesWith(output, 'articleId', articleId).map((e) => e.context);
    for (const context of ['IngestArticle', 'OutboxRelay', 'ProjectionConsumer', 'DeliveryWorker']) {
      assert.ok(contexts.includes(context), `a ${context} line carries articleId ${articleId}: ${JSON.stringify(contexts)}`);
    }
    assert.ok(logLinesWith(output, 'changeIds', changeId).some((e) => e.context === 'ProjectionConsumer'), 'the projection line lists the change id');
    const delivery = logLinesWith(output, 'changeId', changeId).find((e) => e.context === 'DeliveryWorker');
    assert.ok(delivery, 'the delivery line carries the change id');
    assert.deepEqual([delivery.articleId, delivery.channel, delivery.attempt], [articleId, 'webhook', 1]);
  });
});

describe('metrics on the apps apart (Kafka and PostgreSQL)', () => {
  const runId = randomBytes(4).toString('hex');
  const topic = `talkwatch.e2e.metrics.${runId}`;
  let db: TestDatabase;
  let ingestor: AppProcess;
  let notifier: AppProcess;

  before(async () => {
    db = await createTestDatabase('tw_e2e_metrics');
    const env = {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: brokers,
      KAFKA_TOPIC: topic,
      KAFKA_TOPIC_PARTITIONS: '3',
      KAFKA_GROUP_ID: `talkwatch-e2e-metrics-${runId}`,
      API_KEYS: apiKeysEnv,
      DELIVERY_POLL_MS: '200',
    };
    ingestor = await startApp('ingestor', await freePort(), env);
    notifier = await startApp('notifier', await freePort(), env);
  });

  after(async () => {
    const codes = await Promise.all([ingestor.stop(), notifier.stop()]);
    await db.drop();
    await deleteTopic(topic);
    assert.deepEqual(codes, [0, 0], `${ingestor.output()}\n${notifier.output()}`);
  });

  it('counts intake on the ingestor and reports the projection lag of every partition on the notifier', async () => {
    const tag = randomBytes(4).toString('hex');
    const accepted = await post(ingestor.baseUrl, article(tag));
    assert.equal(accepted.status, 202, JSON.stringify(accepted.json));
    const eventCount = Number(accepted.json.eventCount);

    const intake = await waitFor(
      'the events appended',
      async () => {
        const m = await scrape(ingestor.baseUrl, {});
        return total(m, 'talkwatch_events_appended_total') >= eventCount ? m : undefined;
      },
      30_000,
      200,
    );
    assert.equal(total(intake, 'talkwatch_articles_total', { source: 'api', outcome: 'accepted' }), 1);
    assert.equal(total(intake, 'talkwatch_events_appended_total'), eventCount);
    assert.equal(samplesOf(intake, 'talkwatch_projection_lag_records').length, 0, 'the ingestor projects nothing');

    const projection = await waitFor(
      'the events projected',
      async () => {
        const m = await scrape(notifier.baseUrl, {});
        return total(m, 'talkwatch_events_projected_total', { outcome: 'applied' }) >= eventCount ? m : undefined;
      },
      60_000,
      250,
    );
    assert.equal(histogram(projection, 'talkwatch_accepted_to_projected_seconds')?.count, eventCount);
    const lag = samplesOf(projection, 'talkwatch_projection_lag_records', { topic });
    assert.deepEqual(lag.map((s) => s.labels.partition).sort(), ['0', '1', '2'], 'every partition of the topic is reported');
    assert.ok(lag.every((s) => s.value === 0), `caught up: ${JSON.stringify(lag)}`);
    assert.equal(total(projection, 'talkwatch_projection_lag_scrape_errors_total'), 0);
  });
});
