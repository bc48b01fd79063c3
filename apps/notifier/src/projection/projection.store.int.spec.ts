// The projection transaction against a real PostgreSQL: positions, duplicates, alerts decided once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventsFromArticle, type TalkEvent } from '@talkwatch/domain';
import type { LoggedRecord } from '@talkwatch/infra';
import { createTestDatabase, type TestDatabase } from '@talkwatch/infra/testing';
import { ProjectionStore } from './projection.store.js';

const article = {
  title: 'Envoys agree to meet again',
  url: 'https://example.org/envoys',
  publishedAt: '2023-03-01',
  body:
    'Serbia and Kosovo will hold a new round of talks in Brussels on March 18, the European Union said on Wednesday. ' +
    'Kosovo demanded that Serbia recognise its independence.',
};

function record(event: TalkEvent | string, offset: number): LoggedRecord {
  return {
    topic: 'talkwatch.events',
    partition: 0,
    offset: BigInt(offset),
    key: typeof event === 'string' ? 'x' : event.data.trackId,
    value: typeof event === 'string' ? event : JSON.stringify(event),
  };
}

describe('ProjectionStore (PostgreSQL)', () => {
  let db: TestDatabase;
  let store: ProjectionStore;
  let events: TalkEvent[];

  before(async () => {
    db = await createTestDatabase('tw_projection');
    store = new ProjectionStore(db.prisma);
    events = eventsFromArticle({ articleId: 'a1', article, observedAt: '2023-03-01T10:00:00Z' });
    assert.ok(events.length >= 2, `fixture should yield a round and a demand, got ${events.length}`);
    const trackId = events[0]?.data.trackId ?? '';
    await db.prisma.subscription.createMany({
      data: [
        { id: 'sub_all', kind: 'email', email: 'all@example.org', trackIds: [] },
        { id: 'sub_this', kind: 'email', email: 'this@example.org', trackIds: [trackId] },
        { id: 'sub_other', kind: 'email', email: 'other@example.org', trackIds: ['some--other-track'] },
        { id: 'sub_gone', kind: 'email', email: 'gone@example.org', trackIds: [], active: false },
        { id: 'sub_disabled', kind: 'webhook', url: 'https://hooks.example.org/x', secret: 'whsec_x', trackIds: [], disabledAt: new Date(), disabledReason: 'receiver answered 410 Gone' },
      ],
    });
  });
  after(async () => {
    await db.drop();
  });

  it('applies each event once, records the position, and decides alerts for matching subscriptions', async () => {
    const outcomes = [];
    for (const [i, event] of events.entries()) outcomes.push(await store.apply('g1', record(event, i)));
    const applied = outcomes.filter((o) => o.kind === 'applied');
    assert.equal(applied.length, events.length);
    const changes = applied.flatMap((o) => o.changes).filter((c) => c.type !== 'track.status-changed');
    const deliveries = await db.prisma.delivery.findMany();
    assert.equal(deliveries.length, changes.length * 2, 'sub_all and sub_this, not sub_other, the removed or the disabled one');
    assert.deepEqual([...new Set(deliveries.map((d) => d.subscriptionId))].sort(), ['sub_all', 'sub_this']);
    const position = await db.prisma.consumerOffset.findUnique({ where: { groupId_topic_partition: { groupId: 'g1', topic: 'talkwatch.events', partition: 0 } } });
    assert.equal(position?.nextOffset, BigInt(events.length));
  });

  it('skips a redelivered record and a re-published event without new alerts', async () => {
    const before = await db.prisma.delivery.count();
    const first = events[0];
    assert.ok(first);
    assert.deepEqual(await store.apply('g1', record(first, 0)), { kind: 'already-applied' });
    assert.deepEqual(await store.apply('g1', record(first, 10)), { kind: 'duplicate-event', eventId: first.id });
    assert.equal(await db.prisma.delivery.count(), before);
  });

  it('passes over an unreadable record and moves on', async () => {
    const outcome = await store.apply('g1', record('{"type":"Nonsense"}', 11));
    assert.equal(outcome.kind, 'invalid-event');
    const position = await db.prisma.consumerOffset.findUnique({ where: { groupId_topic_partition: { groupId: 'g1', topic: 'talkwatch.events', partition: 0 } } });
    assert.equal(position?.nextOffset, 12n);
  });

  it('rebuilds the same read model from zero without deciding any alert twice', async () => {
    const live = await db.prisma.track.findMany({ orderBy: { id: 'asc' } });
    const deliveriesBefore = await db.prisma.delivery.count();
    await db.prisma.appliedEvent.deleteMany();
    await db.prisma.track.deleteMany();
    for (const [i, event] of events.entries()) await store.apply('replay', record(event, i));
    const rebuilt = await db.prisma.track.findMany({ orderBy: { id: 'asc' } });
    assert.deepEqual(rebuilt.map((t) => t.state), live.map((t) => t.state));
    assert.equal(await db.prisma.delivery.count(), deliveriesBefore);
  });
});
