// Which subscriptions hear of a change: deciding to alert, apart from delivering. Pure.
import { assertNever, normaliseForComparison, type TrackChange, type TrackChangeType } from '@talkwatch/domain';
import type { SubscriptionFilter } from './subscription.js';

/** The kinds of change a subscriber chooses from, each naming one or more of the projector's change types. */
export const changeKinds = ['new-round', 'round-status', 'reschedule', 'new-demand', 'response', 'track-status', 'correction'] as const;
export type ChangeKind = (typeof changeKinds)[number];

/** What a subscription without chosen kinds hears of: every kind but the track's status, which follows from round news. */
export const defaultChangeKinds: readonly ChangeKind[] = changeKinds.filter((k) => k !== 'track-status');

export function changeKindOf(type: TrackChangeType): ChangeKind {
  switch (type) {
    case 'round.added':
      return 'new-round';
    case 'round.status-changed':
      return 'round-status';
    case 'round.rescheduled':
      return 'reschedule';
    case 'demand.added':
      return 'new-demand';
    case 'demand.responded':
      return 'response';
    case 'track.status-changed':
      return 'track-status';
    case 'round.withdrawn':
    case 'demand.withdrawn':
    case 'response.withdrawn':
      return 'correction';
    default:
      return assertNever(type);
  }
}

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
