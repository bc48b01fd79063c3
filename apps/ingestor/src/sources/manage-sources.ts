// Use cases of the sources API: add, change and remove a feed. Adding checks the URL with the SSRF
// guard at once (as webhooks are), so a feed aimed at a private address is refused when it is
// given rather than failing at every poll.
import { Inject, Injectable } from '@nestjs/common';
import { OutboundGuard, OutboundRefused, ProblemError } from '@talkwatch/infra';
import { INGESTOR_CONFIG, type IngestorConfig } from '../config.js';
import { CLOCK, type Clock } from '../tokens.js';
import { FeedPoller } from './feed-poller.js';
import { defaultIntervalSeconds, type NewSourceSettings, type SourcePatch } from './source-settings.js';
import { sourceIdOf, type SourceView } from './source-view.js';
import { SourcesQuery } from './sources.query.js';
import { SourcesRepository } from './sources.repository.js';

function notFound(id: string): ProblemError {
  return new ProblemError(404, 'source-not-found', 'No such source', id);
}

@Injectable()
export class AddSource {
  private readonly guard: OutboundGuard;

  constructor(
    private readonly sources: SourcesRepository,
    private readonly views: SourcesQuery,
    private readonly poller: FeedPoller,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(INGESTOR_CONFIG) config: IngestorConfig,
  ) {
    this.guard = new OutboundGuard(config.outbound.allowlist);
  }

  async execute(settings: NewSourceSettings): Promise<SourceView> {
    try {
      await this.guard.check(settings.url);
    } catch (error) {
      if (!(error instanceof OutboundRefused)) throw error;
      throw error.reason === 'unresolvable'
        ? new ProblemError(422, 'url-unresolvable', 'The feed\'s host does not resolve', settings.url)
        : new ProblemError(422, 'url-forbidden', 'The feed URL may not be fetched', `${settings.url}: only public http(s) addresses are fetched (OUTBOUND_ALLOWLIST names exceptions)`);
    }
    const id = sourceIdOf(settings.url);
    const created = await this.sources.create({
      id,
      url: settings.url,
      name: settings.name ?? null,
      intervalSeconds: settings.interval ?? defaultIntervalSeconds,
      enabled: settings.enabled,
      origin: 'api',
      nextPollAt: this.clock(),
    });
    if (!created) throw new ProblemError(409, 'source-exists', 'This feed is a source already', settings.url, { id });
    this.poller.nudge();
    // A feed removed and added again has its id again (ids follow URLs), and its articles with it.
    return this.views.viewOf(created);
  }
}

@Injectable()
export class UpdateSource {
  constructor(
    private readonly sources: SourcesRepository,
    private readonly views: SourcesQuery,
    private readonly poller: FeedPoller,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(id: string, patch: SourcePatch): Promise<SourceView> {
    const existing = await this.sources.find(id);
    if (!existing) throw notFound(id);
    // Enabled again: polled at once rather than after a backoff it may have been in.
    const reenabled = patch.enabled === true && !existing.enabled;
    const updated = await this.sources.update(id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.interval !== undefined ? { intervalSeconds: patch.interval } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
      ...(reenabled ? { nextPollAt: this.clock() } : {}),
    });
    if (!updated) throw notFound(id);
    if (reenabled) this.poller.nudge();
    return this.views.viewOf(updated);
  }
}

@Injectable()
export class RemoveSource {
  constructor(private readonly sources: SourcesRepository) {}

  /** Its articles stay; its record of items taken goes with it. */
  async execute(id: string): Promise<void> {
    if (!(await this.sources.remove(id))) throw notFound(id);
  }
}
