// Builders of test data for the domain's specs (pure; not exported from the entry point).
import type { DateRef, DemandReported, NegotiationOutcome, ResponseReported, RoundReported, RoundStatus, SourceRef } from './events/events.js';
import { EVENT_SCHEMA_VERSION } from './events/events.js';
import { sortParties, trackIdFor, trackNameFor } from './events/ids.js';

/** A source; publishedAt null: an undated article. */
export function source(articleId: string, publishedAt: string | null, start = 0): SourceRef {
  return { articleId, url: `https://example.org/${articleId}`, title: `Article ${articleId}`, publishedAt, sentence: `Sentence of ${articleId}.`, start, end: start + 20 };
}

/** An unresolved date: words an undated article gives ("on Tuesday"). */
export function unresolvedDate(text: string): DateRef {
  return { text, start: null, end: null, precision: 'unknown' };
}

export function dateRef(start: string, text = start): DateRef {
  const precision = start.length === 10 ? 'day' : start.length === 7 ? 'month' : 'year';
  return { text, start, end: null, precision };
}

interface RoundOptions {
  articleId: string;
  /** The report's time: the publication time, or for an undated article the time it was received. */
  occurredAt: string;
  /** The article gives no publication date (source.publishedAt null). */
  undated?: boolean;
  status: RoundStatus;
  parties?: string[];
  date?: DateRef | null;
  ordinal?: number | null;
  venue?: string | null;
  mediators?: string[];
  forum?: string | null;
  start?: number;
  /** What the report says of the negotiation as a whole; left out of the event when not given. */
  outcome?: NegotiationOutcome | null;
  confidence?: number;
}

/** Optional event fields, only when given (an event without them is one written before they existed). */
const given = <T extends object>(fields: T): Partial<T> => Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;

export function roundReported(o: RoundOptions): RoundReported {
  const parties = sortParties(o.parties ?? ['Russia', 'United States']);
  const trackId = trackIdFor(parties);
  return {
    id: `${o.articleId}:round:${trackId}:${o.ordinal ?? o.date?.start ?? 'x'}`,
    type: 'RoundReported',
    schemaVersion: EVENT_SCHEMA_VERSION,
    data: {
      trackId,
      trackName: trackNameFor(parties),
      parties,
      forum: o.forum ?? null,
      ordinal: o.ordinal ?? null,
      status: o.status,
      date: o.date ?? null,
      venue: o.venue ?? null,
      mediators: o.mediators ?? [],
      ...given({ outcome: o.outcome, confidence: o.confidence }),
    },
    metadata: { articleId: o.articleId, source: source(o.articleId, o.undated ? null : o.occurredAt, o.start), extractorVersion: 'test', occurredAt: o.occurredAt, observedAt: '2030-01-01T00:00:00Z' },
  };
}

export function demandReported(o: {
  articleId: string;
  occurredAt: string;
  by: string;
  to: string;
  text: string;
  category?: string | null;
  start?: number;
  undated?: boolean;
  confidence?: number;
}): DemandReported {
  const parties = sortParties([o.by, o.to]);
  const trackId = trackIdFor(parties);
  return {
    id: `${o.articleId}:demand:${trackId}:${o.text.length}`,
    type: 'DemandReported',
    schemaVersion: EVENT_SCHEMA_VERSION,
    data: { trackId, trackName: trackNameFor(parties), parties, forum: null, by: o.by, addressedTo: [o.to], text: o.text, category: o.category ?? null, ...given({ confidence: o.confidence }) },
    metadata: { articleId: o.articleId, source: source(o.articleId, o.undated ? null : o.occurredAt, o.start), extractorVersion: 'test', occurredAt: o.occurredAt, observedAt: '2030-01-01T00:00:00Z' },
  };
}

export function responseReported(o: {
  articleId: string;
  occurredAt: string;
  by: string;
  to: string;
  kind: 'accepted' | 'rejected' | 'counter-proposal';
  text: string;
  demand?: { by: string; text: string } | null;
  start?: number;
  undated?: boolean;
  confidence?: number;
}): ResponseReported {
  const parties = sortParties([o.by, o.to]);
  const trackId = trackIdFor(parties);
  return {
    id: `${o.articleId}:response:${trackId}:${o.kind}:${o.text.length}`,
    type: 'ResponseReported',
    schemaVersion: EVENT_SCHEMA_VERSION,
    data: { trackId, trackName: trackNameFor(parties), parties, forum: null, by: o.by, to: [o.to], kind: o.kind, text: o.text, demand: o.demand ?? null, ...given({ confidence: o.confidence }) },
    metadata: { articleId: o.articleId, source: source(o.articleId, o.undated ? null : o.occurredAt, o.start), extractorVersion: 'test', occurredAt: o.occurredAt, observedAt: '2030-01-01T00:00:00Z' },
  };
}

/** Every order of a few items (n! of them: keep n small). */
export function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}
