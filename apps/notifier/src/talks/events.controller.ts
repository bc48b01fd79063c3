import { Controller, Query, Sse, type MessageEvent } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { filter, map, type Observable } from 'rxjs';
import { checkId, ProblemError } from '@talkwatch/infra';
import { ChangeFeed } from './change-feed.js';

@ApiTags('talks')
@Controller('events')
export class EventsController {
  constructor(private readonly feed: ChangeFeed) {}

  @Sse('stream')
  @ApiOperation({ summary: 'Server-Sent Events: every change (round.added, demand.added, ...) as it is projected.' })
  @ApiQuery({ name: 'trackId', required: false, description: 'Only changes of this track' })
  stream(@Query('trackId') trackIdParam?: unknown): Observable<MessageEvent> {
    if (trackIdParam !== undefined && typeof trackIdParam !== 'string') {
      throw new ProblemError(400, 'invalid-id', 'The track id is not valid', 'Give trackId once.');
    }
    const trackId = trackIdParam === undefined ? undefined : checkId(trackIdParam, 'track id');
    return this.feed.changes.pipe(
      filter((change) => !trackId || change.trackId === trackId),
      map((change) => ({ id: change.id, type: change.type, data: change })),
    );
  }
}
