import { Module, type DynamicModule } from '@nestjs/common';
import type { EventLog, PrismaClient } from '@talkwatch/infra';
import { ArticlesController } from './articles/articles.controller.js';
import { ArticlesRepository } from './articles/articles.repository.js';
import { IngestArticle } from './articles/ingest-article.js';
import { INGESTOR_CONFIG, type IngestorConfig } from './config.js';
import { loadGazetteer } from './articles/gazetteer-file.js';
import { CLOCK, EVENT_LOG, GAZETTEER, PRISMA } from './tokens.js';

/** The ingestor's HTTP API and use cases, over the database and event log it is given. */
@Module({})
export class IngestorModule {
  static forRoot(config: IngestorConfig, platform: { prisma: PrismaClient; eventLog: EventLog }): DynamicModule {
    return {
      module: IngestorModule,
      controllers: [ArticlesController],
      providers: [
        { provide: INGESTOR_CONFIG, useValue: config },
        { provide: PRISMA, useValue: platform.prisma },
        { provide: EVENT_LOG, useValue: platform.eventLog },
        { provide: CLOCK, useValue: () => new Date() },
        { provide: GAZETTEER, useValue: loadGazetteer(config.gazetteerFile) },
        ArticlesRepository,
        IngestArticle,
      ],
      exports: [IngestArticle, ArticlesRepository],
    };
  }
}
