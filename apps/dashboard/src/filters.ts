// The overview's search and filters, kept in the URL so a filtered view can be shared.
import type { TrackStatus, TrackSummary } from './api/client.ts';
import { daysUntil } from './format.ts';
import { trackStatuses } from './status.ts';

export interface TrackFilter {
  text: string;
  party: string;
  status: TrackStatus | '';
  /** Only tracks with a round in the next 14 days. */
  soon: boolean;
}

export const soonDays = 14;

export function filterFromParams(params: URLSearchParams): TrackFilter {
  const status = params.get('status') ?? '';
  return {
    text: params.get('q') ?? '',
    party: params.get('party') ?? '',
    status: (trackStatuses as string[]).includes(status) ? (status as TrackStatus) : '',
    soon: params.get('soon') === '1',
  };
}

export function hasRoundSoon(track: TrackSummary, today: string): boolean {
  const days = daysUntil(track.nextRound?.date, today);
  return days !== undefined && days >= 0 && days <= soonDays;
}

export function matches(track: TrackSummary, filter: TrackFilter, today: string): boolean {
  if (filter.party && !track.parties.includes(filter.party) && !track.mediators.includes(filter.party)) return false;
  if (filter.status && track.status !== filter.status) return false;
  if (filter.soon && !hasRoundSoon(track, today)) return false;
  const text = filter.text.trim().toLowerCase();
  if (!text) return true;
  const haystack = [track.name, track.forum, ...track.parties, ...track.mediators, track.lastRound?.venue, track.nextRound?.venue]
    .filter((value): value is string => typeof value === 'string')
    .join(' ')
    .toLowerCase();
  return text.split(/\s+/).every((word) => haystack.includes(word));
}

/** Every party and mediator named by a track, sorted, for the party filter. */
export function partiesOf(tracks: readonly TrackSummary[]): string[] {
  return [...new Set(tracks.flatMap((t) => [...t.parties, ...t.mediators]))].sort((a, b) => a.localeCompare(b));
}
