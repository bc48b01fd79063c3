import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { TrackState } from '@talkwatch/domain';
import { TalksQuery, type TrackSummary } from './talks.query.js';

@ApiTags('talks')
@Controller('talks')
export class TalksController {
  constructor(private readonly talks: TalksQuery) {}

  @Get()
  @ApiOperation({ summary: 'Every negotiation track with its status, last and next round.' })
  list(): Promise<TrackSummary[]> {
    return this.talks.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One track: rounds and demands with their source articles.' })
  get(@Param('id') id: string): Promise<TrackState & { responses: unknown[] }> {
    return this.talks.get(id);
  }

  @Get(':id/timeline')
  @ApiOperation({ summary: 'Every change of the track, newest first.' })
  timeline(@Param('id') id: string): Promise<unknown[]> {
    return this.talks.timeline(id);
  }
}
