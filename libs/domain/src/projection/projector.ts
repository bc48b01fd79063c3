// The projector: a pure fold of one track's events into its read model, emitting the changes that
// may deserve an alert. evolve(state, event) → { state, changes }; replaying the same events gives
// the same state and the same change ids, and re-applying an event changes nothing.
//
// Order independence: the final state depends on the set of events folded, not on their order.
// The state keeps every report (round reports, demand wordings, forum mentions); at each evolve the
// rounds and demands are re-derived from all of them by deterministic functions of that set
// (clusterRounds, clusterWordings), so a report read late lands where it would have landed if read
// first, and an early vague or undated report cannot block a later precise one.
//
// Rounds:
// - One round per meeting. Reports of the same ordinal are one round. Day-dated reports are one
//   round when on the same day, on adjacent days at a compatible venue (the working dinner the
//   evening before the session), or when a round held on a day is reported concluded up to
//   MAX_ROUND_SPAN_DAYS later ("ended on Thursday"); a round never spans more than that. A report
//   dated to another, non-adjacent day is another meeting.
// - A month- or year-dated report joins the earliest round dated within its period; an undated
//   report the round it most plausibly speaks of (held/concluded: the latest round dated up to its
//   publication day; announced/scheduled: the next one), else they form a round of their own.
// - Status and date are resolved from all of a round's reports in order of the reports' own time
//   (occurredAt): older news read late cannot roll a status back. Status moves forward (announced →
//   scheduled → postponed/cancelled → held → concluded); a newer report may revive a postponed or
//   cancelled round. A held report on a neighbouring day widens the round's dates (9..10 January).
// - Reports of undated articles (source.publishedAt null; their occurredAt is when the article was
//   received, which says nothing of when it was written) never override dated ones: they are
//   resolved first, as if older than every dated report, and among themselves they only move a
//   status forward (no revival) and only fill or refine a date (no move). So an undated report
//   cannot roll a status back or reschedule a round, in any arrival order. For clustering, their
//   received day stands for the publication day (step 4 below).
// - An unresolved date (precision "unknown": "on Tuesday" in an undated article) places nothing: the
//   report clusters as an undated one, and the round shows those words only while no report
//   gives a resolved date.
// - A round's id is derived from its resolved date when it is a day ("2022-01-10"); otherwise from
//   what is known of it: the month or year, its ordinal, its venue ("2022-01", "2022-01-n2-geneva",
//   "n3", "undated"), so that a vague round which later joined a dated one never lends its id to
//   another meeting; a clash between rounds (rare: two ordinals on one day) is broken by the ordinal
//   or a hash of the round's first source. The id therefore follows the facts, not the arrival order;
//   it may change while a round gets more precise ("2022-01" → "2022-01-10").
//
// Confidence: a round, demand or response shows the highest confidence of its reports (its best
// evidence; a maximum is a function of the set, so order-independent). More reports are not counted
// as more certainty: the extractor's errors repeat across outlets; how many reported it is `sources`.
//
// Change ids are derived from facts, so a replay of the log never produces a second alert:
// - round.added: `${roundId}:added`, with the id of the round when it appeared;
// - round.status-changed: `${roundId}:status:${status}` (+ `:${date}` for "scheduled");
// - round.rescheduled: `${previous roundId}:date:${new date}`;
// - demand.added: `${trackId}:demand:${party}:${hash of the wording that revealed it}:added`,
//   emitted only when a wording joins no known demand (a rewording of a known demand is no alert);
// - demand.responded: `${responseId}:reported`.
// What they cannot be is identical for every arrival order: an alert is sent when the first report
// of a fact is read, and which report is first depends on the order ("January" read before
// "10 January" announces the round as expected in January, then scheduled; read after, it adds
// nothing). The final state, including round and demand ids, is the same for every order.
import { datesCompatible, formatDateRef, morePrecise } from '../text/dates.js';
import { type WordingNode, SAME_DEMAND, cachedContentTokens, clusterWordings, containment, wordingRelation } from './demand-identity.js';
import { MAX_ROUND_SPAN_DAYS, continuesRound, daysBetween } from './round-continuation.js';
import { MAX_ORDINAL_GAP_DAYS, roundRegion } from './round-region.js';
import {
  type DateRef,
  type DemandReported,
  type FactEvent,
  type FactRetracted,
  type NegotiationOutcome,
  type ResponseKindName,
  type ResponseReported,
  type RoundReported,
  type RoundStatus,
  type SourceRef,
  type TalkEvent,
  type ResolvedDateRef,
  assertNever,
  isFactEvent,
  isResolvedDate,
} from '../events/events.js';
import { normaliseForComparison, slugify, sortParties, stableHash } from '../events/ids.js';

export type TrackStatus = 'proposed' | 'active' | 'paused' | 'concluded' | 'collapsed';

/** One report of a round, kept to re-derive the rounds independently of arrival order. */
export interface RoundReport {
  /** The event that reported it ('' in states stored before reports kept it). */
  eventId: string;
  at: string;
  status: RoundStatus;
  date: DateRef | null;
  ordinal: number | null;
  venue: string | null;
  /** Parties this report names as mediators. */
  mediators: string[];
  source: SourceRef;
  /** What the report says of the negotiation as a whole (absent in reports stored before it was read). */
  outcome?: NegotiationOutcome | null;
  /** The report's confidence (absent: the event carried none). */
  confidence?: number;
}

export interface RoundState {
  id: string;
  ordinal: number | null;
  status: RoundStatus;
  date: DateRef | null;
  /** The venue reported most often (ties: alphabetical). */
  venue: string | null;
  /** Every party a report names as mediating the round, sorted: not sides of the track. */
  mediators: string[];
  /**
   * What the negotiation came to, as reports of this round tell it (agreement, breakdown,
   * suspension); the latest report saying one decides (undated reports never over dated ones).
   */
  outcome: NegotiationOutcome | null;
  /** The highest confidence of its reports: its best evidence (null: no report carried one). */
  confidence: number | null;
  sources: SourceRef[];
  reports: RoundReport[];
  /** Earliest report time (event occurredAt). */
  firstReportedAt: string;
  /** Latest report time (event occurredAt). */
  updatedAt: string;
}

/** open until a linked response says otherwise; the latest response (by report time) decides. */
export type DemandStatus = 'open' | 'accepted' | 'rejected' | 'countered';

/** One outlet's wording of a demand. */
export interface DemandWording {
  /** The event that reported it ('' in states stored before wordings kept it). */
  eventId: string;
  text: string;
  category: string | null;
  addressedTo: string[];
  at: string;
  source: SourceRef;
  /** The report's confidence (absent: the event carried none). */
  confidence?: number;
}

export interface DemandState {
  id: string;
  by: string;
  addressedTo: string[];
  /** The wording reported most often (ties: the shortest). */
  text: string;
  category: string | null;
  status: DemandStatus;
  /** The highest confidence of its wordings (null: no report carried one). */
  confidence: number | null;
  sources: SourceRef[];
  /** Every wording reported, one per source: the outlets' rewordings of the same demand. */
  wordings: DemandWording[];
  firstReportedAt: string;
  updatedAt: string;
}

/** One article's report of a response. */
export interface ResponseReport {
  eventId: string;
  at: string;
  source: SourceRef;
  answers: { by: string; text: string } | null;
  /** The report's confidence (absent: the event carried none). */
  confidence?: number;
}

/** A party's answer (acceptance, rejection, counter-proposal), linked to a demand when reported so. */
export interface ResponseState {
  id: string;
  by: string;
  to: string[];
  kind: ResponseKindName;
  text: string;
  /** The id the answered demand has (or will have) on this track; null when the text links none. */
  demandId: string | null;
  /** The demand answered, as reported; demandId is re-derived from it as demands merge. */
  answers: { by: string; text: string } | null;
  /** The highest confidence of its reports (null: no report carried one). */
  confidence: number | null;
  sources: SourceRef[];
  /** Every report of it; the fields above are derived from them. */
  reports: ResponseReport[];
  firstReportedAt: string;
  updatedAt: string;
}

/** An event naming the track's forum ("NATO-Russia Council"); the forum counts articles. */
export interface ForumMention {
  forum: string;
  articleId: string;
  /** '' in states stored before mentions kept it. */
  eventId?: string;
}

