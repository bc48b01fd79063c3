import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { TrackChange } from '@talkwatch/domain';
import { checkId } from '@talkwatch/infra';
import { NOTIFIER_CONFIG, type NotifierConfig } from '../config.js';
import { ChangeDoc, TrackDetailDoc, TrackSummaryDoc } from './talk-docs.js';
import type { Request, Response } from 'express';
import { TalksQuery, maxPageSize, parseAsOf, parsePage, type TrackDetail, type TrackSummary } from './talks.query.js';

const asOfDoc = { name: 'asOf', required: false, description: 'YYYY-MM-DD: what was known then (facts reported up to that day)' };

@ApiTags('talks')
@Controller('talks')
export class TalksController {
  constructor(
    private readonly talks: TalksQuery,
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
  ) {}

  private asOf(asOf: unknown): Date | undefined {
    return parseAsOf(asOf, this.config.dateYears);
  }

  @Get()
  @ApiOperation({
    summary: 'Negotiation tracks with their status, last and next round, most recently updated first.',
    description:
      'Paged: at most `limit` tracks; when there are more, a `Link: <…>; rel="next"` header gives the next page. ' +
      'With asOf, every track as it stood then (not paged). Answers carry an ETag; send it back in If-None-Match for a 304.',
  })
  @ApiQuery(asOfDoc)
  @ApiQuery({ name: 'limit', required: false, description: `Tracks per page, 1 to ${maxPageSize} (default 100)` })
  @ApiQuery({ name: 'cursor', required: false, description: 'The next page, as the previous answer\'s Link rel="next" gives it' })
  @ApiQuery({ name: 'party', required: false, description: 'Only tracks with this party (e.g. Russia)' })
  @ApiQuery({ name: 'status', required: false, description: 'Only tracks with this status: proposed, active, paused, concluded, collapsed' })
  @ApiOkResponse({ type: [TrackSummaryDoc] })
  async list(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Query('asOf') asOf?: unknown,
    @Query('limit') limit?: unknown,
    @Query('cursor') cursor?: unknown,
    @Query('party') party?: unknown,
    @Query('status') status?: unknown,
  ): Promise<TrackSummary[]> {
    const page = await this.talks.list(parsePage({ limit, cursor, party, status }), this.asOf(asOf));
    if (page.nextCursor !== undefined) {
      const next = new URLSearchParams(Object.entries({ limit, party, status }).filter((e): e is [string, string] => typeof e[1] === 'string'));
      next.set('cursor', page.nextCursor);
      res.setHeader('Link', `<${req.baseUrl}${req.path}?${next.toString()}>; rel="next"`);
    }
    return page.items;
  }

  @Get(':id')
  @ApiOperation({ summary: 'One track: rounds, demands and responses, each with its source articles and sentences.' })
  @ApiQuery(asOfDoc)
  @ApiOkResponse({ type: TrackDetailDoc })
  @ApiNotFoundResponse({ description: 'problem+json, code track-not-found' })
  get(@Param('id') id: string, @Query('asOf') asOf?: unknown): Promise<TrackDetail> {
    return this.talks.get(checkId(id, 'track id'), this.asOf(asOf));
  }

  @Get(':id/timeline')
  @ApiOperation({ summary: 'Every change of the track, newest first.' })
  @ApiQuery(asOfDoc)
  @ApiOkResponse({ type: [ChangeDoc] })
  @ApiNotFoundResponse({ description: 'problem+json, code track-not-found' })
  timeline(@Param('id') id: string, @Query('asOf') asOf?: unknown): Promise<TrackChange[]> {
    return this.talks.timeline(checkId(id, 'track id'), this.asOf(asOf));
  }
}
