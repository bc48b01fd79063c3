// The embedded adapter of the event log: an append-only table in the database Talkwatch already
// has (PGlite in the single-process default). One sequence orders every record, so order per key
// holds; positions per consumer group live in their own table; a record is durable once append()
// returned (its transaction committed). Appends take a table lock so offsets become visible in
// order even on a multi-connection PostgreSQL: a reader never skips a late-committing lower offset.
// Dead letters are records of the topic `<topic>.dlq` in the same table, written in the transaction
// that moves the group's position past them.
import type { PrismaClient } from '../db/prisma-client.js';
import { batchHandlerOf, deadLetterOf, deadLetterTopicOf, defaultMaxBatch, maxBatchOf, rejectedOf, type BatchHandler, type EventLog, type LogRecord, type LoggedRecord, type PartitionEnd, type SubscribeOptions, type Subscription } from './event-log.js';
import type { LogSink } from './kafka-event-log.js';

export interface DatabaseEventLogConfig {
  readonly topic: string;
  /** How often an idle consumer looks for records appended by another process. */
  readonly pollMs?: number;
  /** First wait before redelivering a record whose handler failed; doubles up to 10 s. */
  readonly retryMs?: number;
}


export class DatabaseEventLog implements EventLog {
  private readonly wakers = new Set<() => void>();
  private readonly loops = new Set<ConsumerLoop>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly config: DatabaseEventLogConfig,
    private readonly logger: LogSink,
  ) {}

  async connect(): Promise<void> {
    // The tables come with the migrations; check they are there so a mistake shows at boot.
    await this.prisma.eventLogRecord.findFirst({ select: { offset: true } });
  }

  async check(): Promise<void> {
    await this.prisma.eventLogRecord.findFirst({ select: { offset: true } });
  }

  async append(records: readonly LogRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('LOCK TABLE "event_log" IN SHARE ROW EXCLUSIVE MODE');
      await tx.eventLogRecord.createMany({
        data: records.map((r) => ({
          topic: this.config.topic,
          key: r.key,
          value: r.value,
          headers: r.headers ?? {},
        })),
      });
    });
    for (const wake of this.wakers) wake();
  }

  subscribe(options: SubscribeOptions): Promise<Subscription> {
    const loop = new ConsumerLoop(this.prisma, this.config, options, this.logger, this.wakers);
    this.loops.add(loop);
    loop.start();
    return Promise.resolve({
      stop: async () => {
        this.loops.delete(loop);
        await loop.stop();
      },
      deadLettered: () => loop.deadLettered,
    });
  }

  async replay(handle: (record: LoggedRecord) => Promise<void>, progress?: (done: number, total: number) => void): Promise<number> {
    return this.replayBatches(async (records) => {
      for (const record of records) await handle(record);
    }, progress);
  }

  async replayBatches(handle: BatchHandler, progress?: (done: number, total: number) => void, maxBatch = defaultMaxBatch): Promise<number> {
    const end = await this.prisma.eventLogRecord.aggregate({ where: { topic: this.config.topic }, _max: { offset: true }, _count: true });
    const last = end._max.offset;
    if (last === null) return 0;
    const total = end._count;
    let done = 0;
    let from = 0n;
    for (;;) {
      const rows = await this.prisma.eventLogRecord.findMany({
        where: { topic: this.config.topic, offset: { gte: from, lte: last } },
        orderBy: { offset: 'asc' },
        take: maxBatch,
      });
      const lastRow = rows.at(-1);
      if (!lastRow) return done;
      await handle(rows.map(toLoggedRecord));
      done += rows.length;
      from = lastRow.offset + 1n;
      progress?.(done, total);
    }
  }

  /** One partition (0): offsets come from one sequence, so end - position counts offsets, gaps of rolled-back appends included. */
  async partitionEnds(): Promise<readonly PartitionEnd[]> {
    const extent = await this.prisma.eventLogRecord.aggregate({ where: { topic: this.config.topic }, _min: { offset: true }, _max: { offset: true } });
    const last = extent._max.offset;
    const first = extent._min.offset;
    return [{ topic: this.config.topic, partition: 0, start: first ?? 0n, end: last === null ? 0n : last + 1n }];
  }

  async close(): Promise<void> {
    await Promise.all([...this.loops].map((l) => l.stop()));
    this.loops.clear();
  }
}

