// For integration tests: the ingestor's real use cases on a real, fresh PostgreSQL database, with
// the embedded event log (a real table in it) as their log, and pages fetched from loopback.
import { getDefaultGazetteer } from '@talkwatch/domain';
import { DatabaseEventLog, DocumentFetcher, OutboundGuard, type LogSink } from '@talkwatch/infra';
import { createTestDatabase, type TestDatabase } from '@talkwatch/infra/testing';
import { ArticleExtractor } from '../articles/article-extractor.js';
import { ArticlesRepository } from '../articles/articles.repository.js';
import { IngestArticle } from '../articles/ingest-article.js';
import { LanguageDetector } from '../articles/language-detector.js';
import { ArticleOutboxRepository } from '../outbox/article-outbox.repository.js';
import { OutboxRelay } from '../outbox/outbox-relay.js';
import { loadIngestorConfig, type IngestorConfig } from '../config.js';
import { IngestUrl } from '../fetch/ingest-url.js';
import { PageFetcher } from '../fetch/page-fetcher.js';

export const quietLogger: LogSink = { log: () => undefined, warn: () => undefined, error: () => undefined };

export interface IngestStack {
  readonly db: TestDatabase;
  readonly config: IngestorConfig;
  readonly articles: ArticlesRepository;
  readonly log: DatabaseEventLog;
  readonly ingest: IngestArticle;
  readonly pages: PageFetcher;
  readonly ingestUrl: IngestUrl;
  /** Events appended to the log so far (the relay run first, as the app's runs on its own). */
  loggedEvents(): Promise<number>;
  close(): Promise<void>;
}

export async function startIngestStack(env: Record<string, string> = {}, clock: () => Date = () => new Date()): Promise<IngestStack> {
  const db = await createTestDatabase('tw_sources');
  const config = loadIngestorConfig({ OUTBOUND_ALLOWLIST: '127.0.0.1', ...env });
  const articles = new ArticlesRepository(db.prisma);
  const log = new DatabaseEventLog(db.prisma, { topic: config.kafka.topic }, quietLogger);
  await log.connect();
  const extractor = new ArticleExtractor(config, getDefaultGazetteer(), undefined);
  // Events reach the log through the outbox relay, as in the app.
  const relay = new OutboxRelay(new ArticleOutboxRepository(db.prisma), log, clock, config);
  const ingest = new IngestArticle(articles, relay, clock, extractor, config, new LanguageDetector());
  const pages = new PageFetcher(new DocumentFetcher(new OutboundGuard(config.outbound.allowlist)), config);
  return {
    db,
    config,
    articles,
    log,
    ingest,
    pages,
    ingestUrl: new IngestUrl(pages, ingest, config),
    loggedEvents: async () => {
      await relay.runOnce();
      return db.prisma.eventLogRecord.count();
    },
    close: async () => {
      await extractor.onModuleDestroy();
      await log.close();
      await db.drop();
    },
  };
}

/** A clock the test moves by hand. */
export class ManualClock {
  constructor(private current: Date) {}
  readonly now = (): Date => new Date(this.current.getTime());
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
