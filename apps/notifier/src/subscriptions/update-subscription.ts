// Use case: change what a subscription follows, or enable it again (after a 410) or pause it.
import { Inject, Injectable } from '@nestjs/common';
import { ProblemError } from '@talkwatch/infra';
import { CLOCK, type Clock } from '../tokens.js';
import { viewOf, type SubscriptionView } from './subscription-view.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';

export interface SubscriptionChange {
  readonly enabled?: boolean | undefined;
  readonly trackIds?: readonly string[] | undefined;
}

@Injectable()
export class UpdateSubscription {
  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(id: string, change: SubscriptionChange): Promise<SubscriptionView> {
    const current = await this.subscriptions.findActive(id);
    if (!current) throw new ProblemError(404, 'subscription-not-found', 'No such subscription', id);
    // Disabling an already disabled one keeps its first reason (a 410 says more than a PATCH).
    const disabled =
      change.enabled === undefined ? undefined : change.enabled ? null : (current.disabled ?? { at: this.clock(), reason: 'disabled by PATCH' });
    const updated = await this.subscriptions.update(id, { trackIds: change.trackIds, disabled });
    if (!updated) throw new ProblemError(404, 'subscription-not-found', 'No such subscription', id);
    return viewOf(updated);
  }
}
