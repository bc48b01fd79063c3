// The long-range rules of clusterRounds, where a report decides about rounds far from it: the
// incremental fold must take those rounds into the region it re-derives (round-region.ts), or the
// rounds would differ from deriving them all from scratch.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FactEvent } from '../events/events.js';
import { type RoundReport, type TrackState, deriveRounds, foldTrack } from './projector.js';
import { dateRef, roundReported } from '../test-factories.js';
import { related, summarise } from './round-region.js';

function foldOneByOne(events: readonly FactEvent[]): TrackState {
  let state: TrackState | undefined;
  for (const event of events) state = foldTrack([event], state).state;
  if (!state) throw new Error('no events');
  return state;
}

function assertFullDerivation(events: readonly FactEvent[]): TrackState {
  for (const order of [events, [...events].reverse()]) {
    const state = foldOneByOne(order);
    assert.deepEqual(state.rounds, deriveRounds(state.id, state.rounds.flatMap((r) => r.reports)));
  }
  return foldOneByOne(events);
}

describe('round regions: reports that decide about rounds far away', () => {
  it('undated reports years apart with no dated round near them are one round', () => {
    const state = assertFullDerivation([
      roundReported({ articleId: 'u1', occurredAt: '2020-03-02T10:00:00Z', undated: true, status: 'announced' }),
      roundReported({ articleId: 'u2', occurredAt: '2024-06-10T10:00:00Z', undated: true, status: 'held' }),
    ]);
    assert.equal(state.rounds.length, 1);
  });

  it('a postponement without an ordinal moves the open round before it, however long before', () => {
    const state = assertFullDerivation([
      roundReported({ articleId: 'r1', occurredAt: '2022-01-01T10:00:00Z', status: 'scheduled', date: dateRef('2022-01-10') }),
      roundReported({ articleId: 'r2', occurredAt: '2022-02-20T10:00:00Z', status: 'postponed', date: dateRef('2022-03-25') }),
    ]);
    assert.equal(state.rounds.length, 1);
    assert.equal(state.rounds[0]?.status, 'postponed');
  });

  it('a month joins the earliest day of its month, whichever was read first', () => {
    const state = assertFullDerivation([
      roundReported({ articleId: 'm', occurredAt: '2022-01-01T10:00:00Z', status: 'announced', date: dateRef('2022-03') }),
      roundReported({ articleId: 'd2', occurredAt: '2022-01-05T10:00:00Z', status: 'scheduled', date: dateRef('2022-03-20') }),
      roundReported({ articleId: 'd1', occurredAt: '2022-01-06T10:00:00Z', status: 'scheduled', date: dateRef('2022-03-08') }),
    ]);
    assert.equal(state.rounds.length, 2);
  });

  it('rounds on days far apart, with nothing between them, are unrelated', () => {
    const on = (articleId: string, day: string) => summarise(reportsOf(roundReported({ articleId, occurredAt: `${day}T09:00:00Z`, status: 'scheduled', date: dateRef(day) })));
    assert.equal(related(on('a', '2022-01-10'), on('b', '2022-01-14')), false);
    assert.equal(related(on('a', '2022-01-10'), on('b', '2022-01-11')), true);
  });
});

/** The reports a round event gives, as the projector keeps them. */
function reportsOf(event: ReturnType<typeof roundReported>): RoundReport[] {
  const { data, metadata } = event;
  return [{ eventId: event.id, at: metadata.occurredAt, status: data.status, date: data.date, ordinal: data.ordinal, venue: data.venue, mediators: data.mediators, source: metadata.source }];
}
