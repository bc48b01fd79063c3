// A subscription as the API shows it: never a secret (only the answers that create or rotate one
// carry it), and a Slack URL (whose last part is its credential) only masked.
import { isExpired, type Subscription } from './subscription.js';

interface ViewBase {
  id: string;
  trackIds: string[];
  parties: string[];
  /** Empty: the default kinds (every one but track-status). */
  changeKinds: string[];
  minConfidence: number | null;
  /** false: nothing is sent to it (see disabledReason) until PATCH {enabled: true}. */
  enabled: boolean;
  disabledAt: string | null;
  disabledReason: string | null;
  createdAt: string;
}

export type SubscriptionView =
  | (ViewBase & { kind: 'webhook'; url: string; secret?: string; previousSecretSignsUntil: string | null })
  | (ViewBase & { kind: 'email'; email: string; confirmation: 'pending' | 'confirmed' | 'expired'; confirmBy: string | null; digest: 'immediate' | 'daily' | 'weekly' })
  | (ViewBase & { kind: 'slack'; url: string });

/** https://hooks.slack.com/services/T0/B0/secret → https://hooks.slack.com/services/T0/B0/… */
export function maskedUrl(url: string): string {
  const cut = url.lastIndexOf('/');
  return cut > url.indexOf('//') + 1 ? `${url.slice(0, cut + 1)}…` : url;
}

export function viewOf(subscription: Subscription, now: Date): SubscriptionView {
  const base: ViewBase = {
    id: subscription.id,
    trackIds: [...subscription.filter.trackIds],
    parties: [...subscription.filter.parties],
    changeKinds: [...subscription.filter.changeKinds],
    minConfidence: subscription.filter.minConfidence,
    enabled: subscription.disabled === null,
    disabledAt: subscription.disabled?.at.toISOString() ?? null,
    disabledReason: subscription.disabled?.reason ?? null,
    createdAt: subscription.createdAt.toISOString(),
  };
  switch (subscription.kind) {
    case 'webhook': {
      const previous = subscription.previousSecret;
      return { ...base, kind: 'webhook', url: subscription.url, previousSecretSignsUntil: previous && previous.until > now ? previous.until.toISOString() : null };
    }
    case 'email':
      return {
        ...base,
        kind: 'email',
        email: subscription.email,
        confirmation: subscription.confirmedAt ? 'confirmed' : isExpired(subscription, now) ? 'expired' : 'pending',
        confirmBy: subscription.confirmBy?.toISOString() ?? null,
        digest: subscription.digest ?? 'immediate',
      };
    case 'slack':
      return { ...base, kind: 'slack', url: maskedUrl(subscription.url) };
  }
}
