// As-of answers from snapshots (track_snapshots): the projection keeps a track's state every
// SNAPSHOT_EVERY versions, and an as-of answer folds only the events after the latest snapshot
// before its date. Whatever the snapshots, the answer must be what a fold of every event reported
// up to that date gives, including events that arrived after a snapshot but occurred before it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventKey, eventsFromArticle, foldTrack, type TalkEvent } from '@talkwatch/domain';
import { createTestDatabase, type TestDatabase } from '@talkwatch/infra/testing';
import { ProjectionStore, SNAPSHOT_EVERY } from '../projection/projection.store.js';
import { detail } from './talk-views.js';
import { SyndicationsRepository } from './syndications.repository.js';
import { TalksQuery, parseAsOf } from './talks.query.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Article n: a round on a day of its own (two days apart) and a demand, published ten days before it. */
function article(n: number): { title: string; url: string; publishedAt: string; body: string } {
  const held = new Date(Date.UTC(2024, 0, 15) + n * 2 * 86_400_000);
  const published = new Date(held.getTime() - 10 * 86_400_000).toISOString().slice(0, 10);
  const venue = ['Oslo', 'Vienna', 'Doha'][n % 3];
  return {
    title: `Armenia and Azerbaijan set a date (snapshot test ${n})`,
    url: `https://snapshots.example.org/${n}`,
    publishedAt: published,
    body: [
      `Armenia and Azerbaijan will hold a new round of talks in ${venue} on ${MONTHS[held.getUTCMonth()]} ${held.getUTCDate()}, officials said.`,
      `Armenia insisted that Azerbaijan must release ${n + 1} detained soldiers before any meeting.`,
    ].join('\n\n'),
  };
}

const withoutVersion = <T extends { version: number }>(x: T): Omit<T, 'version'> => {
  const { version: _version, ...rest } = x;
  return rest;
};

describe('as-of answers from snapshots (PostgreSQL)', () => {
  let db: TestDatabase;
  let talks: TalksQuery;
  const all: TalkEvent[] = [];
  const track = 'armenia--azerbaijan';

  before(async () => {
    db = await createTestDatabase('tw_snapshots');
    const store = new ProjectionStore(db.prisma);
    talks = new TalksQuery(db.prisma, new SyndicationsRepository(db.prisma));
    for (let n = 0; n < 200; n++) all.push(...eventsFromArticle({ articleId: `snap-${n}`, article: article(n), observedAt: '2026-01-01T00:00:00Z' }));
    // Most arrive in order of publication; every seventh article arrives at the end, after
    // snapshots taken since it occurred.
    const late = (e: TalkEvent): boolean => Number(e.metadata.articleId.split('-')[1]) % 7 === 3;
    const order = [...all.filter((e) => !late(e)), ...all.filter(late)];
    const records = order.map((event, offset) => ({ topic: 't', partition: 0, offset: BigInt(offset), key: eventKey(event), value: JSON.stringify(event) }));
    for (let i = 0; i < records.length; i += 40) await store.applyBatch('test', records.slice(i, i + 40));
  });
  after(async () => {
    await db.drop();
  });

  it('takes snapshots as the track grows', async () => {
    assert.ok(all.length > 3 * SNAPSHOT_EVERY, `${all.length} events`);
    assert.ok((await db.prisma.trackSnapshot.count({ where: { trackId: track } })) >= 2);
  });

  it('answers every day as a fold of the events reported up to it would', async () => {
    const days = [...new Set(all.map((e) => e.metadata.occurredAt.slice(0, 10)))].sort();
    for (const day of days.filter((_, i) => i % 5 === 0).concat(days.at(-1) ?? [])) {
      const asOf = parseAsOf(day);
      assert.ok(asOf);
      const known = all.filter((e) => new Date(e.metadata.occurredAt) < asOf);
      const expected = detail(foldTrack(known).state);
      assert.deepEqual(withoutVersion(await talks.get(track, asOf)), withoutVersion(expected), `as of ${day}`);
      const listed = (await talks.list({ limit: 500, after: undefined, party: undefined, status: undefined }, asOf)).items.find((t) => t.id === track);
      assert.ok(listed, `listed as of ${day}`);
      assert.equal(listed.status, expected.status);
      assert.equal(listed.updatedAt, expected.updatedAt);
    }
  });
});
