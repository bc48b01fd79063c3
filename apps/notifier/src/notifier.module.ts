import path from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { OutboundGuard, OutboundHttp, READINESS, type EventLog, type PrismaClient, type Readiness } from '@talkwatch/infra';
import { NOTIFIER_CONFIG, type NotifierConfig } from './config.js';
import { DeliveriesController } from './delivery/deliveries.controller.js';
import { DashboardController } from './dashboard/dashboard.controller.js';
import { DeliveriesRepository } from './delivery/deliveries.repository.js';
import { DeliveryWorker } from './delivery/delivery.worker.js';
import { RedeliverDelivery } from './delivery/redeliver-delivery.js';
import { FileOutboxMailer } from './delivery/file-outbox-mailer.js';
import type { Mailer } from './delivery/mailer.js';
import { SlackSender } from './delivery/slack-sender.js';
import { SmtpMailer } from './delivery/smtp-mailer.js';
import { WebhookSender } from './delivery/webhook-sender.js';
import { FeedsController } from './feeds/feeds.controller.js';
import { FeedsRepository } from './feeds/feeds.repository.js';
import { ProjectionConsumer } from './projection/projection.consumer.js';
import { ProjectionLag } from './projection/projection-lag.js';
import { ProjectionStore } from './projection/projection.store.js';
import { CreateSubscription } from './subscriptions/create-subscription.js';
import { ConfirmEmailSubscription, UnsubscribeByLink } from './subscriptions/email-links.js';
import { EmailLinksController } from './subscriptions/email-links.controller.js';
import { EmailLinks, LinkTokens } from './subscriptions/link-tokens.js';
import { RemoveSubscription } from './subscriptions/remove-subscription.js';
import { RotateWebhookSecret } from './subscriptions/rotate-webhook-secret.js';
import { SubscriptionsController } from './subscriptions/subscriptions.controller.js';
import { SubscriptionsRepository } from './subscriptions/subscriptions.repository.js';
import { UpdateSubscription } from './subscriptions/update-subscription.js';
import { ChangeFeed } from './talks/change-feed.js';
import { EventStreamLimiter } from './talks/event-stream-limiter.js';
import { EventsController } from './talks/events.controller.js';
import { TalksController } from './talks/talks.controller.js';
import { SyndicationsRepository } from './talks/syndications.repository.js';
import { TalksQuery } from './talks/talks.query.js';
import { CLOCK, DIGEST_TIME, EMAIL_LINKS, EVENT_LOG, LINK_TOKENS, MAILER, OUTBOUND_GUARD, OUTBOUND_HTTP, PRISMA, RANDOM } from './tokens.js';

export function createMailer(config: NotifierConfig): Mailer {
  return config.mail.smtpUrl
    ? new SmtpMailer(config.mail.smtpUrl, config.mail.from, config.mail.timeoutMs)
    : new FileOutboxMailer(outboxDirectory(config), config.mail.from);
}

/** The links in emails need the secret; whoever starts the notifier supplies it (config or DATA_DIR/link-secret). */
function linkTokensOf(config: NotifierConfig): LinkTokens {
  if (config.links.secret === undefined) throw new Error('no EMAIL_LINK_SECRET: the notifier cannot sign the links in emails');
  return new LinkTokens(config.links.secret);
}

export function outboxDirectory(config: NotifierConfig): string {
  return path.resolve(config.dataDir, 'outbox');
}

/** Projection, status API, subscriptions and alert delivery, over the database and log it is given. */
@Module({})
export class NotifierModule {
  static forRoot(config: NotifierConfig, platform: { prisma: PrismaClient; eventLog: EventLog; readiness: Readiness }): DynamicModule {
    return {
      module: NotifierModule,
      controllers: [FeedsController, TalksController, EventsController, SubscriptionsController, DeliveriesController, EmailLinksController, DashboardController],
      providers: [
        { provide: NOTIFIER_CONFIG, useValue: config },
        { provide: PRISMA, useValue: platform.prisma },
        { provide: EVENT_LOG, useValue: platform.eventLog },
        { provide: READINESS, useValue: platform.readiness },
        { provide: MAILER, useFactory: () => createMailer(config) },
        { provide: CLOCK, useValue: () => new Date() },
        { provide: RANDOM, useValue: Math.random },
        { provide: OUTBOUND_GUARD, useValue: new OutboundGuard(config.outbound.allowlist) },
        { provide: OUTBOUND_HTTP, useFactory: (guard: OutboundGuard) => new OutboundHttp(guard), inject: [OUTBOUND_GUARD] },
        { provide: DIGEST_TIME, useValue: config.digest },
        { provide: LINK_TOKENS, useFactory: () => linkTokensOf(config) },
        { provide: EMAIL_LINKS, useFactory: (tokens: LinkTokens) => new EmailLinks(config.links.publicUrl, tokens), inject: [LINK_TOKENS] },
        SubscriptionsRepository,
        DeliveriesRepository,
        CreateSubscription,
        UpdateSubscription,
        RemoveSubscription,
        RotateWebhookSecret,
        ConfirmEmailSubscription,
        UnsubscribeByLink,
        ProjectionStore,
        ProjectionConsumer,
        ProjectionLag,
        WebhookSender,
        SlackSender,
        DeliveryWorker,
        RedeliverDelivery,
        SyndicationsRepository,
        TalksQuery,
        ChangeFeed,
        EventStreamLimiter,
        FeedsRepository,
      ],
      exports: [TalksQuery, DeliveryWorker],
    };
  }
}
