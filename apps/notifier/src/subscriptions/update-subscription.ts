// Use case: change what a subscription hears of, or enable it again (after a 410) or pause it.
import { Inject, Injectable } from '@nestjs/common';
import { ProblemError } from '@talkwatch/infra';
import { CLOCK, type Clock } from '../tokens.js';
import type { DigestFrequency } from './digest-schedule.js';
import type { SubscriptionFilter } from './subscription.js';
import { viewOf, type SubscriptionView } from './subscription-view.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';

export interface SubscriptionChange {
  readonly enabled?: boolean | undefined;
  /** Email only: null for each alert at once. */
  readonly digest?: DigestFrequency | null | undefined;
  readonly filter: Partial<SubscriptionFilter>;
}

@Injectable()
export class UpdateSubscription {
  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(id: string, change: SubscriptionChange): Promise<SubscriptionView> {
    const now = this.clock();
    const current = await this.subscriptions.findActive(id, now);
    if (!current) throw new ProblemError(404, 'subscription-not-found', 'No such subscription', id);
    if (change.digest !== undefined && current.kind !== 'email') {
      const errors = [{ field: 'digest', message: 'only an email subscription has a digest' }];
      throw new ProblemError(422, 'invalid-subscription', 'The subscription is not valid', 'digest only an email subscription has a digest', { errors });
    }
    // Disabling an already disabled one keeps its first reason (a 410 says more than a PATCH).
    const disabled = change.enabled === undefined ? undefined : change.enabled ? null : (current.disabled ?? { at: now, reason: 'disabled by PATCH' });
    const updated = await this.subscriptions.update(id, { filter: change.filter, disabled, digest: change.digest });
    if (!updated) throw new ProblemError(404, 'subscription-not-found', 'No such subscription', id);
    return viewOf(updated, now);
  }
}
