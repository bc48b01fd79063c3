// A few dozen real-style articles about one negotiation period (fixtures/security-talks-2022, our own
// words) posted over HTTP in a shuffled order, through real Kafka into the notifier's Postgres read
// model: the status API shows one round per real meeting, on its day, with its final status and
// venue, citing every article that reported it, and no round on a track that never met.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseArticleText, trackIdFor, type RoundState, type TrackState } from '@talkwatch/domain';
import pg from 'pg';
import { apiKeysEnv, ingestKey, jsonWith } from './harness/api-keys.js';
import { startApp, type AppProcess } from './harness/app-process.js';
import { brokers, deleteTopic } from './harness/kafka.js';
import { freePort, waitFor } from './harness/ports.js';
import { createTestDatabase, type TestDatabase } from './harness/postgres.js';
import { repoRoot } from './harness/repo.js';

const runId = randomBytes(4).toString('hex');
const topic = `talkwatch.corpus.${runId}`;
const fixtures = path.join(repoRoot, 'fixtures', 'security-talks-2022');

interface ExpectedMeeting {
  id: string;
  acceptDates: string[];
  venue: string;
  status: string;
  reportedBy: string[];
}
interface Expected {
  tracks: { parties: string[]; meetings: ExpectedMeeting[] }[];
}
const expected = JSON.parse(readFileSync(path.join(fixtures, 'expected.json'), 'utf8')) as Expected;
const files = readdirSync(fixtures)
  .filter((f) => f.endsWith('.md'))
  .sort();

/** A fixed shuffle (so a failure replays): arrival order is not publication order. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const random = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const onMeetingDay = (round: RoundState, meeting: ExpectedMeeting): boolean =>
  round.date?.precision === 'day' && meeting.acceptDates.includes(round.date.start) && (round.date.end === null || meeting.acceptDates.includes(round.date.end));

describe('a few dozen articles about one negotiation, over HTTP, Kafka and Postgres', () => {
  let db: TestDatabase;
  let ingestor: AppProcess;
  let notifier: AppProcess;
  const articleIdOf = new Map<string, string>();

  before(async () => {
    db = await createTestDatabase('tw_corpus');
    const env = { DATABASE_URL: db.url, KAFKA_BROKERS: brokers, KAFKA_TOPIC: topic, KAFKA_TOPIC_PARTITIONS: '3', KAFKA_GROUP_ID: `talkwatch-corpus-${runId}`, API_KEYS: apiKeysEnv };
    [ingestor, notifier] = await Promise.all([startApp('ingestor', await freePort(), env), startApp('notifier', await freePort(), env)]);

    let events = 0;
    for (const file of shuffled(files, 2022)) {
      const article = parseArticleText(readFileSync(path.join(fixtures, file), 'utf8'));
      const res = await fetch(`${ingestor.baseUrl}/articles`, {
        method: 'POST',
        headers: jsonWith(ingestKey),
        body: JSON.stringify({ title: article.title, url: article.url, publishedAt: article.publishedAt, body: article.body }),
      });
      assert.equal(res.status, 202, `${file}: ${await res.clone().text()}`);
      const accepted = (await res.json()) as { articleId: string; eventCount: number };
      articleIdOf.set(file, accepted.articleId);
      events += accepted.eventCount;
    }
    // Every published event folded in: the projection records each one it applies.
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await waitFor(
        `all ${events} events projected`,
        async () => {
          const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM applied_events');
          return Number(rows[0]?.n) === events ? true : undefined;
        },
        60_000,
        200,
      );
    } finally {
      await client.end();
    }
  });

  after(async () => {
    const codes = await Promise.all([ingestor.stop(), notifier.stop()]);
    await db.drop();
    await deleteTopic(topic);
    assert.deepEqual(codes, [0, 0], `apps did not shut down cleanly:\n${ingestor.output()}\n${notifier.output()}`);
  });

  const track = async (parties: readonly string[]): Promise<TrackState> => {
    const res = await fetch(`${notifier.baseUrl}/talks/${trackIdFor([...parties])}`);
    assert.equal(res.status, 200, `GET /talks/${trackIdFor([...parties])}`);
    return (await res.json()) as TrackState;
  };

  for (const expectedTrack of expected.tracks) {
    it(`${expectedTrack.parties.join(' – ')}: one round per real meeting, with its status, venue and every source`, async () => {
      const state = await track(expectedTrack.parties);
      const rounds = state.rounds.map((r) => `${r.id} ${r.status} ${r.date?.start ?? '-'}..${r.date?.end ?? ''} @${r.venue ?? '-'}`).join('\n  ');
      assert.equal(state.rounds.length, expectedTrack.meetings.length, `rounds:\n  ${rounds}`);
      for (const meeting of expectedTrack.meetings) {
        const found = state.rounds.filter((r) => onMeetingDay(r, meeting));
        assert.equal(found.length, 1, `${meeting.id}: rounds:\n  ${rounds}`);
        const [round] = found as [RoundState];
        assert.deepEqual([round.status, round.venue], [meeting.status, meeting.venue], meeting.id);
        const cited = new Set(round.sources.map((s) => s.articleId));
        const missing = meeting.reportedBy.filter((f) => !cited.has(articleIdOf.get(f) ?? f));
        assert.deepEqual(missing, [], `${meeting.id}: reporting articles not cited`);
        assert.ok(round.sources.every((s) => s.sentence.length > 0 && s.articleId.length > 0), 'every source names its sentence');
      }
    });
  }

  it('lists no round on a track that never met', async () => {
    const res = await fetch(`${notifier.baseUrl}/talks`);
    const list = (await res.json()) as { id: string; roundCount: number }[];
    const met = new Set(expected.tracks.map((t) => trackIdFor([...t.parties])));
    assert.deepEqual(list.filter((t) => t.roundCount > 0 && !met.has(t.id)).map((t) => t.id), []);
  });

  it('posting the articles again changes nothing: every one is a duplicate', async () => {
    for (const file of files.slice(0, 5)) {
      const article = parseArticleText(readFileSync(path.join(fixtures, file), 'utf8'));
      const res = await fetch(`${ingestor.baseUrl}/articles`, {
        method: 'POST',
        headers: jsonWith(ingestKey),
        body: JSON.stringify({ title: article.title, url: article.url, publishedAt: article.publishedAt, body: article.body }),
      });
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as { status: string }).status, 'duplicate');
    }
  });
});
