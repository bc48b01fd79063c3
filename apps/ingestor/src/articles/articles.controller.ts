import { Body, Controller, HttpStatus, Inject, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { RequireScope } from '@talkwatch/infra';
import type { Response } from 'express';
import { INGESTOR_CONFIG, type IngestorConfig } from '../config.js';
import { ArticleBodyDoc, IngestResultDoc, parseArticleBody } from './article-body.js';
import { IngestUrl, isUrlRequest, parseUrlRequest, type UrlIngestResult } from '../fetch/ingest-url.js';
import { IngestArticle, type IngestResult } from './ingest-article.js';

@ApiTags('articles')
@Controller('articles')
export class ArticlesController {
  constructor(
    private readonly ingest: IngestArticle,
    private readonly ingestUrl: IngestUrl,
    @Inject(INGESTOR_CONFIG) private readonly config: IngestorConfig,
  ) {}

  @Post()
  // Anyone able to post articles could forge news and have Talkwatch send signed alerts about it.
  @RequireScope('ingest')
  @ApiBearerAuth()
  @ApiUnauthorizedResponse({ description: 'problem+json, code unauthorized: no or an unknown API key' })
  @ApiForbiddenResponse({ description: 'problem+json, code forbidden: the key lacks the ingest scope' })
  @ApiOperation({
    summary: 'Submit an article; its facts are extracted and published to the event log.',
    description: 'Either the article itself ({title, url, publishedAt, body}) or only {url}: the page is then fetched and its article read (title, body, date, byline).',
  })
  @ApiBody({ type: ArticleBodyDoc })
  @ApiAcceptedResponse({ type: IngestResultDoc, description: 'New article: events published.' })
  @ApiOkResponse({ type: IngestResultDoc, description: 'Already ingested: nothing published.' })
  async post(@Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<IngestResult | UrlIngestResult> {
    const result = isUrlRequest(body) ? await this.ingestUrl.execute(parseUrlRequest(body)) : await this.ingest.execute(parseArticleBody(body, this.config.dateYears));
    res.status(result.status === 'accepted' ? HttpStatus.ACCEPTED : HttpStatus.OK);
    return result;
  }
}