export interface TrackState {
  id: string;
  name: string;
  parties: string[];
  /** The forum named by the most articles (ties: alphabetical); null when none names one. */
  forum: string | null;
  forumMentions: ForumMention[];
  status: TrackStatus;
  rounds: RoundState[];
  demands: DemandState[];
  responses: ResponseState[];
  /** Ids of fact events withdrawn by a FactRetracted event: never folded, even when read later. */
  retracted: string[];
  /** Number of events that changed the track. */
  version: number;
  /** Latest event time (occurredAt) folded. */
  updatedAt: string;
}

interface ChangeBase {
  /** Deterministic: derived from the facts, so a replay never produces a second alert. */
  id: string;
  trackId: string;
  trackName: string;
  occurredAt: string;
  /** One human sentence, fit for an e-mail subject. */
  summary: string;
  source: SourceRef;
}

export interface RoundAdded extends ChangeBase {
  type: 'round.added';
  roundId: string;
  ordinal: number | null;
  status: RoundStatus;
  date: DateRef | null;
  venue: string | null;
}
export interface RoundStatusChanged extends ChangeBase {
  type: 'round.status-changed';
  roundId: string;
  from: RoundStatus;
  to: RoundStatus;
  date: DateRef | null;
}
export interface RoundRescheduled extends ChangeBase {
  type: 'round.rescheduled';
  roundId: string;
  from: DateRef;
  to: DateRef;
}
export interface DemandAdded extends ChangeBase {
  type: 'demand.added';
  demandId: string;
  by: string;
  addressedTo: string[];
  text: string;
  category: string | null;
}
export interface TrackStatusChanged extends ChangeBase {
  type: 'track.status-changed';
  from: TrackStatus;
  to: TrackStatus;
}

export interface DemandResponded extends ChangeBase {
  type: 'demand.responded';
  responseId: string;
  demandId: string | null;
  by: string;
  to: string[];
  kind: ResponseKindName;
  text: string;
}

/** A round that no standing report supports any more (its reports were retracted). */
export interface RoundWithdrawn extends ChangeBase {
  type: 'round.withdrawn';
  roundId: string;
  retractedEventId: string;
}
/** A demand that no standing wording supports any more. */
export interface DemandWithdrawn extends ChangeBase {
  type: 'demand.withdrawn';
  demandId: string;
  by: string;
  text: string;
  retractedEventId: string;
}
/** A response that no standing report supports any more. */
export interface ResponseWithdrawn extends ChangeBase {
  type: 'response.withdrawn';
  responseId: string;
  by: string;
  text: string;
  retractedEventId: string;
}

export type TrackChange =
  | RoundAdded
  | RoundStatusChanged
  | RoundRescheduled
  | RoundWithdrawn
  | DemandAdded
  | DemandResponded
  | DemandWithdrawn
  | ResponseWithdrawn
  | TrackStatusChanged;
export type TrackChangeType = TrackChange['type'];

/** Change types that produce alerts: new facts, and corrections of facts users were told of. */
export const alertingChangeTypes: readonly TrackChangeType[] = [
  'round.added',
  'round.status-changed',
  'round.rescheduled',
  'round.withdrawn',
  'demand.added',
  'demand.responded',
  'demand.withdrawn',
  'response.withdrawn',
];

export function isAlertingChange(change: TrackChange): boolean {
  return alertingChangeTypes.includes(change.type);
}

export interface Evolution {
  state: TrackState;
  changes: TrackChange[];
}

export class TrackMismatchError extends Error {
  readonly code = 'track-mismatch';
  constructor(
    readonly stateTrackId: string,
    readonly eventTrackId: string,
  ) {
    super(`event for track ${eventTrackId} applied to track ${stateTrackId}`);
    this.name = 'TrackMismatchError';
  }
}

const STATUS_RANK: Record<RoundStatus, number> = { announced: 1, scheduled: 2, postponed: 3, cancelled: 3, held: 4, concluded: 5 };
const MET: ReadonlySet<RoundStatus> = new Set(['held', 'concluded']);

/** Date.parse, remembered: the same report times are compared at every event of a track. */
const parsedTimes = new Map<string, number>();
function parseTime(text: string): number {
  let time = parsedTimes.get(text);
  if (time === undefined) {
    if (parsedTimes.size >= 100_000) parsedTimes.clear();
    time = Date.parse(text);
    parsedTimes.set(text, time);
  }
  return time;
}

/** ISO 8601 comparison that tolerates dates and date-times side by side. */
function compareTime(a: string, b: string): number {
  const ta = parseTime(a);
  const tb = parseTime(b);
  if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return ta - tb;
  return a < b ? -1 : a > b ? 1 : 0;
}
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const minTime = (a: string, b: string): string => (compareTime(a, b) <= 0 ? a : b);
const maxTime = (a: string, b: string): string => (compareTime(a, b) >= 0 ? a : b);

/** The best evidence among reports: their highest confidence, null when none carried one. */
function bestConfidence(reports: readonly { confidence?: number }[]): number | null {
  const known = reports.map((r) => r.confidence).filter((c): c is number => c !== undefined);
  return known.length > 0 ? Math.max(...known) : null;
}

/** Only the keys that are set: the state stays the same through JSON (no undefined values). */
const optionalConfidence = (confidence: number | undefined): { confidence?: number } => (confidence === undefined ? {} : { confidence });

