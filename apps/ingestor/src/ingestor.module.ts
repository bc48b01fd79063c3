import { Module, type DynamicModule } from '@nestjs/common';
import type { EventLog, PrismaClient } from '@talkwatch/infra';
import { ArticlesController } from './articles/articles.controller.js';
import { ArticlesQuery } from './articles/articles.query.js';
import { ArticlesRepository } from './articles/articles.repository.js';
import { LanguageDetector } from './articles/language-detector.js';
import { IngestArticle } from './articles/ingest-article.js';
import { INGESTOR_CONFIG, type IngestorConfig } from './config.js';
import { ArticleExtractor } from './articles/article-extractor.js';
import { gazetteerOf, readGazetteerExtension } from './articles/gazetteer-file.js';
import { ArticleOutboxRepository } from './outbox/article-outbox.repository.js';
import { OutboxRelay } from './outbox/outbox-relay.js';
import { CLOCK, EVENT_LOG, GAZETTEER, GAZETTEER_EXTENSION, PRISMA } from './tokens.js';

/** The ingestor's HTTP API and use cases, over the database and event log it is given. */
@Module({})
export class IngestorModule {
  static forRoot(config: IngestorConfig, platform: { prisma: PrismaClient; eventLog: EventLog }): DynamicModule {
    const gazetteerExtension = readGazetteerExtension(config.gazetteerFile);
    return {
      module: IngestorModule,
      controllers: [ArticlesController],
      providers: [
        { provide: INGESTOR_CONFIG, useValue: config },
        { provide: PRISMA, useValue: platform.prisma },
        { provide: EVENT_LOG, useValue: platform.eventLog },
        { provide: CLOCK, useValue: () => new Date() },
        { provide: GAZETTEER_EXTENSION, useValue: gazetteerExtension },
        { provide: GAZETTEER, useValue: gazetteerOf(gazetteerExtension, config.gazetteerFile) },
        ArticlesRepository,
        ArticleExtractor,
        ArticleOutboxRepository,
        OutboxRelay,
        LanguageDetector,
        IngestArticle,
        ArticlesQuery,
      ],
      exports: [IngestArticle, ArticlesRepository, OutboxRelay],
    };
  }
}
