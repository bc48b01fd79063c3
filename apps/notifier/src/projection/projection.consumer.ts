// Runs the projection: subscribes to the event log and applies each batch of records through the
// store (one transaction per batch), then wakes the delivery worker and the change feed.
// Subscribing happens in the background: joining a Kafka consumer group can take as long as a
// crashed member's session (30 s), and the status API must answer meanwhile. /health/ready names
// the projection "starting" until it consumes, and unready only if subscribing keeps failing.
// Records that are no event (poison) go to the dead-letter topic; /health/ready counts them.
import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Metrics, READINESS, deadLetterTopicOf, type ComponentState, type EventLog, type LoggedRecord, type Readiness, type Subscription } from '@talkwatch/infra';
import { NOTIFIER_CONFIG, type NotifierConfig } from '../config.js';
import { DeliveryWorker } from '../delivery/delivery.worker.js';
import { EVENT_LOG } from '../tokens.js';
import { ChangeFeed } from '../talks/change-feed.js';
import { ProjectionStore, type BatchOutcome } from './projection.store.js';

@Injectable()
export class ProjectionConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProjectionConsumer.name);
  private subscription: Subscription | undefined;
  private stopped = false;
  private state: ComponentState = { state: 'starting', detail: 'not subscribed yet' };
  private wakeRetry: (() => void) | undefined;

  constructor(
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
    @Inject(EVENT_LOG) private readonly log: EventLog,
    private readonly store: ProjectionStore,
    private readonly delivery: DeliveryWorker,
    private readonly feed: ChangeFeed,
    @Inject(READINESS) readiness: Readiness,
    @Optional() private readonly metrics: Metrics = new Metrics(),
  ) {
    readiness.report('projection', () => {
      const deadLettered = this.deadLettered();
      const counts = { deadLettered };
      if (deadLettered === 0) return { ...this.state, counts };
      const note = `${deadLettered} record(s) dead-lettered to ${deadLetterTopicOf(this.config.kafka.topic)}`;
      return { ...this.state, detail: this.state.detail ? `${this.state.detail}; ${note}` : note, counts };
    });
  }

  /** talkwatch_dead_letters_total: records handed to the log adapter for the dead-letter topic. */
  private deadLetters() {
    return this.metrics.counter({ name: 'talkwatch_dead_letters_total', help: 'Records the projection refused (not JSON, unknown type, invalid schema, unstorable), sent to the dead-letter topic.' });
  }

  /** Records moved to the dead-letter topic since the process started: a counter to export as a metric. */
  deadLettered(): number {
    return this.subscription?.deadLettered() ?? 0;
  }

  onApplicationBootstrap(): void {
    void this.subscribeUntilDone();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.wakeRetry?.();
    // A subscription still joining is not waited for (a join can outlast the shutdown timeout):
    // it stops itself once it returns, and closing the log disconnects it meanwhile.
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  private async subscribeUntilDone(): Promise<void> {
    const groupId = this.config.kafka.groupId;
    for (let attempt = 1; !this.stopped; attempt++) {
      this.state = { state: 'starting', detail: `joining consumer group ${groupId}` };
      try {
        const subscription = await this.subscribe();
        if (this.isStopped()) {
          await subscription.stop();
          return;
        }
        this.subscription = subscription;
        this.state = { state: 'ok', detail: `consuming as group ${groupId}` };
        this.logger.log(`consuming ${this.config.kafka.topic} as group ${groupId}`);
        return;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        const waitMs = Math.min(1000 * 2 ** (attempt - 1), 30_000);
        // Serving reads goes on; the app is unready until the projection consumes again.
        this.state = { state: 'failed', detail: `could not subscribe (attempt ${attempt}): ${reason}` };
        this.logger.error(`subscribing to ${this.config.kafka.topic} failed (attempt ${attempt}), retrying in ${waitMs} ms: ${reason}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, waitMs);
          this.wakeRetry = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }

  /** Metrics and one log line per applied event: its article, and the changes it made (their ids go on to the deliveries). */
  private record(batch: BatchOutcome): void {
    const now = Date.now();
    for (const outcome of batch.outcomes) {
      this.metrics.eventsProjected.inc({ outcome: outcome.kind });
      if (outcome.kind !== 'applied') continue;
      const acceptedAt = Date.parse(outcome.observedAt);
      if (Number.isFinite(acceptedAt)) this.metrics.acceptedToProjected.observe(Math.max(0, now - acceptedAt) / 1000);
      for (const change of outcome.changes) this.metrics.changesProjected.inc({ type: change.type });
      this.logger.log(`event ${outcome.eventId} of article ${outcome.articleId} projected: ${outcome.changes.length} change(s)`, {
        articleId: outcome.articleId,
        eventId: outcome.eventId,
        trackId: outcome.trackId,
        changeIds: outcome.changes.map((c) => c.id),
      });
    }
  }

  /** Read afresh after an await: shutdown may have come meanwhile. */
  private isStopped(): boolean {
    return this.stopped;
  }

  private subscribe(): Promise<Subscription> {
    return this.log.subscribe({
      groupId: this.config.kafka.groupId,
      maxBatch: this.config.projection.maxBatch,
      handleBatch: async (records) => {
        const outcome = await this.store.applyBatch(this.config.kafka.groupId, records);
        this.record(outcome);
        const applied = outcome.outcomes.filter((o) => o.kind === 'applied').length;
        this.logger.log(
          `applied ${applied} of ${records.length} record(s) ${range(records)}: ` +
            `${outcome.changes.length} change(s); ${outcome.deliveries} alert(s) queued${outcome.rejected.length > 0 ? `; ${outcome.rejected.length} rejected` : ''}`,
        );
        if (outcome.deliveries > 0) this.delivery.nudge();
        if (outcome.changes.length > 0) this.feed.publish(outcome.changes);
        // The log adapter moves these to the dead-letter topic.
        if (outcome.rejected.length > 0) this.deadLetters().inc(outcome.rejected.length);
        return { rejected: outcome.rejected };
      },
    });
  }
}

function range(records: readonly LoggedRecord[]): string {
  const first = records[0];
  const last = records.at(-1);
  if (!first || !last) return '';
  return `${first.topic}/${first.partition}@${first.offset}${last.offset === first.offset ? '' : `..${last.offset}`}`;
}
