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

export interface SubscribeOptions {
  readonly groupId: string;
  /** Called for each record, one at a time per partition; resolve only once the record is applied. */
  readonly handle: (record: LoggedRecord) => Promise<void>;
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
