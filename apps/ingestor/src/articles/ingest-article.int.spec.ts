// Bounded work per article, on a real PostgreSQL: the cap on facts (nothing stored or published
// beyond it), extraction in worker threads (the same events as on the event loop), and a worker
// that takes too long replaced without the pool losing its next article.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eventsFromArticle, getDefaultGazetteer, parseArticleText } from '@talkwatch/domain';
import { DatabaseEventLog, ProblemError, repositoryRoot, type LoggedRecord } from '@talkwatch/infra';
import { createTestDatabase, type TestDatabase } from '@talkwatch/infra/testing';
import { loadIngestorConfig, type IngestorConfig } from '../config.js';
import type { ArticleBody } from './article-body.js';
import { ArticleExtractor } from './article-extractor.js';
import { ArticlesRepository } from './articles.repository.js';
import { ExtractionPool } from './extraction-pool.js';
import { LanguageDetector } from './language-detector.js';
import { IngestArticle, articleIdOf } from './ingest-article.js';
import { ArticleOutboxRepository } from '../outbox/article-outbox.repository.js';
import { OutboxRelay } from '../outbox/outbox-relay.js';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

const clock = () => new Date('2030-06-01T12:00:00Z');

async function example(file: string): Promise<ArticleBody> {
  const parsed = parseArticleText(await readFile(path.join(repositoryRoot, 'examples', file), 'utf8'));
  return { title: parsed.title, url: parsed.url, publishedAt: parsed.publishedAt, dateFallback: null, body: parsed.body };
}

function configWith(extraction: Partial<IngestorConfig['extraction']>): IngestorConfig {
  const base = loadIngestorConfig({});
  return { ...base, extraction: { ...base.extraction, ...extraction } };
}

describe('IngestArticle: bounded work per article (PostgreSQL)', () => {
  let db: TestDatabase;
  let articles: ArticlesRepository;
  const extractors: ArticleExtractor[] = [];

  let log: DatabaseEventLog;
  let relay: OutboxRelay;
  const logged = async (): Promise<LoggedRecord[]> => {
    const records: LoggedRecord[] = [];
    await log.replay((r) => {
      records.push(r);
      return Promise.resolve();
    });
    return records;
  };

  const ingestWith = (config: IngestorConfig) => {
    const extractor = new ArticleExtractor(config, getDefaultGazetteer(), undefined);
    extractors.push(extractor);
    return new IngestArticle(articles, relay, clock, extractor, config, new LanguageDetector());
  };

  before(async () => {
    db = await createTestDatabase('tw_ingest');
    articles = new ArticlesRepository(db.prisma);
    log = new DatabaseEventLog(db.prisma, { topic: 'talkwatch.events' }, quiet);
    relay = new OutboxRelay(new ArticleOutboxRepository(db.prisma), log, clock, loadIngestorConfig({}));
  });
  after(async () => {
    await Promise.all(extractors.map((e) => e.onModuleDestroy()));
    await db.drop();
  });

  it('refuses an article with more facts than MAX_FACTS_PER_ARTICLE: 422 too-many-facts, nothing stored or published', async () => {
    const article = await example('2021-12-22-russia-expects-security-talks.md');
    const facts = eventsFromArticle({ articleId: 'count', article, observedAt: clock().toISOString() }).length;
    assert.ok(facts >= 4, `the founding article gives ${facts} facts`);
    await assert.rejects(ingestWith(configWith({ maxFactsPerArticle: facts - 1 })).execute(article), (error: unknown) => {
      assert.ok(error instanceof ProblemError);
      assert.deepEqual([error.status, error.code, error.extra], [422, 'too-many-facts', { factCount: facts, maxFacts: facts - 1 }]);
      return true;
    });
    assert.equal(await articles.find(articleIdOf(article)), null);
    assert.equal(await articles.outboxOf(articleIdOf(article)), null);
    // At the cap it is accepted, and its events reach the log through the outbox.
    const accepted = await ingestWith(configWith({ maxFactsPerArticle: facts })).execute(article);
    assert.deepEqual([accepted.status, accepted.eventCount], ['accepted', facts]);
    assert.deepEqual(await relay.runOnce(), { sent: 1, error: null });
    assert.equal((await logged()).length, facts);
  });

  it('extracts a large article in a worker thread into the same events as on the event loop', async () => {
    const article = await example('2022-01-10-geneva-talks-end-without-breakthrough.md');
    const inWorker = await ingestWith(configWith({ inWorkerFromBytes: 0 })).execute({ ...article, title: `${article.title} (worker)` });
    const expected = eventsFromArticle({
      articleId: inWorker.articleId,
      article: { ...article, title: `${article.title} (worker)` },
      observedAt: clock().toISOString(),
      receivedAt: clock().toISOString(),
    });
    assert.ok(expected.length > 0);
    await relay.runOnce();
    const mine = (await logged()).map((r) => JSON.parse(r.value) as { metadata: { articleId: string } }).filter((e) => e.metadata.articleId === inWorker.articleId);
    assert.deepEqual(mine, JSON.parse(JSON.stringify(expected)));
  });

  it('stops a worker that takes longer than EXTRACTION_TIMEOUT_MS (422 article-too-complex) and starts another for the next article', async () => {
    const pool = new ExtractionPool({ size: 1, timeoutMs: 1, maxQueued: 4, workerData: { gazetteerExtension: undefined }, maxHeapMb: 256 });
    const article = await example('2021-12-22-russia-expects-security-talks.md');
    const request = { articleId: 'a', article: { ...article, body: article.body.repeat(40) }, observedAt: clock().toISOString() };
    try {
      // Both in time: the second one waits for the first worker to be stopped, then gets its own.
      const [first, second] = [pool.extract(request), pool.extract(request)];
      await assert.rejects(first, { code: 'article-too-complex', status: 422 });
      await assert.rejects(second, { code: 'article-too-complex', status: 422 });
      const patient = new ExtractionPool({ size: 1, timeoutMs: 60_000, maxQueued: 1, workerData: { gazetteerExtension: undefined }, maxHeapMb: 256 });
      try {
        // Beyond the queue's bound a request is refused at once rather than waiting.
        const running = [patient.extract(request), patient.extract(request)];
        await assert.rejects(patient.extract(request), { code: 'extraction-busy', status: 503 });
        assert.ok((await Promise.all(running)).every((events) => events.length > 0));
      } finally {
        await patient.close();
      }
    } finally {
      await pool.close();
    }
    await assert.rejects(pool.extract(request), { code: 'shutting-down', status: 503 });
  });
});
