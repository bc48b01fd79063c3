import { Body, Controller, HttpStatus, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ArticleBodyDoc, IngestResultDoc, parseArticleBody } from './article-body.js';
import { IngestArticle, type IngestResult } from './ingest-article.js';

@ApiTags('articles')
@Controller('articles')
export class ArticlesController {
  constructor(private readonly ingest: IngestArticle) {}

  @Post()
  @ApiOperation({ summary: 'Submit an article; its facts are extracted and published to the event log.' })
  @ApiBody({ type: ArticleBodyDoc })
  @ApiAcceptedResponse({ type: IngestResultDoc, description: 'New article: events published.' })
  @ApiOkResponse({ type: IngestResultDoc, description: 'Already ingested: nothing published.' })
  async post(@Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<IngestResult> {
    const result = await this.ingest.execute(parseArticleBody(body));
    res.status(result.status === 'accepted' ? HttpStatus.ACCEPTED : HttpStatus.OK);
    return result;
  }
}
