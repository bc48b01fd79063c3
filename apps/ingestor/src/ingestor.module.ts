import { Inject, Module, type DynamicModule, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import {
  HealthController,
  KafkaEventLog,
  READINESS_CHECKS,
  assertDatabaseReachable,
  createPrismaClient,
  type EventLog,
  type PrismaClient,
  type ReadinessCheck,
} from '@talkwatch/infra';
import { Logger } from '@nestjs/common';
import { ArticlesController } from './articles/articles.controller.js';
import { ArticlesRepository } from './articles/articles.repository.js';
import { IngestArticle } from './articles/ingest-article.js';
import { INGESTOR_CONFIG, type IngestorConfig } from './config.js';
import { CLOCK, EVENT_LOG, PRISMA } from './tokens.js';

class IngestorLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(INGESTOR_CONFIG) private readonly config: IngestorConfig,
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(EVENT_LOG) private readonly log: EventLog,
  ) {}

  async onModuleInit(): Promise<void> {
    await assertDatabaseReachable(this.prisma, this.config.databaseUrl);
    await this.log.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.log.close();
    await this.prisma.$disconnect();
  }
}

@Module({})
export class IngestorModule {
  static forRoot(config: IngestorConfig): DynamicModule {
    return {
      module: IngestorModule,
      controllers: [ArticlesController, HealthController],
      providers: [
        { provide: INGESTOR_CONFIG, useValue: config },
        { provide: PRISMA, useFactory: () => createPrismaClient(config.databaseUrl) },
        { provide: EVENT_LOG, useFactory: () => new KafkaEventLog(config.kafka, new Logger('EventLog')) },
        { provide: CLOCK, useValue: () => new Date() },
        {
          provide: READINESS_CHECKS,
          inject: [PRISMA],
          useFactory: (prisma: PrismaClient): ReadinessCheck[] => [
            { name: 'postgres', check: async () => void (await prisma.$queryRaw`SELECT 1`) },
          ],
        },
        ArticlesRepository,
        IngestArticle,
        IngestorLifecycle,
      ],
    };
  }
}
