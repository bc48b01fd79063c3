// Delivers decided alerts: a durable job per delivery row, claimed with a lease, retried on the
// configured schedule (Retry-After honoured), ending delivered, failed or cancelled. A receiver
// answering 410, or failing until the schedule ran out, disables its subscription. Nothing is sent twice for one delivery unless a process
// died mid-send (then the same webhook-id / Message-ID lets receivers deduplicate). A result that
// cannot be written because the database is down is written once it is back, the claim still held
// in this process: what was sent is not sent again when its lease runs out.
// Sends run concurrently: at most `concurrency` in all and `perSubscription` per subscription, so a
// receiver that hangs until the time limit holds only its own slots while the others go on.
import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Metrics, classifyDatabaseError, type DeliveryOutcome } from '@talkwatch/infra';
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

/** Due deliveries looked at per pass, beyond the free slots (some belong to busy subscriptions). */
const lookahead = 20;

@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  /** Attempts under way, by delivery id; and how many each subscription has. */
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly busy = new Map<string, number>();
  /** Wakes a drain waiting for a slot when new deliveries are due. */
  private wake: (() => void) | undefined;
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
    @Optional() private readonly metrics: Metrics = new Metrics(),
  ) {
    this.leaseMs = config.delivery.leaseMs;
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
    this.wake?.();
    await this.running;
    await Promise.all(this.inFlight.values());
    this.mailer.close();
  }

  /** Asks for a pass soon; passes never overlap. */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      this.wake?.();
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

  /** Starts every due delivery a slot is free for, until nothing is due or under way. Exposed for tests and the CLI. */
  async drain(): Promise<void> {
    while (!this.stopped) {
      const skippedBefore = this.busy.size > 0;
      if ((await this.pass()) > 0) continue;
      // (A pass that left out busy subscriptions whose sends ended meanwhile looks again.)
      if (this.inFlight.size === 0 && !skippedBefore) break;
      if (this.inFlight.size === 0) continue;
      // Wait for a slot to free up, or for new deliveries (nudge).
      await Promise.race([...this.inFlight.values(), new Promise<void>((resolve) => (this.wake = resolve))]);
      this.wake = undefined;
    }
    await Promise.all(this.inFlight.values());
  }

  /** Claims and starts due deliveries for free slots; how many it started. */
  private async pass(): Promise<number> {
    const { concurrency, perSubscription } = this.config.delivery;
    const free = concurrency - this.inFlight.size;
    if (free <= 0) return 0;
    const full = [...this.busy.entries()].filter(([, n]) => n >= perSubscription).map(([id]) => id);
    const now = this.clock();
    const due = await this.deliveries.due(now, free + lookahead, full);
    let started = 0;
    for (const delivery of due) {
      if (this.stopped || this.inFlight.size >= concurrency) break;
      const subscriptionId = delivery.subscription.id;
      if ((this.busy.get(subscriptionId) ?? 0) >= perSubscription || this.inFlight.has(delivery.id)) continue;
      if (!(await this.deliveries.claim(delivery, new Date(now.getTime() + this.leaseMs)))) continue;
      started += 1;
      this.busy.set(subscriptionId, (this.busy.get(subscriptionId) ?? 0) + 1);
      const attempt = this.attempt(delivery)
        .catch((error: unknown) => {
          // The lease runs out and the delivery is tried again: nothing is lost.
          this.logger.error(`delivery ${delivery.id} attempt failed: ${error instanceof Error ? error.message : String(error)}`);
        })
        .finally(() => {
          this.inFlight.delete(delivery.id);
          const left = (this.busy.get(subscriptionId) ?? 1) - 1;
          if (left > 0) this.busy.set(subscriptionId, left);
          else this.busy.delete(subscriptionId);
        });
      this.inFlight.set(delivery.id, attempt);
    }
    return started;
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
    const trail = trailOf(delivery, attempts);
    switch (result.status) {
      case 'delivered':
        await this.record(id, () => this.deliveries.recordDelivered(id, attempts, now));
        this.recordAttempt(delivery, 'delivered', now);
        this.logger.log(`delivered ${id} (${subscription.kind}, ${message.kind === 'change' ? message.change.type : message.kind})`, trail);
        return;
      case 'pending':
        await this.record(id, () => this.deliveries.recordRetry(id, attempts, result.lastError, new Date(now.getTime() + result.retryInMs)));
        this.recordAttempt(delivery, 'retried', now);
        this.logger.warn(`delivery ${id} attempt ${attempts} failed, retrying in ${result.retryInMs} ms: ${result.lastError}`, trail);
        return;
      case 'failed':
        await this.record(id, () => this.deliveries.recordFailed(id, attempts, result.lastError));
        this.recordAttempt(delivery, 'failed', now);
        // A webhook that kept failing for the whole schedule is as good as gone; a mail server that
        // did is no fault of the subscriber's.
        if (result.disable === 'gone' || (result.disable === 'exhausted' && subscription.kind !== 'email')) {
          await this.subscriptions.disable(subscription.id, now, result.disable === 'gone' ? result.lastError : `deliveries kept failing: ${result.lastError}`);
        }
        this.logger.warn(`delivery ${id} attempt ${attempts} failed for good: ${result.lastError}`, trail);
        return;
    }
  }

  /**
   * Writes the result of an attempt, waiting out a database outage (the delivery stays in flight
   * here, so this worker does not claim it again meanwhile). Seen in the PostgreSQL drill: an email
   * sent while the database was down went out a second time once its lease ran out.
   */
  private async record(id: string, write: () => Promise<void>): Promise<void> {
    for (let waitMs = 200; ; waitMs = Math.min(waitMs * 2, 2000)) {
      try {
        await write();
        return;
      } catch (error) {
        // Stopping: the lease runs out and another attempt sends it again (at-least-once).
        if (this.stopped || classifyDatabaseError(error) !== 'unavailable') throw error;
        this.logger.warn(`delivery ${id}: the database is unavailable to record the attempt; trying again in ${waitMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
  }

  /** Attempts by channel and outcome; for an alert delivered, how long after its change was projected. */
  private recordAttempt(delivery: DueDelivery, outcome: DeliveryOutcome, now: Date): void {
    const channel = delivery.subscription.kind;
    this.metrics.deliveries.inc({ channel, outcome });
    if (outcome === 'delivered' && delivery.message.kind === 'change') {
      this.metrics.projectedToDelivered.observe({ channel }, Math.max(0, now.getTime() - delivery.createdAt.getTime()) / 1000);
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

/** What a delivery's log lines carry to tie them to the change and the article it alerts about. */
function trailOf({ id, subscription, message }: DueDelivery, attempt: number): Record<string, unknown> {
  const change = message.kind === 'change' ? { changeId: message.change.id, articleId: message.change.source.articleId } : { changeId: message.kind === 'digest' ? `digest:${message.at.toISOString()}` : message.kind };
  return { deliveryId: id, subscriptionId: subscription.id, channel: subscription.kind, attempt, ...change };
}
