// Which of a track's rounds a new report can affect: the "region" re-derived when it is folded.
//
// clusterRounds is a function of the whole set of a track's reports, but every rule in it links
// reports only through a few relations (the same ordinal within MAX_ORDINAL_GAP_DAYS, day-dated
// reports a day apart or a held/concluded pair a few days apart, a postponement and the rounds
// before it, a month or year and the days or periods in its year, an undated report and the dated
// or undated reports around the day it was read). Call two reports related when any rule could
// compare them; the connected components of that relation never influence each other (every
// decision about a cluster looks only at clusters it is related to, and canonical order within a
// component is the same as in the whole), so clustering the whole set is clustering each
// component. Adding a report changes only the component it joins: itself and every existing
// component related to it. Since a round lies within one component, that is the closure of the
// rounds related to the report, which is what roundRegion returns.
//
// The test is kept conservative at the level of rounds (ranges and sets summarising a round's
// reports): a round wrongly taken into the region costs a little work; one wrongly left out would
// give a state that depends on the order of arrival (projector.property.spec.ts checks that it
// does not, and round-region.spec.ts that the region fold equals the full derivation).
import type { DateRef, RoundStatus } from '../events/events.js';
import { MAX_ROUND_SPAN_DAYS } from './round-continuation.js';

/** What the relations read of a round report (the projector's RoundReport has these fields). */
export interface RegionReport {
  /** When it was reported (ISO 8601). */
  at: string;
  status: RoundStatus;
  date: DateRef | null;
  ordinal: number | null;
}

/** Reports of one ordinal further apart than this are different rounds (as in clusterRounds). */
export const MAX_ORDINAL_GAP_DAYS = 300;

interface Range {
  min: number;
  max: number;
}

/** What the relations need to know of a round's reports. */
export interface RoundSummary {
  /** Day-dated reports' days (day numbers). */
  days: Range | null;
  held: Range | null;
  concluded: Range | null;
  /** Per ordinal, the range of its reports' rough days. */
  ordinals: Map<number, Range>;
  /** Years of month- and year-dated reports. */
  vagueYears: Set<string>;
  /** Years of day-dated reports. */
  dayYears: Set<string>;
  /** The latest day of a day-dated postponement without an ordinal. */
  postponedDay: number | null;
  /** Days on which undated reports (no calendar date) were read. */
  undatedRead: Range | null;
  /** Rough days of the reports that have a date (day, month or year). */
  datedRough: Range | null;
}

const DAY_MS = 86_400_000;
const dayNumber = (isoDay: string): number => Math.round(Date.parse(isoDay.slice(0, 10)) / DAY_MS);

function widen(range: Range | null, value: number): Range {
  if (!range) return { min: value, max: value };
  return { min: Math.min(range.min, value), max: Math.max(range.max, value) };
}

/** Days between two ranges (0 when they overlap). */
function gap(a: Range, b: Range): number {
  if (a.max < b.min) return b.min - a.max;
  if (b.max < a.min) return a.min - b.max;
  return 0;
}

/** The rough day clusterRounds gives a report: its date's start (a month's middle, a year's), else the day it was read. */
function roughDayNumber(r: RegionReport): number {
  const start = r.date?.start ?? null;
  if (start && start.length === 10) return dayNumber(start);
  if (start && start.length === 7) return dayNumber(`${start}-15`);
  if (start && start.length === 4) return dayNumber(`${start}-07-01`);
  return dayNumber(r.at);
}

export function summarise(reports: readonly RegionReport[]): RoundSummary {
  const s: RoundSummary = {
    days: null,
    held: null,
    concluded: null,
    ordinals: new Map(),
    vagueYears: new Set(),
    dayYears: new Set(),
    postponedDay: null,
    undatedRead: null,
    datedRough: null,
  };
  for (const r of reports) {
    const start = r.date?.start ?? null;
    const rough = roughDayNumber(r);
    if (r.ordinal !== null) s.ordinals.set(r.ordinal, widen(s.ordinals.get(r.ordinal) ?? null, rough));
    if (start === null) {
      s.undatedRead = widen(s.undatedRead, dayNumber(r.at));
      continue;
    }
    s.datedRough = widen(s.datedRough, rough);
    if (r.date?.precision !== 'day') {
      s.vagueYears.add(start.slice(0, 4));
      continue;
    }
    const day = dayNumber(start);
    s.days = widen(s.days, day);
    s.dayYears.add(start.slice(0, 4));
    if (r.status === 'held') s.held = widen(s.held, day);
    if (r.status === 'concluded') s.concluded = widen(s.concluded, day);
    if (r.status === 'postponed' && r.ordinal === null) s.postponedDay = Math.max(s.postponedDay ?? day, day);
  }
  return s;
}

const intersects = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean => [...a].some((x) => b.has(x));

/** Whether some rule of clusterRounds could compare a report of `a` with one of `b` (symmetric, conservative). */
export function related(a: RoundSummary, b: RoundSummary): boolean {
  for (const [ordinal, range] of a.ordinals) {
    const other = b.ordinals.get(ordinal);
    if (other && gap(range, other) <= MAX_ORDINAL_GAP_DAYS) return true;
  }
  if (a.days && b.days) {
    const apart = gap(a.days, b.days);
    if (apart <= 1) return true;
    // A held day continued by a concluded one a few days later.
    const continued = (x: RoundSummary, y: RoundSummary): boolean => x.held !== null && y.concluded !== null && gap(x.held, y.concluded) <= MAX_ROUND_SPAN_DAYS;
    if (apart <= MAX_ROUND_SPAN_DAYS && (continued(a, b) || continued(b, a))) return true;
  }
  // A postponement without an ordinal may move any open round dated before it.
  if (a.postponedDay !== null && b.days && b.days.min < a.postponedDay) return true;
  if (b.postponedDay !== null && a.days && a.days.min < b.postponedDay) return true;
  // A month or a year joins the days and the periods of its year.
  if (intersects(a.vagueYears, b.vagueYears) || intersects(a.vagueYears, b.dayYears) || intersects(b.vagueYears, a.dayYears)) return true;
  // Undated reports: the dated rounds around the day they were read, and one another.
  if (a.undatedRead && b.undatedRead) return true;
  if (a.undatedRead && b.datedRough && gap(a.undatedRead, b.datedRough) <= MAX_ORDINAL_GAP_DAYS) return true;
  if (b.undatedRead && a.datedRough && gap(b.undatedRead, a.datedRough) <= MAX_ORDINAL_GAP_DAYS) return true;
  return false;
}

/** Summaries of stored rounds, remembered: a round folded once is read at every later event of its track. */
const summaries = new WeakMap<object, RoundSummary>();

function summaryOf<R extends object>(round: R, reportsOf: (round: R) => readonly RegionReport[]): RoundSummary {
  let summary = summaries.get(round);
  if (!summary) {
    summary = summarise(reportsOf(round));
    summaries.set(round, summary);
  }
  return summary;
}

/** The rounds a new report can affect: those related to it, and those related to them, and so on. */
export function roundRegion<R extends object>(rounds: readonly R[], report: RegionReport, reportsOf: (round: R) => readonly RegionReport[]): Set<R> {
  const region = new Set<R>();
  const queue: RoundSummary[] = [summarise([report])];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const round of rounds) {
      if (region.has(round)) continue;
      const summary = summaryOf(round, reportsOf);
      if (!related(next, summary)) continue;
      region.add(round);
      queue.push(summary);
    }
  }
  return region;
}
