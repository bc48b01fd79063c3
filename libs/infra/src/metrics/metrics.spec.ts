import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { Controller, Get, Module, NotFoundException, Param, type INestApplication } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { z } from 'zod';
import { apiKeyOf, type AuthConfig } from '../config/api-keys.js';
import { ConfigError, parseEnv } from '../config/env.js';
import { ApiKeyGuard } from '../http/api-key.guard.js';
import { configureHttp, openApiDocument } from '../nest/bootstrap.js';
import { routeLabelOf, unmatchedRoute } from './http-metrics.js';
import { metricsConfigOf, metricsEnvShape, type MetricsConfig } from './metrics-config.js';
import { presentsMetricsToken } from './metrics.controller.js';
import { MetricsModule } from './metrics.module.js';
import { Metrics } from './metrics.js';

/** The value of one sample line of the text format, e.g. `name{a="b"}`; undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function valuesOf(metric: { get(): Promise<{ values: { labels: Record<string, string | number>; value: number; metricName?: string }[] }> }) {
  return (await metric.get()).values;
}

describe('Metrics', () => {
  it('counts by label and writes the text format', async () => {
    const metrics = new Metrics();
    metrics.articles.inc({ source: 'api', outcome: 'accepted' });
    metrics.articles.inc({ source: 'api', outcome: 'accepted' });
    metrics.articles.inc({ source: 'feed', outcome: 'rejected' });
    metrics.deliveries.inc({ channel: 'webhook', outcome: 'retried' });
    metrics.projectedToDelivered.observe({ channel: 'email' }, 0.3);
    const text = await metrics.exposition();
    assert.equal(sample(text, 'talkwatch_articles_total{source="api",outcome="accepted"}'), 2);
    assert.equal(sample(text, 'talkwatch_articles_total{source="feed",outcome="rejected"}'), 1);
    assert.equal(sample(text, 'talkwatch_delivery_attempts_total{channel="webhook",outcome="retried"}'), 1);
    assert.equal(sample(text, 'talkwatch_projected_to_delivered_seconds_bucket{le="0.25",channel="email"}'), 0);
    assert.equal(sample(text, 'talkwatch_projected_to_delivered_seconds_bucket{le="0.5",channel="email"}'), 1);
    assert.equal(sample(text, 'talkwatch_projected_to_delivered_seconds_count{channel="email"}'), 1);
    assert.match(text, /^# TYPE talkwatch_accepted_to_projected_seconds histogram$/m);
    assert.match(metrics.contentType, /^text\/plain; version=0\.0\.4/);
  });

  it('keeps each instance to its own registry (no global state between processes under test)', async () => {
    const one = new Metrics();
    const two = new Metrics();
    one.eventsAppended.inc({ type: 'RoundReported' });
    assert.equal(sample(await one.exposition(), 'talkwatch_events_appended_total{type="RoundReported"}'), 1);
    assert.equal(sample(await two.exposition(), 'talkwatch_events_appended_total{type="RoundReported"}'), undefined);
  });

  it('gives a component its own named counter once, and the same one when asked again', async () => {
    const metrics = new Metrics();
    const deadLetters = metrics.counter({ name: 'talkwatch_dead_letters_total', help: 'Records set aside', labelNames: ['reason'] });
    assert.equal(metrics.counter({ name: 'talkwatch_dead_letters_total', help: 'Records set aside', labelNames: ['reason'] }), deadLetters);
    deadLetters.inc({ reason: 'invalid-json' });
    assert.equal(sample(await metrics.exposition(), 'talkwatch_dead_letters_total{reason="invalid-json"}'), 1);
    assert.throws(() => metrics.counter({ name: 'talkwatch_projection_lag_records', help: 'not a counter' }), /already registered as another type/);
  });

  it('reads the projection lag at each scrape, and keeps the last values when the source fails', async () => {
    const metrics = new Metrics();
    assert.deepEqual(await valuesOf(metrics.projectionLag), [], 'no samples where nothing projects');
    let lags = [
      { topic: 'talkwatch.events', partition: 0, records: 7 },
      { topic: 'talkwatch.events', partition: 1, records: 0 },
    ];
    let fail = false;
    metrics.reportProjectionLag(() => (fail ? Promise.reject(new Error('broker away')) : Promise.resolve(lags)));
    let text = await metrics.exposition();
    assert.equal(sample(text, 'talkwatch_projection_lag_records{topic="talkwatch.events",partition="0"}'), 7);
    assert.equal(sample(text, 'talkwatch_projection_lag_records{topic="talkwatch.events",partition="1"}'), 0);
    lags = [{ topic: 'talkwatch.events', partition: 0, records: 2 }];
    text = await metrics.exposition();
    assert.equal(sample(text, 'talkwatch_projection_lag_records{topic="talkwatch.events",partition="0"}'), 2);
    assert.equal(sample(text, 'talkwatch_projection_lag_records{topic="talkwatch.events",partition="1"}'), undefined, 'a partition no longer reported is dropped');
    fail = true;
    text = await metrics.exposition();
    assert.equal(sample(text, 'talkwatch_projection_lag_records{topic="talkwatch.events",partition="0"}'), 2);
    assert.equal(sample(text, 'talkwatch_projection_lag_scrape_errors_total'), 1);
  });

  it('adds the process metrics once, however often asked', async () => {
    const metrics = new Metrics();
    assert.equal(sample(await metrics.exposition(), 'process_cpu_user_seconds_total'), undefined);
    metrics.collectProcessMetrics();
    metrics.collectProcessMetrics();
    const text = await metrics.exposition();
    assert.ok((sample(text, 'process_cpu_user_seconds_total') ?? -1) >= 0);
    assert.match(text, /^nodejs_eventloop_lag_seconds /m);
  });
});

describe('routeLabelOf', () => {
  it('is the route template the router matched, under its mount path; one label for the rest', () => {
    assert.equal(routeLabelOf({ baseUrl: '', route: { path: '/talks/:id' } }), '/talks/:id');
    assert.equal(routeLabelOf({ baseUrl: '/api', route: { path: '/talks' } }), '/api/talks');
    assert.equal(routeLabelOf({ baseUrl: '', route: { path: ['/', '/tracks/*path'] } }), '/|/tracks/*path');
    assert.equal(routeLabelOf({ baseUrl: '' }), unmatchedRoute);
  });
});

describe('metrics config', () => {
  const schema = z.object(metricsEnvShape);
  it('is on and open by default', () => {
    assert.deepEqual(metricsConfigOf(parseEnv(schema, {})), { enabled: true, token: undefined });
    assert.deepEqual(metricsConfigOf(parseEnv(schema, { METRICS_ENABLED: 'false', METRICS_TOKEN: 'scrape-token-0123456789' })), { enabled: false, token: 'scrape-token-0123456789' });
  });
  it('refuses a short or unprintable token and a non-boolean switch, all at once', () => {
    assert.throws(
      () => parseEnv(schema, { METRICS_ENABLED: 'sometimes', METRICS_TOKEN: 'short' }),
      (error: unknown) => error instanceof ConfigError && error.problems.length === 2 && error.problems.some((p) => p.startsWith('METRICS_TOKEN')) && error.problems.some((p) => p.startsWith('METRICS_ENABLED')),
    );
    assert.throws(() => parseEnv(schema, { METRICS_TOKEN: 'a token with spaces in it' }), ConfigError);
  });
  it('compares the presented token in full', () => {
    assert.equal(presentsMetricsToken('scrape-token-0123456789', 'Bearer scrape-token-0123456789'), true);
    assert.equal(presentsMetricsToken('scrape-token-0123456789', 'bearer scrape-token-0123456789'), true);
    for (const header of [undefined, '', 'Bearer', 'Bearer scrape-token-012345678', 'Bearer scrape-token-01234567890', 'Basic scrape-token-0123456789']) {
      assert.equal(presentsMetricsToken('scrape-token-0123456789', header), false, String(header));
    }
  });
});

@Controller('things')
class ThingsController {
  @Get(':id')
  one(@Param('id') id: string): { id: string } {
    if (id === 'missing') throw new NotFoundException();
    return { id };
  }
}

interface Answer {
  readonly status: number;
  readonly type: string | undefined;
  readonly body: string;
}

/** node:http, so the Host header can be anything (fetch sets it itself). */
function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

