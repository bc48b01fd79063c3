// Re-extraction end to end on the real services: PostgreSQL (articles, read model) and the real
// Kafka broker (the log), with the projection folding what the re-extraction publishes.
// An "older extractor" is played by a stored reading that lacks one fact the current extractor
// finds and has one it does not; the log carries what that reading published.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import {
  EXTRACTOR_VERSION,
  type FactEvent,
  type TrackState,
  eventKey,
  eventsFromArticle,
  foldTrack,
  getDefaultGazetteer,
  parseArticleText,
} from '@talkwatch/domain';
import { ArticlesRepository, ReextractArticles, articleIdOf, type StoredArticle } from '@talkwatch/ingestor';
import { KafkaEventLog, Prisma, type LoggedRecord, repositoryRoot } from '@talkwatch/infra';
import { createTestDatabase, type TestDatabase } from '@talkwatch/infra/testing';
import { ProjectionStore, SyndicationsRepository, TalksQuery } from '@talkwatch/notifier';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
const quiet = { log: () => undefined, warn: () => undefined, error: (m: string) => { console.error(m); } };
const group = `reextract-test-${randomBytes(3).toString('hex')}`;
const clock = () => new Date('2030-06-01T12:00:00Z');

/** An example article, dated (every example is). */
async function exampleArticle(file: string) {
  const parsed = parseArticleText(await readFile(path.join(repositoryRoot, 'examples', file), 'utf8'));
  assert.ok(parsed.publishedAt, `${file} is dated`);
  return { title: parsed.title, url: parsed.url, publishedAt: parsed.publishedAt, dateFallback: null, body: parsed.body };
}

/** What users see of a track (not how it was folded). */
function visible(state: TrackState) {
  return {
    status: state.status,
    rounds: state.rounds.map((r) => ({ id: r.id, status: r.status, date: r.date, venue: r.venue, sources: r.sources.map((s) => [s.articleId, s.start]) })),
    demands: state.demands.map((d) => ({ id: d.id, text: d.text, status: d.status, sources: d.sources.map((s) => [s.articleId, s.start]) })),
  };
}

