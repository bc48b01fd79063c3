// Every Prisma call on subscriptions. A row of nullable columns in the database; a discriminated
// union everywhere else.
import { Inject, Injectable } from '@nestjs/common';
import type { PrismaClient, Prisma } from '@talkwatch/infra';
import { PRISMA } from '../tokens.js';

interface SubscriptionBase {
  readonly id: string;
  /** Empty: every track. */
  readonly trackIds: readonly string[];
  /** false once unsubscribed. */
  readonly active: boolean;
  /** Set while nothing is sent to it (the receiver answered 410, or PATCH {enabled: false}). */
  readonly disabled: { readonly at: Date; readonly reason: string } | null;
  readonly createdAt: Date;
}

export interface WebhookSubscription extends SubscriptionBase {
  readonly kind: 'webhook';
  readonly url: string;
  readonly secret: string;
}

export interface EmailSubscription extends SubscriptionBase {
  readonly kind: 'email';
  readonly email: string;
}

export type Subscription = WebhookSubscription | EmailSubscription;

export type NewSubscription =
  | { readonly id: string; readonly kind: 'webhook'; readonly url: string; readonly secret: string; readonly trackIds: readonly string[] }
  | { readonly id: string; readonly kind: 'email'; readonly email: string; readonly trackIds: readonly string[] };

type Row = Prisma.SubscriptionGetPayload<object>;
type Tx = Prisma.TransactionClient;

export function subscriptionOf(row: Row): Subscription {
  const base = {
    id: row.id,
    trackIds: row.trackIds,
    active: row.active,
    disabled: row.disabledAt ? { at: row.disabledAt, reason: row.disabledReason ?? 'disabled' } : null,
    createdAt: row.createdAt,
  };
  if (row.kind === 'webhook' && row.url !== null && row.secret !== null) return { ...base, kind: 'webhook', url: row.url, secret: row.secret };
  if (row.kind === 'email' && row.email !== null) return { ...base, kind: 'email', email: row.email };
  throw new Error(`subscription ${row.id} of kind ${row.kind} has no target`);
}

@Injectable()
export class SubscriptionsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async create(subscription: NewSubscription): Promise<Subscription> {
    const data =
      subscription.kind === 'webhook'
        ? { id: subscription.id, kind: 'webhook', url: subscription.url, secret: subscription.secret, trackIds: [...subscription.trackIds] }
        : { id: subscription.id, kind: 'email', email: subscription.email, trackIds: [...subscription.trackIds] };
    return subscriptionOf(await this.prisma.subscription.create({ data }));
  }

  async listActive(): Promise<Subscription[]> {
    const rows = await this.prisma.subscription.findMany({ where: { active: true }, orderBy: { createdAt: 'asc' } });
    return rows.map(subscriptionOf);
  }

  /** An active subscription (not unsubscribed), enabled or not. */
  async findActive(id: string): Promise<Subscription | undefined> {
    const row = await this.prisma.subscription.findFirst({ where: { id, active: true } });
    return row ? subscriptionOf(row) : undefined;
  }

  /** Any subscription, unsubscribed ones included (their delivery logs stay readable). */
  async exists(id: string): Promise<boolean> {
    return (await this.prisma.subscription.count({ where: { id } })) > 0;
  }

  /** Changes what it follows and whether it is enabled; undefined when there is no such active one. */
  async update(id: string, change: { trackIds?: readonly string[]; disabled?: { at: Date; reason: string } | null }): Promise<Subscription | undefined> {
    return this.prisma.$transaction(async (tx) => {
      const data: Prisma.SubscriptionUpdateManyMutationInput = {};
      if (change.trackIds !== undefined) data.trackIds = [...change.trackIds];
      if (change.disabled !== undefined) {
        data.disabledAt = change.disabled?.at ?? null;
        data.disabledReason = change.disabled?.reason ?? null;
      }
      const { count } = await tx.subscription.updateMany({ where: { id, active: true }, data });
      if (count === 0) return undefined;
      if (change.disabled) await cancelPending(tx, id, 'subscription disabled');
      const row = await tx.subscription.findUniqueOrThrow({ where: { id } });
      return subscriptionOf(row);
    });
  }

  /** Unsubscribes and cancels what was still to be sent to it, in one transaction. */
  async remove(id: string): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.subscription.updateMany({ where: { id, active: true }, data: { active: false } });
      if (count === 0) return false;
      await cancelPending(tx, id, 'subscription removed');
      return true;
    });
  }

  /** The receiver said it is gone: nothing more is sent until it is enabled again. */
  async disable(id: string, at: Date, reason: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.subscription.updateMany({ where: { id, active: true, disabledAt: null }, data: { disabledAt: at, disabledReason: reason } });
      await cancelPending(tx, id, 'subscription disabled');
    });
  }
}

/** Deliveries being sent right now are left to finish; the worker cancels them if they come back. */
async function cancelPending(tx: Tx, subscriptionId: string, reason: string): Promise<void> {
  await tx.delivery.updateMany({ where: { subscriptionId, status: 'pending' }, data: { status: 'cancelled', lastError: reason } });
}
