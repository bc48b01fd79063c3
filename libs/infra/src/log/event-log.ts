// The event log port. Kafka is the log at scale; an embedded log implements the same port
// for the single-process default. Records are ordered per key; delivery is at-least-once,
// so consumers make applying idempotent (positions stored with their own writes).

export interface LogRecord {
  /** Partition key: records with the same key are read in the order they were appended. */
  readonly key: string;
  /** The serialized event (JSON). */
  readonly value: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface LoggedRecord extends LogRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
}

/**
 * A consumer handles records one at a time (`handle`) or a batch at a time (`handleBatch`: the
 * records of one partition, in order, at most `maxBatch` of them); it resolves only once they are
 * applied. The adapter stores the group's position after each call.
 *
 * A batch handler may answer with records it cannot use (poison: not JSON, not an event it knows):
 * the adapter appends each to the dead-letter topic (`deadLetterTopicOf`), its value as it was
 * read and the reason in its headers, before it moves the position past them, so the partition
 * goes on. At-least-once here too: a batch read again after a crash may dead-letter a record
 * again, with the same `dead-letter-offset`.
 */
export type SubscribeOptions =
  | { readonly groupId: string; readonly handle: (record: LoggedRecord) => Promise<void> }
  | { readonly groupId: string; readonly handleBatch: BatchHandler; readonly maxBatch?: number };

/** Resolves once the records are applied; with the records it rejects, if any. */
export type BatchHandler = (records: readonly LoggedRecord[]) => Promise<BatchResult | undefined>;

/** A record a handler cannot use, and why (one line, for people). */
export interface RejectedRecord {
  readonly record: LoggedRecord;
  readonly reason: string;
}

export interface BatchResult {
  /** Records of the batch to move to the dead-letter topic; they count as handled. */
  readonly rejected: readonly RejectedRecord[];
}

/** Where a topic's rejected records go. */
export const deadLetterTopicOf = (topic: string): string => `${topic}.dlq`;

/** Headers a dead letter carries beside the original record's own. */
export const deadLetterHeaders = {
  reason: 'dead-letter-reason',
  topic: 'dead-letter-topic',
  partition: 'dead-letter-partition',
  offset: 'dead-letter-offset',
  group: 'dead-letter-group',
} as const;

/** The record as it goes to the dead-letter topic: its key, value and headers, and where it came from and why. */
export function deadLetterOf(rejected: RejectedRecord, groupId: string): LogRecord {
  const { record, reason } = rejected;
  return {
    key: record.key,
    value: record.value,
    headers: {
      ...record.headers,
      // Header values are single lines.
      [deadLetterHeaders.reason]: reason.replace(/\s+/g, ' ').slice(0, 1000),
      [deadLetterHeaders.topic]: record.topic,
      [deadLetterHeaders.partition]: String(record.partition),
      [deadLetterHeaders.offset]: record.offset.toString(),
      [deadLetterHeaders.group]: groupId,
    },
  };
}

/** The records a batch handler rejected (none when it answered nothing). */
export function rejectedOf(result: BatchResult | undefined): readonly RejectedRecord[] {
  return result?.rejected ?? [];
}

/** Records per batch when a consumer does not say. */
export const defaultMaxBatch = 200;

/** How many records a consumer takes at once: one for a record-at-a-time consumer (its position moves after each). */
export function maxBatchOf(options: SubscribeOptions): number {
  return 'handleBatch' in options ? (options.maxBatch ?? defaultMaxBatch) : 1;
}

/** The batch handler of either kind of consumer. */
export function batchHandlerOf(options: SubscribeOptions): BatchHandler {
  if ('handleBatch' in options) return options.handleBatch;
  return async (records) => {
    for (const record of records) await options.handle(record);
  };
}

/** Consecutive slices of at most `size` items. */
export function slices<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** One partition's extent: `start` is its first offset still held, `end` the offset the next record gets. */
export interface PartitionEnd {
  readonly topic: string;
  readonly partition: number;
  readonly start: bigint;
  readonly end: bigint;
}

export interface Subscription {
  stop(): Promise<void>;
  /** Records this subscription moved to the dead-letter topic since it started (a counter for metrics). */
  deadLettered(): number;
}

export interface EventLog {
  /** Throws when the log does not answer (for readiness checks). */
  check(): Promise<void>;
  /** Makes the log ready (creates the topic and its dead-letter topic). Idempotent. */
  connect(): Promise<void>;
  /** Resolves once every record is durably in the log. */
  append(records: readonly LogRecord[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /**
   * Reads every record from the start of the log up to its end as of the call, in order per key,
   * outside any consumer group, then resolves with how many were read. For rebuilding state.
   */
  replay(handle: (record: LoggedRecord) => Promise<void>, progress?: (done: number, total: number) => void): Promise<number>;
  /** The same, a batch of one partition's records at a time (at most `maxBatch`). */
  replayBatches(handle: BatchHandler, progress?: (done: number, total: number) => void, maxBatch?: number): Promise<number>;
  /** Every partition of the topic with its extent now (for the projection lag metric). */
  partitionEnds(): Promise<readonly PartitionEnd[]>;
  close(): Promise<void>;
}

/** The log refused records for their size (Kafka's max.message.bytes): retrying cannot help. */
export class LogRecordTooLargeError extends Error {
  readonly code = 'events-too-large';
  constructor(message: string) {
    super(message);
    this.name = 'LogRecordTooLargeError';
  }
}
