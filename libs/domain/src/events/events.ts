// The event catalogue: what the ingestor publishes to the log and the projector folds.
// Events are facts reported by one article; they are past tense, versioned and validated
// at every edge (HTTP in, log in) with the schemas below.
import { z } from 'zod';

/**
 * The schema version events are written with. Every fact event carries `metadata.source`, and
 * FactRetracted a copy of the retracted fact's metadata, so a change there is a new version of
 * every type:
 * - 1: every article dated (`source.publishedAt` a string); a round's date always resolved
 *   (precision day, month or year).
 * - 2: undated articles: `source.publishedAt` may be null (then `occurredAt` is the time the
 *   article was received), and a date may be unresolved (`precision: "unknown"`, `start` null).
 * Readers accept both: a version 1 event is a version 2 event that uses neither, and is checked
 * against version 1's rules (parseTalkEvent).
 * Version 2 also carries two optional fields that no reader needs to upgrade (absent: unknown):
 * a fact's `confidence` and a round's `outcome`.
 */
export const EVENT_SCHEMA_VERSION = 2 as const;
export const READABLE_SCHEMA_VERSIONS = [1, 2] as const;
export type EventSchemaVersion = (typeof READABLE_SCHEMA_VERSIONS)[number];

import { dateRefSchema, type DateRef } from '../text/date-ref.js';

export { datePrecisionSchema, dateRefSchema, isResolvedDate, resolvedDateRefSchema, unresolvedDateRefSchema } from '../text/date-ref.js';
export type { DatePrecision, DateRef, ResolvedDateRef, UnresolvedDateRef } from '../text/date-ref.js';

export const roundStatusSchema = z.enum(['announced', 'scheduled', 'held', 'concluded', 'postponed', 'cancelled']);
export type RoundStatus = z.infer<typeof roundStatusSchema>;

/**
 * What a round's report says about the negotiation as a whole, beyond the round itself:
 * - agreement: it ended in a settlement (an agreement, deal, accord or treaty signed or reached;
 *   the talks concluded successfully or declared over);
 * - breakdown: it broke down (broken off, collapsed, called off as a whole, walked out of, "dead");
 * - suspension: it was suspended or frozen as a whole, to resume perhaps.
 * A round that merely ended says none of these: the negotiation goes on between rounds.
 */
export const negotiationOutcomeSchema = z.enum(['agreement', 'breakdown', 'suspension']);
export type NegotiationOutcome = z.infer<typeof negotiationOutcomeSchema>;

/**
 * How strongly the evidence supports a fact, in [0, 1] (extraction/confidence.ts): the strength of
 * the cue, how the parties were resolved, how precise the date is. Optional in version 2: absent
 * from events written before extraction scored its facts.
 */
const confidenceSchema = z.number().min(0).max(1);

