// Every Prisma call on subscriptions. In the database a subscription row and one destination row
// of its kind (webhook_targets, email_targets, slack_targets); everywhere else a discriminated union.
import { Inject, Injectable } from '@nestjs/common';
import type { PrismaClient, Prisma } from '@talkwatch/infra';
import { deliveryIdOf } from '../delivery/delivery-id.js';
import { PRISMA } from '../tokens.js';
import type { AlertSubscriber } from './alert-matching.js';
import { changeKinds, type ChangeKind } from './change-kinds.js';
import type { DigestFrequency } from './digest-schedule.js';
import type { Subscription, SubscriptionFilter } from './subscription.js';

export type NewSubscription = { readonly id: string; readonly filter: SubscriptionFilter } & (
  | { readonly kind: 'webhook'; readonly url: string; readonly secret: string }
  | { readonly kind: 'email'; readonly email: string; readonly confirmBy: Date; readonly digest: DigestFrequency | null }
  | { readonly kind: 'slack'; readonly url: string }
);

/** The change id of the one confirmation email an email subscription is sent (a delivery like an alert). */
export const confirmationChangeId = 'subscription.confirmation';

const withTargets = { webhook: true, email: true, slack: true } as const;
type Row = Prisma.SubscriptionGetPayload<{ include: typeof withTargets }>;
type Tx = Prisma.TransactionClient;

const digestOf = (digest: string | null | undefined): DigestFrequency | null => (digest === 'daily' || digest === 'weekly' ? digest : null);
const isChangeKind = (kind: string): kind is ChangeKind => (changeKinds as readonly string[]).includes(kind);

function filterOf(row: Pick<Row, 'trackIds' | 'parties' | 'changeKinds' | 'minConfidence'>): SubscriptionFilter {
  return { trackIds: row.trackIds, parties: row.parties, changeKinds: row.changeKinds.filter(isChangeKind), minConfidence: row.minConfidence };
}

export function subscriptionOf(row: Row): Subscription {
  const base = {
    id: row.id,
    filter: filterOf(row),
    active: row.active,
    disabled: row.disabledAt ? { at: row.disabledAt, reason: row.disabledReason ?? 'disabled' } : null,
    createdAt: row.createdAt,
  };
  if (row.kind === 'webhook' && row.webhook) {
    const { url, secret, previousSecret, previousSecretUntil } = row.webhook;
    return { ...base, kind: 'webhook', url, secret, previousSecret: previousSecret && previousSecretUntil ? { secret: previousSecret, until: previousSecretUntil } : null };
  }
  if (row.kind === 'email' && row.email) {
    const { email, confirmedAt, confirmBy, digest } = row.email;
    return { ...base, kind: 'email', email, confirmedAt, confirmBy, digest: digestOf(digest) };
  }
  if (row.kind === 'slack' && row.slack) return { ...base, kind: 'slack', url: row.slack.url };
  throw new Error(`subscription ${row.id} of kind ${row.kind} has no destination`);
}

/** Not unsubscribed, and not an email subscription whose time to confirm ran out. */
function live(now: Date): Prisma.SubscriptionWhereInput {
  return { active: true, NOT: { email: { is: { confirmedAt: null, confirmBy: { lte: now } } } } };
}

export interface AlertRecipient extends AlertSubscriber {
  /** An email subscription's digest: its alerts wait for it. */
  readonly digest: DigestFrequency | null;
}

/** The subscriptions that may hear of a change, as the matching needs them (read in the projection's transaction). */
export async function alertSubscribers(tx: Tx): Promise<AlertRecipient[]> {
  const rows = await tx.subscription.findMany({ where: { active: true, disabledAt: null }, include: { email: { select: { confirmedAt: true, digest: true } } } });
  return rows.map((row) => ({
    id: row.id,
    active: row.active,
    disabledAt: row.disabledAt,
    confirmed: row.kind !== 'email' || (row.email?.confirmedAt ?? null) !== null,
    filter: filterOf(row),
    digest: row.kind === 'email' ? digestOf(row.email?.digest) : null,
  }));
}

/** The change id of the digest going out at `at`: every alert held for it is sent in it. */
export const digestChangeIdOf = (at: Date): string => `digest:${at.toISOString()}`;

