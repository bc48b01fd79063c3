// Use case: unsubscribe; what was still to be sent to it is cancelled in the same transaction.
import { Injectable } from '@nestjs/common';
import { ProblemError } from '@talkwatch/infra';
import { SubscriptionsRepository } from './subscriptions.repository.js';

@Injectable()
export class RemoveSubscription {
  constructor(private readonly subscriptions: SubscriptionsRepository) {}

  async execute(id: string): Promise<void> {
    if (!(await this.subscriptions.remove(id))) throw new ProblemError(404, 'subscription-not-found', 'No such subscription', id);
  }
}