/** The value reported most often (ties: alphabetical); null when there is none. */
function mostReported(values: readonly (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort(([a, x], [b, y]) => y - x || compareText(a, b))[0]?.[0] ?? null;
}

function nextStatus(current: RoundStatus, reported: RoundStatus): RoundStatus {
  if (STATUS_RANK[reported] >= STATUS_RANK[current]) return reported;
  if ((current === 'postponed' || current === 'cancelled') && (reported === 'announced' || reported === 'scheduled')) return reported;
  return current;
}

const isDay = (d: DateRef | null): d is ResolvedDateRef => d?.precision === 'day';

/** A report of an undated article: its time is when it was received, not when it was written. */
const undated = (source: SourceRef): boolean => source.publishedAt === null;

function nextDate(current: DateRef | null, currentStatus: RoundStatus | null, reported: DateRef | null, reportedStatus: RoundStatus): DateRef | null {
  if (!reported) return current;
  if (!current) return reported;
  if (!isResolvedDate(reported)) return current;
  if (!isResolvedDate(current)) return reported;
  if (isDay(current) && isDay(reported)) {
    const end = current.end ?? current.start;
    const before = daysBetween(reported.start, current.start);
    const after = daysBetween(end, reported.start);
    if (before <= 0 && after <= 0) return current;
    // The round was held on a neighbouring day too (a working dinner the evening before), or went on
    // and ended a few days later: its dates widen instead of moving.
    const neighbour = MET.has(reportedStatus) && (before === 1 || after === 1);
    const continued = currentStatus !== null && continuesRound({ status: currentStatus, date: { ...current, start: end } }, reportedStatus, reported);
    if (neighbour || continued) {
      const start = before > 0 ? reported.start : current.start;
      const last = after > 0 ? reported.start : end;
      return { ...current, start, end: last === start ? null : last };
    }
    return reported;
  }
  return datesCompatible(current.start, reported.start) ? morePrecise(current, reported) : reported;
}

const reportKey = (r: RoundReport): string =>
  [r.source.articleId, r.source.start, r.source.end, r.status, r.date?.start ?? '', r.date?.text ?? '', r.ordinal ?? '', r.venue ?? ''].join('\u0000');

/** Undated reports first (they never override dated ones), then by the reports' own time. */
const reportOrder = (x: RoundReport, y: RoundReport): number =>
  Number(!undated(x.source)) - Number(!undated(y.source)) ||
  compareTime(x.at, y.at) ||
  STATUS_RANK[x.status] - STATUS_RANK[y.status] ||
  compareText(x.date?.start ?? '', y.date?.start ?? '') ||
  compareText(x.date?.text ?? '', y.date?.text ?? '') ||
  compareText(reportKey(x), reportKey(y));

/** The status, date and outcome a round's reports add up to, whatever order they arrived in. */
export function resolveRound(reports: readonly RoundReport[]): { status: RoundStatus; date: DateRef | null; outcome: NegotiationOutcome | null } {
  const sorted = [...reports].sort(reportOrder);
  let status: RoundStatus | null = null;
  let date: DateRef | null = null;
  let outcome: NegotiationOutcome | null = null;
  for (const r of sorted) {
    const told = r.outcome ?? null;
    if (undated(r.source)) {
      // Of unknown age: it may add what is not known yet, never take back what is.
      if (!date || (isResolvedDate(r.date) && (!isResolvedDate(date) || datesCompatible(date.start, r.date.start)))) date = morePrecise(date, r.date);
      status = status === null || STATUS_RANK[r.status] > STATUS_RANK[status] ? r.status : status;
      outcome ??= told;
      continue;
    }
    date = nextDate(date, status, r.date, r.status);
    status = status === null ? r.status : nextStatus(status, r.status);
    // A later report telling another outcome ("the deal collapsed") replaces it; silence does not.
    if (told !== null) outcome = told;
  }
  const resolved = status ?? 'announced';
  return { status: resolved === 'announced' && date?.precision === 'day' ? 'scheduled' : resolved, date, outcome };
}

const sameSource = (x: SourceRef, y: SourceRef): boolean => x.articleId === y.articleId && x.start === y.start && x.end === y.end;
/** Dated sources by publication time, then undated ones. */
const sourceOrder = (x: SourceRef, y: SourceRef): number =>
  Number(undated(x)) - Number(undated(y)) || compareTime(x.publishedAt ?? '', y.publishedAt ?? '') || compareText(x.articleId, y.articleId) || x.start - y.start || x.end - y.end;
const roundOrder = (x: RoundState, y: RoundState): number =>
  compareText(x.date?.start ?? '9999', y.date?.start ?? '9999') || (x.ordinal ?? 0) - (y.ordinal ?? 0) || compareText(x.id, y.id);
const demandOrder = (x: DemandState, y: DemandState): number => compareTime(x.firstReportedAt, y.firstReportedAt) || compareText(x.id, y.id);

function uniqueSources(sources: readonly SourceRef[]): SourceRef[] {
  const out: SourceRef[] = [];
  const seen = new Set<string>();
  for (const s of [...sources].sort(sourceOrder)) {
    const key = `${s.articleId}\u0000${s.start}\u0000${s.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(s);
  }
  return out;
}

function roundLabel(trackName: string, round: Pick<RoundState, 'ordinal' | 'date'>): string {
  if (round.ordinal !== null) return `${trackName}, round ${round.ordinal}`;
  if (isResolvedDate(round.date)) return `${trackName} talks of ${formatDateRef(round.date)}`;
  return `${trackName} talks`;
}

function describe(status: RoundStatus, date: DateRef | null, venue: string | null): string {
  if (date && !isResolvedDate(date)) {
    // "expected on Tuesday (undated report)": the words as written, no calendar date.
    const words = `${date.text} (undated report)`;
    return `${describe(status, null, venue)} ${words}`;
  }
  const when = date ? formatDateRef(date) : null;
  const where = venue ? ` in ${venue}` : '';
  switch (status) {
    case 'announced':
      return `${when ? `expected ${when}` : 'announced'}${where}`;
    case 'scheduled':
      return `scheduled${when ? ` for ${when}` : ''}${where}`;
    case 'held':
      return `held${when ? ` ${date?.precision === 'day' ? 'on' : 'in'} ${when}` : ''}${where}`;
    case 'concluded':
      return `concluded${when ? ` (${when})` : ''}${where}`;
    case 'postponed':
      return `postponed${when ? ` (${when})` : ''}`;
    case 'cancelled':
      return `cancelled${when ? ` (${when})` : ''}`;
    default:
      return assertNever(status);
  }
}

// ---- Rounds: clustering the reports into meetings -------------------------------------------

const PRECISION_RANK = { day: 0, month: 1, year: 2, unknown: 3 } as const;

/** A canonical order of reports, independent of arrival: the clustering walks them in it. */
const canonicalOrder = (x: RoundReport, y: RoundReport): number =>
  (x.date ? PRECISION_RANK[x.date.precision] : 3) - (y.date ? PRECISION_RANK[y.date.precision] : 3) ||
  compareText(x.date?.start ?? '', y.date?.start ?? '') ||
  (x.ordinal ?? 0) - (y.ordinal ?? 0) ||
  STATUS_RANK[x.status] - STATUS_RANK[y.status] ||
  compareTime(x.at, y.at) ||
  compareText(reportKey(x), reportKey(y));

/**
 * Groups a track's round reports into meetings (see the decisions at the top of the file). A pure
 * function of the set of reports: the same reports in any order give the same groups.
 */
/** A day standing for a report: its date's start (a month's middle, a year's), else the day it was read. */
function roughDay(r: RoundReport): string {
  const start = r.date?.start ?? null;
  if (start && start.length === 10) return start;
  if (start && start.length === 7) return `${start}-15`;
  if (start && start.length === 4) return `${start}-07-01`;
  return r.at.slice(0, 10);
}

export function clusterRounds(all: readonly RoundReport[]): RoundReport[][] {
  const reports = [...all].sort(canonicalOrder);
  const parent = reports.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] as number;
    return r;
  };
  const component = new Map<number, number[]>(reports.map((_, i) => [i, [i]]));
  const union = (i: number, j: number): void => {
    const a = find(i);
    const b = find(j);
    if (a === b) return;
    const [root, other] = a < b ? [a, b] : [b, a];
    parent[other] = root;
    component.set(root, [...(component.get(root) ?? []), ...(component.get(other) ?? [])].sort((x, y) => x - y));
    component.delete(other);
  };
  const at = (i: number): RoundReport => reports[i] as RoundReport;
  const members = (root: number): number[] => component.get(find(root)) ?? [];
  const roots = (): number[] => [...component.keys()].sort((a, b) => a - b);
  const ordinalsOf = (ms: readonly number[]): Set<number> => new Set(ms.map((i) => at(i).ordinal).filter((o): o is number => o !== null));
  const venuesOf = (ms: readonly number[]): Set<string> => new Set(ms.map((i) => at(i).venue).filter((v): v is string => v !== null));
  const daysOf = (ms: readonly number[]): string[] => ms.map((i) => at(i).date).filter(isDay).map((d) => d.start).sort();
  const compatible = (ms: readonly number[]): boolean => ordinalsOf(ms).size <= 1;
  const sameVenue = (ms: readonly number[]): boolean => venuesOf(ms).size <= 1;

  // 1. An ordinal is an identity within one stretch of a negotiation: "the second round" is one
  //    round whatever its dates, unless a year or more lies between them (the same sides' "first
  //    round" of 2022 and of 2025 are two rounds). An undated report counts from when it was read.
  //    Only reports of one ordinal are compared (components do not depend on the order of unions).
  const byOrdinal = new Map<number, number[]>();
  reports.forEach((r, i) => {
    if (r.ordinal === null) return;
    const list = byOrdinal.get(r.ordinal);
    if (list) list.push(i);
    else byOrdinal.set(r.ordinal, [i]);
  });
  for (const same of byOrdinal.values()) {
    for (let x = 0; x < same.length; x++) {
      for (let y = x + 1; y < same.length; y++) {
        const i = same[x] as number;
        const j = same[y] as number;
        if (Math.abs(daysBetween(roughDay(at(i)), roughDay(at(j)))) <= MAX_ORDINAL_GAP_DAYS) union(i, j);
      }
    }
  }

  // 2. Day-dated reports: the same day, a neighbouring day at the same venue, or a held round
  //    reported concluded a few days later; a round spans at most MAX_ROUND_SPAN_DAYS.
  //    Only reports at most MAX_ROUND_SPAN_DAYS apart can be linked: walk them in day order.
  const edges: { i: number; j: number; days: number }[] = [];
  const dayDated = reports
    .map((r, i) => ({ i, day: isDay(r.date) && r.date.start.length === 10 ? Date.parse(r.date.start) / 86_400_000 : Number.NaN }))
    .filter((d) => !Number.isNaN(d.day))
    .sort((x, y) => x.day - y.day || x.i - y.i);
  for (let x = 0; x < dayDated.length; x++) {
    const first = dayDated[x] as { i: number; day: number };
    for (let y = x + 1; y < dayDated.length; y++) {
      const second = dayDated[y] as { i: number; day: number };
      const gap = Math.round(second.day - first.day);
      if (gap > MAX_ROUND_SPAN_DAYS) break;
      const [i, j] = first.i < second.i ? [first.i, second.i] : [second.i, first.i];
      // The earlier of the two by day (on the same day: the one first in canonical order).
      const [early, late] = gap > 0 ? [at(first.i), at(second.i)] : [at(i), at(j)];
      const continued = gap >= 2 && early.status === 'held' && late.status === 'concluded';
      if (gap <= 1 || continued) edges.push({ i, j, days: gap });
    }
  }
  edges.sort((x, y) => x.days - y.days || x.i - y.i || x.j - y.j);
  for (const { i, j, days } of edges) {
    const a = find(i);
    const b = find(j);
    if (a === b) continue;
    const merged = [...members(a), ...members(b)];
    if (!compatible(merged)) continue;
    if (days > 0) {
      const span = daysOf(merged);
      if (!sameVenue(merged) || daysBetween(span[0] ?? '', span.at(-1) ?? '') > MAX_ROUND_SPAN_DAYS) continue;
    }
    union(i, j);
  }

  const anchored = (root: number): boolean => daysOf(members(root)).length > 0;
  const firstDay = (root: number): string => daysOf(members(root))[0] ?? '';
  const lastDay = (root: number): string => daysOf(members(root)).at(-1) ?? '';
  const joinable = (root: number, target: number): boolean => {
    const merged = [...members(root), ...members(target)];
    return compatible(merged) && sameVenue(merged);
  };

  // 2b. "Postponed to 17 January", with no ordinal: the open round before it has moved.
  for (const root of roots()) {
    const ms = members(root);
    if (!anchored(root) || ordinalsOf(ms).size > 0 || !ms.every((i) => at(i).status === 'postponed')) continue;
    const open = roots().filter((r) => r !== root && anchored(r) && lastDay(r) < firstDay(root) && members(r).every((i) => !MET.has(at(i).status)));
    const target = open.sort((x, y) => compareText(lastDay(y), lastDay(x)) || x - y)[0];
    if (target !== undefined) union(root, target);
  }

  // 3. Month- and year-dated reports join the earliest round dated within their period.
  const periodOf = (root: number): string | null =>
    members(root)
      .map((i) => at(i).date?.start ?? null)
      .filter((s): s is string => s !== null)
      .sort((a, b) => b.length - a.length || compareText(a, b))[0] ?? null;
  const dayRoots = roots().filter(anchored);
  // "They will meet again next week", read after this week's session ended: a round still ahead
  // when its report was written is not one already over by then.
  const aheadWhenRead = (root: number, target: number): boolean => {
    const ms = members(root);
    if (!ms.every((i) => at(i).status === 'announced' || at(i).status === 'scheduled')) return false;
    const readOn = ms.map((i) => at(i).at.slice(0, 10)).sort()[0] ?? '';
    return members(target).some((i) => MET.has(at(i).status)) && lastDay(target) <= readOn;
  };
  for (const root of roots()) {
    if (anchored(root)) continue;
    const period = periodOf(root);
    if (!period) continue;
    const target = dayRoots
      .filter((r) => find(r) === r && daysOf(members(r)).some((d) => d.startsWith(period)) && joinable(root, r) && !aheadWhenRead(root, r))
      .sort((x, y) => compareText(firstDay(x), firstDay(y)) || x - y)[0];
    if (target !== undefined) union(root, target);
  }
  // Vague reports no dated round took: one round per period (a month within a year is that year).
  const vague = roots().filter((r) => !anchored(r) && periodOf(r) !== null);
  for (let x = 0; x < vague.length; x++) {
    for (let y = x + 1; y < vague.length; y++) {
      const a = vague[x] as number;
      const b = vague[y] as number;
      if (find(a) !== find(b) && datesCompatible(periodOf(find(a)), periodOf(find(b))) && joinable(find(a), find(b))) union(a, b);
    }
  }

  // 4. Undated reports: held/concluded speak of the latest round dated up to their publication,
  //    announced/scheduled of the next one; without any dated round, they are one round.
  const dated = roots().filter((r) => periodOf(r) !== null);
  const startOf = (root: number): string => (anchored(root) ? firstDay(root) : (periodOf(root) ?? ''));
  const endOf = (root: number): string => (anchored(root) ? lastDay(root) : (periodOf(root) ?? ''));
  let undatedRound: number | null = null;
  for (const root of roots()) {
    if (periodOf(root) !== null) continue;
    const ms = members(root);
    const day = ms.map((i) => at(i).at.slice(0, 10)).sort()[0] ?? '';
    const met = ms.some((i) => MET.has(at(i).status));
    // A report speaks of a round of its own stretch of the negotiation, not of one years before.
    const near = (r: number): boolean => Math.abs(daysBetween(day, roughDay(at(members(r)[0] ?? r)))) <= MAX_ORDINAL_GAP_DAYS;
    const candidates = dated.filter((r) => joinable(root, find(r)) && near(find(r))).map((r) => find(r));
    const past = candidates.filter((r) => startOf(r).slice(0, day.length) <= day).sort((x, y) => compareText(startOf(y), startOf(x)) || x - y);
    const future = candidates.filter((r) => endOf(r) >= day.slice(0, endOf(r).length)).sort((x, y) => compareText(startOf(x), startOf(y)) || x - y);
    const target = met ? (past[0] ?? future[0]) : (future[0] ?? past[0]);
    if (target !== undefined) union(root, target);
    else if (ordinalsOf(ms).size === 0) {
      if (undatedRound === null) undatedRound = root;
      else union(root, undatedRound);
    }
  }

  return roots().map((root) => members(root).map(at));
}

function roundFrom(reports: readonly RoundReport[]): Omit<RoundState, 'id'> {
  const sorted = [...reports].sort(reportOrder);
  const resolved = resolveRound(sorted);
  const ordinals = sorted.map((r) => r.ordinal).filter((o): o is number => o !== null);
  return {
    ordinal: ordinals.length ? Math.min(...ordinals) : null,
    status: resolved.status,
    date: resolved.date,
    venue: mostReported(sorted.map((r) => r.venue)),
    mediators: sortParties([...new Set(sorted.flatMap((r) => r.mediators))]),
    outcome: resolved.outcome,
    confidence: bestConfidence(sorted),
    sources: uniqueSources(sorted.map((r) => r.source)),
    reports: sorted,
    firstReportedAt: sorted.map((r) => r.at).reduce(minTime),
    updatedAt: sorted.map((r) => r.at).reduce(maxTime),
  };
}

/** The rounds a track's reports add up to, with ids derived from their facts (see the top). */
export function deriveRounds(trackId: string, reports: readonly RoundReport[]): RoundState[] {
  return withRoundIds(trackId, clusterRounds(reports).map(roundFrom));
}

// A day names one meeting. A month, a year or no date does not: what else is known (ordinal,
// venue) joins the id, so a vague round that later got its day never lends its id to another.
function roundKeyOf(r: Omit<RoundState, 'id'>): string {
  if (r.date?.precision === 'day') return r.date.start;
  const qualifiers = [r.ordinal !== null ? `n${r.ordinal}` : null, r.venue !== null ? slugify(r.venue) : null].filter((q): q is string => q !== null);
  const head = r.date?.start ?? (qualifiers.length > 0 ? null : 'undated');
  return [head, ...qualifiers].filter((q): q is string => q !== null).join('-');
}

/** Round keys, remembered per round: every round's key is counted at each event of its track. */
const roundKeys = new WeakMap<object, string>();
function cachedRoundKey(r: Omit<RoundState, 'id'>): string {
  let key = roundKeys.get(r);
  if (key === undefined) {
    key = roundKeyOf(r);
    roundKeys.set(r, key);
  }
  return key;
}

/**
 * Gives every round its id (a clash of keys is broken by the ordinal or a hash of the first
 * source), sorted. A round that already has the id it should have is kept as it is (the same
 * object), so the rounds an event did not touch stay unchanged.
 */
function withRoundIds(trackId: string, rounds: readonly (RoundState | Omit<RoundState, 'id'>)[]): RoundState[] {
  const counts = new Map<string, number>();
  for (const r of rounds) counts.set(cachedRoundKey(r), (counts.get(cachedRoundKey(r)) ?? 0) + 1);
  const withIds = rounds.map((r): RoundState => {
    const key = cachedRoundKey(r);
    const first = r.sources[0];
    const suffix = (counts.get(key) ?? 0) > 1 ? (r.ordinal !== null && !key.startsWith('n') ? `-n${r.ordinal}` : `-${stableHash(first ? `${first.articleId}:${first.start}` : '')}`) : '';
    const id = `${trackId}:round:${key}${suffix}`;
    if ('id' in r && r.id === id) return r;
    const { id: _old, ...fields } = r as Partial<RoundState>;
    return { id, ...(fields as Omit<RoundState, 'id'>) };
  });
  return withIds.sort(roundOrder);
}

/** Whether two dates of one round are the same days (refined, widened), not a move. */
function sameDays(a: DateRef, b: DateRef): boolean {
  if (datesCompatible(a.start, b.start)) return true;
  if (!isDay(a) || !isDay(b)) return false;
  const aEnd = a.end ?? a.start;
  const bEnd = b.end ?? b.start;
  return daysBetween(aEnd, b.start) <= 1 && daysBetween(bEnd, a.start) <= 1;
}

/**
 * The changes from one list of rounds to the next. A round present in both (the same object)
 * changed nothing, so only the rounds an event re-derived or re-named are compared.
 */
function roundChanges(track: TrackState, before: readonly RoundState[], after: readonly RoundState[], base: Omit<ChangeBase, 'id' | 'summary'>): TrackChange[] {
  const unchanged = new Set(after);
  const kept = new Set(before.filter((r) => unchanged.has(r)));
  const afterIds = new Set(after.map((r) => r.id));
  const beforeById = new Map(before.map((r) => [r.id, r]));
  const gone = before.filter((r) => !kept.has(r) && !afterIds.has(r.id));
  const changes: TrackChange[] = [];
  for (const round of after) {
    if (kept.has(round)) continue;
    const keys = new Set(round.reports.map(reportKey));
    const shared = (r: RoundState): number => r.reports.filter((x) => keys.has(reportKey(x))).length;
    const previous =
      beforeById.get(round.id) ??
      gone
        .filter((r) => shared(r) > 0)
        .sort((x, y) => shared(y) - shared(x) || compareText(x.id, y.id))[0];
    if (!previous) {
      changes.push({
        ...base,
        id: `${round.id}:added`,
        type: 'round.added',
        roundId: round.id,
        ordinal: round.ordinal,
        status: round.status,
        date: round.date,
        venue: round.venue,
        summary: `New round: ${track.name}${round.ordinal !== null ? ` (round ${round.ordinal})` : ''}, ${describe(round.status, round.date, round.venue)}`,
      });
      continue;
    }
    const label = roundLabel(track.name, previous);
    // An unresolved date moves nothing: only two calendar dates can differ.
    if (isResolvedDate(previous.date) && isResolvedDate(round.date) && !sameDays(previous.date, round.date)) {
      changes.push({
        ...base,
        id: `${previous.id}:date:${round.date.start}`,
        type: 'round.rescheduled',
        roundId: round.id,
        from: previous.date,
        to: round.date,
        summary: `Rescheduled: ${label} moved from ${formatDateRef(previous.date)} to ${formatDateRef(round.date)}`,
      });
    }
    if (round.status !== previous.status) {
      changes.push({
        ...base,
        id: `${round.id}:status:${round.status}${round.status === 'scheduled' && round.date?.start ? `:${round.date.start}` : ''}`,
        type: 'round.status-changed',
        roundId: round.id,
        from: previous.status,
        to: round.status,
        date: round.date,
        summary: `Round update: ${label} now ${describe(round.status, round.date, round.venue)} (was ${previous.status})`,
      });
    }
  }
  return changes;
}

/** The status a negotiation's outcome gives its track. */
const OUTCOME_STATUS: Record<NegotiationOutcome, TrackStatus> = { agreement: 'concluded', breakdown: 'collapsed', suspension: 'paused' };

/** When a round's outcome was first told: the earliest report telling it (undated reports: when received). */
function outcomeToldAt(round: RoundState): string {
  return round.reports.filter((r) => r.outcome === round.outcome).map((r) => r.at).reduce(minTime, round.updatedAt);
}

/**
 * The track's status from its rounds. A round that ends does not end the negotiation: between
 * rounds the track goes on. Only what a report says of the negotiation as a whole (a round's
 * outcome) concludes, collapses or suspends it:
 * - proposed: talks announced, no round met yet;
 * - active: a round met and nothing says the talks ended (rounds that ended included);
 * - paused: the latest round postponed or cancelled, or the talks reported suspended;
 * - concluded: an agreement settling the talks reported (signed, reached; talks declared over);
 * - collapsed: the talks reported broken down, broken off or dead.
 * An outcome holds until a later round: one dated after the round it was told of, or one with no
 * date reported no earlier than it was told (a round announced after the signing reopens the track).
 */
export function deriveTrackStatus(rounds: readonly RoundState[]): TrackStatus {
  return trackStatusOf(rounds).status;
}

/** The track's status and, when an outcome decides it, that outcome. */
function trackStatusOf(rounds: readonly RoundState[]): { status: TrackStatus; outcome: NegotiationOutcome | null } {
  const plain = (status: TrackStatus): { status: TrackStatus; outcome: null } => ({ status, outcome: null });
  if (rounds.length === 0) return plain('proposed');
  const everMet = rounds.some((r) => MET.has(r.status));
  // Rounds sort by date, undated last.
  const ordered = [...rounds].sort((x, y) => roundOrder(x, y) || compareTime(x.updatedAt, y.updatedAt));
  const decided = ordered.filter((r) => (r.outcome ?? null) !== null).at(-1);
  let later = ordered;
  if (decided?.outcome) {
    const toldAt = outcomeToldAt(decided);
    later = ordered.slice(ordered.indexOf(decided) + 1).filter((r) => isResolvedDate(r.date) || compareTime(r.updatedAt, toldAt) >= 0);
    if (later.length === 0) return { status: OUTCOME_STATUS[decided.outcome], outcome: decided.outcome };
  }
  const latest = later.at(-1);
  if (latest?.status === 'postponed' || latest?.status === 'cancelled') return plain('paused');
  return plain(everMet ? 'active' : 'proposed');
}

const OUTCOME_REASON: Record<NegotiationOutcome, string> = {
  agreement: 'an agreement was reported',
  breakdown: 'the talks were reported broken off',
  suspension: 'the talks were reported suspended',
};

/** A round stored before reports carried their own ordinal, venue, source and event id. */
function reportsOf(round: RoundState): RoundReport[] {
  const fallback = round.sources[0];
  return round.reports.map((r) => {
    const full = 'source' in r ? r : { ...(r as Pick<RoundReport, 'at' | 'status' | 'date'>), ordinal: round.ordinal, venue: round.venue, source: fallback as SourceRef };
    return { ...full, eventId: (full as Partial<RoundReport>).eventId ?? '', mediators: (full as Partial<RoundReport>).mediators ?? [] };
  });
}

/** Already folded: the same event, or (for reports stored without their event id) the same report. */
function knownReport(known: readonly RoundReport[], report: RoundReport): boolean {
  return known.some((r) => (r.eventId !== '' ? r.eventId === report.eventId : reportKey(r) === reportKey(report)));
}

/** knownReport over one round, without copying its reports when they all carry their event ids. */
function knownInRound(round: RoundState, report: RoundReport): boolean {
  const legacy = round.reports.some((r) => !('source' in r) || !(r as Partial<RoundReport>).eventId);
  if (legacy) return knownReport(reportsOf(round), report);
  return round.reports.some((r) => r.eventId === report.eventId);
}

function applyRound(track: TrackState, event: RoundReported): { track: TrackState; changes: TrackChange[] } | null {
  const { data, metadata } = event;
  const at = metadata.occurredAt;
  const source = metadata.source;
  const report: RoundReport = {
    eventId: event.id,
    at,
    status: data.status,
    date: data.date,
    ordinal: data.ordinal,
    venue: data.venue,
    mediators: data.mediators,
    source,
    outcome: data.outcome ?? null,
    ...optionalConfidence(data.confidence),
  };
  if (track.rounds.some((round) => knownInRound(round, report))) return null;
  // Only the rounds the report can affect are re-derived (round-region.ts says why that is the
  // same as re-deriving them all); the others are kept as they are.
  const region = roundRegion(track.rounds, report, reportsOf);
  const derived = clusterRounds([...[...region].flatMap(reportsOf), report]).map(roundFrom);
  const rounds = withRoundIds(track.id, [...track.rounds.filter((r) => !region.has(r)), ...derived]);
  const changes = roundChanges(track, track.rounds, rounds, { trackId: track.id, trackName: track.name, occurredAt: at, source });
  return { track: { ...track, rounds }, changes };
}

// ---- Demands: one per meaning, whatever the outlets' wording ------------------------------------

function demandIdOf(trackId: string, by: string, key: string): string {
  return `${trackId}:demand:${slugify(by)}:${stableHash(key)}`;
}

const wordingOrder = (x: DemandWording, y: DemandWording): number => sourceOrder(x.source, y.source) || compareText(x.text, y.text) || compareText(x.eventId, y.eventId);

/** A demand stored before it kept its wordings: one wording per source. */
function wordingsOf(demand: DemandState): DemandWording[] {
  const stored = (demand as Partial<DemandState>).wordings;
  if (stored) return stored.map((w) => ({ ...w, eventId: (w as Partial<DemandWording>).eventId ?? '' }));
  return demand.sources.map((source) => ({ eventId: '', text: demand.text, category: demand.category, addressedTo: demand.addressedTo, at: source.publishedAt ?? demand.firstReportedAt, source }));
}

/** The demands a track's wordings add up to: clustered by meaning (demand-identity.ts). */
export function deriveDemands(track: Pick<TrackState, 'id' | 'parties'>, all: readonly { by: string; wording: DemandWording }[]): DemandState[] {
  const byParty = new Map<string, DemandWording[]>();
  for (const { by, wording } of all) {
    const list = byParty.get(by);
    if (list) list.push(wording);
    else byParty.set(by, [wording]);
  }
  const demands: DemandState[] = [];
  for (const [by, wordings] of [...byParty.entries()].sort(([a], [b]) => compareText(a, b))) {
    const byKey = new Map<string, DemandWording[]>();
    for (const w of wordings) {
      const key = normaliseForComparison(w.text);
      const list = byKey.get(key);
      if (list) list.push(w);
      else byKey.set(key, [w]);
    }
    const nodes: WordingNode[] = [...byKey.entries()].map(([key, ws]) => ({
      key,
      category: mostReported(ws.map((w) => w.category)),
      tokens: cachedContentTokens(key, [by, ...track.parties]),
    }));
    for (const keys of clusterWordings(nodes)) demands.push(demandFrom(track, by, keys[0] ?? '', keys.flatMap((k) => byKey.get(k) ?? [])));
  }
  return demands.sort(demandOrder);
}

/** One demand from its cluster of wordings; `firstKey` is the cluster's smallest normalised wording. */
function demandFrom(track: Pick<TrackState, 'id'>, by: string, firstKey: string, wordings: readonly DemandWording[]): DemandState {
  const ws = [...wordings].sort(wordingOrder);
  const texts = new Map<string, number>();
  for (const w of ws) texts.set(w.text, (texts.get(w.text) ?? 0) + 1);
  const text = [...texts.entries()].sort(([a, x], [b, y]) => y - x || a.length - b.length || compareText(a, b))[0]?.[0] ?? '';
  return {
    id: demandIdOf(track.id, by, firstKey),
    by,
    addressedTo: sortParties(ws.flatMap((w) => w.addressedTo)),
    text,
    category: mostReported(ws.map((w) => w.category)),
    status: 'open',
    confidence: bestConfidence(ws),
    sources: uniqueSources(ws.map((w) => w.source)),
    wordings: ws,
    firstReportedAt: ws.map((w) => w.at).reduce(minTime),
    updatedAt: ws.map((w) => w.at).reduce(maxTime),
  };
}

/** Already folded: the same event, or (for wordings stored without their event id) the same words from the same source. */
function knownWording(demand: DemandState, by: string, wording: DemandWording): boolean {
  const stored = (demand as Partial<DemandState>).wordings;
  const legacy = (w: DemandWording): boolean => by === demand.by && w.text === wording.text && sameSource(w.source, wording.source);
  if (!stored) return wordingsOf(demand).some(legacy);
  return stored.some((w) => {
    const eventId = (w as Partial<DemandWording>).eventId ?? '';
    return eventId === wording.eventId || (eventId === '' && legacy(w));
  });
}

/** A demand's wordings as clustering nodes: per normalised wording, the categories reported with it. */
interface DemandNodes {
  /** The smallest key: the one the demand's id is derived from. */
  firstKey: string;
  categories: Map<string, (string | null)[]>;
  /** Per normalised wording, its content words (filled as the wordings are compared). */
  tokens: Map<string, ReadonlySet<string>>;
}

/** Remembered per demand: a party's demands are looked at whenever it reports another. */
const demandNodes = new WeakMap<DemandState, DemandNodes>();

function nodesOf(demand: DemandState): DemandNodes {
  let nodes = demandNodes.get(demand);
  if (!nodes) {
    const categories = new Map<string, (string | null)[]>();
    for (const w of wordingsOf(demand)) {
      const key = normaliseForComparison(w.text);
      const list = categories.get(key);
      if (list) list.push(w.category);
      else categories.set(key, [w.category]);
    }
    nodes = { firstKey: [...categories.keys()].sort(compareText)[0] ?? '', categories, tokens: new Map() };
    demandNodes.set(demand, nodes);
  }
  return nodes;
}

/** The nodes of a demand made of `from`'s wordings and one more, without normalising them all again. */
function rememberNodes(demand: DemandState, from: DemandNodes, key: string, category: string | null): void {
  const categories = new Map(from.categories);
  categories.set(key, [...(categories.get(key) ?? []), category]);
  demandNodes.set(demand, { firstKey: compareText(key, from.firstKey) < 0 || from.firstKey === '' ? key : from.firstKey, categories, tokens: new Map(from.tokens) });
}

/**
 * A party's demands with one more wording, re-deriving only what it can change. clusterWordings
 * relates two wordings only through wordingRelation, so:
 * - a wording whose normalised text is known and leaves that text's category as it was changes no
 *   clustering: it joins the demand holding that text;
 * - a new text related to no wording is a demand of its own;
 * - a new text related only to wordings of one demand joins that demand (its component grows, and
 *   no other cluster's choice can change: none is related to it), unless it is categorised, the
 *   demand has a categorised core and the text is related to that demand only through an
 *   uncategorised wording (that wording's cluster may then prefer the new text's cluster);
 * - otherwise the demands it is related to are clustered again together with it, or, when a known
 *   text's category changes, all of the party's demands.
 * projector.property.spec.ts checks that this gives what deriveDemands gives for the whole set.
 */
function foldWording(
  track: Pick<TrackState, 'id' | 'parties'>,
  own: readonly DemandState[],
  by: string,
  wording: DemandWording,
): { replaced: Set<DemandState>; demands: DemandState[] } {
  const key = normaliseForComparison(wording.text);
  const parties = [by, ...track.parties];
  const recluster = (demands: readonly DemandState[]): { replaced: Set<DemandState>; demands: DemandState[] } => ({
    replaced: new Set(demands),
    demands: deriveDemands(track, [...demands.flatMap((d) => wordingsOf(d)), wording].map((w) => ({ by, wording: w }))),
  });
  const holder = own.find((d) => nodesOf(d).categories.has(key));
  if (holder) {
    const categories = nodesOf(holder).categories.get(key) ?? [];
    if (mostReported(categories) !== mostReported([...categories, wording.category])) return recluster(own);
    const merged = demandFrom(track, by, nodesOf(holder).firstKey, [...wordingsOf(holder), wording]);
    rememberNodes(merged, nodesOf(holder), key, wording.category);
    return { replaced: new Set([holder]), demands: [merged] };
  }
  const node: WordingNode = { key, category: wording.category, tokens: cachedContentTokens(key, parties) };
  const related: { demand: DemandState; joinsCore: boolean; hasCore: boolean }[] = [];
  for (const demand of own) {
    let relatedToIt = false;
    let joinsCore = false;
    let hasCore = false;
    const nodes = nodesOf(demand);
    for (const [other, categories] of nodes.categories) {
      const category = mostReported(categories);
      if (category !== null) hasCore = true;
      let tokens = nodes.tokens.get(other);
      if (!tokens) {
        tokens = cachedContentTokens(other, parties);
        nodes.tokens.set(other, tokens);
      }
      const relation = wordingRelation(node, { key: other, category, tokens });
      if (relation === null) continue;
      relatedToIt = true;
      if (relation === 'same' && category !== null) joinsCore = true;
    }
    if (relatedToIt) related.push({ demand, joinsCore, hasCore });
  }
  const [only, ...more] = related;
  if (!only) return { replaced: new Set(), demands: [demandFrom(track, by, key, [wording])] };
  if (more.length === 0 && (node.category === null || only.joinsCore || !only.hasCore)) {
    const firstKey = [nodesOf(only.demand).firstKey, key].sort(compareText)[0] ?? key;
    const merged = demandFrom(track, by, firstKey, [...wordingsOf(only.demand), wording]);
    rememberNodes(merged, nodesOf(only.demand), key, wording.category);
    return { replaced: new Set([only.demand]), demands: [merged] };
  }
  return recluster(related.map((r) => r.demand));
}

/** The demand a response answers: the one with that wording, else the one it resembles most. */
function linkedDemand(track: Pick<TrackState, 'id' | 'parties'>, demands: readonly DemandState[], answers: { by: string; text: string }): string {
  const key = normaliseForComparison(answers.text);
  const own = demands.filter((d) => d.by === answers.by);
  const exact = own.find((d) => wordingsOf(d).some((w) => normaliseForComparison(w.text) === key));
  if (exact) return exact.id;
  const tokens = cachedContentTokens(key, [answers.by, ...track.parties]);
  const best = own
    .map((d) => ({ id: d.id, score: Math.max(0, ...wordingsOf(d).map((w) => containment(tokens, cachedContentTokens(w.text, [answers.by, ...track.parties])))) }))
    .filter((x) => x.score >= SAME_DEMAND)
    .sort((x, y) => y.score - x.score || compareText(x.id, y.id))[0];
  // Not reported (yet): the id a demand with exactly this wording would have.
  return best?.id ?? demandIdOf(track.id, answers.by, key);
}

const statusOfResponse: Record<ResponseKindName, DemandStatus> = { accepted: 'accepted', rejected: 'rejected', 'counter-proposal': 'countered' };

/** When a response counts: at its latest dated report; one reported only by undated articles, before every dated one. */
function responseTime(response: ResponseState): { dated: boolean; at: string } {
  const dated = responseReportsOf(response).filter((r) => !undated(r.source)).map((r) => r.at);
  return dated.length > 0 ? { dated: true, at: dated.reduce(maxTime) } : { dated: false, at: response.updatedAt };
}

/** A demand's status from the responses linked to it: the latest report wins (undated ones never over dated ones), ties broken by id. */
function demandStatus(demandId: string, responses: readonly ResponseState[]): DemandStatus {
  const linked = responses.filter((r) => r.demandId === demandId).map((r) => ({ r, time: responseTime(r) }));
  const latest = linked.sort((a, b) => Number(a.time.dated) - Number(b.time.dated) || compareTime(a.time.at, b.time.at) || compareText(a.r.id, b.r.id)).at(-1)?.r;
  return latest ? statusOfResponse[latest.kind] : 'open';
}

/** Re-links the responses to the demands as they now stand, and the demands' statuses to them. */
function withLinks(track: TrackState): TrackState {
  // What did not change stays the same object (the projector remembers things of its demands).
  const responses = track.responses.map((r) => {
    if (!r.answers) return r;
    const demandId = linkedDemand(track, track.demands, r.answers);
    return demandId === r.demandId ? r : { ...r, demandId };
  });
  const demands = track.demands.map((d) => {
    const status = demandStatus(d.id, responses);
    return status === d.status ? d : { ...d, status };
  });
  return { ...track, responses, demands };
}

/** A response stored before it kept its reports: one report per source. */
function responseReportsOf(response: ResponseState): ResponseReport[] {
  const stored = (response as Partial<ResponseState>).reports;
  if (stored) return stored;
  return response.sources.map((source) => ({ eventId: '', at: source.publishedAt ?? response.firstReportedAt, source, answers: response.answers }));
}

const responseReportOrder = (x: ResponseReport, y: ResponseReport): number => sourceOrder(x.source, y.source) || compareText(x.eventId, y.eventId);

/** The response its reports add up to; null when none is left. */
function withResponseReports(response: ResponseState, reports: readonly ResponseReport[]): ResponseState | null {
  const sorted = [...reports].sort(responseReportOrder);
  if (sorted.length === 0) return null;
  return {
    ...response,
    answers: sorted.find((r) => r.answers !== null)?.answers ?? null,
    confidence: bestConfidence(sorted),
    sources: uniqueSources(sorted.map((r) => r.source)),
    reports: sorted,
    firstReportedAt: sorted.map((r) => r.at).reduce(minTime),
    updatedAt: sorted.map((r) => r.at).reduce(maxTime),
  };
}

const responseOrder = (a: ResponseState, b: ResponseState): number => compareTime(a.firstReportedAt, b.firstReportedAt) || compareText(a.id, b.id);

function applyResponse(track: TrackState, event: ResponseReported): { track: TrackState; changes: TrackChange[] } | null {
  const { data, metadata } = event;
  const at = metadata.occurredAt;
  const answers = data.demand ? { by: data.demand.by, text: data.demand.text } : null;
  const report: ResponseReport = { eventId: event.id, at, source: metadata.source, answers, ...optionalConfidence(data.confidence) };
  const id = `${track.id}:response:${slugify(data.by)}:${data.kind}:${stableHash(normaliseForComparison(data.text))}`;
  const existing = track.responses.find((r) => r.id === id);
  if (existing) {
    const reports = responseReportsOf(existing);
    const legacy = (r: ResponseReport): boolean => r.eventId === '' && sameSource(r.source, report.source) && (r.answers !== null || answers === null);
    if (reports.some((r) => r.eventId === event.id || legacy(r))) return null;
    const response = withResponseReports(existing, [...reports, report]) as ResponseState;
    const responses = track.responses.map((r) => (r.id === id ? response : r)).sort(responseOrder);
    return { track: withLinks({ ...track, responses }), changes: [] };
  }
  const response: ResponseState = {
    id,
    by: data.by,
    to: sortParties(data.to),
    kind: data.kind,
    text: data.text,
    demandId: null,
    answers,
    confidence: data.confidence ?? null,
    sources: [metadata.source],
    reports: [report],
    firstReportedAt: at,
    updatedAt: at,
  };
  const responses = [...track.responses, response].sort(responseOrder);
  const linked = withLinks({ ...track, responses });
  const verb = data.kind === 'accepted' ? 'accepted' : data.kind === 'rejected' ? 'rejected' : 'answered with a counter-proposal to';
  const change: DemandResponded = {
    id: `${id}:reported`,
    type: 'demand.responded',
    trackId: track.id,
    trackName: track.name,
    occurredAt: at,
    source: metadata.source,
    responseId: id,
    demandId: linked.responses.find((r) => r.id === id)?.demandId ?? null,
    by: data.by,
    to: response.to,
    kind: data.kind,
    text: data.text,
    summary: `${data.by} ${verb}: ${data.text}`,
  };
  return { track: linked, changes: [change] };
}

function applyDemand(track: TrackState, event: DemandReported): { track: TrackState; changes: TrackChange[] } | null {
  const { data, metadata } = event;
  const at = metadata.occurredAt;
  const wording: DemandWording = {
    eventId: event.id,
    text: data.text,
    category: data.category,
    addressedTo: sortParties(data.addressedTo),
    at,
    source: metadata.source,
    ...optionalConfidence(data.confidence),
  };
  if (track.demands.some((d) => knownWording(d, data.by, wording))) return null;
  // A party's demands are derived from its own wordings alone, and of those only the demands the
  // new wording can affect are redone (foldWording says which).
  const own = track.demands.filter((d) => d.by === data.by);
  const folded = foldWording(track, own, data.by, wording);
  const demands = [...track.demands.filter((d) => !folded.replaced.has(d)), ...folded.demands].sort(demandOrder);
  const next = withLinks({ ...track, demands });
  const demand = next.demands.find((d) => d.by === data.by && d.wordings.includes(wording));
  const changes: TrackChange[] = [];
  // A rewording of a known demand is no news; a wording that joins none reveals a new demand.
  if (demand && demand.wordings.every((w) => w === wording)) {
    const to = demand.addressedTo.length ? ` → ${demand.addressedTo.join(', ')}` : '';
    const added: DemandAdded = {
      id: `${demandIdOf(track.id, data.by, normaliseForComparison(data.text))}:added`,
      type: 'demand.added',
      trackId: track.id,
      trackName: track.name,
      occurredAt: at,
      source: metadata.source,
      demandId: demand.id,
      by: demand.by,
      addressedTo: demand.addressedTo,
      text: demand.text,
      category: demand.category,
      summary: `New demand: ${demand.by}${to}: ${demand.text}`,
    };
    changes.push(added);
  }
  return { track: next, changes };
}

// ---- Retractions: a fact withdrawn is folded out as if it had never been read ----------------------

/** Marks the changes a retraction causes as corrections: their own ids, so they alert once. */
function asCorrection(change: TrackChange, retraction: FactRetracted): TrackChange {
  return { ...change, id: `${change.id}~${retraction.id}`, summary: `Correction: ${change.summary}` };
}

function applyRetraction(track: TrackState, event: FactRetracted): { track: TrackState; changes: TrackChange[] } | null {
  const withdrawn = event.data.retractedEventId;
  if (track.retracted.includes(withdrawn)) return null;
  const retracted = [...track.retracted, withdrawn].sort(compareText);
  const base = { trackId: track.id, trackName: track.name, occurredAt: event.metadata.occurredAt, source: event.metadata.source };
  const changes: TrackChange[] = [];

  const reports = track.rounds.flatMap(reportsOf);
  const keptReports = reports.filter((r) => r.eventId !== withdrawn);
  let rounds = track.rounds;
  if (keptReports.length !== reports.length) {
    rounds = keptReports.length > 0 ? deriveRounds(track.id, keptReports) : [];
    changes.push(...roundChanges(track, track.rounds, rounds, base).map((c) => asCorrection(c, event)));
    const keys = (r: RoundState): Set<string> => new Set(reportsOf(r).filter((x) => x.eventId !== withdrawn).map(reportKey));
    for (const gone of track.rounds) {
      const left = keys(gone);
      const survives = rounds.some((r) => r.id === gone.id || r.reports.some((x) => left.has(reportKey(x))));
      if (survives) continue;
      changes.push({
        ...base,
        id: `${gone.id}:withdrawn~${event.id}`,
        type: 'round.withdrawn',
        roundId: gone.id,
        retractedEventId: withdrawn,
        summary: `Correction: ${roundLabel(track.name, gone)} withdrawn: no source reports it any more`,
      });
    }
  }

  const wordings = track.demands.flatMap((d) => wordingsOf(d).map((w) => ({ by: d.by, wording: w })));
  const keptWordings = wordings.filter((k) => k.wording.eventId !== withdrawn);
  let demands = track.demands;
  if (keptWordings.length !== wordings.length) {
    demands = deriveDemands(track, keptWordings);
    const standing = new Set(keptWordings.map((k) => k.wording.eventId));
    for (const gone of track.demands) {
      if (wordingsOf(gone).some((w) => standing.has(w.eventId) && w.eventId !== '')) continue;
      if (demands.some((d) => d.id === gone.id)) continue;
      changes.push({
        ...base,
        id: `${gone.id}:withdrawn~${event.id}`,
        type: 'demand.withdrawn',
        demandId: gone.id,
        by: gone.by,
        text: gone.text,
        retractedEventId: withdrawn,
        summary: `Correction: demand withdrawn (no source reports it any more): ${gone.by}: ${gone.text}`,
      });
    }
  }

  const responses: ResponseState[] = [];
  for (const response of track.responses) {
    const all = responseReportsOf(response);
    const kept = all.filter((r) => r.eventId !== withdrawn);
    const next = kept.length === all.length ? response : withResponseReports(response, kept);
    if (next) {
      responses.push(next);
      continue;
    }
    changes.push({
      ...base,
      id: `${response.id}:withdrawn~${event.id}`,
      type: 'response.withdrawn',
      responseId: response.id,
      by: response.by,
      text: response.text,
      retractedEventId: withdrawn,
      summary: `Correction: response withdrawn (no source reports it any more): ${response.by}: ${response.text}`,
    });
  }

  const forumMentions = (track.forumMentions as ForumMention[] | undefined)?.filter((m) => m.eventId !== withdrawn);
  const next = withLinks({ ...track, rounds, demands, responses: responses.sort(responseOrder), retracted, ...(forumMentions ? { forumMentions } : {}) });
  return { track: next, changes };
}

// ---- The track ----------------------------------------------------------------------------------

/** The forum named by the most articles (an article naming it in several facts counts once). */
function forumOf(mentions: readonly ForumMention[]): string | null {
  return mostReported([...new Set(mentions.map((m) => `${m.forum}\u0000${m.articleId}`))].map((k) => k.split('\u0000')[0] ?? null));
}

function withForumMention(mentions: readonly ForumMention[], event: FactEvent): ForumMention[] {
  const forum = event.type === 'RoundReported' ? event.data.forum : null;
  const articleId = event.metadata.articleId;
  if (forum === null || mentions.some((m) => m.forum === forum && m.articleId === articleId && (m.eventId ?? '') === '')) return [...mentions];
  if (mentions.some((m) => m.eventId === event.id)) return [...mentions];
  return [...mentions, { forum, articleId, eventId: event.id }].sort(
    (a, b) => compareText(a.forum, b.forum) || compareText(a.articleId, b.articleId) || compareText(a.eventId ?? '', b.eventId ?? ''),
  );
}

function emptyTrack(event: TalkEvent): TrackState {
  return {
    id: event.data.trackId,
    name: event.data.trackName,
    parties: sortParties(event.data.parties),
    forum: null,
    forumMentions: [],
    status: 'proposed',
    rounds: [],
    demands: [],
    responses: [],
    retracted: [],
    version: 0,
    updatedAt: event.metadata.occurredAt,
  };
}

/** Folds one event into its track's state. Pure; throws TrackMismatchError for another track's event. */
export function evolve(state: TrackState | undefined, event: TalkEvent): Evolution {
  if (state && state.id !== event.data.trackId) throw new TrackMismatchError(state.id, event.data.trackId);
  const stored = state ?? emptyTrack(event);
  // Stored before the track kept its retractions.
  const before: TrackState = { ...stored, retracted: (stored as Partial<TrackState>).retracted ?? [] };
  if (isFactEvent(event) && before.retracted.includes(event.id)) return { state: stored, changes: [] };
  let applied: { track: TrackState; changes: TrackChange[] } | null;
  switch (event.type) {
    case 'RoundReported':
      applied = applyRound(before, event);
      break;
    case 'DemandReported':
      applied = applyDemand(before, event);
      break;
    case 'ResponseReported':
      applied = applyResponse(before, event);
      break;
    case 'FactRetracted':
      applied = applyRetraction(before, event);
      break;
    default:
      return assertNever(event);
  }
  if (!applied) return { state: stored, changes: [] };
  const { status, outcome } = trackStatusOf(applied.track.rounds);
  const changes = [...applied.changes];
  if (state && status !== state.status) {
    changes.push({
      id: `${state.id}:status:${state.status}->${status}`,
      type: 'track.status-changed',
      trackId: state.id,
      trackName: state.name,
      occurredAt: event.metadata.occurredAt,
      source: event.metadata.source,
      from: state.status,
      to: status,
      summary: `Track ${state.name} is now ${status} (was ${state.status})${outcome ? `: ${OUTCOME_REASON[outcome]}` : ''}`,
    });
  }
  // Stored before the track kept its forum mentions: the forum it had counts as one mention.
  const mentions = (applied.track as Partial<TrackState>).forumMentions ?? (before.forum ? [{ forum: before.forum, articleId: '', eventId: '' }] : []);
  const forumMentions = isFactEvent(event) ? withForumMention(mentions, event) : mentions;
  return {
    state: {
      ...applied.track,
      forum: forumOf(forumMentions),
      forumMentions,
      status,
      version: before.version + 1,
      updatedAt: state ? maxTime(before.updatedAt, event.metadata.occurredAt) : event.metadata.occurredAt,
    },
    changes,
  };
}

/** Folds a sequence of one track's events. */
export function foldTrack(events: readonly TalkEvent[], initial?: TrackState): Evolution {
  let state = initial;
  const changes: TrackChange[] = [];
  for (const event of events) {
    const next = evolve(state, event);
    state = next.state;
    changes.push(...next.changes);
  }
  if (!state) throw new Error('foldTrack needs at least one event or an initial state');
  return { state, changes };
}
