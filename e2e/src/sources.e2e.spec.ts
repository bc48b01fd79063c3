// The ways in other than a prepared JSON article, over real HTTP against the ingestor as a process
// (Kafka, PostgreSQL): POST /articles {url} fetching a page from a local site, the sources API
// with a feed from SOURCES_FILE polled at start, `talkwatch sources add|list` against it, and a
// watched folder.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { adminKey, apiKeysEnv, bearer, ingestKey, jsonWith } from './harness/api-keys.js';
import { startApp, type AppProcess } from './harness/app-process.js';
import { brokers, deleteTopic } from './harness/kafka.js';
import { freePort, waitFor } from './harness/ports.js';
import { createTestDatabase, type TestDatabase } from './harness/postgres.js';
import { repoRoot } from './harness/repo.js';

/** Runs the talkwatch command as a user would, piped (not a terminal). */
function talkwatch(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'apps/talkwatch/dist/cli.js'), ...args], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

const runId = randomBytes(4).toString('hex');
const topic = `talkwatch.e2e.sources.${runId}`;

const paragraphs = '<p>The mediators said the delegations had narrowed their differences on the sequencing of the withdrawal and would report to their capitals before the next session.</p>'.repeat(3);
const pages: Record<string, { type: string; body: string }> = {
  '/story': {
    type: 'text/html; charset=utf-8',
    body: `<html><head><title>Kosovo and Serbia negotiators meet in Brussels</title><meta name="author" content="Lea Novak"><meta property="article:published_time" content="2025-08-01T10:00:00Z"></head><body><nav>Home</nav><article><h1>Kosovo and Serbia negotiators meet in Brussels</h1><p>Chief negotiators of Kosovo and Serbia met in Brussels on Friday for EU-facilitated talks.</p>${paragraphs}</article></body></html>`,
  },
  '/logo.png': { type: 'image/png', body: 'PNG' },
  '/feed.xml': {
    type: 'application/rss+xml',
    body: `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Local wire</title><item><guid>e2e-1</guid><title>Armenia and Azerbaijan foreign ministers to meet</title><pubDate>Sat, 02 Aug 2025 09:00:00 GMT</pubDate><content:encoded><![CDATA[<p>The foreign ministers of Armenia and Azerbaijan will meet in Abu Dhabi next week, the two ministries said.</p>${paragraphs}]]></content:encoded></item></channel></rss>`,
  },
  '/other.json': { type: 'application/feed+json', body: JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Other', items: [] }) },
};

interface SourceView {
  id: string;
  url: string;
  origin: string;
  enabled: boolean;
  status: { itemsSeen: number; itemsIngested: number; lastSuccessAt: string | null; nextPollAt: string | null };
}

describe('sources end to end: URL ingest, feeds, folder watch (ingestor process, Kafka, PostgreSQL)', () => {
  let db: TestDatabase;
  let site: Server;
  let origin: string;
  let directory: string;
  let ingestor: AppProcess;

  before(async () => {
    site = createServer((request, response) => {
      const page = pages[request.url ?? ''];
      if (!page) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': page.type }).end(page.body);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const address = site.address();
    origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    directory = await mkdtemp(path.join(tmpdir(), 'tw-e2e-sources-'));
    const sourcesFile = path.join(directory, 'sources.yaml');
    await writeFile(sourcesFile, `sources:\n  - url: ${origin}/feed.xml\n    name: Local wire\n    interval: 1h\n`);
    db = await createTestDatabase('tw_e2e_sources');
    ingestor = await startApp('ingestor', await freePort(), {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: brokers,
      KAFKA_TOPIC: topic,
      KAFKA_TOPIC_PARTITIONS: '1',
      API_KEYS: apiKeysEnv,
      // The local site listens on loopback, which the SSRF guard refuses otherwise.
      OUTBOUND_ALLOWLIST: '127.0.0.1',
      SOURCES_FILE: sourcesFile,
      SOURCES_TICK_MS: '200',
      WATCH_DIR: path.join(directory, 'inbox'),
      WATCH_POLL_MS: '100',
      WATCH_STABLE_MS: '300',
    });
  });

  after(async () => {
    const code = await ingestor.stop();
    await new Promise<void>((resolve) => {
      site.closeAllConnections();
      site.close(() => {
        resolve();
      });
    });
    await db.drop();
    await deleteTopic(topic);
    await rm(directory, { recursive: true, force: true });
    assert.equal(code, 0, `the ingestor did not shut down cleanly:\n${ingestor.output()}`);
  });

  const post = (url: string, body: unknown, key = ingestKey) => fetch(url, { method: 'POST', headers: jsonWith(key), body: JSON.stringify(body) });

  it('POST /articles {url}: 202 with what was fetched, 200 duplicate the second time, 415 for an image, 401 without a key', async () => {
    const first = await post(`${ingestor.baseUrl}/articles`, { url: `${origin}/story` });
    assert.equal(first.status, 202, await first.clone().text());
    const accepted = (await first.json()) as { status: string; eventCount: number; fetched: { byline: string; finalUrl: string } };
    assert.deepEqual([accepted.status, accepted.fetched.byline, accepted.fetched.finalUrl], ['accepted', 'Lea Novak', `${origin}/story`]);
    assert.ok(accepted.eventCount > 0);
    const again = await post(`${ingestor.baseUrl}/articles`, { url: `${origin}/story` });
    assert.deepEqual([again.status, ((await again.json()) as { status: string }).status], [200, 'duplicate']);
    const image = await post(`${ingestor.baseUrl}/articles`, { url: `${origin}/logo.png` });
    assert.equal(image.status, 415);
    assert.equal(image.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    assert.equal(((await image.json()) as { code: string }).code, 'unsupported-content-type');
    const anonymous = await fetch(`${ingestor.baseUrl}/articles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: `${origin}/story` }) });
    assert.equal(anonymous.status, 401);
  });

  it('polls the SOURCES_FILE feed at start and shows its status in GET /sources', async () => {
    const [source] = await waitFor('the file feed to be polled', async () => {
      const res = await fetch(`${ingestor.baseUrl}/sources`, { headers: bearer(ingestKey) });
      const list = (await res.json()) as SourceView[];
      return list[0]?.status.lastSuccessAt ? list : undefined;
    });
    assert.ok(source);
    assert.deepEqual([source.url, source.origin, source.status.itemsSeen, source.status.itemsIngested], [`${origin}/feed.xml`, 'file', 1, 1]);
    // Its article is labelled with the source's id: listed and counted per feed.
    const fromFeed = (await (await fetch(`${ingestor.baseUrl}/articles?source=${source.id}`)).json()) as { items: { title: string }[]; counts: { total: number } };
    assert.deepEqual([fromFeed.counts.total, fromFeed.items[0]?.title], [1, 'Armenia and Azerbaijan foreign ministers to meet']);
  });

  it('adds, pauses and removes a source through the API, with coded errors', async () => {
    const created = await post(`${ingestor.baseUrl}/sources`, { url: `${origin}/other.json`, interval: '30m' });
    assert.equal(created.status, 201);
    const source = (await created.json()) as SourceView;
    assert.equal(source.origin, 'api');
    const twice = await post(`${ingestor.baseUrl}/sources`, { url: `${origin}/other.json` });
    assert.deepEqual([twice.status, ((await twice.json()) as { code: string }).code], [409, 'source-exists']);
    const invalid = await post(`${ingestor.baseUrl}/sources`, { url: 'ftp://news.test/feed', interval: 'often' });
    const problem = (await invalid.json()) as { code: string; errors: { field: string }[] };
    assert.deepEqual([invalid.status, problem.code, problem.errors.map((e) => e.field).sort()], [422, 'invalid-source', ['interval', 'url']]);
    assert.equal((await post(`${ingestor.baseUrl}/sources`, { url: `${origin}/x.json` }, adminKey)).status, 403, 'sources need the ingest scope');
    const paused = await fetch(`${ingestor.baseUrl}/sources/${source.id}`, { method: 'PATCH', headers: jsonWith(ingestKey), body: JSON.stringify({ enabled: false }) });
    assert.deepEqual([paused.status, ((await paused.json()) as SourceView).status.nextPollAt], [200, null]);
    const removed = await fetch(`${ingestor.baseUrl}/sources/${source.id}`, { method: 'DELETE', headers: bearer(ingestKey) });
    assert.equal(removed.status, 204);
    const gone = await fetch(`${ingestor.baseUrl}/sources/${source.id}`, { headers: bearer(ingestKey) });
    assert.deepEqual([gone.status, ((await gone.json()) as { code: string }).code], [404, 'source-not-found']);
  });

  it('talkwatch sources add and list: the feed added through the API, then the table of every feed with its status', async () => {
    const env = { TALKWATCH_API_KEY: ingestKey };
    const added = await talkwatch(['sources', 'add', '--server', ingestor.baseUrl, `${origin}/cli.json`, '--name', 'CLI feed', '--interval', '2h', '--disabled'], env);
    assert.equal(added.code, 0, `${added.stdout}\n${added.stderr}`);
    const id = /Added (src_[0-9a-f]+): /.exec(added.stdout)?.[1];
    assert.ok(id, added.stdout);
    const again = await talkwatch(['sources', 'add', '--server', ingestor.baseUrl, `${origin}/cli.json`], env);
    assert.equal(again.code, 1);
    assert.match(again.stderr, new RegExp(`409 source-exists: .*\\(id ${id}\\)`));
    const list = await talkwatch(['sources', 'list', '--server', ingestor.baseUrl], env);
    assert.equal(list.code, 0, list.stderr);
    const lines = list.stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /id\s+feed\s+status\s+every\s+last success\s+last error\s+seen\/ingested\s+next poll/);
    // The file's feed, polled once with its one item; the new one paused.
    const fileRow = lines.find((l) => l.includes(`Local wire <${origin}/feed.xml>`));
    assert.match(fileRow ?? '', /\sok\s+1h\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}Z\s+1\/1\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}Z$/);
    assert.match(lines.find((l) => l.includes(id)) ?? '', new RegExp(`CLI feed <${origin}/cli.json>\\s+paused\\s+2h\\s+never\\s+0/0\\s+-$`));
    const refused = await talkwatch(['sources', 'list', '--server', ingestor.baseUrl], { TALKWATCH_API_KEY: `wrong-${'k'.repeat(40)}` });
    assert.deepEqual([refused.code, /401 unauthorized/.test(refused.stderr)], [1, true], refused.stderr);
  });

  it('ingests a file dropped into WATCH_DIR and moves it to processed/', async () => {
    const inbox = path.join(directory, 'inbox');
    await writeFile(path.join(inbox, 'note.md'), '---\ntitle: Sudan talks in Jeddah postponed\npublished: 2025-08-03\n---\n\nThe Jeddah talks between the Sudanese army and the Rapid Support Forces were postponed, the mediators said on Sunday.\n');
    await waitFor('the file to be processed', () => Promise.resolve(existsSync(path.join(inbox, 'processed', 'note.md')) ? true : undefined), 15_000);
    const fromFolder = (await (await fetch(`${ingestor.baseUrl}/articles?source=watch`)).json()) as { items: { title: string }[] };
    assert.deepEqual(fromFolder.items.map((i) => i.title), ['Sudan talks in Jeddah postponed']);
  });
});
