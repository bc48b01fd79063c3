// POST /deliveries/:id/redeliver: an operator sends an alert again by hand (the receiver was
// fixed, or lost what it was sent). The delivery is queued again under its own id, so a webhook
// carries the same webhook-id and an email the same Message-ID.
import { Inject, Injectable } from '@nestjs/common';
import { ProblemError } from '@talkwatch/infra';
import { CLOCK, type Clock } from '../tokens.js';
import { DeliveriesRepository, type DeliveryLogEntry, type DeliveryStatus } from './deliveries.repository.js';
import { DeliveryWorker } from './delivery.worker.js';

export interface Redelivery extends DeliveryLogEntry {
  readonly subscriptionId: string;
}

const statuses: readonly string[] = ['pending', 'sending', 'delivered', 'failed', 'cancelled'] satisfies DeliveryStatus[];
const isStatus = (status: string): status is DeliveryStatus => statuses.includes(status);

@Injectable()
export class RedeliverDelivery {
  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly worker: DeliveryWorker,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(id: string): Promise<Redelivery> {
    const found = await this.deliveries.find(id);
    if (!found) throw new ProblemError(404, 'delivery-not-found', 'No such delivery', `No delivery with id ${id}; GET /subscriptions/:id/deliveries lists them.`);
    const { subscription, subscriptionId } = found;
    if (!subscription.active) {
      throw new ProblemError(409, 'subscription-removed', 'The subscription was removed', `Delivery ${id} belongs to subscription ${subscriptionId}, which was removed: nothing is sent to it any more.`);
    }
    if (subscription.disabled) {
      throw new ProblemError(409, 'subscription-disabled', 'The subscription is disabled', `Subscription ${subscriptionId} is disabled (${subscription.disabled.reason}); enable it first: PATCH /subscriptions/${subscriptionId} {"enabled": true}.`);
    }
    const status = found.entry.status;
    if (!isStatus(status) || status === 'sending') throw inProgress(id);
    const requeued = await this.deliveries.requeue(id, status, this.clock());
    // A worker took it between the read and the update: it is being sent right now.
    if (!requeued) throw inProgress(id);
    this.worker.nudge();
    return { ...requeued, subscriptionId };
  }
}

function inProgress(id: string): ProblemError {
  return new ProblemError(409, 'delivery-in-progress', 'The delivery is being sent', `Delivery ${id} is being sent right now; its log shows how it ends.`);
}
