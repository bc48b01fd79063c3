// Durable before acknowledged, over real HTTP, Kafka and PostgreSQL: the ingestor is killed
// (SIGKILL) after it acknowledged an article and before its events reached Kafka (the test-only
// failpoint holds the outbox relay right after it claimed the entry), then started again: the
// article's events reach the Kafka topic exactly once, and nobody had to post it again.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import { apiKeysEnv, ingestKey, jsonWith } from './harness/api-keys.js';
import { startApp, type AppProcess } from './harness/app-process.js';
import { brokers, deleteTopic } from './harness/kafka.js';
import { freePort, waitFor } from './harness/ports.js';
import { createTestDatabase, type TestDatabase } from './harness/postgres.js';
import { repoRoot } from './harness/repo.js';

/** Runs the talkwatch command as a user would, piped (not a terminal); its exit code and output. */
function talkwatch(args: string[], env: Record<string, string>, stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'apps/talkwatch/dist/cli.js'), ...args], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(stdin);
  });
}

const runId = randomBytes(4).toString('hex');
const topic = `talkwatch.e2e.intake.${runId}`;

// Our own text; dated, with a round and a demand the extractor finds.
const article = {
  title: 'Serbia and Kosovo leaders to meet in Brussels',
  url: `https://news.example/${runId}/serbia-kosovo-brussels?utm_medium=social`,
  publishedAt: '2030-04-02',
  body: `Serbia and Kosovo will hold a new round of EU-mediated talks in Brussels on Thursday, the European Union said.
Kosovo has demanded that Serbia recognise its independence before any final agreement.
The two leaders last met in the spring, when they agreed on a plan for the return of displaced families but not on the association of municipalities in the north. Officials in Pristina said the new meeting would focus on the energy agreement and on the licence plates that have caused protests at two border crossings this winter.`,
};