const apiKey = 'metrics-spec-key-'.padEnd(40, 'k');
/** PUBLIC_READ=false: every route needs a key unless it is always open. */
const closedAuth: AuthConfig = { keys: [apiKeyOf(apiKey)], publicRead: false };

async function serve(config: MetricsConfig): Promise<{ app: INestApplication; url: string; metrics: Metrics }> {
  const metrics = new Metrics();
  @Module({ imports: [MetricsModule.forRoot(metrics, config)], controllers: [ThingsController] })
  class SpecRoot {}
  const app = await NestFactory.create(SpecRoot, { logger: false, bodyParser: false });
  app.useGlobalGuards(new ApiKeyGuard(app.get(Reflector), closedAuth));
  configureHttp(app, { title: 'spec', description: 'spec', jsonLimitBytes: 1024, auth: closedAuth, hosts: { names: [], suffixes: [], any: false }, metrics });
  await app.listen(0, '127.0.0.1');
  return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1'), metrics };
}

describe('GET /metrics', () => {
  let open: Awaited<ReturnType<typeof serve>>;
  let guarded: Awaited<ReturnType<typeof serve>>;
  let disabled: Awaited<ReturnType<typeof serve>>;
  const token = 'scrape-token-0123456789';
  before(async () => {
    [open, guarded, disabled] = await Promise.all([serve({ enabled: true, token: undefined }), serve({ enabled: true, token }), serve({ enabled: false, token: undefined })]);
  });
  after(async () => {
    await Promise.all([open.app.close(), guarded.app.close(), disabled.app.close()]);
  });

  it('answers the text format without an API key, even with PUBLIC_READ=false, with the process metrics', async () => {
    assert.equal((await get(`${open.url}/things/a`)).status, 401, 'other routes do need a key');
    const answer = await get(`${open.url}/metrics`);
    assert.equal(answer.status, 200);
    assert.match(answer.type ?? '', /^text\/plain; version=0\.0\.4/);
    assert.match(answer.body, /^# TYPE talkwatch_articles_total counter$/m);
    assert.ok((sample(answer.body, 'process_resident_memory_bytes') ?? 0) > 0);
  });

  it('times requests under their route template and status, never the raw path', async () => {
    const key = { authorization: `Bearer ${apiKey}` };
    await get(`${open.url}/things/first-id`, key);
    await get(`${open.url}/things/second-id`, key);
    await get(`${open.url}/things/missing`, key);
    await get(`${open.url}/no/such/route/4711`, key);
    const text = await open.metrics.exposition();
    assert.equal(sample(text, 'talkwatch_http_request_duration_seconds_count{method="GET",route="/things/:id",status="200"}'), 2);
    assert.equal(sample(text, 'talkwatch_http_request_duration_seconds_count{method="GET",route="/things/:id",status="404"}'), 1);
    assert.equal(sample(text, `talkwatch_http_request_duration_seconds_count{method="GET",route="${unmatchedRoute}",status="404"}`), 1);
    assert.doesNotMatch(text, /first-id|second-id|4711/);
  });

  it('asks for METRICS_TOKEN when it is set: 401 problem+json without it or with another', async () => {
    const wrong: Record<string, string>[] = [{}, { authorization: 'Bearer not-the-token-at-all' }, { authorization: `Bearer ${apiKey}` }];
    for (const headers of wrong) {
      const refused = await get(`${guarded.url}/metrics`, headers);
      assert.equal(refused.status, 401);
      assert.match(refused.type ?? '', /application\/problem\+json/);
      assert.equal((JSON.parse(refused.body) as { code: string }).code, 'unauthorized');
    }
    const answer = await get(`${guarded.url}/metrics`, { authorization: `Bearer ${token}` });
    assert.equal(answer.status, 200);
    assert.match(answer.body, /talkwatch_http_request_duration_seconds/);
  });

  it('still goes through the Host check', async () => {
    const answer = await get(`${open.url}/metrics`, { host: 'rebound.example.net' });
    assert.equal(answer.status, 421);
    assert.equal((JSON.parse(answer.body) as { code: string }).code, 'unknown-host');
  });

  it('is not in the OpenAPI document', () => {
    const document = openApiDocument(open.app, { title: 'spec', description: 'spec' });
    assert.ok(Object.keys(document.paths).includes('/things/{id}'), 'the document lists the other routes');
    assert.ok(!Object.keys(document.paths).some((p) => p.startsWith('/metrics')));
  });

  it('with METRICS_ENABLED=false: no route and no process metrics', async () => {
    assert.equal((await get(`${disabled.url}/metrics`)).status, 404);
    assert.equal(sample(await disabled.metrics.exposition(), 'process_cpu_user_seconds_total'), undefined);
  });
});
