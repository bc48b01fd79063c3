// Polls the feeds that are due, one at a time per instance, each under a lease in PostgreSQL (so
// several ingestors may run: a feed is polled by one of them at a time). At boot it writes the
// SOURCES_FILE feeds into the table. Passes never overlap; shutdown waits for the one running.
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { INGESTOR_CONFIG, type IngestorConfig } from '../config.js';
import { CLOCK, type Clock } from '../tokens.js';
import { PollFeed } from './poll-feed.js';
import { sourceIdOf } from './source-view.js';
import { defaultIntervalSeconds } from './source-settings.js';
import { SourcesRepository } from './sources.repository.js';

/** Longer than one feed fetch and one item's page fetch and extraction; renewed after each item. */
const leaseMs = 5 * 60_000;

@Injectable()
export class FeedPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Sources');
  /** This instance, as lease owner. */
  readonly owner = `poller-${randomUUID()}`;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    @Inject(INGESTOR_CONFIG) private readonly config: IngestorConfig,
    private readonly sources: SourcesRepository,
    private readonly pollFeed: PollFeed,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const file = this.config.sources.file;
    if (file) {
      const now = this.clock();
      for (const source of file.sources) {
        await this.sources.upsertFromFile({
          id: sourceIdOf(source.url),
          url: source.url,
          name: source.name ?? null,
          intervalSeconds: source.interval ?? defaultIntervalSeconds,
          enabled: source.enabled,
          origin: 'file',
          nextPollAt: now,
        });
      }
      this.logger.log(`${file.sources.length} feed source(s) from ${file.path}`);
    }
    if (!this.config.sources.polling) return;
    this.timer = setInterval(() => {
      this.nudge();
    }, this.config.sources.tickMs);
    this.nudge();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Asks for a pass soon (a source was added or enabled); passes never overlap. */
  nudge(): void {
    if (this.stopped || !this.config.sources.polling) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(() => undefined)
      .catch((error: unknown) => {
        this.logger.error(`feed polling pass failed: ${error instanceof Error ? error.message : String(error)}`);
      })
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.nudge();
        }
      });
  }

  /** Polls due feeds until none is due. Exposed for tests. */
  async drain(): Promise<number> {
    let polled = 0;
    while (!this.stopped) {
      const now = this.clock();
      const source = await this.sources.claimDue(now, new Date(now.getTime() + leaseMs), this.owner);
      if (!source) break;
      polled += 1;
      await this.pollFeed.execute(source, this.owner, () => this.sources.renewLease(source.id, this.owner, new Date(this.clock().getTime() + leaseMs)));
    }
    return polled;
  }
}
