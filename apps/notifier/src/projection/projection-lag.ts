// talkwatch_projection_lag_records: per partition of the event log, its end offset minus the
// position the projection stored with its read model (the real position, in PostgreSQL, for Kafka
// and the embedded log alike; Kafka's committed offset is only a hint). Read at each scrape.
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Metrics, type EventLog, type PartitionEnd, type PartitionLag } from '@talkwatch/infra';
import { NOTIFIER_CONFIG, type NotifierConfig } from '../config.js';
import { EVENT_LOG } from '../tokens.js';
import { ProjectionStore } from './projection.store.js';

/** Records not projected yet per partition: from the stored position, or from the start when there is none. */
export function lagOf(ends: readonly PartitionEnd[], positions: ReadonlyMap<number, bigint>): PartitionLag[] {
  return ends.map((p) => {
    const position = positions.get(p.partition);
    const from = position === undefined || position < p.start ? p.start : position;
    return { topic: p.topic, partition: p.partition, records: from >= p.end ? 0 : Number(p.end - from) };
  });
}

@Injectable()
export class ProjectionLag implements OnModuleInit {
  constructor(
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
    @Inject(EVENT_LOG) private readonly log: EventLog,
    private readonly store: ProjectionStore,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    this.metrics.reportProjectionLag(() => this.current());
  }

  async current(): Promise<PartitionLag[]> {
    const [ends, positions] = await Promise.all([this.log.partitionEnds(), this.store.positions(this.config.kafka.groupId, this.config.kafka.topic)]);
    return lagOf(ends, positions);
  }
}