/** Every record on the topic, from the start, read by a consumer group of its own. */
async function topicRecords(): Promise<{ key: string; eventId: string }[]> {
  const kafka = new Kafka({ clientId: 'e2e-intake-reader', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const total = ends.reduce((n, p) => n + Number(p.high), 0);
  const records: { key: string; eventId: string }[] = [];
  if (total === 0) return records;
  const consumer = kafka.consumer({ groupId: `e2e-intake-reader-${randomBytes(4).toString('hex')}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    consumer
      .run({
        eachMessage: ({ message }) => {
          records.push({ key: message.key?.toString() ?? '', eventId: message.headers?.['event-id']?.toString() ?? '' });
          if (records.length >= total) resolve();
          return Promise.resolve();
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return records;
}

describe('durable before acknowledged: the ingestor killed between store and publish (Kafka, PostgreSQL)', () => {
  let db: TestDatabase;
  let ingestor: AppProcess | undefined;
  let env: Record<string, string>;

  before(async () => {
    db = await createTestDatabase('tw_e2e_intake');
    env = {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: brokers,
      KAFKA_TOPIC: topic,
      KAFKA_TOPIC_PARTITIONS: '2',
      API_KEYS: apiKeysEnv,
      OUTBOX_LEASE_MS: '1500',
      OUTBOX_POLL_MS: '200',
    };
  });

  after(async () => {
    await ingestor?.stop();
    await db.drop();
    await deleteTopic(topic);
  });

  it('publishes the acknowledged article exactly once after a restart, without a re-post', async () => {
    const port = await freePort();
    ingestor = await startApp('ingestor', port, { ...env, TALKWATCH_TEST_FAILPOINT: 'relay-hold-after-claim' });
    const posted = await fetch(`${ingestor.baseUrl}/articles`, { method: 'POST', headers: jsonWith(ingestKey), body: JSON.stringify(article) });
    assert.equal(posted.status, 202, await posted.clone().text());
    const accepted = (await posted.json()) as { articleId: string; eventIds: string[] };
    assert.ok(accepted.eventIds.length >= 2, `the article gives ${accepted.eventIds.length} facts`);

    // Stored and extracted, its entry claimed by the relay, which holds it there.
    const held = await waitFor('the relay to claim the entry', async () => {
      const detail = (await (await fetch(`${ingestor?.baseUrl ?? ''}/articles/${accepted.articleId}`)).json()) as { status: string; outbox: { attempts: number } | null };
      return detail.outbox && detail.outbox.attempts > 0 ? detail : undefined;
    });
    assert.equal(held.status, 'extracted');
    assert.deepEqual(await topicRecords(), [], 'nothing reached Kafka before the crash');
    assert.equal(await ingestor.kill(), 'SIGKILL');

    // Started again, without the failpoint: the lease runs out and the relay publishes the entry.
    ingestor = await startApp('ingestor', port, env);
    const base = ingestor.baseUrl;
    const published = await waitFor(
      'the article to be published',
      async () => {
        const detail = (await (await fetch(`${base}/articles/${accepted.articleId}`)).json()) as { status: string; loggedAt: string | null; facts: { eventId: string }[] };
        return detail.status === 'published' ? detail : undefined;
      },
      30_000,
      200,
    );
    assert.deepEqual(published.facts.map((f) => f.eventId), accepted.eventIds);
    const records = await topicRecords();
    assert.deepEqual(records.map((r) => r.eventId).sort(), [...accepted.eventIds].sort(), 'each event on the topic exactly once');

    // Posting it again now (or with another tracking parameter) publishes nothing more.
    const again = await fetch(`${base}/articles`, { method: 'POST', headers: jsonWith(ingestKey), body: JSON.stringify({ ...article, url: article.url.replace('utm_medium=social', 'utm_source=mail') }) });
    assert.equal(again.status, 200);
    const duplicate = (await again.json()) as { match: string; duplicateOf: string };
    assert.deepEqual([duplicate.match, duplicate.duplicateOf], ['same-url', accepted.articleId]);
    const list = (await (await fetch(`${base}/articles?since=2020-01-01`)).json()) as { items: { id: string; status: string }[] };
    assert.deepEqual(list.items.map((i) => [i.id, i.status]), [[accepted.articleId, 'published']]);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal((await topicRecords()).length, accepted.eventIds.length);
  });

  it('talkwatch ingest --server sends a directory and standard input, and sums up what was taken', async () => {
    const base = ingestor?.baseUrl ?? '';
    const dir = await mkdtemp(path.join(tmpdir(), 'tw-e2e-ingest-'));
    try {
      // A copy of the first article on another outlet, a new article, and an empty file.
      const copy = `---\ntitle: Leaders of Serbia and Kosovo to meet\nurl: https://other.example/${runId}/leaders-meet\npublished: 2030-04-02\n---\n${article.body.replace('the European Union said', 'the European Union announced')}`;
      await writeFile(path.join(dir, '1-copy.md'), copy);
      await writeFile(path.join(dir, '2-empty.md'), '');
      const fresh = `---\ntitle: Talks on the border resume\npublished: 2030-04-03\n---\nArmenia and Azerbaijan will resume border talks in Moscow on Friday, officials said.\n`;
      const run = await talkwatch(['ingest', '--server', base, '--source', 'desk', dir, '-'], { TALKWATCH_API_KEY: ingestKey }, fresh);
      assert.equal(run.code, 1, `${run.stdout}\n${run.stderr}`);
      assert.match(run.stdout, /accepted\s+1\n/);
      assert.match(run.stdout, /duplicates\s+1\n/);
      assert.match(run.stdout, /rejected\s+1 \(empty-body 1\)/);
      // Piped, the progress is plain lines, not a redrawn bar.
      assert.match(run.stderr, /^ingest: 3\/3 \(100%\)$/m);
      assert.doesNotMatch(run.stderr, /\r/);
      const desk = (await (await fetch(`${base}/articles?source=desk`)).json()) as { items: { title: string; status: string }[] };
      assert.deepEqual(desk.items.map((i) => i.title), ['Talks on the border resume']);
      // The copy is on the first article as a syndication, its outlet kept.
      const first = (await (await fetch(`${base}/articles?source=api`)).json()) as { items: { id: string; syndicationCount: number }[] };
      assert.deepEqual(first.items.map((i) => i.syndicationCount), [1]);
      const without = await talkwatch(['ingest', '--server', base, '-'], { TALKWATCH_API_KEY: '', DATA_DIR: dir }, fresh);
      assert.equal(without.code, 1);
      assert.match(without.stderr, /TALKWATCH_API_KEY/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
