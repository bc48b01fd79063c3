// Sends one signed webhook. The signature covers the exact bytes sent; the id is the delivery id,
// the same on every retry, so receivers can deduplicate.
import { Inject, Injectable } from '@nestjs/common';
import { NOTIFIER_CONFIG, type NotifierConfig } from '../config.js';
import { CLOCK, type Clock } from '../tokens.js';
import { signWebhook } from './webhook-signature.js';

export class DeliveryFailure extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'DeliveryFailure';
  }
}

@Injectable()
export class WebhookSender {
  constructor(
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async send(target: { url: string; secret: string }, id: string, body: string): Promise<void> {
    const timestamp = Math.floor(this.clock().getTime() / 1000);
    let response: Response;
    try {
      response = await fetch(target.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.delivery.webhookTimeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Talkwatch-Webhooks/0.1',
          'webhook-id': id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signWebhook(target.secret, id, timestamp, body),
        },
        body,
      });
    } catch (error) {
      throw new DeliveryFailure(`request failed: ${error instanceof Error ? error.message : String(error)}`, true);
    }
    await response.body?.cancel();
    if (response.ok) return;
    // 4xx other than timeouts/rate limits will not get better by retrying.
    const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
    throw new DeliveryFailure(`receiver answered ${response.status}`, retryable);
  }
}
