// One wire story on three local "sites" (real HTTP servers on 127.0.0.1, 127.0.0.2 and 127.0.0.3:
// three outlets, since an outlet is a URL's host), each page with its own headline, chrome and small
// edits, taken in by URL (two through POST /articles {url}, one through `talkwatch ingest --server`)
// by the ingestor and notifier as processes (Kafka, PostgreSQL): one article, two syndications
// linked to it with their outlets, its events published once, and the status API naming the three
// outlets as the sources of the facts.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { apiKeysEnv, ingestKey, jsonWith } from './harness/api-keys.js';
import { startApp, type AppProcess } from './harness/app-process.js';
import { brokers, deleteTopic } from './harness/kafka.js';
import { freePort, waitFor } from './harness/ports.js';
import { createTestDatabase, type TestDatabase } from './harness/postgres.js';
import { repoRoot } from './harness/repo.js';

const runId = randomBytes(4).toString('hex');
const topic = `talkwatch.e2e.syndication.${runId}`;

// The story in our own words, as the wire sent it.
const wire = [
  'Armenia and Azerbaijan will hold a new round of peace talks in Geneva on 14 March 2031, the Swiss foreign ministry said on Monday.',
  'The foreign ministers of both countries are expected to discuss the delimitation of their border and the reopening of rail links closed for three decades.',
  'Azerbaijan has demanded that Armenia amend its constitution before a peace treaty is signed, a condition Yerevan has called unacceptable.',
  'Diplomats said the delegations had exchanged written comments on the draft treaty twice since their last meeting, and that most of its articles were now agreed.',
  'The Swiss government, which has offered to host a signing ceremony, said the talks would last two days.',
];

