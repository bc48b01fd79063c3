// Runs the projection: subscribes to the event log and applies each batch of records through the
// store (one transaction per batch), then wakes the delivery worker and the change feed.
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EventLog, LoggedRecord, Subscription } from '@talkwatch/infra';
import { NOTIFIER_CONFIG, type NotifierConfig } from '../config.js';
import { DeliveryWorker } from '../delivery/delivery.worker.js';
import { EVENT_LOG } from '../tokens.js';
import { ChangeFeed } from '../talks/change-feed.js';
import { ProjectionStore } from './projection.store.js';

@Injectable()
export class ProjectionConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProjectionConsumer.name);
  private subscription: Subscription | undefined;

  constructor(
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
    @Inject(EVENT_LOG) private readonly log: EventLog,
    private readonly store: ProjectionStore,
    private readonly delivery: DeliveryWorker,
    private readonly feed: ChangeFeed,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = await this.log.subscribe({
      groupId: this.config.kafka.groupId,
      maxBatch: this.config.projection.maxBatch,
      handleBatch: async (records) => {
        const outcome = await this.store.applyBatch(this.config.kafka.groupId, records);
        const applied = outcome.outcomes.filter((o) => o.kind === 'applied').length;
        this.logger.log(
          `applied ${applied} of ${records.length} record(s) ${range(records)}: ` +
            `${outcome.changes.length} change(s); ${outcome.deliveries} alert(s) queued`,
        );
        if (outcome.deliveries > 0) this.delivery.nudge();
        if (outcome.changes.length > 0) this.feed.publish(outcome.changes);
      },
    });
    this.logger.log(`consuming ${this.config.kafka.topic} as group ${this.config.kafka.groupId}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }
}

function range(records: readonly LoggedRecord[]): string {
  const first = records[0];
  const last = records.at(-1);
  if (!first || !last) return '';
  return `${first.topic}/${first.partition}@${first.offset}${last.offset === first.offset ? '' : `..${last.offset}`}`;
}
