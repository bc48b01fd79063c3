// What the status API shows of a track: the projector's state without its bookkeeping (the reports,
// wordings and retractions it keeps to re-derive rounds and demands in any order).
import type { DemandState, ResponseState, RoundState, SourceRef, TrackState } from '@talkwatch/domain';

/** What one article said of a round: outlets may disagree (two dates for one meeting). */
export interface RoundReportView {
  articleId: string;
  /** The report's time (the article's publication, or when an undated one was received). */
  at: string;
  status: RoundState['status'];
  date: RoundState['date'];
  venue: string | null;
}

export interface RoundView {
  id: string;
  ordinal: number | null;
  status: RoundState['status'];
  /** Parties reported as mediating the round (not sides of the track). */
  mediators: string[];
  date: RoundState['date'];
  venue: string | null;
  /** What its reports say the negotiation came to (agreement, breakdown, suspension), or null. */
  outcome: RoundState['outcome'];
  /** Its best report's confidence in [0, 1]; null when no report carried one. */
  confidence: number | null;
  sources: SourceRef[];
  /** Each report's own reading, oldest first. */
  reports: RoundReportView[];
  firstReportedAt: string;
  updatedAt: string;
}

export interface DemandView {
  id: string;
  by: string;
  addressedTo: string[];
  text: string;
  category: string | null;
  status: DemandState['status'];
  confidence: number | null;
  /** Every distinct wording the outlets used, most reported first. */
  wordings: string[];
  sources: SourceRef[];
  firstReportedAt: string;
  updatedAt: string;
}

export interface ResponseView {
  id: string;
  by: string;
  to: string[];
  kind: ResponseState['kind'];
  text: string;
  demandId: string | null;
  confidence: number | null;
  sources: SourceRef[];
  firstReportedAt: string;
  updatedAt: string;
}

/** What the list and the detail both show of a track. */
interface TrackHeader {
  id: string;
  name: string;
  parties: string[];
  /** Everyone reported as mediating any of the track's rounds. */
  mediators: string[];
  forum: string | null;
  status: TrackState['status'];
  /** The latest round that met. */
  lastRound: RoundView | null;
  /** The first round still ahead (announced, scheduled or postponed). */
  nextRound: RoundView | null;
  updatedAt: string;
}

export interface TrackSummary extends TrackHeader {
  roundCount: number;
  openDemandCount: number;
  /** How many articles reported any of its facts. */
  sourceCount: number;
}

export interface TrackDetail extends TrackHeader {
  rounds: RoundView[];
  demands: DemandView[];
  responses: ResponseView[];
  /** How many events changed the track. */
  version: number;
}

const upcoming = new Set(['announced', 'scheduled', 'postponed']);
const past = new Set(['held', 'concluded']);
const dateKey = (round: RoundState): string => round.date?.start ?? '9999';

// States stored before rounds kept outcomes and facts their confidence have neither: null.
export function roundView(r: RoundState): RoundView {
  return {
    id: r.id,
    ordinal: r.ordinal,
    status: r.status,
    date: r.date,
    venue: r.venue,
    mediators: r.mediators,
    outcome: (r as Partial<RoundState>).outcome ?? null,
    confidence: (r as Partial<RoundState>).confidence ?? null,
    sources: r.sources,
    reports: (r.reports as RoundState['reports'] | undefined ?? [])
      .map((report) => ({ articleId: report.source.articleId, at: report.at, status: report.status, date: report.date, venue: report.venue }))
      .sort((a, b) => a.at.localeCompare(b.at) || a.articleId.localeCompare(b.articleId)),
    firstReportedAt: r.firstReportedAt,
    updatedAt: r.updatedAt,
  };
}

function demandView(d: DemandState): DemandView {
  const counts = new Map<string, number>();
  for (const w of d.wordings as DemandState['wordings'] | undefined ?? []) counts.set(w.text, (counts.get(w.text) ?? 0) + 1);
  const wordings = [...counts.entries()].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).map(([text]) => text);
  return {
    id: d.id,
    by: d.by,
    addressedTo: d.addressedTo,
    text: d.text,
    category: d.category,
    status: d.status,
    confidence: (d as Partial<DemandState>).confidence ?? null,
    wordings: wordings.length > 0 ? wordings : [d.text],
    sources: d.sources,
    firstReportedAt: d.firstReportedAt,
    updatedAt: d.updatedAt,
  };
}

function responseView(r: ResponseState): ResponseView {
  return {
    id: r.id,
    by: r.by,
    to: r.to,
    kind: r.kind,
    text: r.text,
    demandId: r.demandId,
    confidence: (r as Partial<ResponseState>).confidence ?? null,
    sources: r.sources,
    firstReportedAt: r.firstReportedAt,
    updatedAt: r.updatedAt,
  };
}

/** The last round that met and the first one still ahead, by date (undated last). */
function lastAndNext(state: TrackState): { lastRound: RoundView | null; nextRound: RoundView | null } {
  const byDate = [...state.rounds].sort((a, b) => dateKey(a).localeCompare(dateKey(b)));
  const last = byDate.filter((r) => past.has(r.status)).at(-1);
  const next = byDate.find((r) => upcoming.has(r.status));
  return { lastRound: last ? roundView(last) : null, nextRound: next ? roundView(next) : null };
}

function header(state: TrackState): TrackHeader {
  const mediators = [...new Set(state.rounds.flatMap((r) => r.mediators))].sort();
  return { id: state.id, name: state.name, parties: [...state.parties], mediators, forum: state.forum, status: state.status, ...lastAndNext(state), updatedAt: state.updatedAt };
}

export function summarize(state: TrackState): TrackSummary {
  const articles = new Set([...state.rounds, ...state.demands, ...state.responses].flatMap((fact) => fact.sources.map((s) => s.articleId)));
  return {
    ...header(state),
    roundCount: state.rounds.length,
    openDemandCount: state.demands.filter((d) => d.status === 'open').length,
    sourceCount: articles.size,
  };
}

export function detail(state: TrackState): TrackDetail {
  return {
    ...header(state),
    rounds: state.rounds.map(roundView),
    demands: state.demands.map(demandView),
    responses: state.responses.map(responseView),
    version: state.version,
  };
}
