// Use case: accept an article, extract its facts, and store it with an outbox entry of its events
// in one transaction; the outbox relay appends them to the log. Nothing acknowledged is lost: once
// this returns, the article and its events are committed, whatever happens to the broker or the
// process next. Each article is taken once: the same content (its id is a hash of URL, title and
// body), the same canonical URL (a fetched page's <link rel=canonical> included), or a
// near-duplicate copy of a stored article (the same wire story on another outlet, lightly edited:
// MinHash over word shingles) is answered as a duplicate, a copy on another outlet recorded as a
// syndication of the first. An article in a language the extractor does not read is stored and
// counted, not extracted.
import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type ArticleInput,
  EXTRACTOR_VERSION,
  canonicalUrl as canonicalUrlOf,
  eventKey,
  extractorReads,
  fingerprintOf,
  NEAR_DUPLICATE_THRESHOLD,
  nearestDuplicate,
  outletOf,
  parseFactEvent,
  similarity,
  type TalkEvent,
  withDateFallback,
} from '@talkwatch/domain';
import { ProblemError } from '@talkwatch/infra';
import { INGESTOR_CONFIG, type IngestorConfig } from '../config.js';
import { OutboxRelay } from '../outbox/outbox-relay.js';
import { CLOCK, type Clock } from '../tokens.js';
import type { ArticleBody } from './article-body.js';
import { ArticleExtractor } from './article-extractor.js';
import { ArticlesRepository, type StoredArticle } from './articles.repository.js';
import { LanguageDetector } from './language-detector.js';

/** How a duplicate was recognised. */
export type DuplicateMatch = 'same-content' | 'same-url' | 'near-duplicate';

export interface IngestResult {
  readonly status: 'accepted' | 'duplicate';
  /** The article that stands for this one: its own id when accepted, the first copy's when a duplicate. */
  readonly articleId: string;
  readonly eventCount: number;
  readonly eventIds: readonly string[];
  /** The publication date the article was read with; null: undated. */
  readonly publishedAt: string | null;
  /** "receivedAt" when the received time stands for a missing publication date. */
  readonly dateFallback: 'receivedAt' | null;
  /** A duplicate: the id of the article it duplicates (then articleId too); null when accepted. */
  readonly duplicateOf: string | null;
  readonly match: DuplicateMatch | null;
  /** A near-duplicate: the estimated share of word shingles it has in common with the first copy. */
  readonly similarity: number | null;
  /** ISO 639-1 code of the detected language (null: undetermined). */
  readonly language: string | null;
  /** "unsupported-language": accepted and kept, not extracted. */
  readonly skippedReason: 'unsupported-language' | null;
}

