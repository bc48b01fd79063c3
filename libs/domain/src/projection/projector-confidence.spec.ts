// Each round, demand and response shows the confidence of its best report, whatever the order the
// reports arrive in and whichever of them are retracted.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retractionOf } from '../events/events.js';
import { foldTrack } from './projector.js';
import { dateRef, demandReported, permutations, responseReported, roundReported } from '../test-factories.js';

const parties = ['Kosovo', 'Serbia'];

describe('confidence of rounds, demands and responses', () => {
  it('a round keeps its best report; retracting it leaves the next best', () => {
    const weak = roundReported({ articleId: 'c1', occurredAt: '2031-03-01', parties, status: 'scheduled', date: dateRef('2031-03-03'), confidence: 0.45 });
    const strong = roundReported({ articleId: 'c2', occurredAt: '2031-03-04', parties, status: 'held', date: dateRef('2031-03-03'), confidence: 0.9 });
    for (const order of permutations([weak, strong])) assert.equal(foldTrack(order).state.rounds[0]?.confidence, 0.9);
    assert.equal(foldTrack([weak, strong, retractionOf(strong, 'reextracted', 'test', '2031-06-01T00:00:00Z')]).state.rounds[0]?.confidence, 0.45);
  });

  it('reports without a confidence (events written before it) give none', () => {
    const unscored = roundReported({ articleId: 'c0', occurredAt: '2031-03-03', parties, status: 'held', date: dateRef('2031-03-03') });
    assert.equal(foldTrack([unscored]).state.rounds[0]?.confidence, null);
  });

  it('demands and responses keep their best wording and report', () => {
    const a = demandReported({ articleId: 'd1', occurredAt: '2031-02-01', by: 'Serbia', to: 'Kosovo', text: 'Kosovo must form the association of municipalities', confidence: 0.55 });
    const b = demandReported({ articleId: 'd2', occurredAt: '2031-02-03', by: 'Serbia', to: 'Kosovo', text: 'Kosovo must form the association of municipalities', confidence: 0.8 });
    const no = responseReported({ articleId: 'd3', occurredAt: '2031-02-04', by: 'Kosovo', to: 'Serbia', kind: 'rejected', text: 'the association of municipalities', confidence: 0.6 });
    const { state } = foldTrack([a, b, no]);
    assert.equal(state.demands[0]?.confidence, 0.8);
    assert.equal(state.responses[0]?.confidence, 0.6);
    assert.deepEqual(JSON.parse(JSON.stringify(state)), state);
  });
});
