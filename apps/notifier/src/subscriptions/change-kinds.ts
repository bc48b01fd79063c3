// The kinds of change a subscriber chooses from, and which of the projector's change types each is.
import { assertNever, type TrackChangeType } from '@talkwatch/domain';

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
