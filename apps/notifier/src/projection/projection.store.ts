// Folds one logged event into the read model in ONE transaction: the track's new state, the
// changes it caused, the alerts decided from them, and the consumer position. A redelivered
// record (offset below the stored position) or a re-published event (same id) changes nothing,
// so replays and retries never alert twice.
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import {
  evolve,
  parseTalkEvent,
  type TalkEvent,
  type TrackChange,
  type TrackState,
} from '@talkwatch/domain';
import type { LoggedRecord, Prisma, PrismaClient } from '@talkwatch/infra';
import { deliveryIdOf } from '../delivery/delivery-id.js';
import { subscriptionsMatching } from '../subscriptions/alert-matching.js';
import { nextDigestAt, type DigestTime } from '../subscriptions/digest-schedule.js';
import { alertSubscribers, digestChangeIdOf } from '../subscriptions/subscriptions.repository.js';
import { DIGEST_TIME, PRISMA } from '../tokens.js';

export type ApplyOutcome =
  | { readonly kind: 'applied'; readonly trackId: string; readonly changes: readonly TrackChange[]; readonly deliveries: number }
  | { readonly kind: 'already-applied' }
  | { readonly kind: 'duplicate-event'; readonly eventId: string }
  | { readonly kind: 'invalid-event'; readonly reason: string };

type Tx = Prisma.TransactionClient;

@Injectable()
export class ProjectionStore {
  private readonly logger = new Logger(ProjectionStore.name);

  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    /** When digests go out (DIGEST_HOUR…); tools that fold without alerting need not say. */
    @Optional() @Inject(DIGEST_TIME) private readonly digestTime: DigestTime = { hour: 8, timeZone: 'UTC', weekday: 1 },
  ) {}

  /** `decideAlerts: false` folds without alerting (a rebuild of facts already alerted on). */
  async apply(groupId: string, record: LoggedRecord, options: { decideAlerts: boolean } = { decideAlerts: true }): Promise<ApplyOutcome> {
    return this.prisma.$transaction(async (tx) => {
      const position = { groupId, topic: record.topic, partition: record.partition };
      const stored = await tx.consumerOffset.findUnique({ where: { groupId_topic_partition: position } });
      if (stored && record.offset < stored.nextOffset) return { kind: 'already-applied' } as const;

      const outcome = await this.fold(tx, record, options.decideAlerts);
      await tx.consumerOffset.upsert({
        where: { groupId_topic_partition: position },
        create: { ...position, nextOffset: record.offset + 1n },
        update: { nextOffset: record.offset + 1n },
      });
      return outcome;
    });
  }

  private async fold(tx: Tx, record: LoggedRecord, decideAlerts: boolean): Promise<ApplyOutcome> {
    let event: TalkEvent;
    try {
      event = parseTalkEvent(JSON.parse(record.value));
    } catch (error) {
      // A record we cannot read is logged and passed over, never retried forever.
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.error(`skipping unreadable record ${record.topic}/${record.partition}@${record.offset}: ${reason}`);
      return { kind: 'invalid-event', reason };
    }
    if (await tx.appliedEvent.findUnique({ where: { eventId: event.id } })) {
      return { kind: 'duplicate-event', eventId: event.id };
    }
    const trackId = event.data.trackId;
    const row = await tx.track.findUnique({ where: { id: trackId } });
    // The state column holds exactly what evolve returned last time.
    const previous = row ? (row.state as unknown as TrackState) : undefined;
    const { state, changes } = evolve(previous, event);

    const trackData = {
      name: state.name,
      parties: [...state.parties],
      forum: state.forum,
      status: state.status,
      state: toJson(state),
      version: state.version,
      updatedAt: new Date(state.updatedAt),
    };
    await tx.track.upsert({ where: { id: trackId }, create: { id: trackId, ...trackData }, update: trackData });
    await tx.appliedEvent.create({
      data: { eventId: event.id, trackId, event: toJson(event), occurredAt: new Date(event.metadata.occurredAt) },
    });
    if (changes.length > 0) {
      await tx.change.createMany({
        data: changes.map((c) => ({
          id: c.id,
          trackId: c.trackId,
          type: c.type,
          payload: toJson(c),
          occurredAt: new Date(c.occurredAt),
        })),
        skipDuplicates: true,
      });
    }
    const deliveries = decideAlerts ? await this.decideAlerts(tx, changes, state, confidenceOf(event)) : 0;
    return { kind: 'applied', trackId, changes, deliveries };
  }

  /**
   * Deciding to alert is separate from delivering: here we only record who must hear of what. The
   * filters see the track's parties after the event and the confidence of the report that brought it.
   */
  private async decideAlerts(tx: Tx, changes: readonly TrackChange[], track: TrackState, confidence: number | null): Promise<number> {
    if (changes.length === 0) return 0;
    const subscriptions = await alertSubscribers(tx);
    const now = new Date();
    const data = changes.flatMap((change) =>
      subscriptionsMatching({ change, trackParties: track.parties, confidence }, subscriptions).flatMap((s) => {
        const alert = { id: deliveryIdOf(s.id, change.id), subscriptionId: s.id, changeId: change.id, payload: toJson(change) };
        if (s.digest === null) return [{ ...alert, status: 'pending', nextAttemptAt: now }];
        // A digest subscriber's alert waits (held) for the next digest, which is a delivery of its own.
        const at = nextDigestAt(now, s.digest, this.digestTime);
        const digestId = digestChangeIdOf(at);
        return [
          { ...alert, status: 'held', nextAttemptAt: at },
          { id: deliveryIdOf(s.id, digestId), subscriptionId: s.id, changeId: digestId, payload: { type: 'digest', at: at.toISOString() }, status: 'pending', nextAttemptAt: at },
        ];
      }),
    );
    if (data.length === 0) return 0;
    const { count } = await tx.delivery.createMany({ data, skipDuplicates: true });
    return count;
  }
}

/** The confidence the event's report carries (a retraction carries none). */
function confidenceOf(event: TalkEvent): number | null {
  return 'confidence' in event.data ? (event.data.confidence ?? null) : null;
}

function toJson(value: object): Prisma.InputJsonValue {
  // Domain states and changes are plain JSON data by construction.
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}
