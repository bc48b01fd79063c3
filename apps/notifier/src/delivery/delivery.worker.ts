// Delivers decided alerts: a durable job per delivery row, claimed with a lease, retried with
// exponential backoff, ending delivered or failed. Nothing is sent twice for one delivery unless
// a process died mid-send (then the same webhook-id / Message-ID lets receivers deduplicate).
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { TrackChange } from '@talkwatch/domain';
import type { PrismaClient } from '@talkwatch/infra';
import { NOTIFIER_CONFIG, type NotifierConfig } from '../config.js';
import { CLOCK, MAILER, PRISMA, type Clock } from '../tokens.js';
import { emailSubject, emailText, webhookBody } from './alert-message.js';
import type { Mailer } from './mailer.js';
import type { SendOutcome } from './send-outcome.js';
import { WebhookSender } from './webhook-sender.js';

const leaseMs = 60_000;
const batchSize = 20;
const maxBackoffMs = 3_600_000;

@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly webhooks: WebhookSender,
  ) {}

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
    const due = await this.prisma.delivery.findMany({
      where: { status: { in: ['pending', 'sending'] }, nextAttemptAt: { lte: now } },
      orderBy: { createdAt: 'asc' },
      take: batchSize,
      include: { subscription: true },
    });
    let done = 0;
    for (const delivery of due) {
      if (this.stopped) break;
      const claimed = await this.prisma.delivery.updateMany({
        where: { id: delivery.id, status: delivery.status, nextAttemptAt: delivery.nextAttemptAt },
        data: { status: 'sending', nextAttemptAt: new Date(now.getTime() + leaseMs) },
      });
      if (claimed.count !== 1) continue;
      done += 1;
      await this.attempt(delivery.id, delivery.attempts, delivery.subscription, delivery.payload as unknown as TrackChange);
    }
    return done;
  }

  private async attempt(
    id: string,
    previousAttempts: number,
    subscription: { active: boolean; kind: string; url: string | null; secret: string | null; email: string | null },
    change: TrackChange,
  ): Promise<void> {
    const attempts = previousAttempts + 1;
    if (!subscription.active) {
      await this.prisma.delivery.update({ where: { id }, data: { status: 'cancelled', lastError: 'subscription removed' } });
      return;
    }
    let outcome: SendOutcome;
    if (subscription.kind === 'webhook' && subscription.url && subscription.secret) {
      outcome = await this.webhooks.send({ url: subscription.url, secret: subscription.secret }, id, webhookBody(id, change));
    } else if (subscription.kind === 'email' && subscription.email) {
      try {
        await this.mailer.send({ to: subscription.email, subject: emailSubject(change), text: emailText(change), messageId: `<${id}@talkwatch>` });
        outcome = { kind: 'delivered' };
      } catch (error) {
        this.logger.warn(`email ${id} failed: ${error instanceof Error ? error.message : String(error)}`);
        outcome = { kind: 'retry', reason: 'the mail server did not take the message' };
      }
    } else {
      outcome = { kind: 'failed', reason: `subscription of kind ${subscription.kind} has no target` };
    }
    if (outcome.kind === 'delivered') {
      await this.prisma.delivery.update({ where: { id }, data: { status: 'delivered', attempts, deliveredAt: this.clock(), lastError: null } });
      this.logger.log(`delivered ${id} (${subscription.kind}, ${change.type})`);
      return;
    }
    const final = outcome.kind !== 'retry' || attempts >= this.config.delivery.maxAttempts;
    const backoff = Math.min(this.config.delivery.backoffMs * 2 ** (attempts - 1), maxBackoffMs);
    await this.prisma.delivery.update({
      where: { id },
      data: {
        status: final ? 'failed' : 'pending',
        attempts,
        lastError: outcome.reason,
        nextAttemptAt: new Date(this.clock().getTime() + (final ? 0 : backoff)),
      },
    });
    this.logger.warn(`delivery ${id} attempt ${attempts} failed${final ? ' for good' : `, retrying in ${backoff} ms`}: ${outcome.reason}`);
  }
}