/** Where a fact was read: which article, which sentence, which characters of the body. */
export const sourceRefSchema = z.object({
  articleId: z.string().min(1),
  url: z.string().nullable(),
  title: z.string(),
  /** Publication date of the article, ISO 8601; null when the article gives none (schema version 2). */
  publishedAt: z.string().nullable(),
  sentence: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type SourceRef = z.infer<typeof sourceRefSchema>;

export const eventMetadataSchema = z.object({
  articleId: z.string().min(1),
  source: sourceRefSchema,
  extractorVersion: z.string().min(1),
  /**
   * When the reported fact was reported: the article's publication time (ISO 8601); for an
   * undated article, the time Talkwatch received it (the latest it can have been reported).
   */
  occurredAt: z.string(),
  /** When Talkwatch read the article (ISO 8601). */
  observedAt: z.string(),
});
export type EventMetadata = z.infer<typeof eventMetadataSchema>;

const trackRefShape = {
  /** Stable id of the negotiation track (parties and forum), also the log's partition key. */
  trackId: z.string().min(1),
  trackName: z.string().min(1),
  parties: z.array(z.string().min(1)).min(2),
  forum: z.string().nullable(),
};

export const roundReportedDataSchema = z.object({
  ...trackRefShape,
  ordinal: z.number().int().positive().nullable(),
  status: roundStatusSchema,
  date: dateRefSchema.nullable(),
  venue: z.string().nullable(),
  /** Parties named as mediating, facilitating or hosting the round: not sides, not in the track id. */
  mediators: z.array(z.string().min(1)).default([]),
  /** What the report says of the negotiation as a whole; null: nothing (absent: not read). */
  outcome: negotiationOutcomeSchema.nullable().optional(),
  confidence: confidenceSchema.optional(),
});
export type RoundReportedData = z.infer<typeof roundReportedDataSchema>;

export const demandReportedDataSchema = z.object({
  ...trackRefShape,
  by: z.string().min(1),
  addressedTo: z.array(z.string().min(1)),
  text: z.string().min(1),
  category: z.string().nullable(),
  confidence: confidenceSchema.optional(),
});
export type DemandReportedData = z.infer<typeof demandReportedDataSchema>;

export const responseKindSchema = z.enum(['accepted', 'rejected', 'counter-proposal']);
export type ResponseKindName = z.infer<typeof responseKindSchema>;

export const responseReportedDataSchema = z.object({
  ...trackRefShape,
  /** The responding party. */
  by: z.string().min(1),
  /** The parties whose demand or proposal is answered. */
  to: z.array(z.string().min(1)),
  kind: responseKindSchema,
  text: z.string().min(1),
  /** The demand answered, as reported (its party and text), when the article links it. */
  demand: z.object({ by: z.string().min(1), text: z.string().min(1) }).nullable(),
  confidence: confidenceSchema.optional(),
});
export type ResponseReportedData = z.infer<typeof responseReportedDataSchema>;

/** Why a fact is withdrawn. */
export const retractionReasonSchema = z.enum([
  /** A newer extractor read the stored article again and no longer finds the fact. */
  'reextracted',
]);
export type RetractionReason = z.infer<typeof retractionReasonSchema>;

export const factTypeSchema = z.enum(['RoundReported', 'DemandReported', 'ResponseReported']);
export type FactType = z.infer<typeof factTypeSchema>;

/**
 * A fact event published earlier is withdrawn: the projector removes its contribution (a round
 * report, a demand wording, a response report) as if it had never been read. On the retracted
 * fact's track (its partition key); occurredAt is the retracted fact's, so "what did we know then"
 * (asOf) no longer shows a fact the article never stated; observedAt is when it was withdrawn.
 */
export const factRetractedDataSchema = z.object({
  trackId: z.string().min(1),
  trackName: z.string().min(1),
  parties: z.array(z.string().min(1)).min(2),
  retractedEventId: z.string().min(1),
  retractedType: factTypeSchema,
  reason: retractionReasonSchema,
});
export type FactRetractedData = z.infer<typeof factRetractedDataSchema>;

const envelope = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.object({
    id: z.string().min(1),
    type: z.literal(type),
    schemaVersion: z.union(READABLE_SCHEMA_VERSIONS.map((v) => z.literal(v))),
    data,
    metadata: eventMetadataSchema,
  });

export const roundReportedSchema = envelope('RoundReported', roundReportedDataSchema);
export const demandReportedSchema = envelope('DemandReported', demandReportedDataSchema);
export const responseReportedSchema = envelope('ResponseReported', responseReportedDataSchema);

export const factRetractedSchema = envelope('FactRetracted', factRetractedDataSchema);

/** What version 1 could not say: an undated source or an unresolved date. */
function versionOneIssues(event: { schemaVersion: number; data: object; metadata: EventMetadata }): string[] {
  if (event.schemaVersion !== 1) return [];
  const issues: string[] = [];
  if (event.metadata.source.publishedAt === null) issues.push('metadata.source.publishedAt: null needs schema version 2');
  const date = 'date' in event.data ? (event.data.date as DateRef | null) : null;
  if (date?.precision === 'unknown') issues.push('data.date.precision: "unknown" needs schema version 2');
  return issues;
}

export const talkEventSchema = z
  .discriminatedUnion('type', [roundReportedSchema, demandReportedSchema, responseReportedSchema, factRetractedSchema])
  .superRefine((event, ctx) => {
    for (const message of versionOneIssues(event)) ctx.addIssue({ code: 'custom', message, path: ['schemaVersion'] });
  });

export type RoundReported = z.infer<typeof roundReportedSchema>;
export type DemandReported = z.infer<typeof demandReportedSchema>;
export type ResponseReported = z.infer<typeof responseReportedSchema>;
export type FactRetracted = z.infer<typeof factRetractedSchema>;
/** The events that state a fact read from an article (all but retractions). */
export type FactEvent = RoundReported | DemandReported | ResponseReported;
export type TalkEvent = z.infer<typeof talkEventSchema>;
export type TalkEventType = TalkEvent['type'];

export class InvalidEventError extends Error {
  readonly code = 'invalid-event';
  constructor(readonly issues: readonly string[]) {
    super(`invalid event: ${issues.join('; ')}`);
    this.name = 'InvalidEventError';
  }
}

/** Validates an event read from an edge (the log, an HTTP body). Throws InvalidEventError. */
export function parseTalkEvent(input: unknown): TalkEvent {
  const result = talkEventSchema.safeParse(input);
  if (!result.success) {
    throw new InvalidEventError(result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  return result.data;
}

/** The log's partition key: events of one track stay in order. */
export function eventKey(event: TalkEvent): string {
  switch (event.type) {
    case 'RoundReported':
    case 'DemandReported':
    case 'ResponseReported':
    case 'FactRetracted':
      return event.data.trackId;
    default:
      return assertNever(event);
  }
}

/** The withdrawal of `fact`, published by a re-extraction at `observedAt`. Deterministic id. */
export function retractionOf(fact: FactEvent, reason: RetractionReason, extractorVersion: string, observedAt: string): FactRetracted {
  return {
    id: `${fact.id}:retracted`,
    type: 'FactRetracted',
    schemaVersion: EVENT_SCHEMA_VERSION,
    data: {
      trackId: fact.data.trackId,
      trackName: fact.data.trackName,
      parties: fact.data.parties,
      retractedEventId: fact.id,
      retractedType: fact.type,
      reason,
    },
    metadata: { ...fact.metadata, extractorVersion, observedAt },
  };
}

export function isFactEvent(event: TalkEvent): event is FactEvent {
  return event.type !== 'FactRetracted';
}

/** Validates a fact event read from an edge (a stored article's reading). Throws InvalidEventError. */
export function parseFactEvent(input: unknown): FactEvent {
  const event = parseTalkEvent(input);
  if (!isFactEvent(event)) throw new InvalidEventError([`type: expected a fact event, got ${event.type}`]);
  return event;
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
