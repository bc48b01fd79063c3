// Reports of undated articles (source.publishedAt null, occurredAt = when the article was
// received): they never override dated reports, never roll a status back, and fold the same
// whatever the order of arrival.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TalkEvent } from '../events/events.js';
import { type TrackState, foldTrack } from './projector.js';
import { dateRef, demandReported, permutations, responseReported, roundReported, unresolvedDate } from '../test-factories.js';

const statusAndDate = (state: TrackState) => state.rounds.map((r) => [r.status, r.date?.start ?? null, r.date?.precision ?? null]);

function sameInEveryOrder(events: readonly TalkEvent[]): TrackState {
  const [first, ...rest] = permutations(events).map((order) => foldTrack(order).state);
  assert.ok(first);
  for (const state of rest) assert.deepEqual({ ...state, version: 0 }, { ...first, version: 0 });
  return first;
}

describe('projector: undated reports', () => {
  it('an undated "will meet" received after a dated "met" does not roll the round back', () => {
    const held = roundReported({ articleId: 'dated', occurredAt: '2031-01-11', status: 'held', date: dateRef('2031-01-10') });
    const stale = roundReported({ articleId: 'stale', occurredAt: '2031-02-01T08:00:00Z', undated: true, status: 'announced', date: unresolvedDate('on Tuesday') });
    const state = sameInEveryOrder([held, stale]);
    assert.deepEqual(statusAndDate(state), [['held', '2031-01-10', 'day']]);
    assert.equal(state.rounds[0]?.sources.length, 2, 'the undated report still counts as a source');
    const { changes } = foldTrack([held, stale]);
    assert.ok(!changes.some((c) => c.type === 'round.status-changed' || c.type === 'round.rescheduled'), 'no alert moves the round back');
  });

  it('an undated report never revives a round a dated report postponed', () => {
    const postponed = roundReported({ articleId: 'dated', occurredAt: '2031-01-08', status: 'postponed', date: dateRef('2031-01-10') });
    const scheduled = roundReported({ articleId: 'old', occurredAt: '2031-01-20T00:00:00Z', undated: true, status: 'scheduled', date: dateRef('2031-01-10', 'on 10 January 2031') });
    assert.deepEqual(statusAndDate(sameInEveryOrder([postponed, scheduled])), [['postponed', '2031-01-10', 'day']]);
  });

  it('a dated report decides over undated ones, even one received after it', () => {
    const undatedPostponed = roundReported({ articleId: 'u', occurredAt: '2031-03-01T00:00:00Z', undated: true, status: 'postponed', date: dateRef('2031-02') });
    const dated = roundReported({ articleId: 'd', occurredAt: '2031-01-15', status: 'scheduled', date: dateRef('2031-02-03') });
    assert.deepEqual(statusAndDate(sameInEveryOrder([undatedPostponed, dated])), [['scheduled', '2031-02-03', 'day']]);
  });

  it('among undated reports the status only moves forward, whichever was received last', () => {
    const held = roundReported({ articleId: 'u1', occurredAt: '2031-01-05T00:00:00Z', undated: true, status: 'held', venue: 'Oslo' });
    const announced = roundReported({ articleId: 'u2', occurredAt: '2031-01-09T00:00:00Z', undated: true, status: 'announced', venue: 'Oslo' });
    assert.deepEqual(statusAndDate(sameInEveryOrder([held, announced])), [['held', null, null]]);
  });

  it('an unresolved date shows as written until a report gives a calendar date', () => {
    const undated = roundReported({ articleId: 'u', occurredAt: '2031-01-02T00:00:00Z', undated: true, status: 'announced', date: unresolvedDate('on Tuesday') });
    const alone = foldTrack([undated]);
    assert.deepEqual(statusAndDate(alone.state), [['announced', null, 'unknown']]);
    assert.equal(alone.state.rounds[0]?.date?.text, 'on Tuesday');
    assert.match(alone.changes[0]?.summary ?? '', /announced on Tuesday \(undated report\)/);
    const dated = roundReported({ articleId: 'd', occurredAt: '2031-01-03', status: 'scheduled', date: dateRef('2031-01-07') });
    assert.deepEqual(statusAndDate(sameInEveryOrder([undated, dated])), [['scheduled', '2031-01-07', 'day']]);
  });

  it('orders sources dated first, then undated', () => {
    const undated = roundReported({ articleId: 'a-undated', occurredAt: '2031-01-01T00:00:00Z', undated: true, status: 'held', date: dateRef('2031-01-10') });
    const dated = roundReported({ articleId: 'z-dated', occurredAt: '2031-01-11', status: 'held', date: dateRef('2031-01-10') });
    assert.deepEqual(sameInEveryOrder([undated, dated]).rounds[0]?.sources.map((s) => s.articleId), ['z-dated', 'a-undated']);
  });

  it('an undated response does not override a dated one, whatever their times', () => {
    const demand = demandReported({ articleId: 'd0', occurredAt: '2031-01-01', by: 'Russia', to: 'United States', text: 'the alliance must admit no new members' });
    const rejected = responseReported({ articleId: 'd1', occurredAt: '2031-01-05', by: 'United States', to: 'Russia', kind: 'rejected', text: 'the alliance must admit no new members', demand: { by: 'Russia', text: 'the alliance must admit no new members' } });
    const accepted = responseReported({ articleId: 'u1', occurredAt: '2031-02-01T00:00:00Z', undated: true, by: 'United States', to: 'Russia', kind: 'accepted', text: 'the alliance must admit no new members', demand: { by: 'Russia', text: 'the alliance must admit no new members' } });
    assert.deepEqual(sameInEveryOrder([demand, rejected, accepted]).demands.map((d) => d.status), ['rejected']);
    // Alone, an undated response decides.
    assert.deepEqual(sameInEveryOrder([demand, accepted]).demands.map((d) => d.status), ['accepted']);
  });
});
