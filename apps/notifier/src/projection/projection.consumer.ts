// Runs the projection: subscribes to the event log and applies each record through the store.
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EventLog, Subscription } from '@talkwatch/infra';
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
      handle: async (record) => {
        const outcome = await this.store.apply(this.config.kafka.groupId, record);
        if (outcome.kind === 'applied') {
          this.logger.log(
            `applied ${record.topic}/${record.partition}@${record.offset} to ${outcome.trackId}: ` +
              `${outcome.changes.map((c) => c.type).join(', ') || 'no change'}; ${outcome.deliveries} alert(s) queued`,
          );
          if (outcome.deliveries > 0) this.delivery.nudge();
          this.feed.publish(outcome.changes);
        }
      },
    });
    this.logger.log(`consuming ${this.config.kafka.topic} as group ${this.config.kafka.groupId}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }
}
