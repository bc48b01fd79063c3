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
// - Weeks ("next week", "in two weeks", "a week ago") have no precision of their own: they are the
//   month they begin in ("next week" read on 17 August 2024 is "2024-08"), kept with their
//   words. A week is no firm date, so a round dated by one stays announced, not scheduled.
// - Durations ("three hours", "for ten weeks") and clock times are ignored.
// - Without a publication date (an undated article) only what the text places in the calendar by
//   itself resolves: "on 12 March 2024", "in March 2024", "in 2025". Whatever needs the publication
//   date ("on Tuesday", "next month", "later this year", and "on 12 March" without a year, whose
//   year would be guessed) is kept with its words, precision "unknown" and start null. An
//   expression is told to need the reference by reading it against two distant ones: if the
//   results differ, it does.
// - Days counted from another event ("two days later", "a day after they met") are not dates of
//   their own: findDayOffsets reports them, and the round rules count them from that event.
import * as chrono from 'chrono-node';
import { type DateRef, type ResolvedDateRef, isResolvedDate } from './date-ref.js';

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
/** A date placed in the calendar, before its words are attached. */
type Placed = Pick<ResolvedDateRef, 'start' | 'precision'>;
const DAY_MS = 86_400_000;

/** The publication date as a UTC noon instant (time zones cannot move it across a day); invalid when there is none. */
export function referenceInstant(publishedAt: string | null): Date {
  const m = publishedAt === null ? null : /^(\d{4})-(\d{2})-(\d{2})/.exec(publishedAt);
  if (!m) return new Date(Number.NaN);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
}

