// Which subscriptions hear of a change: deciding to alert, apart from delivering. Pure.
import { normaliseForComparison, type TrackChange } from '@talkwatch/domain';
import { changeKindOf, defaultChangeKinds } from './change-kinds.js';
import type { SubscriptionFilter } from './subscription.js';

/** A change as the matching sees it, with what the projection knows besides. */
export interface AlertCandidate {
  readonly change: Pick<TrackChange, 'type' | 'trackId'>;
  /** The track's parties after the change (a party filter follows tracks that appear later). */
  readonly trackParties: readonly string[];
  /** The confidence of the report that brought the change; null when it carried none (corrections). */
  readonly confidence: number | null;
}

export interface AlertSubscriber {
  readonly id: string;
  readonly active: boolean;
  /** Non-null: disabled (the receiver answered 410, or paused by PATCH): it hears of nothing. */
  readonly disabledAt: Date | null;
  /** false: an email subscription waiting for its confirmation. */
  readonly confirmed: boolean;
  readonly filter: SubscriptionFilter;
}

export function matchesFilter(candidate: AlertCandidate, filter: SubscriptionFilter): boolean {
  const kinds = filter.changeKinds.length > 0 ? filter.changeKinds : defaultChangeKinds;
  if (!kinds.includes(changeKindOf(candidate.change.type))) return false;
  if (filter.minConfidence !== null && candidate.confidence !== null && candidate.confidence < filter.minConfidence) return false;
  if (filter.trackIds.length === 0 && filter.parties.length === 0) return true;
  if (filter.trackIds.includes(candidate.change.trackId)) return true;
  const onTrack = new Set(candidate.trackParties.map(normaliseForComparison));
  return filter.parties.some((party) => onTrack.has(normaliseForComparison(party)));
}

export function subscriptionsMatching<S extends AlertSubscriber>(candidate: AlertCandidate, subscriptions: readonly S[]): S[] {
  return subscriptions.filter((s) => s.active && s.disabledAt === null && s.confirmed && matchesFilter(candidate, s.filter));
}
