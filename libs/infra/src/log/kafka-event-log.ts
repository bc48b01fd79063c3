// The Kafka adapter of the event log (kafkajs). Producer: idempotent, acks=all, keyed by track.
// Consumer: classic consumer group, manual commits after the handler applied the record.
// Kafka's committed offset is only a hint: the notifier stores its real position in Postgres.
import {
  Kafka,
  Partitioners,
  logLevel as KafkaLogLevel,
  type Admin,
  type Consumer,
  type KafkaConfig,
  type KafkaMessage,
  type LogEntry,
  type Producer,
  type logCreator,
} from 'kafkajs';
import {
  LogRecordTooLargeError,
  batchHandlerOf,
  deadLetterOf,
  deadLetterTopicOf,
  defaultMaxBatch,
  maxBatchOf,
  rejectedOf,
  slices,
  type BatchHandler,
  type EventLog,
  type LogRecord,
  type LoggedRecord,
  type PartitionEnd,
  type SubscribeOptions,
  type Subscription,
} from './event-log.js';
import { ServiceUnreachableError } from '../db/prisma-client.js';

const appendTimeoutMs = 15_000;
/** Bytes of records per producer send, well under the broker's default max.message.bytes (1 MB). */
const maxSendBytes = 512 * 1024;

export interface KafkaEventLogConfig {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly topic: string;
  readonly partitions: number;
  /** A consumer group member silent this long is dropped and its partitions handed on (default 30 s). */
  readonly sessionTimeoutMs?: number;
}

export interface LogSink {
  log(message: string, context?: string): void;
  warn(message: string, context?: string): void;
  error(message: string, context?: string): void;
  debug?(message: string, context?: string): void;
}

export class KafkaEventLog implements EventLog {
  private readonly kafka: Kafka;
  private readonly clientConfig: KafkaConfig;
  private producer: Promise<Producer> | undefined;
  private readonly consumers = new Set<Consumer>();

  constructor(
    private readonly config: KafkaEventLogConfig,
    private readonly logger: LogSink,
  ) {
    this.clientConfig = {
      clientId: config.clientId,
      brokers: [...config.brokers],
      logLevel: KafkaLogLevel.WARN,
      logCreator: sinkLogCreator(logger),
      connectionTimeout: 3000,
    };
    this.kafka = new Kafka({ ...this.clientConfig, retry: { retries: 8, initialRetryTime: 200 } });
  }

  async connect(): Promise<void> {
    // A client with few retries for the boot check: an unreachable broker is reported in seconds.
    const admin: Admin = new Kafka({ ...this.clientConfig, retry: { retries: 2, initialRetryTime: 300, maxRetryTime: 2000 } }).admin();
    try {
      await admin.connect();
    } catch (error) {
      throw new ServiceUnreachableError(
        'Kafka',
        this.config.brokers.join(','),
        `${error instanceof Error ? error.message : String(error)}. Check that the broker is running (npm run kafka:start) and KAFKA_BROKERS.`,
      );
    }
    // The event topic is the source of truth, and its dead letters are what it held that could not
    // be used: keep both forever.
    const keepForever = [
      { name: 'retention.ms', value: '-1' },
      { name: 'retention.bytes', value: '-1' },
      { name: 'cleanup.policy', value: 'delete' },
    ];
    const deadLetters = deadLetterTopicOf(this.config.topic);
    try {
      const existing = new Set(await admin.listTopics());
      const wanted = [
        { topic: this.config.topic, numPartitions: this.config.partitions, replicationFactor: 1, configEntries: keepForever },
        { topic: deadLetters, numPartitions: 1, replicationFactor: 1, configEntries: keepForever },
      ].filter((t) => !existing.has(t.topic));
      if (wanted.length > 0) {
        await admin.createTopics({ waitForLeaders: true, topics: wanted });
        for (const t of wanted) this.logger.log(`created topic ${t.topic} (${t.numPartitions} partition(s))`, 'KafkaEventLog');
      }
    } finally {
      await admin.disconnect();
    }
  }

  async check(): Promise<void> {
    const admin = new Kafka({ ...this.clientConfig, retry: { retries: 0 } }).admin();
    try {
      await admin.connect();
      await admin.describeCluster();
    } finally {
      await admin.disconnect();
    }
  }

