// The JSON Lines record `talkwatch extract --json` prints for one article: the extraction contract
// of the evaluation (file, article, rounds, demands), plus the responses, and after each fact's
// contract keys what the contract does not name: a round's outcome, every fact's confidence.
import type { ArticleInput, DateFallback, DateRef, Evidence, ExtractedDemand, ExtractedResponse, Extraction, NegotiationOutcome, RoundStatus } from '@talkwatch/domain';

export interface RoundRecord {
  /**
   * Everyone at the table: the sides, then the mediators marked as the shared corpus marks them
   * ("Qatar (mediator)"); `mediators` lists the latter by name.
   */
  parties: string[];
  mediators: string[];
  ordinal: number | null;
  status: RoundStatus;
  date: DateRef | null;
  venue: string | null;
  evidence: Evidence;
  /** What the round's sentences say of the negotiation as a whole (agreement, breakdown, suspension), or null. */
  outcome: NegotiationOutcome | null;
  /** How strongly the evidence supports it, in [0, 1]. */
  confidence: number;
}

/** The contract's fields, named so the printed shape stays explicit if the domain types grow. */
export type DemandRecord = Pick<ExtractedDemand, 'by' | 'addressedTo' | 'text' | 'category' | 'evidence' | 'confidence'>;
export type ResponseRecord = Pick<ExtractedResponse, 'by' | 'to' | 'kind' | 'text' | 'demand' | 'evidence' | 'confidence'>;

export interface ArticleRecord {
  /** The file's base name. */
  file: string;
  /**
   * publishedAt is null for an undated article; dateFallback ("receivedAt") is there only when
   * --date-fallback dated the article by the time it was read.
   */
  article: { title: string; url: string | null; publishedAt: string | null; dateFallback?: DateFallback };
  rounds: RoundRecord[];
  demands: DemandRecord[];
  responses: ResponseRecord[];
}

const evidenceOf = (e: Evidence): Evidence => ({ sentence: e.sentence, start: e.start, end: e.end });
const dateOf = (d: DateRef | null): DateRef | null => {
  if (!d) return null;
  if (d.precision === 'unknown') return { text: d.text, start: null, end: null, precision: d.precision };
  return { text: d.text, start: d.start, end: d.end, precision: d.precision };
};

/** Builds the record with the contract's keys in the contract's order (and nothing else). */
export function toArticleRecord(file: string, article: ArticleInput, extraction: Extraction): ArticleRecord {
  return {
    file,
    article: { title: article.title, url: article.url, publishedAt: article.publishedAt, ...(article.dateFallback ? { dateFallback: article.dateFallback } : {}) },
    rounds: extraction.rounds.map((r) => ({
      parties: [...r.parties, ...r.mediators.map((m) => `${m} (mediator)`)],
      mediators: [...r.mediators],
      ordinal: r.ordinal,
      status: r.status,
      date: dateOf(r.date),
      venue: r.venue,
      evidence: evidenceOf(r.evidence),
      outcome: r.outcome,
      confidence: r.confidence,
    })),
    demands: extraction.demands.map((d) => ({
      by: d.by,
      addressedTo: [...d.addressedTo],
      text: d.text,
      category: d.category,
      evidence: evidenceOf(d.evidence),
      confidence: d.confidence,
    })),
    responses: (extraction.responses ?? []).map((r) => ({
      by: r.by,
      to: [...r.to],
      kind: r.kind,
      text: r.text,
      demand: r.demand ? { by: r.demand.by, text: r.demand.text } : null,
      evidence: evidenceOf(r.evidence),
      confidence: r.confidence,
    })),
  };
}
