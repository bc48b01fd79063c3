import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FactEvent } from './events.js';
import { factKey, reread } from './reextraction.js';
import { dateRef, demandReported, roundReported } from '../test-factories.js';

const round = roundReported({ articleId: 'a1', occurredAt: '2022-01-03', status: 'scheduled', date: dateRef('2022-01-10'), venue: 'Geneva' });
const demand = demandReported({ articleId: 'a1', occurredAt: '2022-01-03', by: 'Russia', to: 'NATO', text: 'NATO must admit no new members', start: 40 });
const stale = roundReported({ articleId: 'a1', occurredAt: '2022-01-03', status: 'held', date: dateRef('2022-01-03'), start: 80 });
/** The same fact read by another run: new observation time and extractor version, same content. */
const rereadOf = (e: FactEvent): FactEvent => ({ ...e, metadata: { ...e.metadata, observedAt: '2030-06-01T00:00:00Z', extractorVersion: 'rules-9' } });

describe('reread: the difference between two readings of one article', () => {
  const input = { revision: 1, extractorVersion: 'rules-9', observedAt: '2030-06-01T00:00:00Z' };

  it('keeps facts read both times, publishes new ones with ids of their own, retracts vanished ones', () => {
    const diff = reread({ ...input, stored: [round, stale], fresh: [rereadOf(round), demand] });
    assert.deepEqual(diff.added.map((e) => e.id), [`${demand.id}@r1`]);
    assert.deepEqual(diff.retracted.map((e) => e.id), [stale.id]);
    // New facts first, then retractions: a reworded fact joins before its old wording leaves.
    assert.deepEqual(diff.publish.map((e) => [e.type, e.id]), [
      ['DemandReported', `${demand.id}@r1`],
      ['FactRetracted', `${stale.id}:retracted`],
    ]);
    const retraction = diff.publish[1];
    assert.ok(retraction?.type === 'FactRetracted');
    assert.deepEqual([retraction.data.retractedEventId, retraction.data.reason, retraction.metadata.extractorVersion], [stale.id, 'reextracted', 'rules-9']);
    // The kept fact keeps its original event (id and all): it is not published again.
    assert.deepEqual(diff.standing.map((e) => e.id), [round.id, `${demand.id}@r1`]);
    assert.equal(diff.standing[0], round);
  });

  it('finds nothing to do when the new reading states the same facts', () => {
    const diff = reread({ ...input, stored: [round, demand], fresh: [rereadOf(demand), rereadOf(round)] });
    assert.deepEqual([diff.publish, diff.added, diff.retracted], [[], [], []]);
    assert.deepEqual(diff.standing, [round, demand]);
  });

  it('a changed detail (a status, a category, the sentence it was read from) is a different fact', () => {
    const held = { ...round, data: { ...round.data, status: 'held' as const } };
    const moved = { ...round, metadata: { ...round.metadata, source: { ...round.metadata.source, start: 5, end: 30 } } };
    assert.notEqual(factKey(held), factKey(round));
    assert.notEqual(factKey(moved), factKey(round));
    assert.equal(factKey(rereadOf(round)), factKey(round));
    const diff = reread({ ...input, revision: 3, stored: [round], fresh: [held] });
    assert.deepEqual([diff.added.map((e) => e.id), diff.retracted.map((e) => e.id)], [[`${round.id}@r3`], [round.id]]);
  });

  it('a rescored fact is the same fact; a newly read outcome is a different one', () => {
    const scored = { ...round, data: { ...round.data, confidence: 0.8 } };
    const rescored = { ...round, data: { ...round.data, confidence: 0.6, outcome: null } };
    assert.equal(factKey(scored), factKey(round));
    assert.equal(factKey(rescored), factKey(round));
    const agreed = { ...round, data: { ...round.data, outcome: 'agreement' as const } };
    assert.notEqual(factKey(agreed), factKey(round));
    assert.deepEqual(reread({ ...input, stored: [scored], fresh: [rescored] }).publish, []);
  });

  it('is deterministic: the same inputs give the same ids (a run cut short and run again publishes the same events)', () => {
    const a = reread({ ...input, stored: [stale], fresh: [round, demand] });
    const b = reread({ ...input, stored: [stale], fresh: [round, demand] });
    assert.deepEqual(a.publish, b.publish);
  });

  it('a fact found twice in the new reading is published once', () => {
    const diff = reread({ ...input, stored: [], fresh: [round, { ...round, id: `${round.id}~2` }] });
    assert.equal(diff.added.length, 1);
  });
});
