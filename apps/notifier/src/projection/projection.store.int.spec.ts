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

// Held: the round's status changes, and with it the track's (proposed → active).
const held = { title: 'Envoys met', url: 'https://example.org/met', publishedAt: '2023-03-19', body: 'Serbia and Kosovo held talks in Brussels on Saturday, March 18.' };

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
    events = [
      ...eventsFromArticle({ articleId: 'a1', article, observedAt: '2023-03-01T10:00:00Z' }),
      ...eventsFromArticle({ articleId: 'a2', article: held, observedAt: '2023-03-19T10:00:00Z' }),
    ];
    assert.ok(events.length >= 2, `fixture should yield a round and a demand, got ${events.length}`);
    const trackId = events[0]?.data.trackId ?? '';
    const confirmed = (email: string) => ({ create: { email, confirmedAt: new Date('2023-01-01T00:00:00Z') } });
    const subscriptions = [
      { id: 'sub_all', kind: 'email', email: confirmed('all@example.org'), trackIds: [] },
      { id: 'sub_this', kind: 'email', email: confirmed('this@example.org'), trackIds: [trackId] },
      { id: 'sub_other', kind: 'email', email: confirmed('other@example.org'), trackIds: ['some--other-track'] },
      { id: 'sub_gone', kind: 'email', email: confirmed('gone@example.org'), trackIds: [], active: false },
      { id: 'sub_unconfirmed', kind: 'email', email: { create: { email: 'new@example.org', confirmBy: new Date('2099-01-01T00:00:00Z') } }, trackIds: [] },
      { id: 'sub_disabled', kind: 'webhook', webhook: { create: { url: 'https://hooks.example.org/x', secret: 'whsec_x' } }, trackIds: [], disabledAt: new Date(), disabledReason: 'receiver answered 410 Gone' },
      // A party of a track it never named: parties follow tracks that appear later.
      { id: 'sub_party', kind: 'slack', slack: { create: { url: 'https://hooks.example.org/s' } }, trackIds: [], parties: ['kosovo'] },
      { id: 'sub_other_party', kind: 'slack', slack: { create: { url: 'https://hooks.example.org/t' } }, trackIds: [], parties: ['Iran'] },
      { id: 'sub_status', kind: 'webhook', webhook: { create: { url: 'https://hooks.example.org/y', secret: 'whsec_y' } }, trackIds: [], changeKinds: ['track-status'] },
      { id: 'sub_daily', kind: 'email', email: { create: { email: 'daily@example.org', confirmedAt: new Date('2023-01-01T00:00:00Z'), digest: 'daily' } }, trackIds: [], changeKinds: ['new-round'] },
      { id: 'sub_unsure', kind: 'webhook', webhook: { create: { url: 'https://hooks.example.org/z', secret: 'whsec_z' } }, trackIds: [], minConfidence: 0.99 },
    ];
    for (const data of subscriptions) await db.prisma.subscription.create({ data });
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
    const statusChanges = applied.flatMap((o) => o.changes).filter((c) => c.type === 'track.status-changed');
    assert.ok(statusChanges.length >= 1 && changes.length >= 2);
    const to = (id: string) => deliveries.filter((d) => d.subscriptionId === id).map((d) => d.changeId).sort();
    const ids = changes.map((c) => c.id).sort();
    assert.deepEqual(to('sub_all'), ids);
    assert.deepEqual(to('sub_this'), ids);
    assert.deepEqual(to('sub_party'), ids, 'the party filter follows a track that appeared after it');
    assert.deepEqual(to('sub_status'), statusChanges.map((c) => c.id).sort(), 'only the kind chosen');
    // The demand's report is sure (1), the rounds' less so (0.95).
    assert.deepEqual(to('sub_unsure'), changes.filter((c) => c.type === 'demand.added').map((c) => c.id), 'only what a report at least that sure brought');
    // A digest subscriber's alerts wait, held, for the digest that is a delivery of its own, at the next 08:00 UTC.
    const daily = deliveries.filter((d) => d.subscriptionId === 'sub_daily');
    const rounds = changes.filter((c) => c.type === 'round.added').map((c) => c.id);
    const digestRows = daily.filter((d) => d.changeId.startsWith('digest:'));
    assert.equal(digestRows.length, 1);
    const digestAt = digestRows[0]?.nextAttemptAt;
    assert.ok(digestAt && digestAt.getUTCHours() === 8 && digestAt > new Date() && digestAt.getTime() - Date.now() <= 86_400_000);
    assert.deepEqual(daily.filter((d) => d.status === 'held').map((d) => d.changeId), rounds);
    assert.ok(daily.filter((d) => d.status === 'held').every((d) => d.nextAttemptAt.getTime() === digestAt.getTime()));
    assert.equal(deliveries.length - daily.length, changes.length * 3 + statusChanges.length + 1, 'nothing to the other track, the other party, the removed, unconfirmed or disabled one');
    assert.deepEqual([...new Set(deliveries.map((d) => d.subscriptionId))].sort(), ['sub_all', 'sub_daily', 'sub_party', 'sub_status', 'sub_this', 'sub_unsure']);
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
  it('rejects what PostgreSQL could not store, beside the events of its batch, and rejects it again when read again', async () => {
    const [valid] = eventsFromArticle({ articleId: 'a-poison', article: { ...article, url: 'https://example.org/poison', body: 'Serbia and Kosovo will hold talks in Brussels on April 2, the envoys said.' }, observedAt: '2023-03-25T10:00:00Z' });
    assert.ok(valid);
    // Valid by the schema, yet a NUL in text or a time that is no date makes PostgreSQL refuse the
    // whole batch at every read: a stuck partition, before these were rejected.
    const nul = { ...valid, id: 'poison-nul', metadata: { ...valid.metadata, source: { ...valid.metadata.source, title: 'with a \u0000 in it' } } };
    const undated = { ...valid, id: 'poison-date', metadata: { ...valid.metadata, occurredAt: 'next week' } };
    const unknown = { ...valid, id: 'poison-type', type: 'RoundRumoured' };
    const batch = [record(nul, 20), record(JSON.stringify(undated), 21), record(JSON.stringify(unknown), 22), record(valid, 23)];
    const outcome = await store.applyBatch('g1', batch);
    assert.deepEqual(outcome.outcomes.map((o) => o.kind), ['invalid-event', 'invalid-event', 'invalid-event', 'applied']);
    assert.deepEqual(outcome.rejected.map((r) => r.record.offset), [20n, 21n, 22n]);
    assert.match(outcome.rejected[0]?.reason ?? '', /NUL character in metadata\.source\.title/);
    assert.match(outcome.rejected[1]?.reason ?? '', /metadata\.occurredAt is not a date/);
    assert.match(outcome.rejected[2]?.reason ?? '', /InvalidEventError/);
    assert.equal(await db.prisma.appliedEvent.count({ where: { eventId: { startsWith: 'poison-' } } }), 0);
    // Read again below the position (a crash before the dead letters were written): rejected again.
    const again = await store.applyBatch('g1', batch);
    assert.deepEqual(again.rejected.map((r) => r.record.offset), [20n, 21n, 22n]);
    assert.deepEqual(again.outcomes.map((o) => o.kind), ['already-applied', 'already-applied', 'already-applied', 'already-applied']);
  });
});

