import { Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import {
  HealthController,
  KafkaEventLog,
  READINESS_CHECKS,
  assertDatabaseReachable,
  createPrismaClient,
  type PrismaClient,
  type ReadinessCheck,
} from '@talkwatch/infra';
import { NOTIFIER_CONFIG, type NotifierConfig } from './config.js';
import { DeliveryWorker } from './delivery/delivery.worker.js';
import { SmtpMailer } from './delivery/smtp-mailer.js';
import { WebhookSender } from './delivery/webhook-sender.js';
import { ProjectionConsumer } from './projection/projection.consumer.js';
import { ProjectionStore } from './projection/projection.store.js';
import { SubscriptionsController } from './subscriptions/subscriptions.controller.js';
import { TalksController } from './talks/talks.controller.js';
import { TalksQuery } from './talks/talks.query.js';
import { CLOCK, EVENT_LOG, MAILER, PRISMA } from './tokens.js';

class DatabaseLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
    @Inject(PRISMA) private readonly prisma: PrismaClient,
  ) {}

  async onModuleInit(): Promise<void> {
    await assertDatabaseReachable(this.prisma, this.config.databaseUrl);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.prisma.$disconnect();
  }
}

@Module({})
export class NotifierModule {
  static forRoot(config: NotifierConfig): DynamicModule {
    return {
      module: NotifierModule,
      controllers: [TalksController, SubscriptionsController, HealthController],
      providers: [
        { provide: NOTIFIER_CONFIG, useValue: config },
        { provide: PRISMA, useFactory: () => createPrismaClient(config.databaseUrl) },
        { provide: EVENT_LOG, useFactory: () => new KafkaEventLog(config.kafka, new Logger('EventLog')) },
        { provide: MAILER, useFactory: () => new SmtpMailer(config.mail.smtpUrl, config.mail.from) },
        { provide: CLOCK, useValue: () => new Date() },
        {
          provide: READINESS_CHECKS,
          inject: [PRISMA],
          useFactory: (prisma: PrismaClient): ReadinessCheck[] => [
            { name: 'postgres', check: async () => void (await prisma.$queryRaw`SELECT 1`) },
          ],
        },
        DatabaseLifecycle,
        ProjectionStore,
        ProjectionConsumer,
        WebhookSender,
        DeliveryWorker,
        TalksQuery,
      ],
    };
  }
}
