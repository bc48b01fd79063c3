// Use case: accept an article, extract its facts, publish them to the log. Idempotent:
// the article id is a hash of its content, and an article whose events reached the log is
// never published again. A crash between store and publish is healed by the next POST.
import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EXTRACTOR_VERSION, eventKey, eventsFromArticle, type Gazetteer, type TalkEvent } from '@talkwatch/domain';
import type { EventLog } from '@talkwatch/infra';
import { CLOCK, EVENT_LOG, GAZETTEER, type Clock } from '../tokens.js';
import type { ArticleBody } from './article-body.js';
import { ArticlesRepository } from './articles.repository.js';

export interface IngestResult {
  readonly status: 'accepted' | 'duplicate';
  readonly articleId: string;
  readonly eventCount: number;
  readonly eventIds: readonly string[];
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
    @Inject(GAZETTEER) private readonly gazetteer: Gazetteer,
  ) {}

  async execute(article: ArticleBody): Promise<IngestResult> {
    const articleId = articleIdOf(article);
    const existing = await this.articles.find(articleId);
    if (existing?.loggedAt) {
      return { status: 'duplicate', articleId, eventCount: existing.eventCount, eventIds: [] };
    }
    // A retry reuses the first observation time so the republished events are identical.
    const observedAt = existing?.receivedAt ?? this.clock();
    const events = eventsFromArticle({
      articleId,
      article: { title: article.title, url: article.url, publishedAt: article.publishedAt, body: article.body },
      observedAt: observedAt.toISOString(),
      gazetteer: this.gazetteer,
    });
    await this.articles.insertOnce({
      id: articleId,
      url: article.url,
      title: article.title,
      publishedAt: new Date(article.publishedAt),
      publishedAtText: article.publishedAt,
      body: article.body,
      contentHash: createHash('sha256').update(article.body).digest('hex'),
      extractorVersion: EXTRACTOR_VERSION,
      eventCount: events.length,
      events,
      receivedAt: observedAt,
    });
    await this.log.append(events.map(toLogRecord));
    await this.articles.markLogged(articleId, this.clock());
    return { status: 'accepted', articleId, eventCount: events.length, eventIds: events.map((e) => e.id) };
  }
}

export function toLogRecord(event: TalkEvent) {
  return {
    key: eventKey(event),
    value: JSON.stringify(event),
    headers: { 'event-id': event.id, 'event-type': event.type, 'schema-version': String(event.schemaVersion) },
  };
}
