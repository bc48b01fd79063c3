import { Module, type DynamicModule } from '@nestjs/common';
import { DocumentFetcher, OutboundGuard, type EventLog, type PrismaClient } from '@talkwatch/infra';
import { ArticlesController } from './articles/articles.controller.js';
import { ArticlesQuery } from './articles/articles.query.js';
import { ArticlesRepository } from './articles/articles.repository.js';
import { LanguageDetector } from './articles/language-detector.js';
import { IngestArticle } from './articles/ingest-article.js';
import { INGESTOR_CONFIG, type IngestorConfig } from './config.js';
import { ArticleExtractor } from './articles/article-extractor.js';
import { gazetteerOf, readGazetteerExtension } from './articles/gazetteer-file.js';
import { IngestUrl } from './fetch/ingest-url.js';
import { PageFetcher } from './fetch/page-fetcher.js';
import { FeedPoller } from './sources/feed-poller.js';
import { AddSource, RemoveSource, UpdateSource } from './sources/manage-sources.js';
import { PollFeed } from './sources/poll-feed.js';
import { SourcesController } from './sources/sources.controller.js';
import { SourcesQuery } from './sources/sources.query.js';
import { SourcesRepository } from './sources/sources.repository.js';
import { FolderWatcher } from './watch/folder-watcher.js';
import { IngestFile } from './watch/ingest-file.js';
import { ArticleOutboxRepository } from './outbox/article-outbox.repository.js';
import { OutboxRelay } from './outbox/outbox-relay.js';
import { CLOCK, DOCUMENT_FETCHER, RANDOM, EVENT_LOG, GAZETTEER, GAZETTEER_EXTENSION, PRISMA } from './tokens.js';

/** The ingestor's HTTP API and use cases, over the database and event log it is given. */
@Module({})
export class IngestorModule {
  static forRoot(config: IngestorConfig, platform: { prisma: PrismaClient; eventLog: EventLog }): DynamicModule {
    const gazetteerExtension = readGazetteerExtension(config.gazetteerFile);
    return {
      module: IngestorModule,
      controllers: [ArticlesController, SourcesController],
      providers: [
        { provide: INGESTOR_CONFIG, useValue: config },
        { provide: PRISMA, useValue: platform.prisma },
        { provide: EVENT_LOG, useValue: platform.eventLog },
        { provide: CLOCK, useValue: () => new Date() },
        { provide: RANDOM, useValue: Math.random },
        { provide: GAZETTEER_EXTENSION, useValue: gazetteerExtension },
        { provide: GAZETTEER, useValue: gazetteerOf(gazetteerExtension, config.gazetteerFile) },
        ArticlesRepository,
        ArticleExtractor,
        ArticleOutboxRepository,
        OutboxRelay,
        LanguageDetector,
        IngestArticle,
        { provide: DOCUMENT_FETCHER, useValue: new DocumentFetcher(new OutboundGuard(config.outbound.allowlist)) },
        PageFetcher,
        IngestUrl,
        SourcesRepository,
        SourcesQuery,
        PollFeed,
        FeedPoller,
        AddSource,
        UpdateSource,
        RemoveSource,
        IngestFile,
        FolderWatcher,
        ArticlesQuery,
      ],
      exports: [IngestArticle, ArticlesRepository, OutboxRelay],
    };
  }
}
