import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { subscriptionsMatching, type AlertFilter } from './alert-matching.js';

const sub = (id: string, trackIds: string[], extra: Partial<AlertFilter> = {}): AlertFilter => ({ id, trackIds, active: true, disabledAt: null, ...extra });
const subscriptions = [
  sub('all', []),
  sub('this', ['russia--united-states']),
  sub('other', ['armenia--azerbaijan']),
  sub('removed', [], { active: false }),
  sub('disabled', [], { disabledAt: new Date('2026-12-01T00:00:00Z') }),
];

describe('subscriptionsMatching', () => {
  it('alerts the enabled subscriptions that follow the track or every track', () => {
    const ids = subscriptionsMatching({ type: 'round.added', trackId: 'russia--united-states' }, subscriptions).map((s) => s.id);
    assert.deepEqual(ids, ['all', 'this']);
  });

  it('alerts nobody of a change that does not alert', () => {
    assert.deepEqual(subscriptionsMatching({ type: 'track.status-changed', trackId: 'russia--united-states' }, subscriptions), []);
  });
});
