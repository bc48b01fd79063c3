import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { TrackChange } from '@talkwatch/domain';
import { checkId } from '@talkwatch/infra';
import { NOTIFIER_CONFIG, type NotifierConfig } from '../config.js';
import { ChangeDoc, TrackDetailDoc, TrackSummaryDoc } from './talk-docs.js';
import { TalksQuery, parseAsOf, type TrackDetail, type TrackSummary } from './talks.query.js';

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
  @ApiOperation({ summary: 'Every negotiation track with its status, last and next round.' })
  @ApiQuery(asOfDoc)
  @ApiOkResponse({ type: [TrackSummaryDoc] })
  list(@Query('asOf') asOf?: unknown): Promise<TrackSummary[]> {
    return this.talks.list(this.asOf(asOf));
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
