// Use case: drop the read model and rebuild it from the whole log. Facts the projection had
// already seen are folded without alerting; records it had not reached yet still alert, as they
// would have live. Run it with the notifier stopped (the CLI checks).
import type { EventLog, LoggedRecord, PrismaClient } from '@talkwatch/infra';
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
      this.prisma.trackSnapshot.deleteMany(),
      this.prisma.consumerOffset.deleteMany({ where: { groupId: this.groupId } }),
    ]);
    let alertsQueued = 0;
    const events = await this.log.replayBatches(async (records) => {
      // Records the live projection had already passed fold without alerting; the rest alert.
      const before = (r: LoggedRecord): boolean => r.offset < (seen.get(`${r.topic}/${r.partition}`) ?? 0n);
      const old = records.filter(before);
      const unseen = records.filter((r) => !before(r));
      if (old.length > 0) await store.applyBatch(this.groupId, old, { decideAlerts: false });
      if (unseen.length > 0) alertsQueued += (await store.applyBatch(this.groupId, unseen)).deliveries;
    }, progress);
    return { events, tracks: await this.prisma.track.count(), alertsQueued };
  }
}
