// Use case: POST /articles {url}. Fetch the page, read the article in it, then ingest it exactly
// as a posted article (the same validation, the same idempotence: the same page fetched again is
// a duplicate, and so is a page whose <link rel=canonical> names an article already taken). What
// the client sends beside the URL (title, publishedAt) wins over the page's.
import { Inject, Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ProblemError } from '@talkwatch/infra';
import { z } from 'zod';
import { articleBodySchema, parseArticleBody } from '../articles/article-body.js';
import { IngestArticle, type IngestResult } from '../articles/ingest-article.js';
import { INGESTOR_CONFIG, type IngestorConfig } from '../config.js';
import { PageFetcher } from './page-fetcher.js';

export const urlRequestSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048),
  title: z.string().trim().min(1).max(500).nullish(),
  publishedAt: z.string().max(64).nullish(),
  dateFallback: z.enum(['receivedAt'], { error: 'must be "receivedAt" when given' }).nullish(),
  source: articleBodySchema.shape.source,
});
export type UrlRequest = z.output<typeof urlRequestSchema>;

/** A POST /articles body that names a URL and carries no body: the page is to be fetched. */
export function isUrlRequest(input: unknown): boolean {
  return typeof input === 'object' && input !== null && !Array.isArray(input) && 'url' in input && !('body' in input);
}

export function parseUrlRequest(input: unknown): UrlRequest {
  const parsed = urlRequestSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
  throw new ProblemError(422, 'invalid-article', 'The article is not valid', errors.map((e) => `${e.field} ${e.message}`).join('; '), { errors });
}

export interface FetchedInfo {
  readonly url: string;
  readonly finalUrl: string;
  /** What the page's <link rel=canonical> names (absolute), or null. */
  readonly canonicalUrl: string | null;
  readonly byline: string | null;
  readonly siteName: string | null;
  readonly contentType: string | null;
  readonly charset: string;
}

export type UrlIngestResult = IngestResult & { readonly fetched: FetchedInfo };

@Injectable()
export class IngestUrl {
  constructor(
    private readonly pages: PageFetcher,
    private readonly ingest: IngestArticle,
    @Inject(INGESTOR_CONFIG) private readonly config: IngestorConfig,
  ) {}

  async execute(request: UrlRequest): Promise<UrlIngestResult> {
    const page = await this.pages.fetch(request.url);
    const article = parseArticleBody(
      {
        title: request.title ?? page.parts.title,
        url: page.finalUrl,
        publishedAt: request.publishedAt ?? page.parts.publishedAt,
        dateFallback: request.dateFallback ?? null,
        body: page.parts.body,
        source: request.source,
      },
      this.config.dateYears,
    );
    const result = await this.ingest.execute({ ...article, canonicalUrl: page.canonicalUrl });
    return {
      ...result,
      fetched: { url: request.url, finalUrl: page.finalUrl, canonicalUrl: page.canonicalUrl, byline: page.byline, siteName: page.siteName, contentType: page.contentType, charset: page.charset },
    };
  }
}

export class FetchedInfoDoc {
  @ApiProperty({ description: 'The URL asked for' }) url!: string;
  @ApiProperty({ description: 'Where the page was found, after redirects (the article\'s url)' }) finalUrl!: string;
  @ApiProperty({ nullable: true, type: String, description: 'What the page\'s <link rel=canonical> names, if anything' }) canonicalUrl!: string | null;
  @ApiProperty({ nullable: true, type: String }) byline!: string | null;
  @ApiProperty({ nullable: true, type: String }) siteName!: string | null;
  @ApiProperty({ nullable: true, type: String }) contentType!: string | null;
  @ApiProperty({ description: 'The character set the page was decoded from' }) charset!: string;
}

export class UrlRequestDoc {
  @ApiProperty({ example: 'https://example.org/2024/03/02/talks-resume' }) url!: string;
  @ApiPropertyOptional({ description: 'Overrides the page\'s title' }) title?: string;
  @ApiPropertyOptional({ description: 'Overrides the page\'s publication date' }) publishedAt?: string;
  @ApiPropertyOptional({ enum: ['receivedAt'] }) dateFallback?: 'receivedAt';
  @ApiPropertyOptional({ example: 'cli', description: 'Where the article comes from (letters, digits, . _ : -); absent: "api"' }) source?: string;
}
