// Use case: what Talkwatch holds of its articles, for GET /articles and GET /articles/:id: each
// article, its status on the way in (stored, extracted, published), the facts it gave, and the
// copies of it recorded as syndications.
import { Injectable } from '@nestjs/common';
import { parseFactEvent } from '@talkwatch/domain';
import { ProblemError } from '@talkwatch/infra';
import { ArticlesRepository, type ArticleCounts, type ArticleListCursor, type ArticleListFilter, type StoredArticle } from './articles.repository.js';

/**
 * stored: kept without extraction (see skippedReason); extracted: its facts are extracted and wait
 * in the outbox for the event log; published: they are in the log.
 */
export type ArticleStatus = 'stored' | 'extracted' | 'published';

export interface ArticleSummary {
  readonly id: string;
  readonly title: string;
  readonly url: string | null;
  readonly canonicalUrl: string | null;
  readonly outlet: string | null;
  readonly source: string;
  readonly language: string | null;
  readonly status: ArticleStatus;
  readonly skippedReason: string | null;
  readonly publishedAt: string | null;
  readonly receivedAt: string;
  readonly eventCount: number;
  readonly syndicationCount: number;
}

export interface ArticleDetail extends Omit<ArticleSummary, 'syndicationCount'> {
  readonly dateFallback: string | null;
  /** When its events reached the log (null: not yet, or nothing to publish). */
  readonly loggedAt: string | null;
  readonly extractorVersion: string;
  /** The outbox entry of its events: tries so far and the last failure, while unsent. */
  readonly outbox: { readonly attempts: number; readonly lastError: string | null; readonly sentAt: string | null } | null;
  /** The facts it contributed: each event it stands for (after re-extractions), with its track. */
  readonly facts: readonly { readonly eventId: string; readonly type: string; readonly trackId: string; readonly trackName: string; readonly data: unknown }[];
  /** Copies of it on other outlets, linked to it instead of being ingested again. */
  readonly syndications: readonly {
    readonly id: string;
    readonly url: string | null;
    readonly outlet: string | null;
    readonly title: string;
    readonly source: string;
    readonly similarity: number;
    readonly receivedAt: string;
  }[];
  readonly body: string;
}

export interface ArticlePage {
  readonly items: readonly ArticleSummary[];
  /** Pass as `cursor` for the next page; null on the last. */
  readonly next: string | null;
  /** For the same filter, all pages together. */
  readonly counts: ArticleCounts;
}

export const statusOf = (a: Pick<StoredArticle, 'skippedReason' | 'loggedAt'>): ArticleStatus =>
  a.skippedReason !== null ? 'stored' : a.loggedAt !== null ? 'published' : 'extracted';

export function encodeCursor(cursor: ArticleListCursor): string {
  return Buffer.from(`${cursor.receivedAt.toISOString()}|${cursor.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(text: string): ArticleListCursor {
  const [at, id] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  const receivedAt = new Date(at ?? '');
  if (!id || Number.isNaN(receivedAt.getTime()) || !/^[0-9a-f]{1,64}$/.test(id)) {
    throw new ProblemError(400, 'invalid-cursor', 'The cursor is not valid', 'Pass the `next` value of a previous page as it was given.');
  }
  return { receivedAt, id };
}

@Injectable()
export class ArticlesQuery {
  constructor(private readonly articles: ArticlesRepository) {}

  async get(id: string): Promise<ArticleDetail> {
    const article = await this.articles.find(id);
    if (!article) throw new ProblemError(404, 'article-not-found', 'No such article', `No article has the id ${JSON.stringify(id)}.`);
    const [outbox, syndications] = await Promise.all([this.articles.outboxOf(id), this.articles.syndicationsOf(id)]);
    const events = Array.isArray(article.events) ? article.events.map((e) => parseFactEvent(e)) : [];
    return {
      id: article.id,
      title: article.title,
      url: article.url,
      canonicalUrl: article.canonicalUrl,
      outlet: article.outlet,
      source: article.source,
      language: article.language,
      status: statusOf(article),
      skippedReason: article.skippedReason,
      publishedAt: article.publishedAtText ?? article.publishedAt?.toISOString() ?? null,
      dateFallback: article.dateFallback,
      receivedAt: article.receivedAt.toISOString(),
      loggedAt: article.loggedAt?.toISOString() ?? null,
      eventCount: article.eventCount,
      extractorVersion: article.extractorVersion,
      outbox: outbox ? { attempts: outbox.attempts, lastError: outbox.lastError, sentAt: outbox.sentAt?.toISOString() ?? null } : null,
      facts: events.map((e) => ({ eventId: e.id, type: e.type, trackId: e.data.trackId, trackName: e.data.trackName, data: e.data })),
      syndications: syndications.map((s) => ({
        id: s.id,
        url: s.url,
        outlet: s.outlet,
        title: s.title,
        source: s.source,
        similarity: s.similarity,
        receivedAt: s.receivedAt.toISOString(),
      })),
      body: article.body,
    };
  }

  async list(filter: ArticleListFilter, cursor: ArticleListCursor | undefined, limit: number): Promise<ArticlePage> {
    const [rows, counts] = await Promise.all([this.articles.list(filter, cursor, limit + 1), this.articles.counts(filter)]);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => ({
        id: r.id,
        title: r.title,
        url: r.url,
        canonicalUrl: r.canonicalUrl,
        outlet: r.outlet,
        source: r.source,
        language: r.language,
        status: statusOf(r),
        skippedReason: r.skippedReason,
        publishedAt: r.publishedAt?.toISOString() ?? null,
        receivedAt: r.receivedAt.toISOString(),
        eventCount: r.eventCount,
        syndicationCount: r.syndicationCount,
      })),
      next: rows.length > limit && last ? encodeCursor(last) : null,
      counts,
    };
  }
}
