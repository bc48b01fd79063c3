// Use case: give a webhook a new secret. The old one keeps signing beside it for the overlap, so
// a receiver can switch at its own pace: every request carries both signatures meanwhile.
import { Inject, Injectable } from '@nestjs/common';
import { ProblemError } from '@talkwatch/infra';
import { generateWebhookSecret } from '../delivery/webhook-signature.js';
import { CLOCK, type Clock } from '../tokens.js';
import { viewOf, type SubscriptionView } from './subscription-view.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';

export interface SecretRotation {
  readonly secret?: string | undefined;
  readonly overlapMs: number;
}

@Injectable()
export class RotateWebhookSecret {
  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(id: string, rotation: SecretRotation): Promise<SubscriptionView> {
    const now = this.clock();
    const current = await this.subscriptions.findActive(id, now);
    if (!current) throw new ProblemError(404, 'subscription-not-found', 'No such subscription', id);
    if (current.kind !== 'webhook') throw new ProblemError(409, 'not-a-webhook', 'Only a webhook subscription has a secret', `${id} is a ${current.kind} subscription`);
    const secret = rotation.secret ?? generateWebhookSecret();
    const rotated = await this.subscriptions.rotateSecret(id, secret, new Date(now.getTime() + rotation.overlapMs));
    if (!rotated) throw new ProblemError(404, 'subscription-not-found', 'No such subscription', id);
    const view = viewOf(rotated, now);
    return view.kind === 'webhook' ? { ...view, secret } : view;
  }
}
