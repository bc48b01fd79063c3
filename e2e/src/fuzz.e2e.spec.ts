// Property-based fuzzing of every HTTP endpoint of both apps (as processes, on Kafka and
// PostgreSQL): hostile strings (NUL and other controls, unpaired surrogates, huge, unusual
// Unicode), odd dates, odd ids, odd JSON and content types. Whatever is sent, no answer is a 5xx,
// and every error is problem+json with a code. Runs and time are bounded; a failure prints the
// seed and the shrunk request (fast-check), to replay with { seed, path }.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { adminKey, apiKeysEnv, bearer, ingestKey } from './harness/api-keys.js';
import { startApp, type AppProcess } from './harness/app-process.js';
import { brokers, deleteTopic } from './harness/kafka.js';
import { freePort } from './harness/ports.js';
import { createTestDatabase, type TestDatabase } from './harness/postgres.js';

const runId = randomBytes(4).toString('hex');
const topic = `talkwatch.e2e.fuzz.${runId}`;

/** Per property: at most this many requests, and no longer than this. */
const budget = { numRuns: 300, interruptAfterTimeLimit: 8_000, markInterruptAsFailure: false } as const;

// --- what is sent -------------------------------------------------------------------------------

const nasty = ['\u0000', '\u0001', '\u0007', '\u001b', '\u007f', '\u0085', '\u009f', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uFFFE', '\uFFFF', '\uFEFF', '\u2028', '\u202E', '\u0301', '\t', '\r\n', '%', '%00', '%E0', '../', '\\', '"', "'", '<script>', '{', '}', '😀', 'ﷺ', 'İ', 'ß', '𝐀'];
const huge = ['a'.repeat(70_000), 'Russia and the United States will meet in Geneva. '.repeat(2_000), '['.repeat(50_000), '\u0000'.repeat(10_000), '😀'.repeat(20_000)];

/** Any UTF-16 code units, lone surrogates included. */
const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 });

const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.oneof(fc.constantFrom(...nasty), fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 8 })), { maxLength: 12 }).map((parts) => parts.join('')) },
  { weight: 2, arbitrary: codeUnits },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.constantFrom(...huge) },
);

const oddDate: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '2022-02-30', '2023-02-29', '2024-02-29', '0000-01-01', '9999-12-31', '1899-12-31', '2101-01-01', '1900-01-01', '2100-12-31', '2022-13-01', '2022-00-10',
    '2022-01-10T25:00', '2022-01-10T10:60', '2022-01-10T10:00:00+99:99', '2022-01-10T10:00:00.123456789Z', '2022-01-10 10:00', '+275760-09-13', '-000001-01-01',
    '2022-W01', '20220110', '', ' ', 'yesterday', 'null', '2022-01-10', '2022-01-10T10:00:00Z', '2022-01-10\u0000',
  ),
  fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString())),
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 })).map(
    ([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
  ),
  hostileString,
);

const oddId: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('russia--united-states', 'sub_00000000-0000-0000-0000-000000000000', 'x'.repeat(257), 'x'.repeat(5_000), '.', '..', '-', 'a b', 'a/b', 'a?b', 'a#b', 'null', 'undefined', '__proto__', 'constructor'),
  hostileString.filter((s) => s.length < 3_000),
);

/** A path segment: percent-encoded, or, for what has no UTF-8 form (a lone surrogate), raw escapes. */
function segment(id: string): string {
  try {
    return encodeURIComponent(id);
  } catch {
    return Array.from(id, (ch) => {
      try {
        return encodeURIComponent(ch);
      } catch {
        return `%${(ch.charCodeAt(0) >> 8).toString(16)}%${(ch.charCodeAt(0) & 0xff).toString(16)}`;
      }
    }).join('');
  }
}

const rawSegment = fc.oneof({ weight: 4, arbitrary: oddId.map(segment) }, { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '%E0', '%ED%A0%80', '%C0%AF', '%00', '%FF%FE', '%25') });

const jsonValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostileString, fc.constantFrom(null, true, 0, -1, 1e308, []));

