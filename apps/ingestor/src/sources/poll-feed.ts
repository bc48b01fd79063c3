// Use case: poll one feed the caller holds the lease of. A conditional request (the validators of
// the last answer); each item not taken yet is ingested through the same validation and use case
// as a posted article (an item without its full text: its page fetched and read), and recorded
// by its key so it is taken once. A feed that fails is retried later, waiting longer each time.
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { DocumentFetcher, Metrics, ProblemError } from '@talkwatch/infra';
import { parseArticleBody, type ArticleBody } from '../articles/article-body.js';
import { IngestArticle } from '../articles/ingest-article.js';
import { countIntake } from '../articles/intake-metrics.js';
import { INGESTOR_CONFIG, type IngestorConfig } from '../config.js';
import { documentText } from '../fetch/document-text.js';
import { fetchProblemOf } from '../fetch/fetch-problems.js';
import { maxRedirects, PageFetcher } from '../fetch/page-fetcher.js';
import { CLOCK, DOCUMENT_FETCHER, RANDOM, type Clock, type Random } from '../tokens.js';
import { FeedRefused, readFeed, type FeedEntry } from './feed-reader.js';
import { nextPollDelayMs } from './poll-schedule.js';
import { SourcesRepository, type FeedSource } from './sources.repository.js';

/** An item whose feed text is shorter than this (as text) is a teaser: its page is fetched. */
export const fullTextMinChars = 400;
/** Tries of one item (a page that failed to fetch, say) over successive polls before it is left. */
export const maxItemAttempts = 3;

export interface PollResult {
  readonly status: 'fetched' | 'not-modified' | 'failed';
  readonly newItems: number;
  readonly ingested: number;
  readonly failedItems: number;
  readonly error?: { readonly code: string; readonly message: string };
}

/** A failure of the ingestor itself (the database, the log, a full extraction queue): the item is tried again on the next poll, not counted against it. */
function isTransient(error: unknown): boolean {
  return !(error instanceof ProblemError) || error.status === 503;
}

/** Feed text with markup that does not open with a block element is HTML all the same. */
function asBody(text: string): string {
  return /<[a-z][^>]*>/i.test(text) ? `<div>${text}</div>` : text;
}