export function isoDay(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

const QUALIFIER = /(?:(?:at|by|in|from|until|towards?)\s+)?(?:the\s+)?(?:very\s+)?(?:beginning|start|end|middle|first\s+days?|last\s+days?|first\s+half|second\s+half)\s+of\s+(?:the\s+)?$|(?:early|late|mid|the\s+middle\s+of)[\s-]+$/i;
/** "sat down", "wed", "sun": a weekday abbreviation in lower case is another word. */
const LOWER_CASE_WEEKDAY_WORD = /^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)$/;
const IGNORED = /^(?:now|today's|morning|evening|afternoon|night|tonight|noon|midnight)$|week|ago|hours?|minutes?|seconds?|\d{1,2}:\d{2}/i;
/** "the end of the month": a part of a period is dated as the period (see the qualifiers above). */
const PERIOD_EDGE = /^(?:the\s+)?(?:very\s+)?(?:end|beginning|start|middle)\s+of\s+(?:the\s+|this\s+|next\s+)?(month|year)\b/i;
/** "for four years", "two months": how long something lasted, not when (unlike "in two months"). */
const DURATION = /^(?:(?:for|over|during)\s+)?(?:(?:about|nearly|almost|some|more\s+than|over)\s+)?(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a\s+few|\d{1,3})\s+(?:years?|months?|days?)$/i;
const SPAN_OF = /^(?:(?:after|before|for|over|within)\s+)?(?:a|an|one|two|three|four|five|several|a\s+few|\d{1,2})\s+(?:days?|weeks?|months?|years?)$/i;
const RELATIVE_WEEKDAY = /^(?:next|last|this|coming|past)\s+\w+day\b/i;
/** "at the start of the new year": the coming year when said late in a year, else the current one. */
/** "this weekend", "next weekend", "over the weekend". */
const WEEKEND = /\b(?:(this|next|last|coming|past)\s+weekend|over\s+the\s+weekend)\b/gi;
/** "next week", "later this week", "in two weeks' time", "within a week", "two weeks ago". */
const WEEK = /\b(?:(this|next|last|coming|past)\s+week|(in|within)\s+(?:the\s+next\s+)?(a|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+weeks?(?:['’]?\s*time)?|(a|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+weeks?\s+ago)\b/gi;
const WEEK_COUNT: Record<string, number> = { a: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

/** The month a week an expression names begins in (its Monday; "in two weeks": that day). */
function weekMonth(ref: Date, m: RegExpMatchArray): string {
  const today = isoDay(ref);
  const monday = addDays(today, -((ref.getUTCDay() + 6) % 7));
  const which = (m[1] ?? '').toLowerCase();
  const count = (w: string | undefined): number => WEEK_COUNT[(w ?? '').toLowerCase()] ?? Number(w ?? 1);
  let middle: string;
  if (which) middle = addDays(monday, 7 * (which === 'next' || which === 'coming' ? 1 : which === 'last' || which === 'past' ? -1 : 0));
  else if (m[2]) middle = addDays(today, 7 * count(m[3]) - (m[2].toLowerCase() === 'within' ? Math.round((7 * count(m[3])) / 2) : 0));
  else middle = addDays(today, -7 * count(m[4]));
  return middle.slice(0, 7);
}

const NEW_YEAR = /\b(?:in|into|at|by|for|early\s+in|after)\s+(?:(?:the\s+)?(?:very\s+)?(?:beginning|start|end|middle)\s+of\s+)?the\s+new\s+year\b/gi;
const YEAR_ONLY = /\b(in|by|during|until|for|since|from)\s+((?:19|20)\d{2})\b(?![-–]\d)/gi;

/**
 * "two days later", "the following day", "a day after they met", "the day before the session": a
 * day counted from another event, never from the publication date.
 */
export interface DayOffset {
  start: number;
  end: number;
  /** Days from the other event to this one: 2 for "two days later/after", -1 for "a day before". */
  days: number;
  /**
   * told: counted from the event told before ("… on Jan. 10. The council met two days later");
   * complement: counted from the event the words introduce ("a day after they met, …": they met a
   * day before the rest of the sentence).
   */
  from: 'told' | 'complement';
}

const COUNT_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
const DAY_OFFSET = /\b(?:(an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+days?\s+(later|afterwards|earlier|after|before)|the\s+(following|next|previous)\s+day|the\s+day\s+(after|before))\b/gi;
/** After "after"/"before", the event they introduce: a word, not the end of the clause. */
const COMPLEMENT_FOLLOWS = /^\s+(?!(?:on|in|at|and|but|or|as|when|while|with)\b)[\p{L}\p{N}"“]/u;

/** The day offsets of a text ("two days later", "a day after they met"), without resolving them. */
export function findDayOffsets(text: string): DayOffset[] {
  if (!/\bday/i.test(text)) return [];
  const out: DayOffset[] = [];
  for (const m of text.matchAll(DAY_OFFSET)) {
    const count = m[1] ? (COUNT_WORDS[m[1].toLowerCase()] ?? Number(m[1])) : 1;
    const word = (m[2] ?? m[3] ?? m[4] ?? '').toLowerCase();
    const backwards = word === 'earlier' || word === 'before' || word === 'previous';
    const introduces = (word === 'after' || word === 'before') && COMPLEMENT_FOLLOWS.test(text.slice(m.index + m[0].length));
    out.push({ start: m.index, end: m.index + m[0].length, days: backwards ? -count : count, from: introduces ? 'complement' : 'told' });
  }
  return out;
}

/** The ISO day `days` after `day` (before it when negative). */
export function addDays(day: string, days: number): string {
  return isoDay(new Date(Date.parse(`${day}T12:00:00Z`) + days * DAY_MS));
}

function weekdayFor(ref: Date, weekday: number, tense: Tense): Date {
  const diff = weekday - ref.getUTCDay();
  if (tense === 'past' || tense === 'present') return new Date(ref.getTime() + (diff > 0 ? diff - 7 : diff) * DAY_MS);
  if (tense === 'future') return new Date(ref.getTime() + (diff < 0 ? diff + 7 : diff) * DAY_MS);
  return new Date(ref.getTime() + (diff > 3 ? diff - 7 : diff < -3 ? diff + 7 : diff) * DAY_MS);
}

/** A date expression before tense is applied: weekday-only expressions stay unresolved. */
interface RawDate {
  start: number;
  end: number;
  before: string;
  text: string;
  /** Resolved date, or null for a bare weekday (resolved by tense in findDates). */
  resolved: Placed | null;
  weekday: number;
  /** The text gave the year (else the closest one was assumed, and tense may move it). */
  yearCertain: boolean;
  /** A weekend: its Saturday and Sunday, the week named by the text ("next", "last") or else by tense. */
  weekend?: { tense: Tense | null };
}

// Text without any of these cannot hold a date chrono would read: skip the parser (the costliest
// step of the extractor) for it.
const DATE_HINT = /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|today|tomorrow|yesterday|tonight|year|month|week|weekend|noon|midnight|morning|evening|afternoon|night)/i;

function parseExpressions(text: string, ref: Date): RawDate[] {
  const out: RawDate[] = [];
  if (DATE_HINT.test(text)) {
    const offsets = findDayOffsets(text);
    for (const result of chrono.parse(text, { instant: ref, timezone: 0 })) {
      // Days counted from another event (findDayOffsets) are not counted from the publication date.
      if (offsets.some((o) => result.index < o.end && o.start < result.index + result.text.length)) continue;
      const c = result.start;
      const matched = result.text.replace(/[\s,;:]+$/, '');
      const bare = matched.replace(/^(?:on|in|at|by|for)\s+/i, '');
      if (IGNORED.test(bare) || LOWER_CASE_WEEKDAY_WORD.test(bare) || DURATION.test(matched)) continue;
      // "after a day of talks", "a week of meetings": how long, in a noun phrase; not a day to count to.
      if (SPAN_OF.test(matched) && /^\s+of\b/i.test(text.slice(result.index + matched.length))) continue;
      const certainDay = c.isCertain('day');
      const certainWeekday = c.isCertain('weekday');
      const certainMonth = c.isCertain('month');
      const certainYear = c.isCertain('year');
      if (!certainDay && !certainWeekday && !certainMonth && !certainYear) continue;
      let resolved: RawDate['resolved'];
      const period = PERIOD_EDGE.exec(bare);
      if (period) resolved = period[1]?.toLowerCase() === 'year' ? { start: String(c.get('year') ?? ref.getUTCFullYear()), precision: 'year' } : { start: isoDay(c.date()).slice(0, 7), precision: 'month' };
      else if (certainDay) resolved = { start: isoDay(c.date()), precision: 'day' };
      // "next Tuesday", "last Friday" say which week: the parser's day, not the tense's.
      else if (certainWeekday && RELATIVE_WEEKDAY.test(bare)) resolved = { start: isoDay(c.date()), precision: 'day' };
      else if (certainWeekday) resolved = null;
      else if (certainMonth) resolved = { start: `${c.get('year') ?? ref.getUTCFullYear()}-${pad(c.get('month') ?? 1)}`, precision: 'month' };
      else resolved = { start: String(c.get('year') ?? ref.getUTCFullYear()), precision: 'year' };
      let from = result.index;
      const qualifier = QUALIFIER.exec(text.slice(Math.max(0, from - 60), from));
      if (qualifier) from -= qualifier[0].length;
      const end = result.index + matched.length;
      const before = /(\S+)\s*$/.exec(text.slice(0, from))?.[1]?.toLowerCase().replace(/[^a-z]/g, '') ?? '';
      out.push({ start: from, end, before, text: text.slice(from, end).trim(), resolved, weekday: c.get('weekday') ?? 0, yearCertain: certainYear });
    }
    for (const m of text.matchAll(YEAR_ONLY)) {
      const at = m.index + (m[1]?.length ?? 0) + 1;
      if (out.some((d) => at >= d.start && at < d.end)) continue;
      out.push({ start: m.index, end: m.index + m[0].length, before: (m[1] ?? '').toLowerCase(), text: m[0], resolved: { start: m[2] ?? '', precision: 'year' }, weekday: 0, yearCertain: true });
    }
    for (const m of text.matchAll(WEEKEND)) {
      if (out.some((d) => m.index < d.end && d.start < m.index + m[0].length)) continue;
      const which = (m[1] ?? '').toLowerCase();
      const tense: Tense | null = which === 'next' || which === 'coming' ? 'future' : which === 'last' || which === 'past' ? 'past' : null;
      const before = /(\S+)\s*$/.exec(text.slice(0, m.index))?.[1]?.toLowerCase().replace(/[^a-z]/g, '') ?? '';
      out.push({ start: m.index, end: m.index + m[0].length, before, text: m[0], resolved: null, weekday: 6, yearCertain: false, weekend: { tense } });
    }
    for (const m of text.matchAll(WEEK)) {
      if (out.some((d) => m.index < d.end && d.start < m.index + m[0].length)) continue;
      const before = /(\S+)\s*$/.exec(text.slice(0, m.index))?.[1]?.toLowerCase().replace(/[^a-z]/g, '') ?? '';
      out.push({ start: m.index, end: m.index + m[0].length, before, text: m[0], resolved: { start: weekMonth(ref, m), precision: 'month' }, weekday: 0, yearCertain: true });
    }
    for (const m of text.matchAll(NEW_YEAR)) {
      if (out.some((d) => m.index < d.end && d.start < m.index + m[0].length)) continue;
      const year = ref.getUTCFullYear() + (ref.getUTCMonth() >= 9 ? 1 : 0);
      const before = /(\S+)\s*$/.exec(text.slice(0, m.index))?.[1]?.toLowerCase().replace(/[^a-z]/g, '') ?? '';
      out.push({ start: m.index, end: m.index + m[0].length, before, text: m[0], resolved: { start: String(year), precision: 'year' }, weekday: 0, yearCertain: true });
    }
    out.sort((a, b) => a.start - b.start);
  }
  return out;
}

/**
 * A month or a day without a year is first placed in the closest year; the tense then moves it:
 * "will meet on October 5" read in February is next October, "met on December 28" read in
 * January is last December. A week's slack keeps loosely dated reports in place.
 */
function withTenseYear(resolved: Placed, yearCertain: boolean, ref: Date, tense: Tense): Placed {
  if (yearCertain || resolved.precision === 'year' || (tense !== 'future' && tense !== 'past')) return resolved;
  const year = Number(resolved.start.slice(0, 4));
  const rest = resolved.start.slice(4);
  const today = isoDay(ref);
  const slack = (days: number): string => isoDay(new Date(ref.getTime() + days * DAY_MS));
  const compareTo = (bound: string): string => (resolved.precision === 'month' ? bound.slice(0, 7) : bound);
  if (tense === 'future' && resolved.start < compareTo(slack(-7)) && resolved.start < today.slice(0, resolved.start.length)) return { ...resolved, start: `${year + 1}${rest}` };
  if (tense === 'past' && resolved.start > compareTo(slack(7)) && resolved.start > today.slice(0, resolved.start.length)) return { ...resolved, start: `${year - 1}${rest}` };
  return resolved;
}

/** Finds the date expressions of a text, resolved with the given tense. */
export type DateFinder = (text: string, tense: Tense) => FoundDate[];

/** Distant references an undated article's expressions are read against (different years, months and weekdays). */
const PROBES = [new Date(Date.UTC(2001, 1, 14, 12)), new Date(Date.UTC(2013, 8, 27, 12))] as const;

/** The expressions of an undated text: resolved where no reference is needed, else null (see the top). */
function parseUndated(text: string): RawDate[] {
  const [a, b] = PROBES.map((probe) => parseExpressions(text, probe)) as [RawDate[], RawDate[]];
  return a.map((d) => {
    const other = b.find((x) => x.start === d.start && x.end === d.end);
    const fixed = d.resolved !== null && other?.resolved?.start === d.resolved.start && other.resolved.precision === d.resolved.precision;
    return fixed ? d : { ...d, resolved: null };
  });
}

/**
 * A date finder for one article. It remembers what it parsed, so that reading a sentence, then its
 * clauses, then the sentence again as context costs one parse; the memory lives as long as the
 * finder. Without a publication date (null), dates the text does not place by itself come back
 * unresolved (precision "unknown").
 */
export function createDateFinder(publishedAt: string | null): DateFinder {
  const ref = referenceInstant(publishedAt);
  const undated = publishedAt === null;
  const memo = new Map<string, RawDate[]>();
  return (text, tense) => {
    if (!undated && Number.isNaN(ref.getTime())) return [];
    let raw = memo.get(text);
    if (!raw) {
      raw = undated ? parseUndated(text) : parseExpressions(text, ref);
      memo.set(text, raw);
    }
    return raw.map((d): FoundDate => {
      const found = { start: d.start, end: d.end, before: d.before };
      if (undated) {
        // Placed by the text alone (a year was given): tense cannot move it.
        const date: DateRef = d.resolved ? { text: d.text, start: d.resolved.start, end: null, precision: d.resolved.precision } : { text: d.text, start: null, end: null, precision: 'unknown' };
        return { ...found, date };
      }
      if (d.weekend) {
        // "next weekend" said on a Wednesday is the coming one; said at the weekend, the one after.
        const saturday = weekdayFor(ref, 6, d.weekend.tense ?? tense);
        const nextAtWeekend = d.weekend.tense === 'future' && (ref.getUTCDay() === 6 || ref.getUTCDay() === 0) ? 7 : 0;
        const start = addDays(isoDay(saturday), nextAtWeekend);
        return { ...found, date: { text: d.text, start, end: addDays(start, 1), precision: 'day' } };
      }
      const resolved = d.resolved ? withTenseYear(d.resolved, d.yearCertain, ref, tense) : { start: isoDay(weekdayFor(ref, d.weekday, tense)), precision: 'day' as const };
      return { ...found, date: { text: d.text, start: resolved.start, end: null, precision: resolved.precision } };
    });
  };
}

/** Every date expression in `text`, resolved against `publishedAt` (null: undated) with the given tense. */
export function findDates(text: string, publishedAt: string | null, tense: Tense): FoundDate[] {
  return createDateFinder(publishedAt)(text, tense);
}

/** Whether two partial ISO dates can describe the same day (one equals or contains the other). */
export function datesCompatible(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return true;
  return a.startsWith(b) || b.startsWith(a);
}

/** The more precise of two compatible dates (the longer start; an unresolved one is the least precise), preferring `a` on a tie. */
export function morePrecise(a: DateRef | null, b: DateRef | null): DateRef | null {
  if (!a) return b;
  if (!b) return a;
  if (!isResolvedDate(b)) return a;
  if (!isResolvedDate(a)) return b;
  return b.start.length > a.start.length ? b : a;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "10 January 2022", "January 2022", "2022"; an unresolved date as written ("on Tuesday"). */
export function formatDateRef(date: { start: string | null; text?: string }): string {
  if (date.start === null) return date.text ?? 'an unknown date';
  const [y, m, d] = date.start.split('-');
  const month = m ? MONTH_NAMES[Number(m) - 1] : undefined;
  if (y && month && d) return `${Number(d)} ${month} ${y}`;
  if (y && month) return `${month} ${y}`;
  return y ?? date.start;
}
