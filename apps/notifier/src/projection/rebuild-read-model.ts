// Use case: drop the read model and rebuild it from the whole log. Facts the projection had
// already seen are folded without alerting; records it had not reached yet still alert, as they
// would have live. Run it with the notifier stopped (the CLI checks).
import type { EventLog, PrismaClient } from '@talkwatch/infra';
import type { DigestTime } from '../subscriptions/digest-schedule.js';
import { ProjectionStore } from './projection.store.js';

export interface RebuildResult {
  readonly events: number;
  readonly tracks: number;
  readonly alertsQueued: number;
}

export class RebuildReadModel {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly log: EventLog,
    private readonly groupId: string,
    /** When digests go out: alerts it still decides wait for the configured digest. */
    private readonly digestTime?: DigestTime,
  ) {}

  async execute(progress?: (done: number, total: number) => void): Promise<RebuildResult> {
    const store = new ProjectionStore(this.prisma, this.digestTime);
    const positions = await this.prisma.consumerOffset.findMany({ where: { groupId: this.groupId } });
    const seen = new Map(positions.map((p) => [`${p.topic}/${p.partition}`, p.nextOffset]));
    await this.prisma.$transaction([
      this.prisma.change.deleteMany(),
      this.prisma.appliedEvent.deleteMany(),
      this.prisma.track.deleteMany(),
      this.prisma.consumerOffset.deleteMany({ where: { groupId: this.groupId } }),
    ]);
    let alertsQueued = 0;
    const events = await this.log.replay(async (record) => {
      const alreadySeen = record.offset < (seen.get(`${record.topic}/${record.partition}`) ?? 0n);
      const outcome = await store.apply(this.groupId, record, { decideAlerts: !alreadySeen });
      if (outcome.kind === 'applied') alertsQueued += outcome.deliveries;
    }, progress);
    return { events, tracks: await this.prisma.track.count(), alertsQueued };
  }
}
