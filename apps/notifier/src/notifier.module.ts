import path from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { OutboundGuard, OutboundHttp, type EventLog, type PrismaClient } from '@talkwatch/infra';
import { NOTIFIER_CONFIG, type NotifierConfig } from './config.js';
import { DashboardController } from './dashboard/dashboard.controller.js';
import { DeliveriesRepository } from './delivery/deliveries.repository.js';
import { DeliveryWorker } from './delivery/delivery.worker.js';
import { FileOutboxMailer } from './delivery/file-outbox-mailer.js';
import type { Mailer } from './delivery/mailer.js';
import { SmtpMailer } from './delivery/smtp-mailer.js';
import { WebhookSender } from './delivery/webhook-sender.js';
import { ProjectionConsumer } from './projection/projection.consumer.js';
import { ProjectionStore } from './projection/projection.store.js';
import { CreateSubscription } from './subscriptions/create-subscription.js';
import { RemoveSubscription } from './subscriptions/remove-subscription.js';
import { SubscriptionsController } from './subscriptions/subscriptions.controller.js';
import { SubscriptionsRepository } from './subscriptions/subscriptions.repository.js';
import { UpdateSubscription } from './subscriptions/update-subscription.js';
import { ChangeFeed } from './talks/change-feed.js';
import { EventStreamLimiter } from './talks/event-stream-limiter.js';
import { EventsController } from './talks/events.controller.js';
import { TalksController } from './talks/talks.controller.js';
import { TalksQuery } from './talks/talks.query.js';
import { CLOCK, EVENT_LOG, MAILER, OUTBOUND_GUARD, OUTBOUND_HTTP, PRISMA, RANDOM } from './tokens.js';

export function createMailer(config: NotifierConfig): Mailer {
  return config.mail.smtpUrl
    ? new SmtpMailer(config.mail.smtpUrl, config.mail.from)
    : new FileOutboxMailer(outboxDirectory(config), config.mail.from);
}

export function outboxDirectory(config: NotifierConfig): string {
  return path.resolve(config.dataDir, 'outbox');
}

/** Projection, status API, subscriptions and alert delivery, over the database and log it is given. */
@Module({})
export class NotifierModule {
  static forRoot(config: NotifierConfig, platform: { prisma: PrismaClient; eventLog: EventLog }): DynamicModule {
    return {
      module: NotifierModule,
      controllers: [TalksController, EventsController, SubscriptionsController, DashboardController],
      providers: [
        { provide: NOTIFIER_CONFIG, useValue: config },
        { provide: PRISMA, useValue: platform.prisma },
        { provide: EVENT_LOG, useValue: platform.eventLog },
        { provide: MAILER, useFactory: () => createMailer(config) },
        { provide: CLOCK, useValue: () => new Date() },
        { provide: RANDOM, useValue: Math.random },
        { provide: OUTBOUND_GUARD, useValue: new OutboundGuard(config.outbound.allowlist) },
        { provide: OUTBOUND_HTTP, useFactory: (guard: OutboundGuard) => new OutboundHttp(guard), inject: [OUTBOUND_GUARD] },
        SubscriptionsRepository,
        DeliveriesRepository,
        CreateSubscription,
        UpdateSubscription,
        RemoveSubscription,
        ProjectionStore,
        ProjectionConsumer,
        WebhookSender,
        DeliveryWorker,
        TalksQuery,
        ChangeFeed,
        EventStreamLimiter,
      ],
      exports: [TalksQuery, DeliveryWorker],
    };
  }
}
