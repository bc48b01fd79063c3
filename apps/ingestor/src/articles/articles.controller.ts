import { Body, Controller, Get, HttpStatus, Inject, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Metrics, ProblemError, RequireScope, checkId } from '@talkwatch/infra';
import type { Response } from 'express';
import { z } from 'zod';
import { INGESTOR_CONFIG, type IngestorConfig } from '../config.js';
import { ArticleBodyDoc, IngestResultDoc, parseArticleBody } from './article-body.js';
import { IngestUrl, isUrlRequest, parseUrlRequest, type UrlIngestResult } from '../fetch/ingest-url.js';
import { ArticlesQuery, decodeCursor, type ArticleDetail, type ArticlePage } from './articles.query.js';
import { IngestArticle, type IngestResult } from './ingest-article.js';
import { countIntake } from './intake-metrics.js';

const MAX_PAGE = 200;

const listQuerySchema = z.object({
  source: z.string().min(1).max(200).optional(),
  since: z.union([z.iso.datetime({ offset: true }), z.iso.date()], { error: 'must be an ISO 8601 date or date-time' }).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
  cursor: z.string().min(1).max(300).optional(),
});

function parseListQuery(query: unknown) {
  const result = listQuerySchema.safeParse(query);
  if (!result.success) {
    const errors = result.error.issues.map((i) => ({ field: i.path.join('.') || '(query)', message: i.message }));
    throw new ProblemError(400, 'invalid-query', 'The query is not valid', errors.map((e) => `${e.field} ${e.message}`).join('; '), { errors });
  }
  const { source, since, limit, cursor } = result.data;
  return { filter: { source, since: since === undefined ? undefined : new Date(since) }, limit, cursor: cursor === undefined ? undefined : decodeCursor(cursor) };
}

@ApiTags('articles')
@Controller('articles')
export class ArticlesController {
  constructor(
    private readonly ingest: IngestArticle,
    private readonly ingestUrl: IngestUrl,
    private readonly query: ArticlesQuery,
    @Inject(INGESTOR_CONFIG) private readonly config: IngestorConfig,
    private readonly metrics: Metrics,
  ) {}

  @Post()
  // Anyone able to post articles could forge news and have Talkwatch send signed alerts about it.
  @RequireScope('ingest')
  @ApiBearerAuth()
  @ApiUnauthorizedResponse({ description: 'problem+json, code unauthorized: no or an unknown API key' })
  @ApiForbiddenResponse({ description: 'problem+json, code forbidden: the key lacks the ingest scope' })
  @ApiOperation({
    summary: 'Submit an article: stored with its extracted facts, which the outbox relay publishes to the event log.',
    description: 'Either the article itself ({title, url, publishedAt, body}) or only {url}: the page is then fetched and its article read (title, body, date, byline).',
  })
  @ApiBody({ type: ArticleBodyDoc })
  @ApiAcceptedResponse({ type: IngestResultDoc, description: 'New article: stored, its events committed to the outbox.' })
  @ApiOkResponse({ type: IngestResultDoc, description: 'Already taken (same content, same canonical URL, or a near-duplicate copy): duplicateOf names it; nothing published.' })
  async post(@Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<IngestResult | UrlIngestResult> {
    const result = isUrlRequest(body)
      ? await countIntake(this.metrics, 'url', () => this.ingestUrl.execute(parseUrlRequest(body)))
      : await countIntake(this.metrics, 'api', () => this.ingest.execute(parseArticleBody(body, this.config.dateYears)));
    res.status(result.status === 'accepted' ? HttpStatus.ACCEPTED : HttpStatus.OK);
    return result;
  }

  @Get()
  @ApiOperation({ summary: 'The articles taken in, newest first, a page at a time, with counts for the filter.' })
  @ApiQuery({ name: 'source', required: false, description: 'Only articles that came in through this source ("api", "cli", ...)' })
  @ApiQuery({ name: 'since', required: false, description: 'ISO 8601 date or date-time: only articles received since' })
  @ApiQuery({ name: 'limit', required: false, description: `Page size, 1–${MAX_PAGE} (default 50)` })
  @ApiQuery({ name: 'cursor', required: false, description: 'The `next` of the previous page' })
  list(@Query() query: unknown): Promise<ArticlePage> {
    const { filter, limit, cursor } = parseListQuery(query);
    return this.query.list(filter, cursor, limit);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One article: its status (stored, extracted, published), the facts it gave, its syndicated copies.' })
  @ApiNotFoundResponse({ description: 'problem+json, code article-not-found' })
  get(@Param('id') id: string): Promise<ArticleDetail> {
    return this.query.get(checkId(id, 'article id'));
  }
}