/** The page of one outlet: its chrome, its headline, the story with its own edits. */
function page(outlet: string, headline: string, paragraphs: readonly string[]): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${headline} | ${outlet}</title>
<meta property="article:published_time" content="2031-03-10T07:30:00Z"></head><body>
<header><a href="/">${outlet}</a> <nav><a href="/world">World</a> <a href="/business">Business</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>${headline}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article>
<aside><h2>Most read</h2><ul><li><a href="/x">Weather turns cold</a></li><li><a href="/y">Markets close higher</a></li></ul></aside></main>
<footer>© ${outlet}. Cookie settings. Contact the newsroom.</footer><script>window.analytics = { page: 'story' };</script></body></html>`;
}

const copies = [
  { host: '127.0.0.1', outlet: 'Lakeside Herald', headline: 'Armenia and Azerbaijan to resume peace talks in Geneva', paragraphs: wire },
  {
    host: '127.0.0.2',
    outlet: 'Valley Courier',
    headline: 'Peace talks between Armenia and Azerbaijan set for 14 March',
    paragraphs: [`GENEVA - ${wire[0] ?? ''}`.replace('said on Monday', 'announced on Monday'), ...wire.slice(1, 4), 'This report was written with material from a news agency.'],
  },
  {
    host: '127.0.0.3',
    outlet: 'Harbour Daily',
    headline: 'Geneva to host new Armenia-Azerbaijan round',
    paragraphs: wire.map((p) => p.replace('Diplomats said', 'Western diplomats said').replace('for three decades', 'for more than thirty years')),
  },
] as const;

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

interface Copy {
  outlet: string | null;
  url: string | null;
}
interface FactSource {
  articleId: string;
  url: string | null;
  syndicatedBy: Copy[];
}

describe('the same story syndicated on three local sites, taken in by URL (ingestor and notifier processes, Kafka, PostgreSQL)', () => {
  let db: TestDatabase;
  let ingestor: AppProcess;
  let notifier: AppProcess;
  const sites: Server[] = [];
  const urls: string[] = [];

  before(async () => {
    for (const copy of copies) {
      const html = page(copy.outlet, copy.headline, copy.paragraphs);
      const site = createServer((request, response) => {
        if (request.url === '/world/armenia-azerbaijan-geneva') response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
        else response.writeHead(404).end();
      });
      await new Promise<void>((resolve) => site.listen(0, copy.host, resolve));
      const address = site.address();
      sites.push(site);
      urls.push(`http://${copy.host}:${typeof address === 'object' && address ? address.port : 0}/world/armenia-azerbaijan-geneva`);
    }
    db = await createTestDatabase('tw_e2e_syndication');
    // The sites listen on loopback, which the SSRF guard refuses unless allowed.
    const env = { DATABASE_URL: db.url, KAFKA_BROKERS: brokers, KAFKA_TOPIC: topic, KAFKA_TOPIC_PARTITIONS: '1', KAFKA_GROUP_ID: `talkwatch-syndication-${runId}`, API_KEYS: apiKeysEnv, OUTBOUND_ALLOWLIST: '127.0.0.0/8' };
    [ingestor, notifier] = await Promise.all([startApp('ingestor', await freePort(), env), startApp('notifier', await freePort(), env)]);
  });

  after(async () => {
    const codes = await Promise.all([ingestor.stop(), notifier.stop()]);
    for (const site of sites) {
      await new Promise<void>((resolve) => {
        site.closeAllConnections();
        site.close(() => {
          resolve();
        });
      });
    }
    await db.drop();
    await deleteTopic(topic);
    assert.deepEqual(codes, [0, 0], `apps did not shut down cleanly:\n${ingestor.output()}\n${notifier.output()}`);
  });

  it('takes the first copy, links the other two to it as syndications with their outlets, and shows the three outlets as the sources of its facts', async () => {
    const [first, second, third] = urls;
    assert.ok(first !== undefined && second !== undefined && third !== undefined);
    const post = (url: string) => fetch(`${ingestor.baseUrl}/articles`, { method: 'POST', headers: jsonWith(ingestKey), body: JSON.stringify({ url }) });

    const taken = await post(first);
    assert.equal(taken.status, 202, await taken.clone().text());
    const accepted = (await taken.json()) as { articleId: string; eventCount: number };
    assert.ok(accepted.eventCount > 0, 'the talks are reported');

    const copy = await post(second);
    assert.equal(copy.status, 200, await copy.clone().text());
    const duplicate = (await copy.json()) as { status: string; match: string; duplicateOf: string; similarity: number };
    assert.deepEqual([duplicate.status, duplicate.match, duplicate.duplicateOf], ['duplicate', 'near-duplicate', accepted.articleId]);
    assert.ok(duplicate.similarity >= 0.5 && duplicate.similarity < 1, `similarity ${duplicate.similarity}`);

    // The third through the command line, as a user with the key in the environment would.
    const cli = await talkwatch(['ingest', '--server', ingestor.baseUrl, '--source', 'desk', third], { TALKWATCH_API_KEY: ingestKey });
    assert.equal(cli.code, 0, `${cli.stdout}\n${cli.stderr}`);
    assert.match(cli.stdout, /duplicate\s+near-duplicate\s+of /);
    assert.match(cli.stdout, /accepted\s+0\b/);
    assert.match(cli.stdout, /duplicates\s+1\b/);

    // One article, two syndications with their outlets and URLs.
    const listed = (await (await fetch(`${ingestor.baseUrl}/articles`)).json()) as { items: { id: string; syndicationCount: number }[]; counts: { total: number; syndications: number } };
    assert.deepEqual([listed.items.map((i) => [i.id, i.syndicationCount]), listed.counts.total, listed.counts.syndications], [[[accepted.articleId, 2]], 1, 2]);
    const article = (await (await fetch(`${ingestor.baseUrl}/articles/${accepted.articleId}`)).json()) as {
      outlet: string;
      facts: { trackId: string }[];
      syndications: { outlet: string; url: string; source: string }[];
    };
    assert.equal(article.outlet, '127.0.0.1');
    assert.deepEqual(article.syndications.map((s) => [s.outlet, s.url, s.source]), [['127.0.0.2', second, 'api'], ['127.0.0.3', third, 'desk']]);

    // Published once: the copies added no event to the log.
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await waitFor('the events projected', async () => {
        const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM applied_events');
        return Number(rows[0]?.n) === accepted.eventCount ? true : undefined;
      }, 60_000, 200);
    } finally {
      await client.end();
    }

    // The status API: every fact the first copy gave lists the other two outlets beside it.
    const trackIds = [...new Set(article.facts.map((f) => f.trackId))];
    assert.ok(trackIds.length > 0);
    for (const trackId of trackIds) {
      const res = await fetch(`${notifier.baseUrl}/talks/${encodeURIComponent(trackId)}`);
      assert.equal(res.status, 200, trackId);
      const track = (await res.json()) as { rounds: { sources: FactSource[] }[]; demands: { sources: FactSource[] }[]; responses: { sources: FactSource[] }[] };
      const sources = [...track.rounds, ...track.demands, ...track.responses].flatMap((f) => f.sources);
      assert.ok(sources.length > 0, trackId);
      for (const source of sources) {
        assert.deepEqual([source.articleId, source.url], [accepted.articleId, first]);
        assert.deepEqual(source.syndicatedBy.map((c) => [c.outlet, c.url]), [['127.0.0.2', second], ['127.0.0.3', third]]);
      }
    }
    const round = ((await (await fetch(`${notifier.baseUrl}/talks`)).json()) as { lastRound: { sources: FactSource[] } | null; nextRound: { sources: FactSource[] } | null }[])
      .flatMap((t) => [t.lastRound, t.nextRound])
      .find((r) => r !== null);
    assert.ok(round, 'GET /talks lists the round');
    assert.deepEqual(round.sources[0]?.syndicatedBy.map((c) => c.outlet), ['127.0.0.2', '127.0.0.3'], 'the list names them too');
  });
});