describe('talkwatch reextract (PostgreSQL + Kafka)', () => {
  let db: TestDatabase;
  let log: KafkaEventLog;
  let articles: ArticlesRepository;
  let stop: () => Promise<void>;
  const applied: LoggedRecord[] = [];
  const topic = `talkwatch.reextract.${randomBytes(4).toString('hex')}`;
  const fresh = new Map<string, FactEvent[]>();
  let stale: FactEvent;
  let missing: FactEvent;

  /** Waits until the projection has applied `count` records in all. */
  const projected = async (count: number): Promise<void> => {
    for (let waited = 0; applied.length < count; waited += 25) {
      if (waited > 30_000) throw new Error(`projection applied ${applied.length} of ${count} records`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const reextract = (options: { dryRun?: boolean; since?: Date } = {}) =>
    new ReextractArticles(articles, log, clock, getDefaultGazetteer()).execute(options);
  const logSize = async (): Promise<number> => log.replay(async () => Promise.resolve());
  /** An article as an earlier release stored and published it. */
  const storeLogged = async (row: Omit<StoredArticle, 'events' | 'revision' | 'canonicalUrl' | 'outlet' | 'source' | 'language' | 'skippedReason'> & { events: readonly FactEvent[] }) => {
    await db.prisma.article.create({ data: { ...row, events: JSON.parse(JSON.stringify(row.events)) as object[], revision: 0 } });
  };

  before(async () => {
    db = await createTestDatabase('tw_reextract');
    log = new KafkaEventLog({ brokers, clientId: 'reextract-test', topic, partitions: 3 }, quiet);
    await log.connect();
    articles = new ArticlesRepository(db.prisma);
    await db.prisma.subscription.create({ data: { id: 'sub_desk', kind: 'email', email: { create: { email: 'desk@example.org', confirmedAt: new Date() } }, trackIds: [] } });

    // Two stored articles, as an older extractor read and published them.
    let published = 0;
    for (const file of ['2021-12-22-russia-expects-security-talks.md', '2021-12-28-geneva-talks-set-for-jan-10.md']) {
      const body = await exampleArticle(file);
      const id = articleIdOf(body);
      const current = eventsFromArticle({ articleId: id, article: body, observedAt: '2030-01-01T00:00:00.000Z' });
      fresh.set(id, current);
      let old = current;
      if (file.startsWith('2021-12-22')) {
        // The older reading missed the first demand and saw a meeting that never was.
        const firstDemand = current.find((e) => e.type === 'DemandReported');
        const round = current.find((e) => e.type === 'RoundReported');
        assert.ok(firstDemand && round, 'the example states a demand and a round');
        missing = firstDemand;
        stale = { ...round, id: `${id}:round:stale`, data: { ...round.data, ordinal: null, venue: null, status: 'held', date: { text: 'on 2 December', start: '2021-12-02', end: null, precision: 'day' } } };
        old = [...current.filter((e) => e !== firstDemand), stale];
      }
      await storeLogged({
        id,
        url: body.url,
        title: body.title,
        publishedAt: new Date(body.publishedAt),
        publishedAtText: body.publishedAt,
        dateFallback: null,
        body: body.body,
        contentHash: id,
        extractorVersion: 'rules-old',
        eventCount: old.length,
        events: old,
        receivedAt: new Date('2030-01-01T00:00:00Z'),
        loggedAt: new Date('2030-01-01T00:00:01Z'),
      });
      await log.append(old.map((e) => ({ key: eventKey(e), value: JSON.stringify(e) })));
      published += old.length;
    }
    const store = new ProjectionStore(db.prisma);
    const subscription = await log.subscribe({
      groupId: group,
      handle: async (record) => {
        await store.apply(group, record);
        applied.push(record);
      },
    });
    stop = () => subscription.stop();
    await projected(published);
  });

  after(async () => {
    await stop();
    await log.close();
    const admin = new Kafka({ clientId: 'reextract-cleanup', brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
    await db.drop();
  });

  it('a dry run reports the difference and publishes and saves nothing', async () => {
    const before = await logSize();
    const result = await reextract({ dryRun: true });
    assert.equal(result.examined, 2);
    assert.deepEqual(result.changes.map((c) => [c.added.map((e) => e.id), c.retracted.map((e) => e.id)]), [[[`${missing.id}@r1`], [stale.id]]]);
    assert.equal(await logSize(), before);
    assert.deepEqual((await db.prisma.article.findMany()).map((a) => a.revision), [0, 0]);
  });

  it('publishes the new fact and retracts the vanished one; the read model then equals a fresh reading', async () => {
    const beforeRecords = applied.length;
    const trackOfStale = stale.data.trackId;
    const staleRoundBefore = ((await db.prisma.track.findUniqueOrThrow({ where: { id: trackOfStale } })).state as unknown as TrackState).rounds;
    assert.ok(staleRoundBefore.some((r) => r.date?.start === '2021-12-02'), 'the stale meeting was projected');

    const result = await reextract();
    assert.deepEqual([result.examined, result.unchanged, result.published, result.retractions], [2, 1, 1, 1]);
    await projected(beforeRecords + 2);

    // Every track now reads as the current extractor reads the articles from scratch.
    const byTrack = new Map<string, FactEvent[]>();
    for (const e of [...fresh.values()].flat()) byTrack.set(e.data.trackId, [...(byTrack.get(e.data.trackId) ?? []), e]);
    for (const [trackId, events] of byTrack) {
      const row = await db.prisma.track.findUniqueOrThrow({ where: { id: trackId } });
      assert.deepEqual(visible(row.state as unknown as TrackState), visible(foldTrack(events).state), trackId);
    }
    // The withdrawn meeting is a correction users hear of once; the missed demand is news.
    const changes = await db.prisma.change.findMany({ where: { recordedAt: { gt: new Date(0) } }, orderBy: { recordedAt: 'asc' } });
    const types = changes.map((c) => c.type);
    assert.ok(types.includes('round.withdrawn'), types.join(', '));
    const withdrawn = changes.find((c) => c.type === 'round.withdrawn');
    assert.ok(withdrawn);
    assert.equal(await db.prisma.delivery.count({ where: { changeId: withdrawn.id } }), 1);

    // "What did we know then" no longer shows the meeting the article never reported.
    const then = await new TalksQuery(db.prisma, new SyndicationsRepository(db.prisma)).get(trackOfStale, new Date('2021-12-31T00:00:00Z'));
    assert.ok(!then.rounds.some((r) => r.date?.start === '2021-12-02'), 'asOf still shows the withdrawn meeting');
    assert.ok(then.rounds.length > 0);

    const stored = await db.prisma.article.findUniqueOrThrow({ where: { id: stale.metadata.articleId } });
    assert.equal(stored.revision, 1);
    assert.notEqual(stored.extractorVersion, 'rules-old');
    assert.deepEqual((stored.events as { id: string }[]).map((e) => e.id).sort(), [...(fresh.get(stored.id) ?? []).map((e) => (e.id === missing.id ? `${e.id}@r1` : e.id))].sort());
  });

  it('a second run has nothing to do', async () => {
    const before = await logSize();
    const result = await reextract();
    assert.deepEqual([result.examined, result.unchanged, result.changes.length], [2, 2, 0]);
    assert.equal(await logSize(), before);
  });

  it('a run cut short before saving publishes the same events again, and nothing is alerted twice', async () => {
    const id = stale.metadata.articleId;
    const stored = await db.prisma.article.findUniqueOrThrow({ where: { id } });
    const oldReading = [...(fresh.get(id) ?? []).filter((e) => e.id !== missing.id), stale];
    // As if the previous run had published and crashed before saving the new reading.
    await db.prisma.article.update({ where: { id }, data: { revision: 0, events: JSON.parse(JSON.stringify(oldReading)) as Prisma.InputJsonValue } });
    const deliveries = await db.prisma.delivery.count();
    const changes = await db.prisma.change.count();
    const beforeRecords = applied.length;
    const result = await reextract();
    assert.deepEqual(result.changes.map((c) => [c.added.map((e) => e.id), c.retracted.map((e) => e.id)]), [[[`${missing.id}@r1`], [stale.id]]]);
    await projected(beforeRecords + 2);
    assert.equal(await db.prisma.delivery.count(), deliveries);
    assert.equal(await db.prisma.change.count(), changes);
    assert.equal((await db.prisma.article.findUniqueOrThrow({ where: { id } })).revision, stored.revision);
  });

  it('an article stored before readings were kept gets its reading back from the log', async () => {
    const id = [...fresh.keys()].find((k) => k !== stale.metadata.articleId) ?? '';
    await db.prisma.article.update({ where: { id }, data: { events: Prisma.DbNull } });
    const result = await reextract();
    assert.deepEqual([result.recovered, result.changes.length], [1, 0]);
    const stored = await db.prisma.article.findUniqueOrThrow({ where: { id } });
    assert.deepEqual((stored.events as { id: string }[]).map((e) => e.id).sort(), (fresh.get(id) ?? []).map((e) => e.id).sort());
  });

  it('the talkwatch command runs it: a table and a summary, exit 0; a bad option exits 2', () => {
    const cli = path.join(repositoryRoot, 'apps', 'talkwatch', 'dist', 'cli.js');
    const env = { ...process.env, DATABASE_URL: db.url, KAFKA_BROKERS: brokers.join(','), KAFKA_TOPIC: topic, LOG_LEVEL: 'error' };
    const run = spawnSync(process.execPath, [cli, 'reextract', '--dry-run', '--since', '2021-12-01'], { env, encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /articles examined\s+2/);
    assert.match(run.stdout, /articles unchanged\s+2/);
    assert.match(run.stdout, /Dry run: nothing was published or saved\./);
    const bad = spawnSync(process.execPath, [cli, 'reextract', '--since', 'yesterday'], { env, encoding: 'utf8', timeout: 60_000 });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--since expects a date as YYYY-MM-DD, got yesterday/);
  });

  it('--since leaves older articles alone', async () => {
    const result = await reextract({ since: new Date('2021-12-25T00:00:00Z') });
    assert.equal(result.examined, 1);
  });

  it('reads an undated article again undated: paged after the dated ones, counted by when it was received', async () => {
    const body = { title: 'Envoys to meet', url: null, publishedAt: null, body: 'Armenia and Azerbaijan will hold talks in Geneva on Tuesday, officials said.' };
    const id = 'undated-article';
    const receivedAt = new Date('2030-02-01T00:00:00Z');
    const events = eventsFromArticle({ articleId: id, article: body, observedAt: receivedAt.toISOString() });
    assert.ok(events.length > 0 && events.every((e) => e.metadata.source.publishedAt === null && e.metadata.occurredAt === receivedAt.toISOString()));
    await storeLogged({ id, url: null, title: body.title, publishedAt: null, publishedAtText: null, dateFallback: null, body: body.body, contentHash: id, extractorVersion: EXTRACTOR_VERSION, eventCount: events.length, events, receivedAt, loggedAt: receivedAt });
    const all = await reextract({ dryRun: true });
    // Had the re-extraction read its occurredAt as a publication date, "on Tuesday" would now resolve: a change.
    assert.deepEqual([all.examined, all.changes.length], [3, 0]);
    assert.equal((await reextract({ dryRun: true, since: new Date('2030-01-15T00:00:00Z') })).examined, 1, 'only the undated article was received after the 15th');
  });
});
