// Every Prisma call on deliveries: the durable jobs of the delivery worker and the delivery log.
import { Inject, Injectable } from '@nestjs/common';
import type { TrackChange } from '@talkwatch/domain';
import type { Prisma, PrismaClient } from '@talkwatch/infra';
import type { Subscription } from '../subscriptions/subscription.js';
import { confirmationChangeId, subscriptionOf } from '../subscriptions/subscriptions.repository.js';
import { PRISMA } from '../tokens.js';

export type DeliveryStatus = 'pending' | 'held' | 'sending' | 'delivered' | 'failed' | 'cancelled';

/** What a delivery carries: an alert of a change, or the confirmation email of a new email subscription. */
export type DeliveryMessage =
  | { readonly kind: 'change'; readonly change: TrackChange }
  | { readonly kind: 'confirmation' }
  /** The digest going out at `at`: every alert held for it (status held, nextAttemptAt = at). */
  | { readonly kind: 'digest'; readonly at: Date };

function messageOf(row: { changeId: string; payload: unknown }): DeliveryMessage {
  if (row.changeId === confirmationChangeId) return { kind: 'confirmation' };
  if (row.changeId.startsWith('digest:')) return { kind: 'digest', at: new Date(row.changeId.slice('digest:'.length)) };
  // The payload column holds exactly the change the projector reported.
  return { kind: 'change', change: row.payload as TrackChange };
}

export interface DueDelivery {
  readonly id: string;
  readonly status: 'pending' | 'sending';
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  /** When it was decided: in the projection's transaction, so when its change was projected. */
  readonly createdAt: Date;
  readonly message: DeliveryMessage;
  readonly subscription: Subscription;
}

export interface DeliveryLogEntry {
  readonly id: string;
  readonly changeId: string;
  readonly status: string;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly deliveredAt: string | null;
  readonly nextAttemptAt: string;
}

/** A delivery with whom it goes to, for a redelivery by hand. */
export interface DeliveryRecord {
  readonly entry: DeliveryLogEntry;
  readonly subscriptionId: string;
  readonly subscription: Subscription;
}

type DeliveryRow = Prisma.DeliveryGetPayload<object>;

function entryOf(d: DeliveryRow): DeliveryLogEntry {
  return {
    id: d.id,
    changeId: d.changeId,
    status: d.status,
    attempts: d.attempts,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    nextAttemptAt: d.nextAttemptAt.toISOString(),
  };
}

@Injectable()
export class DeliveriesRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /**
   * Pending ones that are due, and sending ones whose lease ran out (their worker died), oldest
   * first; none of the subscriptions in `skipSubscriptions` (those with every slot busy).
   */
  async due(now: Date, limit: number, skipSubscriptions: readonly string[] = []): Promise<DueDelivery[]> {
    const rows = await this.prisma.delivery.findMany({
      where: {
        status: { in: ['pending', 'sending'] },
        nextAttemptAt: { lte: now },
        ...(skipSubscriptions.length > 0 ? { subscriptionId: { notIn: [...skipSubscriptions] } } : {}),
      },
      orderBy: { createdAt: 'asc' },
      take: limit,
      include: { subscription: { include: { webhook: true, email: true, slack: true } } },
    });
    return rows.map((row) => ({
      id: row.id,
      status: row.status === 'sending' ? 'sending' : 'pending',
      attempts: row.attempts,
      nextAttemptAt: row.nextAttemptAt,
      createdAt: row.createdAt,
      message: messageOf(row),
      subscription: subscriptionOf(row.subscription),
    }));
  }

  /** Takes the delivery for one attempt until `leaseUntil`; false when another pass took it first. */
  async claim(delivery: DueDelivery, leaseUntil: Date): Promise<boolean> {
    const { count } = await this.prisma.delivery.updateMany({
      where: { id: delivery.id, status: delivery.status, nextAttemptAt: delivery.nextAttemptAt },
      data: { status: 'sending', nextAttemptAt: leaseUntil },
    });
    return count === 1;
  }

  async recordDelivered(id: string, attempts: number, at: Date): Promise<void> {
    await this.prisma.delivery.update({ where: { id }, data: { status: 'delivered', attempts, deliveredAt: at, lastError: null } });
  }

  async recordRetry(id: string, attempts: number, lastError: string, nextAttemptAt: Date): Promise<void> {
    await this.prisma.delivery.update({ where: { id }, data: { status: 'pending', attempts, lastError, nextAttemptAt } });
  }

  async recordFailed(id: string, attempts: number, lastError: string): Promise<void> {
    await this.prisma.delivery.update({ where: { id }, data: { status: 'failed', attempts, lastError } });
  }

  async recordCancelled(id: string, reason: string): Promise<void> {
    await this.prisma.delivery.update({ where: { id }, data: { status: 'cancelled', lastError: reason } });
  }

  /** The alerts waiting for a subscription's digest at `at`, oldest first. */
  async heldFor(subscriptionId: string, at: Date): Promise<TrackChange[]> {
    const rows = await this.prisma.delivery.findMany({ where: { subscriptionId, status: 'held', nextAttemptAt: at }, orderBy: { createdAt: 'asc' } });
    return rows.map((row) => row.payload as unknown as TrackChange);
  }

  /** The digest that carried them was delivered. */
  async releaseHeld(subscriptionId: string, at: Date, deliveredAt: Date): Promise<void> {
    await this.prisma.delivery.updateMany({ where: { subscriptionId, status: 'held', nextAttemptAt: at }, data: { status: 'delivered', deliveredAt, attempts: 1 } });
  }

  async logOf(subscriptionId: string, limit = 200): Promise<DeliveryLogEntry[]> {
    const rows = await this.prisma.delivery.findMany({ where: { subscriptionId }, orderBy: { createdAt: 'desc' }, take: limit });
    return rows.map(entryOf);
  }

  async find(id: string): Promise<DeliveryRecord | undefined> {
    const row = await this.prisma.delivery.findUnique({ where: { id }, include: { subscription: { include: { webhook: true, email: true, slack: true } } } });
    return row ? { entry: entryOf(row), subscriptionId: row.subscriptionId, subscription: subscriptionOf(row.subscription) } : undefined;
  }

  /**
   * Queues the delivery again, due at `now`, if it is still in `from` (a worker may have moved it
   * meanwhile): one that ended (delivered, failed, cancelled) starts the retry schedule afresh; a
   * pending one keeps its attempts and is only brought forward. Same id, so the same webhook-id.
   */
  async requeue(id: string, from: DeliveryStatus, now: Date): Promise<DeliveryLogEntry | undefined> {
    const data: Prisma.DeliveryUpdateManyMutationInput =
      from === 'pending' ? { nextAttemptAt: now } : { status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null, deliveredAt: null };
    const { count } = await this.prisma.delivery.updateMany({ where: { id, status: from }, data });
    if (count === 0) return undefined;
    return entryOf(await this.prisma.delivery.findUniqueOrThrow({ where: { id } }));
  }
}