/** Text that is unusual but may be stored: any Unicode but controls and lone surrogates, long or not. */
const oddText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.array(fc.constantFrom('\u0085', '\u009f', '\uFEFF', '\u2028', '\u202E', '\u0301', '😀', 'ﷺ', 'İ', '𝐀', '\t', '\r\n', '\n\n', '. ', '[', '](', '<a>', '# ', '\\'), { maxLength: 20 }).map((p) => p.join('')),
  fc.constantFrom(huge[1] ?? '', huge[2] ?? '', huge[4] ?? ''),
);

/** An article that passes validation, so that extraction, storage and the log are fuzzed too. */
const plausibleArticle = fc.record({
  title: oddText.filter((t) => t.trim() !== '' && t.length <= 500),
  publishedAt: fc.oneof(fc.constantFrom('2022-01-10', '2024-02-29', '1900-01-01', '2100-12-31T23:59:59Z', '2022-01-10T10:00:00+14:00'), fc.constant(null)),
  dateFallback: fc.constantFrom('receivedAt', null),
  body: fc
    .tuple(oddText, oddText, oddText)
    .map(([a, b, c]) => `Japan and Canada are to hold talks in Oslo on Monday ${a}. NATO demanded security guarantees from Russia ${b}.\n\nThe second round was postponed until March${c}.`),
});

const hostileArticle = fc.record(
  {
    title: fc.oneof(hostileString, fc.constant('Envoys meet'), jsonValue),
    // IP literals and malformed URLs only: an article without a body is fetched from its URL, and
    // these the SSRF guard refuses before connecting (192.0.2.0/24 is a documentation range).
    url: fc.oneof(hostileString, fc.constantFrom('https://192.0.2.1/a', 'http://127.0.0.1:9/', 'http://[::1]/', 'ftp://x', 'http://', 'https://ex ample.org'), jsonValue),
    publishedAt: fc.oneof(oddDate, jsonValue),
    dateFallback: fc.oneof(fc.constant('receivedAt'), hostileString, jsonValue),
    body: fc.oneof(
      hostileString,
      fc.tuple(hostileString, hostileString).map(([a, b]) => `Japan and Canada are to hold talks in Oslo on Monday${a}. ${b} NATO demanded guarantees.`),
      fc.tuple(hostileString, oddDate).map(([a, d]) => `<html><head><title>${a}</title><meta property="article:published_time" content="${d}"></head><body><p>Russia and Iran will meet in Vienna.</p></body></html>`),
      jsonValue,
    ),
  },
  { requiredKeys: [] },
);

const article = fc.oneof({ weight: 1, arbitrary: hostileArticle }, { weight: 2, arbitrary: plausibleArticle });

const subscription = fc.record(
  {
    kind: fc.oneof(fc.constantFrom('webhook', 'email'), hostileString),
    // IP literals and malformed URLs only: a host name would be looked up in DNS.
    url: fc.oneof(fc.constantFrom('http://127.0.0.1/hook', 'http://10.0.0.1/', 'http://[::1]/', 'http://0x7f.1/', 'http://2130706433/', 'https://user:pw@1.1.1.1/', 'http://', 'gopher://1.1.1.1/'), hostileString),
    email: fc.oneof(fc.constantFrom('analyst@example.org', 'a@b', '@', 'x@y.z'), hostileString.map((s) => `${s}@example.org`)),
    secret: fc.oneof(fc.constant(`whsec_${Buffer.alloc(24).toString('base64')}`), hostileString),
    trackIds: fc.oneof(fc.array(oddId, { maxLength: 5 }), jsonValue),
    enabled: fc.oneof(fc.boolean(), jsonValue),
  },
  { requiredKeys: [] },
);

const source = fc.record(
  {
    // IP literals and malformed URLs only, all refused: a source created here would be polled.
    url: fc.oneof(fc.constantFrom('http://127.0.0.1/feed', 'http://10.0.0.1/rss', 'http://[::1]/', 'http://0x7f.1/', 'https://user:pw@1.1.1.1/', 'http://', 'gopher://1.1.1.1/'), hostileString),
    name: fc.oneof(hostileString, fc.constant('Wire'), jsonValue),
    interval: fc.oneof(fc.constantFrom('15m', '0', 1, 0, -5, 1.5, '8d', '1d', 'soon', '9999999999999999999s'), jsonValue),
    enabled: fc.oneof(fc.boolean(), jsonValue),
  },
  { requiredKeys: [] },
);

