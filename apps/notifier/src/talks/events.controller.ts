import { Controller, Query, Sse, type MessageEvent } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { filter, map, type Observable } from 'rxjs';
import { ChangeFeed } from './change-feed.js';

@ApiTags('talks')
@Controller('events')
export class EventsController {
  constructor(private readonly feed: ChangeFeed) {}

  @Sse('stream')
  @ApiOperation({ summary: 'Server-Sent Events: every change (round.added, demand.added, ...) as it is projected.' })
  @ApiQuery({ name: 'trackId', required: false, description: 'Only changes of this track' })
  stream(@Query('trackId') trackId?: string): Observable<MessageEvent> {
    return this.feed.changes.pipe(
      filter((change) => !trackId || change.trackId === trackId),
      map((change) => ({ id: change.id, type: change.type, data: change })),
    );
  }
}