class ConsumerLoop {
  /** Records moved to the dead-letter topic since the loop started. */
  deadLettered = 0;
  private stopped = false;
  private running: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly waker = () => this.wake?.();
  private readonly handleBatch: BatchHandler;
  private readonly maxBatch: number;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly config: DatabaseEventLogConfig,
    private readonly options: SubscribeOptions,
    private readonly logger: LogSink,
    private readonly wakers: Set<() => void>,
  ) {
    this.handleBatch = batchHandlerOf(options);
    this.maxBatch = maxBatchOf(options);
  }

  start(): void {
    this.wakers.add(this.waker);
    this.running = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakers.delete(this.waker);
    this.wake?.();
    await this.running;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      let progressed: boolean;
      try {
        progressed = await this.pass();
        failures = 0;
      } catch (error) {
        failures += 1;
        const delay = Math.min((this.config.retryMs ?? 200) * 2 ** (failures - 1), 10_000);
        this.logger.error(
          `event log consumer ${this.options.groupId}: ${error instanceof Error ? error.message : String(error)}; retrying in ${delay} ms`,
          'DatabaseEventLog',
        );
        await this.sleep(delay);
        continue;
      }
      if (!progressed) await this.sleep(this.config.pollMs ?? 500);
    }
  }

  /** Handles the next batch of records after the group's position, then advances it past them. */
  private async pass(): Promise<boolean> {
    const where = { groupId_topic: { groupId: this.options.groupId, topic: this.config.topic } };
    const position = await this.prisma.eventLogPosition.findUnique({ where });
    const rows = await this.prisma.eventLogRecord.findMany({
      where: { topic: this.config.topic, offset: { gte: position?.nextOffset ?? 0n } },
      orderBy: { offset: 'asc' },
      take: this.maxBatch,
    });
    const last = rows.at(-1);
    if (!last || this.stopped) return false;
    const rejected = rejectedOf(await this.handleBatch(rows.map(toLoggedRecord)));
    const moveOn = { where, create: { groupId: this.options.groupId, topic: this.config.topic, nextOffset: last.offset + 1n }, update: { nextOffset: last.offset + 1n } };
    if (rejected.length === 0) {
      await this.prisma.eventLogPosition.upsert(moveOn);
      return true;
    }
    const deadLetters = deadLetterTopicOf(this.config.topic);
    await this.prisma.$transaction(async (tx) => {
      // The same lock as append(): the dead-letter topic's offsets become visible in order too.
      await tx.$executeRawUnsafe('LOCK TABLE "event_log" IN SHARE ROW EXCLUSIVE MODE');
      await tx.eventLogRecord.createMany({
        data: rejected.map((r) => {
          const letter = deadLetterOf(r, this.options.groupId);
          return { topic: deadLetters, key: letter.key, value: letter.value, headers: letter.headers ?? {} };
        }),
      });
      await tx.eventLogPosition.upsert(moveOn);
    });
    this.deadLettered += rejected.length;
    for (const r of rejected) this.logger.warn(`dead-lettered ${r.record.topic}@${r.record.offset} to ${deadLetters}: ${r.reason}`, 'DatabaseEventLog');
    return true;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

function toLoggedRecord(row: { topic: string; offset: bigint; key: string; value: string; headers: unknown }): LoggedRecord {
  // Headers are written by append() as a string map.
  return { topic: row.topic, partition: 0, offset: row.offset, key: row.key, value: row.value, headers: row.headers as Record<string, string> };
}
