// A subscription as the notifier thinks of it: what it hears of (its filter) and where it goes (one
// of three kinds of destination). A discriminated union on `kind`; the database keeps each kind's
// destination in its own table.
import type { ChangeKind } from './change-kinds.js';
import type { DigestFrequency } from './digest-schedule.js';

export interface SubscriptionFilter {
  /** Track ids to follow. With `parties`: a track listed or having one of the parties; both empty: every track. */
  readonly trackIds: readonly string[];
  /** Party names: any track with one of them among its parties, tracks that appear later included. */
  readonly parties: readonly string[];
  /** Empty: every kind but track-status (the default, as before kinds could be chosen). */
  readonly changeKinds: readonly ChangeKind[];
  /** A change brought by a report of lower confidence is not alerted; null: no minimum. */
  readonly minConfidence: number | null;
}

interface SubscriptionBase {
  readonly id: string;
  readonly filter: SubscriptionFilter;
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
  /** The secret before the last rotation, which signs too until `until`. */
  readonly previousSecret: { readonly secret: string; readonly until: Date } | null;
}

export interface EmailSubscription extends SubscriptionBase {
  readonly kind: 'email';
  readonly email: string;
  /** Double opt-in: null until the confirmation link was followed; then alerts are sent. */
  readonly confirmedAt: Date | null;
  /** Unconfirmed: it expires then. */
  readonly confirmBy: Date | null;
  /** null: each alert at once; else one digest email a day or a week. */
  readonly digest: DigestFrequency | null;
}

export interface SlackSubscription extends SubscriptionBase {
  readonly kind: 'slack';
  /** A Slack incoming-webhook URL. */
  readonly url: string;
}

export type Subscription = WebhookSubscription | EmailSubscription | SlackSubscription;
export type SubscriptionKind = Subscription['kind'];

/** The secrets a webhook is signed with at `now`: the current one, and the previous one during the overlap. */
export function signingSecrets(subscription: WebhookSubscription, now: Date): string[] {
  const previous = subscription.previousSecret;
  return previous && previous.until.getTime() > now.getTime() ? [subscription.secret, previous.secret] : [subscription.secret];
}

/** Whether alerts may go to it: email waits for its confirmation. */
export function isConfirmed(subscription: Subscription): boolean {
  return subscription.kind !== 'email' || subscription.confirmedAt !== null;
}

/** An email subscription never confirmed in time: as good as never made. */
export function isExpired(subscription: Subscription, now: Date): boolean {
  return subscription.kind === 'email' && subscription.confirmedAt === null && subscription.confirmBy !== null && subscription.confirmBy.getTime() <= now.getTime();
}
