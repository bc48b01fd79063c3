// Folding a wording re-derives only the demands it can affect (foldWording in projector.ts). The
// case a shortcut could get wrong: a new categorised wording related to a demand only through an
// uncategorised wording that had joined it; that wording may now prefer the new one's cluster.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FactEvent } from '../events/events.js';
import { type TrackState, deriveDemands, foldTrack } from './projector.js';
import { demandReported } from '../test-factories.js';

const demand = (articleId: string, text: string, category: string | null): FactEvent =>
  demandReported({ articleId, occurredAt: `2022-01-0${articleId.length}T10:00:00Z`, by: 'Russia', to: 'United States', text, category });

function foldOneByOne(events: readonly FactEvent[]): TrackState {
  let state: TrackState | undefined;
  for (const event of events) state = foldTrack([event], state).state;
  if (!state) throw new Error('no events');
  return state;
}

describe('demands: folding one wording at a time', () => {
  it('an uncategorised wording leaves its demand for a new wording it resembles more', () => {
    const events = [
      demand('a', 'halt the exercises', 'security'),
      demand('bb', 'halt the exercises near the border', null),
      demand('ccc', 'exercises near the border', 'humanitarian'),
    ];
    for (const order of [events, [...events].reverse(), [events[1], events[0], events[2]] as FactEvent[]]) {
      const state = foldOneByOne(order);
      const wordings = state.demands.flatMap((d) => d.wordings.map((wording) => ({ by: d.by, wording })));
      assert.deepEqual(state.demands, deriveDemands(state, wordings));
      assert.deepEqual(
        state.demands.map((d) => d.wordings.map((w) => w.text).sort()),
        [['halt the exercises'], ['exercises near the border', 'halt the exercises near the border']],
      );
    }
  });
});