@Injectable()
export class SubscriptionsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** Creates it; an email subscription with its confirmation email to send, in the same transaction. */
  async create(subscription: NewSubscription, now: Date): Promise<Subscription> {
    const { id, filter } = subscription;
    const base = { id, kind: subscription.kind, trackIds: [...filter.trackIds], parties: [...filter.parties], changeKinds: [...filter.changeKinds], minConfidence: filter.minConfidence };
    const target =
      subscription.kind === 'webhook'
        ? { webhook: { create: { url: subscription.url, secret: subscription.secret } } }
        : subscription.kind === 'email'
          ? { email: { create: { email: subscription.email, confirmBy: subscription.confirmBy, digest: subscription.digest } } }
          : { slack: { create: { url: subscription.url } } };
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.subscription.create({ data: { ...base, ...target }, include: withTargets });
      if (subscription.kind === 'email') {
        await tx.delivery.create({
          data: {
            id: deliveryIdOf(id, confirmationChangeId),
            subscriptionId: id,
            changeId: confirmationChangeId,
            payload: { type: confirmationChangeId },
            status: 'pending',
            nextAttemptAt: now,
          },
        });
      }
      return subscriptionOf(row);
    });
  }

  async listActive(now: Date): Promise<Subscription[]> {
    const rows = await this.prisma.subscription.findMany({ where: live(now), orderBy: { createdAt: 'asc' }, include: withTargets });
    return rows.map(subscriptionOf);
  }

  /** An active subscription (not unsubscribed nor expired unconfirmed), enabled or not. */
  async findActive(id: string, now: Date): Promise<Subscription | undefined> {
    const row = await this.prisma.subscription.findFirst({ where: { id, ...live(now) }, include: withTargets });
    return row ? subscriptionOf(row) : undefined;
  }

  /** Any subscription, unsubscribed ones included (their delivery logs stay readable). */
  async exists(id: string): Promise<boolean> {
    return (await this.prisma.subscription.count({ where: { id } })) > 0;
  }

  /** Changes what it hears of and whether it is enabled; undefined when there is no such active one. */
  async update(
    id: string,
    change: { filter?: Partial<SubscriptionFilter>; disabled?: { at: Date; reason: string } | null; digest?: DigestFrequency | null | undefined },
  ): Promise<Subscription | undefined> {
    return this.prisma.$transaction(async (tx) => {
      const data: Prisma.SubscriptionUpdateManyMutationInput = {};
      const filter = change.filter ?? {};
      if (filter.trackIds !== undefined) data.trackIds = [...filter.trackIds];
      if (filter.parties !== undefined) data.parties = [...filter.parties];
      if (filter.changeKinds !== undefined) data.changeKinds = [...filter.changeKinds];
      if (filter.minConfidence !== undefined) data.minConfidence = filter.minConfidence;
      if (change.disabled !== undefined) {
        data.disabledAt = change.disabled?.at ?? null;
        data.disabledReason = change.disabled?.reason ?? null;
      }
      const { count } = await tx.subscription.updateMany({ where: { id, active: true }, data });
      if (count === 0) return undefined;
      // Alerts already held keep their digest; the change applies to alerts decided from now on.
      if (change.digest !== undefined) await tx.emailTarget.updateMany({ where: { subscriptionId: id }, data: { digest: change.digest } });
      if (change.disabled) await cancelPending(tx, id, 'subscription disabled');
      return subscriptionOf(await tx.subscription.findUniqueOrThrow({ where: { id }, include: withTargets }));
    });
  }

  /** Records the confirmation of an email subscription still waiting for it; false when there is none (already confirmed is true). */
  async confirmEmail(id: string, now: Date): Promise<boolean> {
    const { count } = await this.prisma.emailTarget.updateMany({
      where: { subscriptionId: id, confirmedAt: null, confirmBy: { gt: now }, subscription: { active: true } },
      data: { confirmedAt: now, confirmBy: null },
    });
    if (count === 1) return true;
    return (await this.prisma.emailTarget.count({ where: { subscriptionId: id, confirmedAt: { not: null }, subscription: { active: true } } })) === 1;
  }

  /** A new webhook secret; the current one keeps signing beside it until `previousUntil`. */
  async rotateSecret(id: string, secret: string, previousUntil: Date): Promise<Subscription | undefined> {
    return this.prisma.$transaction(async (tx) => {
      const target = await tx.webhookTarget.findFirst({ where: { subscriptionId: id, subscription: { active: true } } });
      if (!target) return undefined;
      await tx.webhookTarget.update({ where: { subscriptionId: id }, data: { secret, previousSecret: target.secret, previousSecretUntil: previousUntil } });
      return subscriptionOf(await tx.subscription.findUniqueOrThrow({ where: { id }, include: withTargets }));
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

/** Deliveries being sent right now are left to finish; the worker cancels them if they come back. Held ones wait for a digest. */
async function cancelPending(tx: Tx, subscriptionId: string, reason: string): Promise<void> {
  await tx.delivery.updateMany({ where: { subscriptionId, status: { in: ['pending', 'held'] } }, data: { status: 'cancelled', lastError: reason } });
}
