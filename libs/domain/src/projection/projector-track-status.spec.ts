// What a track's status means: a round that ends does not end the negotiation; only a report of
// what the negotiation as a whole came to (an agreement, a breakdown, a suspension) concludes,
// collapses or pauses it, until a later round reopens it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retractionOf } from '../events/events.js';
import { type TrackChange, foldTrack } from './projector.js';
import { dateRef, permutations, roundReported } from '../test-factories.js';

const statusChanges = (changes: readonly TrackChange[]): string[] => changes.filter((c) => c.type === 'track.status-changed').map((c) => c.id);

// Serbia and Kosovo meet in Brussels on 3 March; the meeting ends the same evening.
const parties = ['Kosovo', 'Serbia'];
const metInBrussels = roundReported({ articleId: 'k1', occurredAt: '2031-03-03T12:00:00Z', parties, status: 'held', date: dateRef('2031-03-03'), venue: 'Brussels' });
const endedInBrussels = roundReported({ articleId: 'k2', occurredAt: '2031-03-04T08:00:00Z', parties, status: 'concluded', date: dateRef('2031-03-03'), venue: 'Brussels' });

describe('track status: a round that ends is not the end of the talks', () => {
  it('after its first round ended the track is active, and no change says it concluded', () => {
    const { state, changes } = foldTrack([metInBrussels, endedInBrussels]);
    assert.equal(state.rounds[0]?.status, 'concluded');
    assert.equal(state.status, 'active');
    assert.ok(!changes.some((c) => / is now concluded/.test(c.summary)), changes.map((c) => c.summary).join('\n'));
    assert.deepEqual(statusChanges(changes), []);
  });

  it('a signed agreement concludes the track, whatever the order of the reports', () => {
    const signed = roundReported({ articleId: 'k3', occurredAt: '2031-03-20T09:00:00Z', parties, status: 'concluded', date: dateRef('2031-03-19'), venue: 'Ohrid', outcome: 'agreement' });
    const { state, changes } = foldTrack([metInBrussels, endedInBrussels, signed]);
    assert.equal(state.status, 'concluded');
    assert.deepEqual(statusChanges(changes), ['kosovo--serbia:status:active->concluded']);
    assert.equal(changes.find((c) => c.type === 'track.status-changed')?.summary, 'Track Kosovo – Serbia is now concluded (was active): an agreement was reported');
    for (const order of permutations([metInBrussels, endedInBrussels, signed])) assert.equal(foldTrack(order).state.status, 'concluded');
  });

  it('a breakdown collapses the track; a suspension pauses it', () => {
    const brokenOff = roundReported({ articleId: 'k4', occurredAt: '2031-03-05T10:00:00Z', parties, status: 'concluded', date: dateRef('2031-03-03'), outcome: 'breakdown' });
    const collapsed = foldTrack([metInBrussels, brokenOff]);
    assert.equal(collapsed.state.status, 'collapsed');
    assert.deepEqual(statusChanges(collapsed.changes), ['kosovo--serbia:status:active->collapsed']);
    const suspended = roundReported({ articleId: 'k5', occurredAt: '2031-03-05T10:00:00Z', parties, status: 'postponed', date: dateRef('2031-03-03'), outcome: 'suspension' });
    assert.equal(foldTrack([metInBrussels, suspended]).state.status, 'paused');
  });

  it('a later announced round reopens a concluded or collapsed track', () => {
    const signed = roundReported({ articleId: 'k3', occurredAt: '2031-03-20T09:00:00Z', parties, status: 'concluded', date: dateRef('2031-03-19'), outcome: 'agreement' });
    const implementation = roundReported({ articleId: 'k6', occurredAt: '2031-04-01T09:00:00Z', parties, status: 'announced', date: dateRef('2031-05') });
    const reopened = foldTrack([metInBrussels, signed, implementation]);
    assert.equal(reopened.state.status, 'active');
    assert.deepEqual(statusChanges(reopened.changes), ['kosovo--serbia:status:active->concluded', 'kosovo--serbia:status:concluded->active']);
    // In the other order the track never looks concluded: the later round was known first.
    assert.equal(foldTrack([implementation, signed, metInBrussels]).state.status, 'active');
    // A breakdown, then talks announced again: the negotiation is back.
    const dead = roundReported({ articleId: 'k7', occurredAt: '2031-03-05T10:00:00Z', parties, status: 'concluded', date: dateRef('2031-03-03'), outcome: 'breakdown' });
    assert.equal(foldTrack([metInBrussels, dead, implementation]).state.status, 'active');
  });

  it('an undated round counts as later only when reported no earlier than the outcome', () => {
    const signed = roundReported({ articleId: 'k3', occurredAt: '2031-03-20T09:00:00Z', parties, status: 'concluded', date: dateRef('2031-03-19'), venue: 'Ohrid', outcome: 'agreement' });
    // "The two sides will meet again in Geneva", undated, told before the signing (another venue: not the Ohrid round).
    const earlier = roundReported({ articleId: 'k8', occurredAt: '2031-03-10T09:00:00Z', parties, status: 'announced', venue: 'Geneva' });
    assert.equal(foldTrack([metInBrussels, earlier, signed]).state.status, 'concluded');
    const afterwards = roundReported({ articleId: 'k9', occurredAt: '2031-03-21T09:00:00Z', parties, status: 'announced', venue: 'Geneva' });
    assert.equal(foldTrack([metInBrussels, signed, afterwards]).state.status, 'active');
  });

  it('a postponed or cancelled latest round without a breakdown pauses the track', () => {
    const next = { articleId: 'k10', occurredAt: '2031-03-10T09:00:00Z', parties, date: dateRef('2031-03-17') };
    assert.equal(foldTrack([metInBrussels, roundReported({ ...next, status: 'postponed' })]).state.status, 'paused');
    assert.equal(foldTrack([metInBrussels, roundReported({ ...next, status: 'cancelled' })]).state.status, 'paused');
    assert.equal(foldTrack([roundReported({ ...next, status: 'cancelled', outcome: 'breakdown' })]).state.status, 'collapsed');
  });

  it("a round's outcome is its latest report's; an undated report never overrides a dated one", () => {
    const agreed = roundReported({ articleId: 'k11', occurredAt: '2031-03-20', parties, status: 'concluded', date: dateRef('2031-03-19'), outcome: 'agreement' });
    const collapsedLater = roundReported({ articleId: 'k12', occurredAt: '2031-03-25', parties, status: 'concluded', date: dateRef('2031-03-19'), outcome: 'breakdown' });
    const undatedAgreed = roundReported({ articleId: 'k13', occurredAt: '2031-04-02T00:00:00Z', undated: true, parties, status: 'concluded', date: dateRef('2031-03-19'), outcome: 'agreement' });
    for (const order of permutations([agreed, collapsedLater, undatedAgreed])) {
      const { state } = foldTrack(order);
      assert.deepEqual([state.rounds[0]?.outcome, state.status], ['breakdown', 'collapsed']);
    }
    // A report silent about the outcome does not take it back.
    const silent = roundReported({ articleId: 'k14', occurredAt: '2031-03-30', parties, status: 'concluded', date: dateRef('2031-03-19'), outcome: null });
    assert.equal(foldTrack([agreed, silent]).state.status, 'concluded');
  });

  it('a retracted outcome folds out: the track is active again, with a correction of its own', () => {
    const signed = roundReported({ articleId: 'k3', occurredAt: '2031-03-20T09:00:00Z', parties, status: 'concluded', date: dateRef('2031-03-03'), outcome: 'agreement' });
    const retraction = retractionOf(signed, 'reextracted', 'test', '2031-06-01T00:00:00Z');
    const { state, changes } = foldTrack([metInBrussels, signed, retraction]);
    assert.equal(state.status, 'active');
    assert.deepEqual(statusChanges(changes), ['kosovo--serbia:status:active->concluded', 'kosovo--serbia:status:concluded->active']);
  });

  it('a replay gives the same changes, no id twice', () => {
    const signed = roundReported({ articleId: 'k3', occurredAt: '2031-03-20T09:00:00Z', parties, status: 'concluded', date: dateRef('2031-03-19'), outcome: 'agreement' });
    const events = [metInBrussels, endedInBrussels, signed];
    const once = foldTrack(events);
    assert.deepEqual(foldTrack([...events, ...events]).changes, once.changes);
    assert.equal(new Set(once.changes.map((c) => c.id)).size, once.changes.length);
  });
});
