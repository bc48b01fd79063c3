// The outbox relay: appends each stored article's events to the event log, then marks the entry
// sent. An article is acknowledged once it and its entry are committed; this is what carries it
// on to the log, so a crash or a broker outage between the two only delays it. Several ingestors
// may relay from one database: an entry is claimed with a lease first. Delivery to the log is
// at-least-once (a crash after the append and before the mark appends again); the events keep their
// ids, which the projection skips when it has them already.
import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Metrics, type EventLog } from '@talkwatch/infra';
import { INGESTOR_CONFIG, type IngestorConfig } from '../config.js';
import { CLOCK, EVENT_LOG, type Clock } from '../tokens.js';
import { ArticleOutboxRepository, type OutboxEntry } from './article-outbox.repository.js';

const BATCH = 50;
const MAX_BACKOFF_MS = 60_000;

export interface RelayPass {
  readonly sent: number;
  /** The first failure of the pass (the pass stops there and the entry waits for its retry). */
  readonly error: string | null;
}

@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('OutboxRelay');
  private stopped = false;
  private running: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private wanted = false;

  constructor(
    private readonly outbox: ArticleOutboxRepository,
    @Inject(EVENT_LOG) private readonly log: EventLog,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(INGESTOR_CONFIG) private readonly config: IngestorConfig,
    @Optional() private readonly metrics: Metrics = new Metrics(),
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.outbox.failpoint) this.logger.warn(`test failpoint ${this.config.outbox.failpoint} is set: articles are stored but not published`);
    this.running = this.loop();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.wakeUp?.();
    await this.running;
  }

  /** Something was stored: look now rather than at the next poll. */
  wake(): void {
    this.wanted = true;
    this.wakeUp?.();
  }

  /** Appends what is due, in order, until a failure or nothing is left. */
  async runOnce(): Promise<RelayPass> {
    let sent = 0;
    for (;;) {
      const due = await this.outbox.due(this.clock(), BATCH);
      if (due.length === 0) return { sent, error: null };
      for (const entry of due) {
        if (this.stopped) return { sent, error: null };
        const outcome = await this.relay(entry);
        if (outcome.kind === 'held') return { sent, error: null };
        if (outcome.kind === 'failed') return { sent, error: outcome.error };
        if (outcome.kind === 'sent') sent++;
      }
    }
  }

  private async relay(entry: OutboxEntry): Promise<{ kind: 'sent' | 'taken' | 'held' } | { kind: 'failed'; error: string }> {
    const now = this.clock();
    if (!(await this.outbox.claim(entry, new Date(now.getTime() + this.config.outbox.leaseMs)))) return { kind: 'taken' };
    if (this.config.outbox.failpoint === 'relay-hold-after-claim') {
      this.stopped = true;
      return { kind: 'held' };
    }
    try {
      await this.log.append(entry.records);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const waitMs = Math.min(1000 * 2 ** entry.attempts, MAX_BACKOFF_MS);
      this.logger.warn(`article ${entry.articleId}: event log append failed (${message}); kept in the outbox, retrying in ${waitMs} ms`);
      await this.outbox.recordFailure(entry, message, new Date(this.clock().getTime() + waitMs));
      return { kind: 'failed', error: message };
    }
    this.recordAppended(entry);
    await this.outbox.markSent(entry, this.clock());
    return { kind: 'sent' };
  }

  private recordAppended(entry: OutboxEntry): void {
    const eventIds: string[] = [];
    for (const record of entry.records) {
      this.metrics.eventsAppended.inc({ type: record.headers?.['event-type'] ?? 'unknown' });
      const id = record.headers?.['event-id'];
      if (id !== undefined) eventIds.push(id);
    }
    this.logger.log(`article ${entry.articleId}: ${entry.records.length} event(s) appended to the log`, { articleId: entry.articleId, eventIds });
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      this.takeWanted();
      try {
        await this.runOnce();
      } catch (error) {
        // The database itself failed: the entries are still there; look again after the poll.
        this.logger.error(`outbox relay pass failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!this.takeWanted()) await this.sleep(this.config.outbox.pollMs);
    }
  }

  /** Whether wake() was called since the last look (and no longer). */
  private takeWanted(): boolean {
    const wanted = this.wanted;
    this.wanted = false;
    return wanted;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.stopped ? 0 : ms);
      this.wakeUp = done;
    });
  }
}
