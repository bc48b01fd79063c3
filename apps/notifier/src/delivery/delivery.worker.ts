// Delivers decided alerts: a durable job per delivery row, claimed with a lease, retried on the
// configured schedule (Retry-After honoured), ending delivered, failed or cancelled. A receiver
// answering 410, or failing until the schedule ran out, disables its subscription. Nothing is sent twice for one delivery unless a process
// died mid-send (then the same webhook-id / Message-ID lets receivers deduplicate).
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { NOTIFIER_CONFIG, type NotifierConfig } from '../config.js';
import type { EmailLinks } from '../subscriptions/link-tokens.js';
import { isExpired, signingSecrets, type EmailSubscription } from '../subscriptions/subscription.js';
import { SubscriptionsRepository } from '../subscriptions/subscriptions.repository.js';
import { CLOCK, EMAIL_LINKS, MAILER, RANDOM, type Clock, type Random } from '../tokens.js';
import { slackMessage, webhookBody } from './alert-message.js';
import { DeliveriesRepository, type DeliveryMessage, type DueDelivery } from './deliveries.repository.js';
import { alertEmail, confirmationEmail, digestEmail, type EmailContent } from './email-templates.js';
import type { Mailer } from './mailer.js';
import { afterAttempt } from './retry-schedule.js';
import type { SendOutcome } from './send-outcome.js';
import { SlackSender } from './slack-sender.js';
import { WebhookSender } from './webhook-sender.js';

const batchSize = 20;

@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  /** Longer than any one attempt can take, so a live worker never loses its claim. */
  private readonly leaseMs: number;

  constructor(
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
    private readonly deliveries: DeliveriesRepository,
    private readonly subscriptions: SubscriptionsRepository,
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RANDOM) private readonly random: Random,
    private readonly webhooks: WebhookSender,
    private readonly slack: SlackSender,
    @Inject(EMAIL_LINKS) private readonly links: EmailLinks,
  ) {
    this.leaseMs = Math.max(60_000, 2 * config.delivery.webhookTimeoutMs);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.nudge();
    }, this.config.delivery.pollMs);
    this.nudge();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    this.mailer.close();
  }

  /** Asks for a pass soon; passes never overlap. */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) => {
        this.logger.error(`delivery pass failed: ${error instanceof Error ? error.message : String(error)}`);
      })
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.nudge();
        }
      });
  }

  /** Runs passes until nothing is due. Exposed for tests and the CLI. */
  async drain(): Promise<void> {
    while (!this.stopped && (await this.pass()) > 0) {
      // keep going while there is work
    }
  }

  private async pass(): Promise<number> {
    const now = this.clock();
    const due = await this.deliveries.due(now, batchSize);
    let done = 0;
    for (const delivery of due) {
      if (this.stopped) break;
      if (!(await this.deliveries.claim(delivery, new Date(now.getTime() + this.leaseMs)))) continue;
      done += 1;
      await this.attempt(delivery);
    }
    return done;
  }

  private async attempt(delivery: DueDelivery): Promise<void> {
    const { id, subscription, message } = delivery;
    if (!subscription.active || subscription.disabled) {
      await this.deliveries.recordCancelled(id, subscription.active ? 'subscription disabled' : 'subscription removed');
      return;
    }
    if (message.kind === 'confirmation' && (subscription.kind !== 'email' || subscription.confirmedAt !== null || isExpired(subscription, this.clock()))) {
      await this.deliveries.recordCancelled(id, subscription.kind === 'email' && subscription.confirmedAt === null ? 'confirmation expired' : 'already confirmed');
      return;
    }
    const attempts = delivery.attempts + 1;
    const outcome = await this.send(delivery);
    const result = afterAttempt(outcome, attempts, this.config.delivery.retry, this.random);
    const now = this.clock();
    switch (result.status) {
      case 'delivered':
        await this.deliveries.recordDelivered(id, attempts, now);
        this.logger.log(`delivered ${id} (${subscription.kind}, ${message.kind === 'change' ? message.change.type : 'confirmation'})`);
        return;
      case 'pending':
        await this.deliveries.recordRetry(id, attempts, result.lastError, new Date(now.getTime() + result.retryInMs));
        this.logger.warn(`delivery ${id} attempt ${attempts} failed, retrying in ${result.retryInMs} ms: ${result.lastError}`);
        return;
      case 'failed':
        await this.deliveries.recordFailed(id, attempts, result.lastError);
        // A webhook that kept failing for the whole schedule is as good as gone; a mail server that
        // did is no fault of the subscriber's.
        if (result.disable === 'gone' || (result.disable === 'exhausted' && subscription.kind !== 'email')) {
          await this.subscriptions.disable(subscription.id, now, result.disable === 'gone' ? result.lastError : `deliveries kept failing: ${result.lastError}`);
        }
        this.logger.warn(`delivery ${id} attempt ${attempts} failed for good: ${result.lastError}`);
        return;
    }
  }

  private async send({ id, subscription, message }: DueDelivery): Promise<SendOutcome> {
    switch (subscription.kind) {
      case 'webhook':
        if (message.kind !== 'change') return { kind: 'failed', reason: 'nothing to send' };
        return this.webhooks.send({ url: subscription.url, secrets: signingSecrets(subscription, this.clock()) }, id, webhookBody(id, message.change));
      case 'slack':
        if (message.kind !== 'change') return { kind: 'failed', reason: 'nothing to send' };
        return this.slack.send(subscription.url, id, slackMessage(message.change));
      case 'email':
        try {
          const content = await this.emailOf(subscription, message);
          if (content === undefined) return { kind: 'failed', reason: 'nothing to send' };
          await this.mailer.send({ to: subscription.email, messageId: `<${id}@talkwatch>`, ...content });
          if (message.kind === 'digest') await this.deliveries.releaseHeld(subscription.id, message.at, this.clock());
          return { kind: 'delivered' };
        } catch (error) {
          this.logger.warn(`email ${id} failed: ${error instanceof Error ? error.message : String(error)}`);
          return { kind: 'retry', reason: 'the mail server did not take the message' };
        }
    }
  }

  /** The confirmation carries its link; every alert and digest its unsubscribe link, also as one-click headers (RFC 8058). */
  private async emailOf(subscription: EmailSubscription, message: DeliveryMessage): Promise<(EmailContent & { unsubscribeUrl?: string }) | undefined> {
    if (message.kind === 'confirmation') return confirmationEmail(subscription.email, this.links.confirm(subscription.id), subscription.confirmBy);
    const unsubscribeUrl = this.links.unsubscribe(subscription.id);
    if (message.kind === 'change') return { ...alertEmail(message.change, unsubscribeUrl), unsubscribeUrl };
    const changes = await this.deliveries.heldFor(subscription.id, message.at);
    return changes.length === 0 ? undefined : { ...digestEmail(changes, subscription.digest ?? 'daily', unsubscribeUrl), unsubscribeUrl };
  }
}
