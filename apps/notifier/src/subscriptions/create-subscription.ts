// Use case: subscribe a webhook or an email address. A webhook's destination passes the SSRF guard
// first (it is checked again at every send); its secret is generated unless given, and shown once.
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { OutboundGuard, OutboundRefused, ProblemError } from '@talkwatch/infra';
import { generateWebhookSecret } from '../delivery/webhook-signature.js';
import { OUTBOUND_GUARD } from '../tokens.js';
import { viewOf, type SubscriptionView } from './subscription-view.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';

export type SubscriptionRequest =
  | { readonly kind: 'webhook'; readonly url: string; readonly secret?: string | undefined; readonly trackIds: readonly string[] }
  | { readonly kind: 'email'; readonly email: string; readonly trackIds: readonly string[] };

@Injectable()
export class CreateSubscription {
  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    @Inject(OUTBOUND_GUARD) private readonly outbound: OutboundGuard,
  ) {}

  async execute(request: SubscriptionRequest): Promise<SubscriptionView> {
    const id = `sub_${randomUUID()}`;
    if (request.kind === 'email') {
      return viewOf(await this.subscriptions.create({ id, kind: 'email', email: request.email, trackIds: request.trackIds }));
    }
    await this.checkDestination(request.url);
    const secret = request.secret ?? generateWebhookSecret();
    const created = await this.subscriptions.create({ id, kind: 'webhook', url: request.url, secret, trackIds: request.trackIds });
    const view = viewOf(created);
    return view.kind === 'webhook' ? { ...view, secret } : view;
  }

  private async checkDestination(url: string): Promise<void> {
    try {
      await this.outbound.check(url);
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
}
