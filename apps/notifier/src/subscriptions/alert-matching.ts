// Which subscriptions hear of a change: deciding to alert, apart from delivering. Pure.
import { alertingChangeTypes, type TrackChange } from '@talkwatch/domain';

export interface AlertFilter {
  readonly id: string;
  /** Empty: every track. */
  readonly trackIds: readonly string[];
  readonly active: boolean;
  /** Non-null: disabled (the receiver answered 410, or paused by PATCH): it hears of nothing. */
  readonly disabledAt: Date | null;
}

export function subscriptionsMatching<S extends AlertFilter>(change: Pick<TrackChange, 'type' | 'trackId'>, subscriptions: readonly S[]): S[] {
  if (!alertingChangeTypes.includes(change.type)) return [];
  return subscriptions.filter(
    (s) => s.active && s.disabledAt === null && (s.trackIds.length === 0 || s.trackIds.includes(change.trackId)),
  );
}
