// What the status API shows of a track: the projector's state without its bookkeeping (the reports,
// wordings and retractions it keeps to re-derive rounds and demands in any order), each source with
// the copies of its article other outlets ran (syndications the ingestor linked to it).
import type { DemandState, ResponseState, RoundState, SourceRef, TrackState } from '@talkwatch/domain';

/** A copy of a source's article on another outlet: the ingestor linked it to the article instead of taking it again. */
export interface SyndicatedCopy {
  outlet: string | null;
  url: string | null;
  title: string;
  /** When Talkwatch received the copy. */
  receivedAt: string;
}

/** One article a fact was read from, and the outlets that ran the same story (its facts' sources too). */
export type SourceView = SourceRef & { syndicatedBy: SyndicatedCopy[] };

/** The copies recorded of an article, oldest first (none: an empty list). */
export type CopiesOf = (articleId: string) => SyndicatedCopy[];

/** For a fold without syndications at hand. */
export const noCopies: CopiesOf = () => [];

const withCopies = (sources: readonly SourceRef[], copiesOf: CopiesOf): SourceView[] => sources.map((s) => ({ ...s, syndicatedBy: copiesOf(s.articleId) }));

/** The articles whose copies a view needs: every source of every fact (lastRound and nextRound are among the rounds). */
export function sourceArticleIds(states: readonly TrackState[], rounds: 'all' | 'last-and-next'): string[] {
  const ids = new Set<string>();
  for (const state of states) {
    const facts = rounds === 'all' ? [...state.rounds, ...state.demands, ...state.responses] : Object.values(lastAndNextRounds(state)).filter((r): r is RoundState => r !== undefined);
    for (const fact of facts) for (const source of fact.sources) ids.add(source.articleId);
  }
  return [...ids];
}

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
  sources: SourceView[];
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
  sources: SourceView[];
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
  sources: SourceView[];
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
export function roundView(r: RoundState, copiesOf: CopiesOf = noCopies): RoundView {
  return {
    id: r.id,
    ordinal: r.ordinal,
    status: r.status,
    date: r.date,
    venue: r.venue,
    mediators: r.mediators,
    outcome: (r as Partial<RoundState>).outcome ?? null,
    confidence: (r as Partial<RoundState>).confidence ?? null,
    sources: withCopies(r.sources, copiesOf),
    reports: (r.reports as RoundState['reports'] | undefined ?? [])
      .map((report) => ({ articleId: report.source.articleId, at: report.at, status: report.status, date: report.date, venue: report.venue }))
      .sort((a, b) => a.at.localeCompare(b.at) || a.articleId.localeCompare(b.articleId)),
    firstReportedAt: r.firstReportedAt,
    updatedAt: r.updatedAt,
  };
}

function demandView(d: DemandState, copiesOf: CopiesOf): DemandView {
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
    sources: withCopies(d.sources, copiesOf),
    firstReportedAt: d.firstReportedAt,
    updatedAt: d.updatedAt,
  };
}

function responseView(r: ResponseState, copiesOf: CopiesOf): ResponseView {
  return {
    id: r.id,
    by: r.by,
    to: r.to,
    kind: r.kind,
    text: r.text,
    demandId: r.demandId,
    confidence: (r as Partial<ResponseState>).confidence ?? null,
    sources: withCopies(r.sources, copiesOf),
    firstReportedAt: r.firstReportedAt,
    updatedAt: r.updatedAt,
  };
}

/** The last round that met and the first one still ahead, by date (undated last). */
function lastAndNextRounds(state: TrackState): { last: RoundState | undefined; next: RoundState | undefined } {
  const byDate = [...state.rounds].sort((a, b) => dateKey(a).localeCompare(dateKey(b)));
  return { last: byDate.filter((r) => past.has(r.status)).at(-1), next: byDate.find((r) => upcoming.has(r.status)) };
}

function header(state: TrackState, copiesOf: CopiesOf): TrackHeader {
  const mediators = [...new Set(state.rounds.flatMap((r) => r.mediators))].sort();
  const { last, next } = lastAndNextRounds(state);
  return {
    id: state.id,
    name: state.name,
    parties: [...state.parties],
    mediators,
    forum: state.forum,
    status: state.status,
    lastRound: last ? roundView(last, copiesOf) : null,
    nextRound: next ? roundView(next, copiesOf) : null,
    updatedAt: state.updatedAt,
  };
}

export function summarize(state: TrackState, copiesOf: CopiesOf = noCopies): TrackSummary {
  const articles = new Set([...state.rounds, ...state.demands, ...state.responses].flatMap((fact) => fact.sources.map((s) => s.articleId)));
  return {
    ...header(state, copiesOf),
    roundCount: state.rounds.length,
    openDemandCount: state.demands.filter((d) => d.status === 'open').length,
    sourceCount: articles.size,
  };
}

export function detail(state: TrackState, copiesOf: CopiesOf = noCopies): TrackDetail {
  return {
    ...header(state, copiesOf),
    rounds: state.rounds.map((r) => roundView(r, copiesOf)),
    demands: state.demands.map((d) => demandView(d, copiesOf)),
    responses: state.responses.map((r) => responseView(r, copiesOf)),
    version: state.version,
  };
}
