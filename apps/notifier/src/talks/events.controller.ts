import { Controller, Query, Req, Sse, type MessageEvent } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { filter, finalize, map, type Observable } from 'rxjs';
import { checkId, ProblemError } from '@talkwatch/infra';
import { ChangeFeed } from './change-feed.js';
import { EventStreamLimiter } from './event-stream-limiter.js';

@ApiTags('talks')
@Controller('events')
export class EventsController {
  constructor(
    private readonly feed: ChangeFeed,
    private readonly limiter: EventStreamLimiter,
  ) {}

  @Sse('stream')
  @ApiOperation({ summary: 'Server-Sent Events: every change (round.added, demand.added, ...) as it is projected.' })
  @ApiQuery({ name: 'trackId', required: false, description: 'Only changes of this track' })
  @ApiResponse({ status: 429, description: 'problem+json, code too-many-streams: EVENT_STREAMS_PER_CLIENT streams from this address are open' })
  @ApiResponse({ status: 503, description: 'problem+json, code stream-capacity-reached: EVENT_STREAMS_MAX streams are open' })
  stream(@Req() request: Request, @Query('trackId') trackIdParam?: unknown): Observable<MessageEvent> {
    if (trackIdParam !== undefined && typeof trackIdParam !== 'string') {
      throw new ProblemError(400, 'invalid-id', 'The track id is not valid', 'Give trackId once.');
    }
    const trackId = trackIdParam === undefined ? undefined : checkId(trackIdParam, 'track id');
    // Counted by the socket's address: behind a proxy, every client shares the proxy's.
    const release = this.limiter.acquire(request.socket.remoteAddress ?? 'unknown');
    // Nest unsubscribes when the client leaves; the response's close covers a stream never subscribed.
    request.res?.once('close', release);
    return this.feed.changes.pipe(
      filter((change) => !trackId || change.trackId === trackId),
      map((change) => ({ id: change.id, type: change.type, data: change })),
      finalize(release),
    );
  }
}
