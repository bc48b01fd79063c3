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
 */
export type SubscribeOptions =
  | { readonly groupId: string; readonly handle: (record: LoggedRecord) => Promise<void> }
  | { readonly groupId: string; readonly handleBatch: BatchHandler; readonly maxBatch?: number };

export type BatchHandler = (records: readonly LoggedRecord[]) => Promise<void>;

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
}

export interface EventLog {
  /** Throws when the log does not answer (for readiness checks). */
  check(): Promise<void>;
  /** Makes the log ready (creates topics). Idempotent. */
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
