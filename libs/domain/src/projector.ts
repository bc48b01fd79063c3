// The projector: a pure fold of one track's events into its read model, emitting the changes that
// may deserve an alert. evolve(state, event) → { state, changes }; replaying the same events gives
// the same state and the same change ids, and re-applying an event changes nothing.
//
// Decisions:
// - A round's status and date are resolved from all the reports it received, taken in order of
//   the reports' own time (occurredAt), not of arrival: older news read late cannot roll a status
//   back, and shuffled input reaches the same status and date.
// - Status moves forward (announced → scheduled → postponed/cancelled → held → concluded); a newer
//   report may also revive a postponed or cancelled round as announced/scheduled.
// - A date refined within its period ("January" → "10 January") changes silently (the status
//   change to "scheduled" carries the news); a date moved outside it is a 'round.rescheduled'.
// - A round under way that is reported again a few days later ("ended on Thursday") is the same
//   round: its date gets an end instead of moving.
// - Round ids are fixed when the round is first seen (from its month, else its ordinal), so ids
//   stay stable for alerts; they are order-independent when reports carry a date or an ordinal.
import { datesCompatible, formatDateRef, morePrecise } from './dates.js';
import { continuesRound } from './round-continuation.js';
import {
  type DateRef,
  type DemandReported,
  type ResponseKindName,
  type ResponseReported,
  type RoundReported,
  type RoundStatus,
  type SourceRef,
  type TalkEvent,
  assertNever,
} from './events.js';
import { normaliseForComparison, slugify, sortParties, stableHash } from './ids.js';

export type TrackStatus = 'proposed' | 'active' | 'paused' | 'concluded' | 'collapsed';

/** One report of a round's status and date, kept to resolve them independently of arrival order. */
export interface RoundReport {
  at: string;
  status: RoundStatus;
  date: DateRef | null;
}

export interface RoundState {
  id: string;
  ordinal: number | null;
  status: RoundStatus;
  date: DateRef | null;
  venue: string | null;
  sources: SourceRef[];
  reports: RoundReport[];
  /** Earliest report time (event occurredAt). */
  firstReportedAt: string;
  /** Latest report time (event occurredAt). */
  updatedAt: string;
}

/** open until a linked response says otherwise; the latest response (by report time) decides. */
export type DemandStatus = 'open' | 'accepted' | 'rejected' | 'countered';

export interface DemandState {
  id: string;
  by: string;
  addressedTo: string[];
  text: string;
  category: string | null;
  status: DemandStatus;
  sources: SourceRef[];
  firstReportedAt: string;
  updatedAt: string;
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
  sources: SourceRef[];
  firstReportedAt: string;
  updatedAt: string;
}