/** A request body as bytes: JSON of the value, or something that is not JSON at all. */
const body = (value: fc.Arbitrary<unknown>): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: value.map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.constantFrom('', '{', '{"title":', '[', 'nul', '"x"', '1e999', '{"a":1,"a":2}', '{"__proto__":{"polluted":1}}', `${'['.repeat(5_000)}${']'.repeat(5_000)}`, '\uFEFF{}', '{"body":"\\ud800"}', `{"title":"x","body":"${'x'.repeat(1_100_000)}"}`) },
    { weight: 1, arbitrary: hostileString },
  );

const contentType = fc.constantFrom('application/json', 'application/json', 'application/json', 'text/plain', 'application/json; charset=latin1', 'application/merge-patch+json', 'application/x-www-form-urlencoded', '');

// --- what must come back ------------------------------------------------------------------------

/** How many answers of each status a property got, shown as a diagnostic of its test. */
const tally = new Map<number, number>();

async function call(base: string, method: string, target: string, options: { body?: string; type?: string; key?: string } = {}): Promise<void> {
  const headers: Record<string, string> = { ...(options.key ? bearer(options.key) : {}) };
  if (options.type) headers['content-type'] = options.type;
  const controller = new AbortController();
  const res = await fetch(`${base}${target}`, { method, headers, body: options.body, signal: controller.signal });
  tally.set(res.status, (tally.get(res.status) ?? 0) + 1);
  const what = `${method} ${target.slice(0, 300)} ${options.type ?? ''} ${JSON.stringify(options.body?.slice(0, 300))}`;
  if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    controller.abort();
    assert.equal(res.status, 200, what);
    return;
  }
  const text = await res.text();
  assert.ok(res.status < 500, `${what} answered ${res.status}: ${text.slice(0, 500)}`);
  if (res.status < 400 || method === 'HEAD') return;
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/, `${what} answered ${res.status} as ${res.headers.get('content-type')}`);
  const problem = JSON.parse(text) as { code?: unknown; status?: unknown };
  assert.equal(typeof problem.code, 'string', `${what}: ${text.slice(0, 300)}`);
  assert.equal(problem.status, res.status, `${what}: ${text.slice(0, 300)}`);
}

