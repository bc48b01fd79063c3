import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { TrackChange } from '@talkwatch/domain';
import { TalksQuery, parseAsOf, type TrackDetail, type TrackSummary } from './talks.query.js';

const asOfDoc = { name: 'asOf', required: false, description: 'YYYY-MM-DD: what was known then (facts reported up to that day)' };

@ApiTags('talks')
@Controller('talks')
export class TalksController {
  constructor(private readonly talks: TalksQuery) {}

  @Get()
  @ApiOperation({ summary: 'Every negotiation track with its status, last and next round.' })
  @ApiQuery(asOfDoc)
  list(@Query('asOf') asOf?: string): Promise<TrackSummary[]> {
    return this.talks.list(parseAsOf(asOf));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One track: rounds and demands with their source articles.' })
  @ApiQuery(asOfDoc)
  get(@Param('id') id: string, @Query('asOf') asOf?: string): Promise<TrackDetail> {
    return this.talks.get(id, parseAsOf(asOf));
  }

  @Get(':id/timeline')
  @ApiOperation({ summary: 'Every change of the track, newest first.' })
  @ApiQuery(asOfDoc)
  timeline(@Param('id') id: string, @Query('asOf') asOf?: string): Promise<TrackChange[]> {
    return this.talks.timeline(id, parseAsOf(asOf));
  }
}
