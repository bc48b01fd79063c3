import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TrackChangeType } from '@talkwatch/domain';
import { subscriptionsMatching, type AlertCandidate, type AlertSubscriber } from './alert-matching.js';
import { changeKindOf, changeKinds } from './change-kinds.js';
import type { SubscriptionFilter } from './subscription.js';

const everything: SubscriptionFilter = { trackIds: [], parties: [], changeKinds: [], minConfidence: null };
const sub = (id: string, filter: Partial<SubscriptionFilter> = {}, extra: Partial<AlertSubscriber> = {}): AlertSubscriber => ({
  id,
  active: true,
  disabledAt: null,
  confirmed: true,
  filter: { ...everything, ...filter },
  ...extra,
});
const candidate = (type: TrackChangeType, extra: Partial<AlertCandidate> = {}): AlertCandidate => ({
  change: { type, trackId: 'russia--united-states' },
  trackParties: ['Russia', 'United States'],
  confidence: 0.8,
  ...extra,
});
const ids = (c: AlertCandidate, subscriptions: readonly AlertSubscriber[]) => subscriptionsMatching(c, subscriptions).map((s) => s.id);

describe('subscriptionsMatching', () => {
  it('alerts the enabled, confirmed subscriptions that follow the track or every track', () => {
    const subscriptions = [
      sub('all'),
      sub('this', { trackIds: ['russia--united-states'] }),
      sub('other', { trackIds: ['armenia--azerbaijan'] }),
      sub('removed', {}, { active: false }),
      sub('disabled', {}, { disabledAt: new Date('2026-12-01T00:00:00Z') }),
      sub('unconfirmed', {}, { confirmed: false }),
    ];
    assert.deepEqual(ids(candidate('round.added'), subscriptions), ['all', 'this']);
  });

  it('follows a party on any of its tracks, tracks it did not know of included, whatever the spelling', () => {
    const subscriptions = [sub('us', { parties: ['united states'] }), sub('iran', { parties: ['Iran'] }), sub('either', { parties: ['Iran'], trackIds: ['russia--united-states'] })];
    assert.deepEqual(ids(candidate('demand.added'), subscriptions), ['us', 'either']);
    const later = candidate('round.added', { change: { type: 'round.added', trackId: 'iran--united-states' }, trackParties: ['Iran', 'United States'] });
    assert.deepEqual(ids(later, subscriptions), ['us', 'iran', 'either']);
  });

  it('hears of the chosen kinds only; without a choice, of every kind but the track status', () => {
    const subscriptions = [sub('default'), sub('rounds', { changeKinds: ['new-round', 'reschedule'] }), sub('status', { changeKinds: ['track-status'] }), sub('fixes', { changeKinds: ['correction'] })];
    assert.deepEqual(ids(candidate('round.added'), subscriptions), ['default', 'rounds']);
    assert.deepEqual(ids(candidate('round.rescheduled'), subscriptions), ['default', 'rounds']);
    assert.deepEqual(ids(candidate('round.status-changed'), subscriptions), ['default']);
    assert.deepEqual(ids(candidate('track.status-changed'), subscriptions), ['status']);
    assert.deepEqual(ids(candidate('demand.withdrawn', { confidence: null }), subscriptions), ['default', 'fixes']);
  });

  it('holds back changes brought by reports below the minimum confidence, not those that carry none', () => {
    const subscriptions = [sub('any'), sub('sure', { minConfidence: 0.7 }), sub('certain', { minConfidence: 0.95 })];
    assert.deepEqual(ids(candidate('round.added', { confidence: 0.7 }), subscriptions), ['any', 'sure']);
    assert.deepEqual(ids(candidate('round.added', { confidence: 0.4 }), subscriptions), ['any']);
    assert.deepEqual(ids(candidate('round.withdrawn', { confidence: null }), subscriptions), ['any', 'sure', 'certain']);
  });

  it('names a kind for every change type the projector emits', () => {
    const types: TrackChangeType[] = [
      'round.added',
      'round.status-changed',
      'round.rescheduled',
      'round.withdrawn',
      'demand.added',
      'demand.responded',
      'demand.withdrawn',
      'response.withdrawn',
      'track.status-changed',
    ];
    assert.deepEqual(new Set(types.map(changeKindOf)), new Set(changeKinds));
  });
});
