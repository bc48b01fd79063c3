// Shared by the extractor (within an article) and the projector (across articles).
import type { DateRef, RoundStatus } from './events.js';

/** "Began on Monday … ended on Thursday": a later day within two weeks continues a round under way. */
export function continuesRound(current: { status: RoundStatus; date: DateRef | null }, status: RoundStatus, date: DateRef | null): boolean {
  if (current.status !== 'held' || (status !== 'held' && status !== 'concluded')) return false;
  if (current.date?.precision !== 'day' || date?.precision !== 'day') return false;
  const days = (Date.parse(date.start) - Date.parse(current.date.start)) / 86_400_000;
  return days > 0 && days <= 14;
}