export function articleIdOf(article: Pick<ArticleBody, 'url' | 'title' | 'body'>): string {
  return createHash('sha256')
    .update([article.url ?? '', article.title, article.body].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}

/** Near-duplicate candidates compared per article (those sharing a fingerprint band, oldest first). */
const MAX_CANDIDATES = 200;

@Injectable()
export class IngestArticle {
  private readonly logger = new Logger('IngestArticle');

  constructor(
    private readonly articles: ArticlesRepository,
    private readonly relay: OutboxRelay,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly extractor: ArticleExtractor,
    @Inject(INGESTOR_CONFIG) private readonly config: IngestorConfig,
    private readonly languages: LanguageDetector,
  ) {}

  async execute(article: ArticleBody): Promise<IngestResult> {
    const result = await this.take(article);
    // The first line of an article's trail: its id, then its events' ids, which the relay's,
    // the projection's and the delivery worker's lines carry on.
    if (result.status === 'accepted') {
      this.logger.log(`article ${result.articleId} accepted: ${result.eventCount} event(s)`, {
        articleId: result.articleId,
        source: article.source ?? 'api',
        eventIds: result.eventIds,
        ...(result.skippedReason ? { skippedReason: result.skippedReason } : {}),
      });
    } else {
      this.logger.log(`article duplicate of ${result.articleId} (${result.match ?? 'unknown'})`, { articleId: result.articleId, source: article.source ?? 'api', match: result.match });
    }
    return result;
  }

  private async take(article: ArticleBody): Promise<IngestResult> {
    const articleId = articleIdOf(article);
    const urls = urlsOf(article);
    const canonicalUrl = urls.stored;
    const source = article.source ?? 'api';
    const receivedAt = this.clock();
    const known = await this.knownCopy(articleId, urls);
    const answer = known === null ? null : known.kind === 'answer' ? known.result : await this.linkCopy(article, articleId, canonicalUrl, source, receivedAt, known.of);
    if (answer) return answer;

    const fingerprint = fingerprintOf(article.body);
    if (fingerprint) {
      const nearest = nearestDuplicate(fingerprint, await this.articles.fingerprintCandidates(fingerprint.bands, MAX_CANDIDATES));
      if (nearest) {
        const first = await this.articles.find(nearest.candidate.id);
        if (first) {
          await this.articles.storeSyndication({
            id: articleId,
            articleId: first.id,
            url: article.url,
            canonicalUrl,
            outlet: canonicalUrl === null ? null : outletOf(canonicalUrl),
            title: article.title,
            source,
            similarity: nearest.similarity,
            receivedAt,
          });
          return duplicate(first, 'near-duplicate', nearest.similarity);
        }
      }
    }

    const language = await this.languages.detect(`${article.title}\n${article.body}`);
    const reads = extractorReads(language);
    const received = receivedAt.toISOString();
    const given: ArticleInput = { title: article.title, url: article.url, publishedAt: article.publishedAt, body: article.body };
    const read = article.dateFallback === 'receivedAt' ? withDateFallback(given, received) : given;
    const events = reads ? await this.extractor.extract({ articleId, article: read, observedAt: received, receivedAt: received }) : [];
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
    const skippedReason = reads ? null : ('unsupported-language' as const);
    const stored = await this.articles.storeWithOutbox(
      {
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
        receivedAt,
        canonicalUrl,
        outlet: canonicalUrl === null ? null : outletOf(canonicalUrl),
        source,
        language,
        skippedReason,
        fingerprint: fingerprint?.signature ?? [],
        fingerprintBands: fingerprint?.bands ?? [],
      },
      reads ? events.map(toLogRecord) : null,
    );
    if (!stored) {
      // A concurrent request stored the same article (or one at the same URL) first.
      const first = await this.knownCopy(articleId, urls);
      if (first?.kind === 'answer') return first.result;
      throw new Error(`article ${articleId} was neither stored nor found`);
    }
    if (reads) this.relay.wake();
    return {
      status: 'accepted',
      articleId,
      eventCount: events.length,
      eventIds: events.map((e) => e.id),
      publishedAt: read.publishedAt,
      dateFallback: read.dateFallback ?? null,
      duplicateOf: null,
      match: null,
      similarity: null,
      language,
      skippedReason,
    };
  }

  /**
   * An article already taken: the same content, a recorded copy, or an article at one of its URLs
   * (`answer`); or, for a page whose canonical link names an article of another outlet, that article
   * (`copy-of`: the page is that story as another outlet runs it, to be linked to it).
   */
  private async knownCopy(articleId: string, urls: ArticleUrls): Promise<{ kind: 'answer'; result: IngestResult } | { kind: 'copy-of'; of: StoredArticle } | null> {
    const existing = await this.articles.find(articleId);
    if (existing) {
      await this.resumePublishing(existing);
      return { kind: 'answer', result: duplicate(existing, 'same-content', null) };
    }
    let copy = await this.articles.findSyndication(articleId);
    for (const url of urls.lookups) copy ??= await this.articles.findSyndicationByCanonicalUrl(url);
    const ofCopy = copy ? await this.articles.find(copy.articleId) : null;
    if (copy && ofCopy) return { kind: 'answer', result: duplicate(ofCopy, 'near-duplicate', copy.similarity) };
    for (const url of urls.lookups) {
      const sameUrl = await this.articles.findByCanonicalUrl(url);
      if (!sameUrl) continue;
      // Only a canonical link can lead to another outlet's article: the page is a copy of it.
      const outlet = urls.stored === null ? null : outletOf(urls.stored);
      if (outlet !== null && sameUrl.outlet !== null && outlet !== sameUrl.outlet) return { kind: 'copy-of', of: sameUrl };
      return { kind: 'answer', result: duplicate(sameUrl, 'same-url', null) };
    }
    return null;
  }

  /**
   * A page whose canonical link names a stored article of another outlet: when its text bears the
   * claim out (a near-duplicate of that article's), a duplicate of it, recorded as its syndication
   * (the outlet then counts among the article's sources). Otherwise null: the claim is not believed
   * and the page is taken as any other (else a page could name any stored story to be refused, or
   * to be listed among its sources).
   */
  private async linkCopy(article: ArticleBody, articleId: string, canonicalUrl: string | null, source: string, receivedAt: Date, first: StoredArticle): Promise<IngestResult | null> {
    const own = fingerprintOf(article.body);
    const stored = await this.articles.fingerprintOfArticle(first.id);
    const measured = own && stored.length > 0 ? similarity(own.signature, stored) : 0;
    if (measured < NEAR_DUPLICATE_THRESHOLD) return null;
    await this.articles.storeSyndication({
      id: articleId,
      articleId: first.id,
      url: article.url,
      canonicalUrl,
      outlet: canonicalUrl === null ? null : outletOf(canonicalUrl),
      title: article.title,
      source,
      similarity: measured,
      receivedAt,
    });
    return duplicate(first, 'same-url', measured);
  }

  /** An article stored unpublished by a release without the outbox gets its entry from its stored reading. */
  private async resumePublishing(existing: StoredArticle): Promise<void> {
    if (existing.loggedAt !== null || existing.skippedReason !== null || !Array.isArray(existing.events)) return;
    const records = existing.events.map((e) => toLogRecord(parseFactEvent(e)));
    if (await this.articles.ensureOutbox(existing.id, records)) this.relay.wake();
  }
}

interface ArticleUrls {
  /** The canonical URL the article is stored under (null: it has no URL). */
  readonly stored: string | null;
  /** Every canonical URL it may already be known by: its own, and what its canonical link names. */
  readonly lookups: readonly string[];
}

/**
 * Which URLs name an article. A page's canonical link on its own outlet (host) is the address the
 * publisher gives the story (another path, parameters that do not matter) and the one it is stored
 * under; one on another outlet is only looked up (a copy of a story taken already), never stored:
 * otherwise any page could claim another site's address and have that site's article refused.
 */
export function urlsOf(article: Pick<ArticleBody, 'url' | 'canonicalUrl'>): ArticleUrls {
  const own = canonicalUrlOf(article.url ?? '');
  const declared = article.canonicalUrl ? canonicalUrlOf(article.canonicalUrl) : null;
  const stored = declared !== null && own !== null && outletOf(declared) === outletOf(own) ? declared : own;
  const lookups = [...new Set([stored, own, declared].filter((u): u is string => u !== null))];
  return { stored, lookups };
}

function duplicate(of: StoredArticle, match: DuplicateMatch, similarity: number | null): IngestResult {
  return {
    status: 'duplicate',
    articleId: of.id,
    eventCount: of.eventCount,
    eventIds: [],
    publishedAt: of.publishedAtText ?? of.publishedAt?.toISOString() ?? null,
    dateFallback: of.dateFallback === 'receivedAt' ? 'receivedAt' : null,
    duplicateOf: of.id,
    match,
    similarity,
    language: of.language,
    skippedReason: of.skippedReason === 'unsupported-language' ? 'unsupported-language' : null,
  };
}

export function toLogRecord(event: TalkEvent) {
  return {
    key: eventKey(event),
    value: JSON.stringify(event),
    headers: { 'event-id': event.id, 'event-type': event.type, 'schema-version': String(event.schemaVersion) },
  };
}