function textLength(html: string): number {
  return html.replace(/<[^>]*>/g, ' ').replace(/&[#\w]+;/g, ' ').replace(/\s+/g, ' ').trim().length;
}

@Injectable()
export class PollFeed {
  private readonly logger = new Logger('Sources');

  constructor(
    private readonly sources: SourcesRepository,
    private readonly ingest: IngestArticle,
    private readonly pages: PageFetcher,
    @Inject(DOCUMENT_FETCHER) private readonly fetcher: DocumentFetcher,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RANDOM) private readonly random: Random,
    @Inject(INGESTOR_CONFIG) private readonly config: IngestorConfig,
    @Optional() private readonly metrics: Metrics = new Metrics(),
  ) {}

  /** `renew` extends the lease; it answers false once the lease is lost, and the poll stops. */
  async execute(source: FeedSource, owner: string, renew: () => Promise<boolean>): Promise<PollResult> {
    let newItems = 0;
    let ingested = 0;
    let failedItems = 0;
    try {
      const answer = await this.fetcher.fetch({
        url: source.url,
        accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.1',
        maxBytes: this.config.sources.maxFeedBytes,
        timeoutMs: this.config.fetch.timeoutMs,
        connectTimeoutMs: this.config.fetch.connectTimeoutMs,
        maxRedirects,
        conditional: { etag: source.etag, lastModified: source.lastModified },
      });
      if (answer.status === 'not-modified') {
        await this.finish(source, owner, { kind: 'success', newItems, ingested });
        return { status: 'not-modified', newItems, ingested, failedItems };
      }
      const feed = readFeed(documentText(answer.body, answer.contentType, ['xml', 'json', 'html']));
      for (const entry of feed.items) {
        const outcome = await this.take(source, entry);
        if (outcome === 'known') continue;
        if (outcome.first) newItems += 1;
        if (outcome.status === 'ingested') ingested += 1;
        if (outcome.status === 'failed') failedItems += 1;
        if (!(await renew())) {
          this.logger.warn(`lost the lease of source ${source.id} mid-poll; another poller goes on`);
          return { status: 'fetched', newItems, ingested, failedItems };
        }
      }
      await this.finish(source, owner, { kind: 'success', newItems, ingested, validators: { etag: answer.etag, lastModified: answer.lastModified } });
      return { status: 'fetched', newItems, ingested, failedItems };
    } catch (error) {
      const problem = error instanceof FeedRefused ? { code: error.code, message: error.message } : this.problemOf(error);
      this.logger.warn(`source ${source.id} (${source.url}) failed: ${problem.code}: ${problem.message}`);
      await this.finish(source, owner, { kind: 'failure', newItems, ingested, ...problem });
      return { status: 'failed', newItems, ingested, failedItems, error: problem };
    }
  }

  private problemOf(error: unknown): { code: string; message: string } {
    const problem = fetchProblemOf(error, 'feed') ?? (error instanceof ProblemError ? error : undefined);
    if (problem) return { code: problem.code, message: problem.detail ?? problem.title };
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return { code: 'internal-error', message: 'the poll failed inside Talkwatch (see its log)' };
  }

  private async finish(
    source: FeedSource,
    owner: string,
    outcome: { kind: 'success'; newItems: number; ingested: number; validators?: { etag: string | null; lastModified: string | null } } | { kind: 'failure'; newItems: number; ingested: number; code: string; message: string },
  ): Promise<void> {
    const at = this.clock();
    const failures = outcome.kind === 'success' ? 0 : source.failures + 1;
    const nextPollAt = new Date(at.getTime() + nextPollDelayMs(source.intervalSeconds, failures, this.random));
    await this.sources.finishPoll(source.id, owner, { ...outcome, at, nextPollAt });
  }

  /** Ingests one item unless it was taken already; a failure of the ingestor itself propagates. */
  private async take(source: FeedSource, entry: FeedEntry): Promise<'known' | { first: boolean; status: 'ingested' | 'duplicate' | 'failed' }> {
    const known = await this.sources.findItem(source.id, entry.key);
    if (known && (known.status !== 'failed' || known.attempts >= maxItemAttempts)) return 'known';
    const record = { sourceId: source.id, itemKey: entry.key, url: entry.url };
    try {
      const lastTry = (known?.attempts ?? 0) + 1 >= maxItemAttempts;
      // Labelled with the source's id, so GET /articles?source= lists (and counts) what this feed gave.
      const result = await countIntake(this.metrics, 'feed', async () => this.ingest.execute(await this.articleOf(entry, lastTry, source.id)));
      const status = result.status === 'accepted' ? 'ingested' : 'duplicate';
      await this.sources.recordItem({ ...record, status, articleId: result.articleId, lastError: null, at: this.clock() });
      return { first: !known, status };
    } catch (error) {
      if (isTransient(error)) throw error;
      const problem = error as ProblemError;
      this.logger.warn(`source ${source.id} item ${entry.key}: ${problem.code}: ${problem.detail ?? problem.title}`);
      await this.sources.recordItem({ ...record, status: 'failed', articleId: null, lastError: `${problem.code}: ${problem.detail ?? problem.title}`.slice(0, 1000), at: this.clock() });
      return { first: !known, status: 'failed' };
    }
  }

  /**
   * The item as an article: its own full text, else its page, else its summary. On the last try
   * an item whose page cannot be had is taken with the text the feed gives, rather than lost.
   */
  private async articleOf(entry: FeedEntry, lastTry: boolean, source: string): Promise<ArticleBody> {
    const years = this.config.dateYears;
    const own = entry.content ?? entry.summary;
    if (entry.content !== null && textLength(entry.content) >= fullTextMinChars) {
      return parseArticleBody({ title: entry.title, url: entry.url, publishedAt: entry.publishedAt, body: asBody(entry.content), source }, years);
    }
    if (entry.url !== null) {
      let page;
      try {
        page = await this.pages.fetch(entry.url);
      } catch (error) {
        if (!lastTry || own === null || isTransient(error)) throw error;
        this.logger.warn(`item ${entry.key}: its page ${entry.url} cannot be had (${(error as ProblemError).code}); taking the feed's own text`);
        return parseArticleBody({ title: entry.title, url: entry.url, publishedAt: entry.publishedAt, body: asBody(own), source }, years);
      }
      const article = parseArticleBody({ title: entry.title ?? page.parts.title, url: page.finalUrl, publishedAt: entry.publishedAt ?? page.parts.publishedAt, body: page.parts.body, source }, years);
      return { ...article, canonicalUrl: page.canonicalUrl };
    }
    if (own === null) throw new ProblemError(422, 'invalid-article', 'The feed item has no text', 'it carries neither text nor a link');
    return parseArticleBody({ title: entry.title, url: null, publishedAt: entry.publishedAt, body: asBody(own), source }, years);
  }
}
