// Date expressions resolved against the publication date, at the precision the text allows.
//
// Decisions (documented because they shape what the tracks show):
// - "in January" → month precision ("2022-01"); "Jan. 10" → day; "next year" → year.
// - Qualifiers ("early", "at the very beginning of") are kept in DateRef.text but do not narrow the
//   period: "at the very beginning of next year" is the year ("2022"), because the text does not say
//   which month. A later or neighbouring report ("in January") refines it: month-level dates
//   contained in a year-level one merge with it.
// - Weekdays follow the tense: "held on Tuesday" is the last Tuesday (or the day itself), "will
//   meet on Monday" the next Monday (or the day itself).
// - Month-day without a year takes the closest year to the publication date.
// - Week-level ("next week"), duration ("ten weeks ago", "three hours") and clock-time expressions
//   are ignored for now.
import * as chrono from 'chrono-node';
import type { DateRef } from './events.js';

export type Tense = 'past' | 'present' | 'future' | 'unknown';

export interface FoundDate {
  /** Offsets of the expression in the text searched. */
  start: number;
  end: number;
  /** The word before the expression ("on", "since", "said"), lower case, or ''. */
  before: string;
  date: DateRef;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const DAY_MS = 86_400_000;

/** The publication date as a UTC noon instant (time zones cannot move it across a day). */
export function referenceInstant(publishedAt: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(publishedAt);
  if (!m) return new Date(Number.NaN);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
}

export function isoDay(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

const QUALIFIER = /(?:(?:at|by|in|from|until|towards?)\s+)?(?:the\s+)?(?:very\s+)?(?:beginning|start|end|middle|first\s+days?|last\s+days?|first\s+half|second\s+half)\s+of\s+(?:the\s+)?$|(?:early|late|mid|the\s+middle\s+of)[\s-]+$/i;
const IGNORED = /^(?:now|today's|morning|evening|afternoon|night|tonight|noon|midnight)$|week|ago|hours?|minutes?|seconds?|\d{1,2}:\d{2}/i;
const YEAR_ONLY = /\b(in|by|during|until|for|since|from)\s+((?:19|20)\d{2})\b(?![-–]\d)/gi;

function weekdayFor(ref: Date, weekday: number, tense: Tense): Date {
  const diff = weekday - ref.getUTCDay();
  if (tense === 'past' || tense === 'present') return new Date(ref.getTime() + (diff > 0 ? diff - 7 : diff) * DAY_MS);
  if (tense === 'future') return new Date(ref.getTime() + (diff < 0 ? diff + 7 : diff) * DAY_MS);
  return new Date(ref.getTime() + (diff > 3 ? diff - 7 : diff < -3 ? diff + 7 : diff) * DAY_MS);
}

/** Every date expression in `text`, resolved against `publishedAt` with the given tense. */
export function findDates(text: string, publishedAt: string, tense: Tense): FoundDate[] {
  const ref = referenceInstant(publishedAt);
  if (Number.isNaN(ref.getTime())) return [];
  const out: FoundDate[] = [];
  for (const result of chrono.parse(text, { instant: ref, timezone: 0 })) {
    const c = result.start;
    const bare = result.text.replace(/^(?:on|in|at|by|for)\s+/i, '');
    if (IGNORED.test(bare)) continue;
    const certainDay = c.isCertain('day');
    const certainWeekday = c.isCertain('weekday');
    const certainMonth = c.isCertain('month');
    const certainYear = c.isCertain('year');
    if (!certainDay && !certainWeekday && !certainMonth && !certainYear) continue;
    let start: string;
    let precision: DateRef['precision'];
    if (certainDay || certainWeekday) {
      const d = !certainDay && certainWeekday ? weekdayFor(ref, c.get('weekday') ?? 0, tense) : c.date();
      start = isoDay(d);
      precision = 'day';
    } else if (certainMonth) {
      start = `${c.get('year') ?? ref.getUTCFullYear()}-${pad(c.get('month') ?? 1)}`;
      precision = 'month';
    } else {
      start = String(c.get('year') ?? ref.getUTCFullYear());
      precision = 'year';
    }
    let from = result.index;
    const qualifier = QUALIFIER.exec(text.slice(Math.max(0, from - 60), from));
    if (qualifier) from -= qualifier[0].length;
    const end = result.index + result.text.length;
    const before = /(\S+)\s*$/.exec(text.slice(0, from))?.[1]?.toLowerCase().replace(/[^a-z]/g, '') ?? '';
    out.push({ start: from, end, before, date: { text: text.slice(from, end).trim(), start, end: null, precision } });
  }
  for (const m of text.matchAll(YEAR_ONLY)) {
    const at = m.index + (m[1]?.length ?? 0) + 1;
    if (out.some((d) => at >= d.start && at < d.end)) continue;
    out.push({ start: m.index, end: m.index + m[0].length, before: (m[1] ?? '').toLowerCase(), date: { text: m[0], start: m[2] ?? '', end: null, precision: 'year' } });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Whether two partial ISO dates can describe the same day (one equals or contains the other). */
export function datesCompatible(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return true;
  return a.startsWith(b) || b.startsWith(a);
}

/** The more precise of two compatible dates (the longer start), preferring `a` on a tie. */
export function morePrecise(a: DateRef | null, b: DateRef | null): DateRef | null {
  if (!a) return b;
  if (!b) return a;
  return b.start.length > a.start.length ? b : a;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "10 January 2022", "January 2022", "2022". */
export function formatDateRef(date: Pick<DateRef, 'start'>): string {
  const [y, m, d] = date.start.split('-');
  const month = m ? MONTH_NAMES[Number(m) - 1] : undefined;
  if (y && month && d) return `${Number(d)} ${month} ${y}`;
  if (y && month) return `${month} ${y}`;
  return y ?? date.start;
}