/** fc.assert, with the failed assertion's own message in the error (the test reporter omits causes). */
async function fuzz<Ts extends unknown[]>(t: { diagnostic(message: string): void }, property: fc.IAsyncProperty<Ts>, params: fc.Parameters<Ts> = budget): Promise<void> {
  tally.clear();
  try {
    await fc.assert(property, params);
    const statuses = [...tally].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`);
    t.diagnostic(`answers: ${statuses.join(' ')}`);
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `\nWhat failed: ${error.cause.message}` : '';
    throw new Error(`${error instanceof Error ? error.message : String(error)}${cause}`, { cause: error });
  }
}

const query = (name: string, value: string | undefined): string => (value === undefined ? '' : `?${name}=${segment(value)}`);

describe('fuzzing every endpoint: no 5xx, every error problem+json with a code', () => {
  let db: TestDatabase;
  let dataDir: string;
  let ingestor: AppProcess;
  let notifier: AppProcess;

  before(async () => {
    db = await createTestDatabase('tw_e2e_fuzz');
    // The notifier writes alert emails to DATA_DIR/outbox without SMTP_URL: a directory of this run.
    dataDir = await mkdtemp(path.join(tmpdir(), 'talkwatch-fuzz-'));
    const env = {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: brokers,
      KAFKA_TOPIC: topic,
      KAFKA_TOPIC_PARTITIONS: '2',
      KAFKA_GROUP_ID: `talkwatch-e2e-fuzz-${runId}`,
      API_KEYS: apiKeysEnv,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'error',
      // Hundreds of anonymous requests: every one must reach its route, not the rate limit.
      PUBLIC_RATE_LIMIT: 'off',
    };
    [ingestor, notifier] = await Promise.all([startApp('ingestor', await freePort(), env), startApp('notifier', await freePort(), env)]);
  });

  after(async () => {
    const codes = await Promise.all([ingestor.stop(), notifier.stop()]);
    await db.drop();
    await deleteTopic(topic);
    await rm(dataDir, { recursive: true, force: true });
    assert.deepEqual(codes, [0, 0], `apps did not shut down cleanly:\n${ingestor.output()}\n${notifier.output()}`);
  });

  it('POST /articles', async (t) => {
    await fuzz(
      t,
      fc.asyncProperty(body(article), contentType, fc.constantFrom(ingestKey, ingestKey, ingestKey, adminKey, undefined), async (sent, type, key) => {
        await call(ingestor.baseUrl, 'POST', '/articles', { body: sent, type, key });
      }),
    );
  });

  it('GET /talks, /talks/:id and /talks/:id/timeline, with and without asOf', async (t) => {
    await fuzz(
      t,
      fc.asyncProperty(rawSegment, fc.option(oddDate, { nil: undefined }), fc.constantFrom('', '/timeline'), fc.boolean(), async (id, asOf, tail, list) => {
        await call(notifier.baseUrl, 'GET', list ? `/talks${query('asOf', asOf)}` : `/talks/${id}${tail}${query('asOf', asOf)}`);
      }),
    );
  });

  it('GET /events/stream?trackId=', async (t) => {
    await fuzz(
      t,
      fc.asyncProperty(fc.option(oddId, { nil: undefined }), async (trackId) => {
        await call(notifier.baseUrl, 'GET', `/events/stream${query('trackId', trackId)}`);
      }),
      { ...budget, numRuns: 60 },
    );
  });

  it('POST, GET, PATCH and DELETE /subscriptions…', async (t) => {
    await fuzz(
      t,
      fc.asyncProperty(
        fc.constantFrom('POST', 'GET', 'PATCH', 'DELETE', 'GET deliveries'),
        rawSegment,
        body(subscription),
        contentType,
        fc.constantFrom(adminKey, adminKey, ingestKey, undefined),
        async (action, id, sent, type, key) => {
          if (action === 'POST') await call(notifier.baseUrl, 'POST', '/subscriptions', { body: sent, type, key });
          else if (action === 'GET deliveries') await call(notifier.baseUrl, 'GET', `/subscriptions/${id}/deliveries`, { key });
          else await call(notifier.baseUrl, action, `/subscriptions/${id}`, { body: action === 'PATCH' ? sent : undefined, type, key });
        },
      ),
    );
  });

  it('POST, GET, PATCH and DELETE /sources…', async (t) => {
    await fuzz(
      t,
      fc.asyncProperty(
        fc.constantFrom('POST', 'GET', 'GET one', 'PATCH', 'DELETE'),
        rawSegment,
        body(source),
        contentType,
        fc.constantFrom(ingestKey, ingestKey, adminKey, undefined),
        async (action, id, sent, type, key) => {
          if (action === 'POST') await call(ingestor.baseUrl, 'POST', '/sources', { body: sent, type, key });
          else if (action === 'GET') await call(ingestor.baseUrl, 'GET', '/sources', { key });
          else await call(ingestor.baseUrl, action === 'GET one' ? 'GET' : action, `/sources/${id}`, { body: action === 'PATCH' ? sent : undefined, type, key });
        },
      ),
    );
  });

  it('any method on any path, with odd ids and queries', async (t) => {
    const paths = ['/articles', '/sources', '/sources/{id}', '/talks', '/talks/{id}', '/talks/{id}/timeline', '/events/stream', '/subscriptions', '/subscriptions/{id}', '/subscriptions/{id}/deliveries', '/health/live', '/health/ready', '/{id}', '/docs/openapi.json'];
    await fuzz(
      t,
      fc.asyncProperty(
        fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
        fc.constantFrom(...paths),
        rawSegment,
        fc.option(fc.tuple(rawSegment, rawSegment), { nil: undefined }),
        fc.constantFrom('ingestor', 'notifier'),
        async (method, template, id, extraQuery, app) => {
          const target = template.replace('{id}', id) + (extraQuery ? `?${extraQuery[0]}=${extraQuery[1]}` : '');
          const withBody = method !== 'GET' && method !== 'HEAD';
          await call(app === 'ingestor' ? ingestor.baseUrl : notifier.baseUrl, method, target, { key: adminKey, body: withBody ? '{}' : undefined, type: withBody ? 'application/json' : undefined });
        },
      ),
    );
  });
});