describe('ProjectionStore batches (PostgreSQL)', () => {
  let single: TestDatabase;
  let batched: TestDatabase;
  let events: TalkEvent[];

  before(async () => {
    [single, batched] = await Promise.all([createTestDatabase('tw_projection_one'), createTestDatabase('tw_projection_batch')]);
    const other = { ...article, url: 'https://example.org/other', body: 'Armenia and Azerbaijan will resume peace talks in Washington on May 1, the State Department said.' };
    events = [
      ...eventsFromArticle({ articleId: 'a1', article, observedAt: '2023-03-01T10:00:00Z' }),
      ...eventsFromArticle({ articleId: 'a2', article: other, observedAt: '2023-03-01T11:00:00Z' }),
    ];
    assert.ok(new Set(events.map((e) => e.data.trackId)).size >= 2, 'the fixture spans two tracks');
    for (const db of [single, batched]) await db.prisma.subscription.create({ data: { id: 'sub_all', kind: 'email', email: { create: { email: 'all@example.org', confirmedAt: new Date('2023-01-01T00:00:00Z') } }, trackIds: [] } });
  });

  after(async () => {
    await Promise.all([single.drop(), batched.drop()]);
  });

  const readModel = async (db: TestDatabase) => ({
    tracks: (await db.prisma.track.findMany({ orderBy: { id: 'asc' } })).map(({ id, state, version }) => ({ id, state, version })),
    changes: (await db.prisma.change.findMany({ orderBy: { id: 'asc' } })).map(({ id, payload }) => ({ id, payload })),
    deliveries: (await db.prisma.delivery.findMany({ orderBy: { id: 'asc' } })).map(({ id, changeId }) => ({ id, changeId })),
  });

  it('folds a batch into the same read model as one record per transaction, and stores the position after it', async () => {
    const one = new ProjectionStore(single.prisma);
    for (const [i, event] of events.entries()) await one.apply('g', record(event, i));
    // A re-published event and an unreadable record inside the batch change nothing.
    const first = events[0];
    assert.ok(first);
    const records = [...events.map((e, i) => record(e, i)), record(first, events.length), record('not json', events.length + 1)];
    const outcome = await new ProjectionStore(batched.prisma).applyBatch('g', records);
    assert.deepEqual(
      outcome.outcomes.map((o) => o.kind),
      [...events.map(() => 'applied'), 'duplicate-event', 'invalid-event'],
    );
    assert.ok(outcome.deliveries > 0);
    assert.deepEqual(await readModel(batched), await readModel(single));
    const position = await batched.prisma.consumerOffset.findUnique({ where: { groupId_topic_partition: { groupId: 'g', topic: 'talkwatch.events', partition: 0 } } });
    assert.equal(position?.nextOffset, BigInt(records.length));
  });

  it('skips a redelivered batch, even one overlapping new records, without alerting twice', async () => {
    const store = new ProjectionStore(batched.prisma);
    const before = await readModel(batched);
    const again = await store.applyBatch('g', events.map((e, i) => record(e, i)));
    assert.ok(again.outcomes.every((o) => o.kind === 'already-applied'));
    assert.equal(again.deliveries, 0);
    // Offsets past the position but events already folded (a producer retry): duplicates.
    const republished = await store.applyBatch('g', events.map((e, i) => record(e, 100 + i)));
    assert.ok(republished.outcomes.every((o) => o.kind === 'duplicate-event'));
    assert.deepEqual(await readModel(batched), before);
  });

  it('leaves nothing behind when a batch fails, so it is read again whole', async () => {
    const db = await createTestDatabase('tw_projection_fail');
    try {
      const store = new ProjectionStore(db.prisma);
      // A constraint no delivery row can meet makes the batch fail at its last insert, after the folds.
      await db.prisma.$executeRawUnsafe('ALTER TABLE "deliveries" ADD CONSTRAINT "no_deliveries" CHECK (false) NOT VALID');
      await db.prisma.subscription.create({ data: { id: 'sub_all', kind: 'email', email: { create: { email: 'all@example.org', confirmedAt: new Date('2023-01-01T00:00:00Z') } }, trackIds: [] } });
      await assert.rejects(store.applyBatch('g', events.map((e, i) => record(e, i))));
      assert.equal(await db.prisma.track.count(), 0);
      assert.equal(await db.prisma.appliedEvent.count(), 0);
      assert.equal(await db.prisma.consumerOffset.count(), 0);
    } finally {
      await db.drop();
    }
  });
});
