// How many Server-Sent Events streams are open, per client address and in all: each holds a
// socket and a subscription for as long as the client likes, so both are capped.
import { Inject, Injectable } from '@nestjs/common';
import { ProblemError } from '@talkwatch/infra';
import { NOTIFIER_CONFIG, type NotifierConfig } from '../config.js';

@Injectable()
export class EventStreamLimiter {
  private readonly byClient = new Map<string, number>();
  private total = 0;

  constructor(@Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig) {}

  /**
   * Counts a new stream of `client` (its address), or refuses it: 429 too-many-streams beyond the
   * client's share, 503 stream-capacity-reached beyond the total. Returns the release, which may
   * be called more than once.
   */
  acquire(client: string): () => void {
    const { perClient, total } = this.config.eventStreams;
    const open = this.byClient.get(client) ?? 0;
    if (open >= perClient) {
      throw new ProblemError(429, 'too-many-streams', 'Too many event streams from this client', `At most ${perClient} streams per client address (EVENT_STREAMS_PER_CLIENT); close one first.`, undefined, { 'Retry-After': '10' });
    }
    if (this.total >= total) {
      throw new ProblemError(503, 'stream-capacity-reached', 'No event stream can be opened now', `All ${total} streams are in use (EVENT_STREAMS_MAX); try again later.`, undefined, { 'Retry-After': '10' });
    }
    this.byClient.set(client, open + 1);
    this.total += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total -= 1;
      const left = (this.byClient.get(client) ?? 1) - 1;
      if (left > 0) this.byClient.set(client, left);
      else this.byClient.delete(client);
    };
  }

  /** Streams open now (for tests and diagnostics). */
  get open(): number {
    return this.total;
  }
}
