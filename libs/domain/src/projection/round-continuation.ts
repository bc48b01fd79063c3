// Shared by the extractor (within an article) and the projector (across articles).
import type { DateRef, RoundStatus } from '../events/events.js';

/** The longest a single round may run, first to last day: "began on Monday … ended on Thursday". */
export const MAX_ROUND_SPAN_DAYS = 3;

/** Whole days from `a` to `b` (day-precision ISO dates); NaN when either is not a day. */
export function daysBetween(a: string, b: string): number {
  if (a.length !== 10 || b.length !== 10) return Number.NaN;
  return Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
}

/**
 * "Began on Monday … ended on Thursday": a report that a round under way (held) went on or ended a
 * few days later continues it. A later day beyond MAX_ROUND_SPAN_DAYS is another meeting (a meeting
 * on 21 January is no continuation of one held on 12 January).
 */
export function continuesRound(current: { status: RoundStatus; date: DateRef | null }, status: RoundStatus, date: DateRef | null): boolean {
  if (current.status !== 'held' || (status !== 'held' && status !== 'concluded')) return false;
  if (current.date?.precision !== 'day' || date?.precision !== 'day') return false;
  const days = daysBetween(current.date.start, date.start);
  return days > 0 && days <= MAX_ROUND_SPAN_DAYS;
}