export interface TrackState {
  id: string;
  name: string;
  parties: string[];
  forum: string | null;
  status: TrackStatus;
  rounds: RoundState[];
  demands: DemandState[];
  responses: ResponseState[];
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

export type TrackChange = RoundAdded | RoundStatusChanged | RoundRescheduled | DemandAdded | DemandResponded | TrackStatusChanged;
export type TrackChangeType = TrackChange['type'];

/** Change types that produce alerts. */
export const alertingChangeTypes: readonly TrackChangeType[] = ['round.added', 'round.status-changed', 'round.rescheduled', 'demand.added', 'demand.responded'];

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
const OPEN: ReadonlySet<RoundStatus> = new Set(['announced', 'scheduled', 'postponed']);

/** ISO 8601 comparison that tolerates dates and date-times side by side. */
function compareTime(a: string, b: string): number {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return ta - tb;
  return a < b ? -1 : a > b ? 1 : 0;
}
const minTime = (a: string, b: string): string => (compareTime(a, b) <= 0 ? a : b);
const maxTime = (a: string, b: string): string => (compareTime(a, b) >= 0 ? a : b);

function nextStatus(current: RoundStatus, reported: RoundStatus): RoundStatus {
  if (STATUS_RANK[reported] >= STATUS_RANK[current]) return reported;
  if ((current === 'postponed' || current === 'cancelled') && (reported === 'announced' || reported === 'scheduled')) return reported;
  return current;
}

function nextDate(current: DateRef | null, reported: DateRef | null, continuation: boolean): DateRef | null {
  if (!reported) return current;
  if (!current) return reported;
  if (continuation) return { ...current, end: current.end && current.end > reported.start ? current.end : reported.start };
  return datesCompatible(current.start, reported.start) ? morePrecise(current, reported) : reported;
}

const reportOrder = (x: RoundReport, y: RoundReport): number =>
  compareTime(x.at, y.at) || STATUS_RANK[x.status] - STATUS_RANK[y.status] || (x.date?.start ?? '').localeCompare(y.date?.start ?? '') || (x.date?.text ?? '').localeCompare(y.date?.text ?? '');

/** The status and date a round's reports add up to, whatever order they arrived in. */
export function resolveRound(reports: readonly RoundReport[]): { status: RoundStatus; date: DateRef | null } {
  const sorted = [...reports].sort(reportOrder);
  let status: RoundStatus | null = null;
  let date: DateRef | null = null;
  for (const r of sorted) {
    const continuation = status !== null && continuesRound({ status, date }, r.status, r.date);
    status = status === null ? r.status : nextStatus(status, r.status);
    date = nextDate(date, r.date, continuation);
  }
  const resolved = status ?? 'announced';
  return { status: resolved === 'announced' && date?.precision === 'day' ? 'scheduled' : resolved, date };
}

const sameReport = (x: RoundReport, y: RoundReport): boolean =>
  x.at === y.at && x.status === y.status && x.date?.start === y.date?.start && x.date?.text === y.date?.text && x.date?.precision === y.date?.precision;
const sameSource = (x: SourceRef, y: SourceRef): boolean => x.articleId === y.articleId && x.start === y.start && x.end === y.end;
const sourceOrder = (x: SourceRef, y: SourceRef): number => compareTime(x.publishedAt, y.publishedAt) || x.articleId.localeCompare(y.articleId) || x.start - y.start;
const roundOrder = (x: RoundState, y: RoundState): number =>
  (x.date?.start ?? '9999').localeCompare(y.date?.start ?? '9999') || (x.ordinal ?? 0) - (y.ordinal ?? 0) || x.id.localeCompare(y.id);
const demandOrder = (x: DemandState, y: DemandState): number => compareTime(x.firstReportedAt, y.firstReportedAt) || x.id.localeCompare(y.id);

function withSource(sources: readonly SourceRef[], source: SourceRef): SourceRef[] | null {
  if (sources.some((s) => sameSource(s, source))) return null;
  return [...sources, source].sort(sourceOrder);
}

function roundLabel(trackName: string, round: Pick<RoundState, 'ordinal' | 'date'>): string {
  if (round.ordinal !== null) return `${trackName}, round ${round.ordinal}`;
  if (round.date) return `${trackName} talks of ${formatDateRef(round.date)}`;
  return `${trackName} talks`;
}

function describe(status: RoundStatus, date: DateRef | null, venue: string | null): string {
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

/** Whether a reported round can be the same meeting as a known one. */
function matches(round: RoundState, data: RoundReported['data']): boolean {
  if (round.ordinal !== null && data.ordinal !== null) return round.ordinal === data.ordinal;
  if (continuesRound(round, data.status, data.date)) return true;
  const known = round.date?.start ?? null;
  const reported = data.date?.start ?? null;
  if (known && reported) return datesCompatible(known, reported);
  // One side undated: it can only be a meeting still open, or the same stage of one.
  if (!reported) return OPEN.has(round.status) || round.status === data.status || (data.status === 'concluded' && round.status === 'held');
  return OPEN.has(round.status) || round.status === data.status;
}

function findRound(rounds: readonly RoundState[], data: RoundReported['data']): RoundState | undefined {
  const candidates = rounds.filter((r) => matches(r, data));
  const sameOrdinal = candidates.find((r) => r.ordinal !== null && r.ordinal === data.ordinal);
  if (sameOrdinal) return sameOrdinal;
  const latestFirst = (x: RoundState, y: RoundState): number => -roundOrder(x, y);
  const dated = candidates.filter((r) => r.date && data.date).sort((x, y) => (y.date?.start.length ?? 0) - (x.date?.start.length ?? 0) || latestFirst(x, y));
  if (dated[0]) return dated[0];
  const found = [...candidates].sort(latestFirst)[0];
  if (found) return found;
  // "Postponed to 17 January": the open round has moved.
  if (data.status === 'postponed' && data.ordinal === null) return rounds.filter((r) => r.status === 'announced' || r.status === 'scheduled').sort(latestFirst)[0];
  return undefined;
}

function newRoundId(trackId: string, data: RoundReported['data'], eventId: string, taken: ReadonlySet<string>): string {
  const keys = [
    data.date ? data.date.start.slice(0, 7) : null,
    data.ordinal !== null ? `n${data.ordinal}` : null,
    data.date?.start ?? null,
    `r${stableHash(eventId)}`,
  ].filter((k): k is string => k !== null);
  for (const key of keys) if (!taken.has(`${trackId}:round:${key}`)) return `${trackId}:round:${key}`;
  let n = 2;
  while (taken.has(`${trackId}:round:r${stableHash(eventId)}-${n}`)) n++;
  return `${trackId}:round:r${stableHash(eventId)}-${n}`;
}

function deriveTrackStatus(rounds: readonly RoundState[]): TrackStatus {
  if (rounds.length === 0) return 'proposed';
  const everMet = rounds.some((r) => r.status === 'held' || r.status === 'concluded');
  const latest = [...rounds].sort((x, y) => roundOrder(x, y) || compareTime(x.updatedAt, y.updatedAt)).at(-1);
  if (latest?.status === 'postponed') return 'paused';
  if (latest?.status === 'cancelled') return everMet ? 'paused' : 'collapsed';
  return everMet ? 'active' : 'proposed';
}

function applyRound(track: TrackState, event: RoundReported): { track: TrackState; changes: TrackChange[] } | null {
  const { data, metadata } = event;
  const at = metadata.occurredAt;
  const source = metadata.source;
  const base = { trackId: track.id, trackName: track.name, occurredAt: at, source };
  const report: RoundReport = { at, status: data.status, date: data.date };
  const existing = findRound(track.rounds, data);
  if (!existing) {
    const id = newRoundId(track.id, data, event.id, new Set(track.rounds.map((r) => r.id)));
    const resolved = resolveRound([report]);
    const round: RoundState = {
      id,
      ordinal: data.ordinal,
      status: resolved.status,
      date: resolved.date,
      venue: data.venue,
      sources: [source],
      reports: [report],
      firstReportedAt: at,
      updatedAt: at,
    };
    const change: RoundAdded = {
      ...base,
      id: `${id}:added`,
      type: 'round.added',
      roundId: id,
      ordinal: round.ordinal,
      status: round.status,
      date: round.date,
      venue: round.venue,
      summary: `New round: ${track.name}${round.ordinal !== null ? ` (round ${round.ordinal})` : ''}, ${describe(round.status, round.date, round.venue)}`,
    };
    return { track: { ...track, rounds: [...track.rounds, round].sort(roundOrder) }, changes: [change] };
  }
  const sources = withSource(existing.sources, source);
  const reports = existing.reports.some((r) => sameReport(r, report)) ? existing.reports : [...existing.reports, report].sort(reportOrder);
  if (!sources && reports === existing.reports && (existing.ordinal !== null || data.ordinal === null) && (existing.venue !== null || data.venue === null)) return null;
  const resolved = resolveRound(reports);
  const round: RoundState = {
    ...existing,
    ordinal: existing.ordinal ?? data.ordinal,
    venue: existing.venue ?? data.venue,
    status: resolved.status,
    date: resolved.date,
    sources: sources ?? existing.sources,
    reports,
    firstReportedAt: minTime(existing.firstReportedAt, at),
    updatedAt: maxTime(existing.updatedAt, at),
  };
  const changes: TrackChange[] = [];
  const label = roundLabel(track.name, existing);
  if (existing.date && round.date && !datesCompatible(existing.date.start, round.date.start)) {
    changes.push({
      ...base,
      id: `${round.id}:date:${round.date.start}`,
      type: 'round.rescheduled',
      roundId: round.id,
      from: existing.date,
      to: round.date,
      summary: `Rescheduled: ${label} moved from ${formatDateRef(existing.date)} to ${formatDateRef(round.date)}`,
    });
  }
  if (round.status !== existing.status) {
    changes.push({
      ...base,
      id: `${round.id}:status:${round.status}${round.status === 'scheduled' && round.date ? `:${round.date.start}` : ''}`,
      type: 'round.status-changed',
      roundId: round.id,
      from: existing.status,
      to: round.status,
      date: round.date,
      summary: `Round update: ${label} now ${describe(round.status, round.date, round.venue)} (was ${existing.status})`,
    });
  }
  return { track: { ...track, rounds: track.rounds.map((r) => (r.id === round.id ? round : r)).sort(roundOrder) }, changes };
}

function demandIdOf(trackId: string, by: string, text: string): string {
  return `${trackId}:demand:${slugify(by)}:${stableHash(normaliseForComparison(text))}`;
}

const statusOfResponse: Record<ResponseKindName, DemandStatus> = { accepted: 'accepted', rejected: 'rejected', 'counter-proposal': 'countered' };

/** A demand's status from the responses linked to it: the latest report wins, ties broken by id. */
function demandStatus(demandId: string, responses: readonly ResponseState[]): DemandStatus {
  const linked = responses.filter((r) => r.demandId === demandId);
  const latest = linked.sort((a, b) => compareTime(a.updatedAt, b.updatedAt) || a.id.localeCompare(b.id)).at(-1);
  return latest ? statusOfResponse[latest.kind] : 'open';
}

function withDemandStatuses(track: TrackState): TrackState {
  return { ...track, demands: track.demands.map((d) => ({ ...d, status: demandStatus(d.id, track.responses) })) };
}

function applyResponse(track: TrackState, event: ResponseReported): { track: TrackState; changes: TrackChange[] } | null {
  const { data, metadata } = event;
  const at = metadata.occurredAt;
  const demandId = data.demand ? demandIdOf(track.id, data.demand.by, data.demand.text) : null;
  const id = `${track.id}:response:${slugify(data.by)}:${data.kind}:${stableHash(normaliseForComparison(data.text))}`;
  const existing = track.responses.find((r) => r.id === id);
  if (existing) {
    const sources = withSource(existing.sources, metadata.source);
    if (!sources && (existing.demandId !== null || demandId === null)) return null;
    const response: ResponseState = {
      ...existing,
      demandId: existing.demandId ?? demandId,
      sources: sources ?? existing.sources,
      firstReportedAt: minTime(existing.firstReportedAt, at),
      updatedAt: maxTime(existing.updatedAt, at),
    };
    const responses = track.responses.map((r) => (r.id === id ? response : r));
    return { track: withDemandStatuses({ ...track, responses }), changes: [] };
  }
  const response: ResponseState = {
    id,
    by: data.by,
    to: sortParties(data.to),
    kind: data.kind,
    text: data.text,
    demandId,
    sources: [metadata.source],
    firstReportedAt: at,
    updatedAt: at,
  };
  const responses = [...track.responses, response].sort((a, b) => compareTime(a.firstReportedAt, b.firstReportedAt) || a.id.localeCompare(b.id));
  const verb = data.kind === 'accepted' ? 'accepted' : data.kind === 'rejected' ? 'rejected' : 'answered with a counter-proposal to';
  const change: DemandResponded = {
    id: `${id}:reported`,
    type: 'demand.responded',
    trackId: track.id,
    trackName: track.name,
    occurredAt: at,
    source: metadata.source,
    responseId: id,
    demandId,
    by: data.by,
    to: response.to,
    kind: data.kind,
    text: data.text,
    summary: `${data.by} ${verb}: ${data.text}`,
  };
  return { track: withDemandStatuses({ ...track, responses }), changes: [change] };
}

function applyDemand(track: TrackState, event: DemandReported): { track: TrackState; changes: TrackChange[] } | null {
  const { data, metadata } = event;
  const at = metadata.occurredAt;
  const id = demandIdOf(track.id, data.by, data.text);
  const existing = track.demands.find((d) => d.id === id);
  if (existing) {
    const sources = withSource(existing.sources, metadata.source);
    const addressedTo = sortParties([...existing.addressedTo, ...data.addressedTo]);
    if (!sources && addressedTo.length === existing.addressedTo.length && (existing.category !== null || data.category === null)) return null;
    const demand: DemandState = {
      ...existing,
      addressedTo,
      category: existing.category ?? data.category,
      sources: sources ?? existing.sources,
      firstReportedAt: minTime(existing.firstReportedAt, at),
      updatedAt: maxTime(existing.updatedAt, at),
    };
    return { track: { ...track, demands: track.demands.map((d) => (d.id === id ? demand : d)).sort(demandOrder) }, changes: [] };
  }
  const demand: DemandState = {
    id,
    by: data.by,
    addressedTo: sortParties(data.addressedTo),
    text: data.text,
    category: data.category,
    // A response reported before the demand (news read out of order) already counts.
    status: demandStatus(id, track.responses),
    sources: [metadata.source],
    firstReportedAt: at,
    updatedAt: at,
  };
  const to = demand.addressedTo.length ? ` → ${demand.addressedTo.join(', ')}` : '';
  const change: DemandAdded = {
    id: `${id}:added`,
    type: 'demand.added',
    trackId: track.id,
    trackName: track.name,
    occurredAt: at,
    source: metadata.source,
    demandId: id,
    by: demand.by,
    addressedTo: demand.addressedTo,
    text: demand.text,
    category: demand.category,
    summary: `New demand: ${demand.by}${to}: ${demand.text}`,
  };
  return { track: { ...track, demands: [...track.demands, demand].sort(demandOrder) }, changes: [change] };
}

function emptyTrack(event: TalkEvent): TrackState {
  return {
    id: event.data.trackId,
    name: event.data.trackName,
    parties: sortParties(event.data.parties),
    forum: event.data.forum,
    status: 'proposed',
    rounds: [],
    demands: [],
    responses: [],
    version: 0,
    updatedAt: event.metadata.occurredAt,
  };
}

/** Folds one event into its track's state. Pure; throws TrackMismatchError for another track's event. */
export function evolve(state: TrackState | undefined, event: TalkEvent): Evolution {
  if (state && state.id !== event.data.trackId) throw new TrackMismatchError(state.id, event.data.trackId);
  const before = state ?? emptyTrack(event);
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
    default:
      return assertNever(event);
  }
  if (!applied) return { state: before, changes: [] };
  const status = deriveTrackStatus(applied.track.rounds);
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
      summary: `Track ${state.name} is now ${status} (was ${state.status})`,
    });
  }
  return {
    state: {
      ...applied.track,
      forum: before.forum ?? event.data.forum,
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
