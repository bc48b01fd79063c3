// Use case: subscribe a webhook, an email address or a Slack channel. A webhook's or Slack's
// destination passes the SSRF guard first (it is checked again at every send); a webhook's secret is
// generated unless given, and shown once. An email subscription only gets its confirmation email
// until the link in it is followed (double opt-in), and expires unconfirmed.
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { OutboundGuard, OutboundRefused, ProblemError } from '@talkwatch/infra';
import { NOTIFIER_CONFIG, type NotifierConfig } from '../config.js';
import { generateWebhookSecret } from '../delivery/webhook-signature.js';
import { CLOCK, OUTBOUND_GUARD, type Clock } from '../tokens.js';
import type { DigestFrequency } from './digest-schedule.js';
import type { SubscriptionFilter } from './subscription.js';
import { viewOf, type SubscriptionView } from './subscription-view.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';

export type SubscriptionRequest = { readonly filter: SubscriptionFilter } & (
  | { readonly kind: 'webhook'; readonly url: string; readonly secret?: string | undefined }
  | { readonly kind: 'email'; readonly email: string; readonly digest: DigestFrequency | null }
  | { readonly kind: 'slack'; readonly url: string }
);

@Injectable()
export class CreateSubscription {
  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    @Inject(OUTBOUND_GUARD) private readonly outbound: OutboundGuard,
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(request: SubscriptionRequest): Promise<SubscriptionView> {
    const id = `sub_${randomUUID()}`;
    const { filter } = request;
    switch (request.kind) {
      case 'email': {
        const now = this.clock();
        const confirmBy = new Date(now.getTime() + this.config.links.confirmWithinMs);
        return viewOf(await this.subscriptions.create({ id, filter, kind: 'email', email: request.email, confirmBy, digest: request.digest }, now), now);
      }
      case 'slack':
        await checkDestination(this.outbound, request.url);
        return viewOf(await this.subscriptions.create({ id, filter, kind: 'slack', url: request.url }, this.clock()), this.clock());
      case 'webhook': {
        await checkDestination(this.outbound, request.url);
        const secret = request.secret ?? generateWebhookSecret();
        const view = viewOf(await this.subscriptions.create({ id, filter, kind: 'webhook', url: request.url, secret }, this.clock()), this.clock());
        return view.kind === 'webhook' ? { ...view, secret } : view;
      }
    }
  }
}

/** The SSRF guard's verdict on a destination, as a 422 the caller can act on. */
export async function checkDestination(outbound: OutboundGuard, url: string): Promise<void> {
  try {
    await outbound.check(url);
  } catch (error) {
    if (!(error instanceof OutboundRefused)) throw error;
    if (error.reason === 'unresolvable') {
      throw new ProblemError(422, 'webhook-url-unresolvable', 'The webhook host does not resolve', 'url: the host name has no address');
    }
    throw new ProblemError(
      422,
      'webhook-url-forbidden',
      'The webhook URL is not allowed',
      'url: Talkwatch only sends to public addresses over http(s), without credentials in the URL (OUTBOUND_ALLOWLIST permits others)',
    );
  }
}