  async append(records: readonly LogRecord[]): Promise<void> {
    if (records.length === 0) return;
    // The idempotent producer retries without limit (kafkajs requires it for its guarantees);
    // the caller gets an answer within the timeout and may retry: events carry stable ids.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new ServiceUnreachableError('Kafka', this.config.brokers.join(','), `no acknowledgement within ${appendTimeoutMs} ms`));
      }, appendTimeoutMs);
    });
    const sent = (async () => {
      const producer = await this.getProducer();
      // The broker refuses a batch over max.message.bytes (1 MB by default): many events quoting a
      // long sentence go in several sends, in order.
      for (const chunk of chunksOf(records, maxSendBytes)) {
        await producer.send({
          topic: this.config.topic,
          acks: -1,
          messages: chunk.map((r) => ({ key: r.key, value: r.value, headers: r.headers ? { ...r.headers } : undefined })),
        });
      }
    })();
    // Still settles after a timeout: handled, so it cannot surface as an unhandled rejection.
    sent.catch(() => undefined);
    try {
      await Promise.race([sent, timeout]);
    } catch (error) {
      throw this.appendFailure(error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Too large for the broker: the caller's doing; anything else kafkajs gave up on: Kafka is unavailable. */
  private appendFailure(error: unknown): Error {
    if (error instanceof ServiceUnreachableError) return error;
    if (isTooLarge(error)) {
      return new LogRecordTooLargeError('The broker refused the events for their size (Kafka max.message.bytes); the article quotes too much text per fact.');
    }
    const reason = error instanceof Error ? error.message : String(error);
    return new ServiceUnreachableError('Kafka', this.config.brokers.join(','), reason);
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: this.config.sessionTimeoutMs ?? 30_000,
      // Several heartbeats per session, as Kafka advises.
      heartbeatInterval: Math.min(3_000, Math.floor((this.config.sessionTimeoutMs ?? 30_000) / 3)),
      retry: { retries: 10, initialRetryTime: 300 },
      // Short fetch waits keep shutdown and rebalances quick; the log is low-volume.
      maxWaitTimeInMs: 500,
    });
    this.consumers.add(consumer);
    const handleBatch = batchHandlerOf(options);
    const maxBatch = maxBatchOf(options);
    let deadLettered = 0;
    await consumer.connect();
    await consumer.subscribe({ topic: this.config.topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: 1,
      eachBatchAutoResolve: false,
      // A fetched batch (one partition, in order) is applied in slices of at most maxBatch records,
      // each committed once applied; a rebalance stops between slices.
      eachBatch: async (payload) => {
        const { topic, partition } = payload.batch;
        for (const messages of slices(payload.batch.messages, maxBatch)) {
          if (!payload.isRunning() || payload.isStale()) return;
          const last = messages.at(-1);
          if (!last) return;
          const records = messages.map((message) => loggedRecordOf(topic, partition, message));
          const rejected = rejectedOf(await handleBatch(records));
          // Dead letters are in their topic before the position moves past them (a crash in between
          // reads the batch again, and the handler rejects them again).
          if (rejected.length > 0) {
            const raw = new Map(records.map((record, i) => [record, messages[i]]));
            await this.sendDeadLetters(rejected.map((r) => ({ letter: deadLetterOf(r, options.groupId), value: raw.get(r.record)?.value ?? null })));
            deadLettered += rejected.length;
            for (const r of rejected) {
              this.logger.warn(`dead-lettered ${topic}/${partition}@${r.record.offset} to ${deadLetterTopicOf(topic)}: ${r.reason}`, 'KafkaEventLog');
            }
          }
          payload.resolveOffset(last.offset);
          await consumer.commitOffsets([{ topic, partition, offset: (BigInt(last.offset) + 1n).toString() }]);
          await payload.heartbeat();
        }
      },
    });
    return {
      stop: async () => {
        this.consumers.delete(consumer);
        await consumer.disconnect();
      },
      deadLettered: () => deadLettered,
    };
  }

  /** The letters with each record's value byte for byte as it was read (it need not be UTF-8). */
  private async sendDeadLetters(letters: readonly { letter: LogRecord; value: Buffer | null }[]): Promise<void> {
    const producer = await this.getProducer();
    await producer.send({
      topic: deadLetterTopicOf(this.config.topic),
      acks: -1,
      messages: letters.map(({ letter, value }) => ({ key: letter.key, value: value ?? letter.value, headers: { ...letter.headers } })),
    });
  }

  /** How many consumers are in `groupId` now (0 when it is empty or unknown). */
  async groupMembers(groupId: string): Promise<number> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const { groups } = await admin.describeGroups([groupId]);
      return groups[0]?.members.length ?? 0;
    } finally {
      await admin.disconnect();
    }
  }

  async replay(handle: (record: LoggedRecord) => Promise<void>, progress?: (done: number, total: number) => void): Promise<number> {
    return this.replayBatches(async (records) => {
      for (const record of records) await handle(record);
    }, progress);
  }

  async replayBatches(handle: BatchHandler, progress?: (done: number, total: number) => void, maxBatch = defaultMaxBatch): Promise<number> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      // The end as of now, per partition: records appended later are left to the live consumer.
      const offsets = await admin.fetchTopicOffsets(this.config.topic);
      const pending = new Map<number, bigint>();
      let total = 0;
      for (const o of offsets) {
        const high = BigInt(o.high);
        const low = BigInt(o.low);
        if (high > low) pending.set(o.partition, high);
        total += Number(high - low);
      }
      if (pending.size === 0) return 0;
      // A throw-away group: the live group's position is not touched.
      const groupId = `${this.config.clientId}-replay-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
      const consumer = this.kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
      let done = 0;
      try {
        await consumer.connect();
        await consumer.subscribe({ topic: this.config.topic, fromBeginning: true });
        await new Promise<void>((resolve, reject) => {
          consumer
            .run({
              autoCommit: false,
              eachBatch: async (payload) => {
                const { batch } = payload;
                const { topic, partition } = batch;
                const high = pending.get(partition);
                if (high === undefined) return;
                const wanted = batch.messages.filter((m) => BigInt(m.offset) < high);
                for (const messages of slices(wanted, maxBatch)) {
                  await handle(messages.map((m) => loggedRecordOf(topic, partition, m)));
                  done += messages.length;
                  progress?.(done, total);
                  await payload.heartbeat();
                }
                const last = wanted.at(-1);
                if (last && BigInt(last.offset) + 1n >= high) pending.delete(partition);
                if (pending.size === 0) resolve();
              },
            })
            .catch(reject);
          consumer.on(consumer.events.CRASH, (event) => {
            reject(event.payload.error);
          });
        });
      } finally {
        await consumer.disconnect();
        await admin.deleteGroups([groupId]).catch(() => undefined);
      }
      return done;
    } finally {
      await admin.disconnect();
    }
  }

  async partitionEnds(): Promise<readonly PartitionEnd[]> {
    const admin = new Kafka({ ...this.clientConfig, retry: { retries: 0 } }).admin();
    await admin.connect();
    try {
      // high: the offset the next record gets; low: the first one retention kept.
      const offsets = await admin.fetchTopicOffsets(this.config.topic);
      return offsets.map((o) => ({ topic: this.config.topic, partition: o.partition, start: BigInt(o.low), end: BigInt(o.high) }));
    } finally {
      await admin.disconnect();
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((c) => c.disconnect()));
    this.consumers.clear();
    const producer = this.producer;
    this.producer = undefined;
    if (producer) await (await producer).disconnect();
  }

  /** One producer per log, created once even when appends race. */
  private getProducer(): Promise<Producer> {
    this.producer ??= (async () => {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 200, maxRetryTime: 5_000 },
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      return producer;
    })();
    this.producer.catch(() => {
      this.producer = undefined;
    });
    return this.producer;
  }

}

const recordBytes = (r: LogRecord): number =>
  Buffer.byteLength(r.key) + Buffer.byteLength(r.value) + Object.entries(r.headers ?? {}).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);

/** Consecutive runs of records of at most `maxBytes` each (a larger record alone). */
export function chunksOf(records: readonly LogRecord[], maxBytes: number): LogRecord[][] {
  const chunks: LogRecord[][] = [];
  let current: LogRecord[] = [];
  let bytes = 0;
  for (const record of records) {
    const size = recordBytes(record);
    if (current.length > 0 && bytes + size > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(record);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** kafkajs reports a refused size as a protocol error, possibly wrapped (retries, non-retriable). */
function isTooLarge(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; depth++) {
    const { type, cause, originalError } = e as { type?: unknown; cause?: unknown; originalError?: unknown };
    if (type === 'MESSAGE_TOO_LARGE' || type === 'RECORD_LIST_TOO_LARGE') return true;
    e = originalError ?? cause;
  }
  return false;
}

function loggedRecordOf(topic: string, partition: number, message: KafkaMessage): LoggedRecord {
  return {
    topic,
    partition,
    offset: BigInt(message.offset),
    key: message.key?.toString('utf8') ?? '',
    value: message.value?.toString('utf8') ?? '',
    headers: decodeHeaders(message.headers),
  };
}

function decodeHeaders(headers: Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[name] = first.toString();
  }
  return out;
}

function sinkLogCreator(sink: LogSink): logCreator {
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const { message, ...extra } = log;
      const text = `${namespace}: ${message} ${Object.keys(extra).length ? JSON.stringify(extra) : ''}`.trim();
      if (level <= KafkaLogLevel.ERROR) sink.error(text, 'kafkajs');
      else if (level === KafkaLogLevel.WARN) sink.warn(text, 'kafkajs');
      else sink.debug?.(text, 'kafkajs');
    };
}
