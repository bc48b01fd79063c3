// Use case: accept an article, extract its facts, publish them to the log. Idempotent:
// the article id is a hash of its content, and an article whose events reached the log is
// never published again. A crash between store and publish is healed by the next POST.
import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type ArticleInput, EXTRACTOR_VERSION, eventKey, type TalkEvent, withDateFallback } from '@talkwatch/domain';
import { ProblemError, type EventLog } from '@talkwatch/infra';
import { INGESTOR_CONFIG, type IngestorConfig } from '../config.js';
import { CLOCK, EVENT_LOG, type Clock } from '../tokens.js';
import type { ArticleBody } from './article-body.js';
import { ArticleExtractor } from './article-extractor.js';
import { ArticlesRepository } from './articles.repository.js';

export interface IngestResult {
  readonly status: 'accepted' | 'duplicate';
  readonly articleId: string;
  readonly eventCount: number;
  readonly eventIds: readonly string[];
  /** The publication date the article was read with; null: undated. */
  readonly publishedAt: string | null;
  /** "receivedAt" when the received time stands for a missing publication date. */
  readonly dateFallback: 'receivedAt' | null;
}

export function articleIdOf(article: ArticleBody): string {
  return createHash('sha256')
    .update([article.url ?? '', article.title, article.body].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}

@Injectable()
export class IngestArticle {
  constructor(
    private readonly articles: ArticlesRepository,
    @Inject(EVENT_LOG) private readonly log: EventLog,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly extractor: ArticleExtractor,
    @Inject(INGESTOR_CONFIG) private readonly config: IngestorConfig,
  ) {}

  async execute(article: ArticleBody): Promise<IngestResult> {
    const articleId = articleIdOf(article);
    const existing = await this.articles.find(articleId);
    if (existing?.loggedAt) {
      const publishedAt = existing.publishedAtText ?? existing.publishedAt?.toISOString() ?? null;
      return { status: 'duplicate', articleId, eventCount: existing.eventCount, eventIds: [], publishedAt, dateFallback: existing.dateFallback === 'receivedAt' ? 'receivedAt' : null };
    }
    // A retry reuses the first observation time (and the first request's date fallback) so the
    // republished events are identical.
    const observedAt = existing?.receivedAt ?? this.clock();
    const received = observedAt.toISOString();
    const asked = existing ? existing.dateFallback === 'receivedAt' : article.dateFallback === 'receivedAt';
    const given: ArticleInput = { title: article.title, url: article.url, publishedAt: article.publishedAt, body: article.body };
    const read = asked ? withDateFallback(given, received) : given;
    const events = await this.extractor.extract({ articleId, article: read, observedAt: received, receivedAt: received });
    // Checked before anything is stored: an article that reports this much is not news but a dump.
    const maxFacts = this.config.extraction.maxFactsPerArticle;
    if (events.length > maxFacts) {
      throw new ProblemError(
        422,
        'too-many-facts',
        'The article reports too many facts',
        `It gives ${events.length} facts; at most ${maxFacts} per article are taken (MAX_FACTS_PER_ARTICLE). Nothing was stored or published.`,
        { factCount: events.length, maxFacts },
      );
    }
    await this.articles.insertOnce({
      id: articleId,
      url: article.url,
      title: article.title,
      publishedAt: read.publishedAt === null ? null : new Date(read.publishedAt),
      publishedAtText: read.publishedAt,
      dateFallback: read.dateFallback ?? null,
      body: article.body,
      contentHash: createHash('sha256').update(article.body).digest('hex'),
      extractorVersion: EXTRACTOR_VERSION,
      eventCount: events.length,
      events,
      receivedAt: observedAt,
    });
    await this.log.append(events.map(toLogRecord));
    await this.articles.markLogged(articleId, this.clock());
    return { status: 'accepted', articleId, eventCount: events.length, eventIds: events.map((e) => e.id), publishedAt: read.publishedAt, dateFallback: read.dateFallback ?? null };
  }
}

export function toLogRecord(event: TalkEvent) {
  return {
    key: eventKey(event),
    value: JSON.stringify(event),
    headers: { 'event-id': event.id, 'event-type': event.type, 'schema-version': String(event.schemaVersion) },
  };
}
