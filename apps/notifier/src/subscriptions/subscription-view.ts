// A subscription as the API shows it: never its secret (only the answer that created it carries one).
import type { Subscription } from './subscriptions.repository.js';

interface ViewBase {
  id: string;
  trackIds: string[];
  /** false: nothing is sent to it (see disabledReason) until PATCH {enabled: true}. */
  enabled: boolean;
  disabledAt: string | null;
  disabledReason: string | null;
  createdAt: string;
}

export type SubscriptionView = (ViewBase & { kind: 'webhook'; url: string; secret?: string }) | (ViewBase & { kind: 'email'; email: string });

export function viewOf(subscription: Subscription): SubscriptionView {
  const base: ViewBase = {
    id: subscription.id,
    trackIds: [...subscription.trackIds],
    enabled: subscription.disabled === null,
    disabledAt: subscription.disabled?.at.toISOString() ?? null,
    disabledReason: subscription.disabled?.reason ?? null,
    createdAt: subscription.createdAt.toISOString(),
  };
  return subscription.kind === 'webhook' ? { ...base, kind: 'webhook', url: subscription.url } : { ...base, kind: 'email', email: subscription.email };
}
