// Every Prisma call on feed sources and their items. A poller takes a due feed with a lease (an
// UPDATE of the one row it picked with FOR UPDATE SKIP LOCKED), so several ingestors sharing the
// database never poll one feed at once; a poller that died leaves a lease that simply runs out.
import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, PrismaClient } from '@talkwatch/infra';
import { PRISMA } from '../tokens.js';

export type FeedSource = Prisma.FeedSourceGetPayload<object>;
export type FeedItemRow = Prisma.FeedItemGetPayload<object>;

export interface NewFeedSource {
  readonly id: string;
  readonly url: string;
  readonly name: string | null;
  readonly intervalSeconds: number;
  readonly enabled: boolean;
  readonly origin: 'api' | 'file';
  readonly nextPollAt: Date;
}

/** What one poll found, written with the release of its lease. */
export type PollOutcome =
  | {
      readonly kind: 'success';
      readonly at: Date;
      readonly nextPollAt: Date;
      /** Undefined: keep the stored validators (a 304 answer). */
      readonly validators?: { readonly etag: string | null; readonly lastModified: string | null };
      readonly newItems: number;
      readonly ingested: number;
    }
  | { readonly kind: 'failure'; readonly at: Date; readonly nextPollAt: Date; readonly code: string; readonly message: string; readonly newItems: number; readonly ingested: number };

@Injectable()
export class SourcesRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** Creates it; undefined when a source with that URL exists already. */
  async create(source: NewFeedSource): Promise<FeedSource | undefined> {
    const rows = await this.prisma.feedSource.createManyAndReturn({ data: [{ ...source }], skipDuplicates: true });
    return rows[0];
  }

  /** A SOURCES_FILE entry: created, or its name, interval and enabled flag set from the file. */
  async upsertFromFile(source: NewFeedSource): Promise<void> {
    await this.prisma.feedSource.upsert({
      where: { url: source.url },
      create: { ...source },
      update: { name: source.name, intervalSeconds: source.intervalSeconds, enabled: source.enabled },
    });
  }

  list(): Promise<FeedSource[]> {
    return this.prisma.feedSource.findMany({ orderBy: { createdAt: 'asc' } });
  }

  async find(id: string): Promise<FeedSource | undefined> {
    return (await this.prisma.feedSource.findUnique({ where: { id } })) ?? undefined;
  }

  async update(id: string, change: { name?: string | null; intervalSeconds?: number; enabled?: boolean; nextPollAt?: Date }): Promise<FeedSource | undefined> {
    const { count } = await this.prisma.feedSource.updateMany({ where: { id }, data: change });
    return count === 0 ? undefined : this.find(id);
  }

  /** Removes it and its items; false when there was none. */
  async remove(id: string): Promise<boolean> {
    const { count } = await this.prisma.feedSource.deleteMany({ where: { id } });
    return count > 0;
  }

  /** Takes the feed due longest (enabled, not leased) until `leaseUntil`; undefined when none is due. */
  async claimDue(now: Date, leaseUntil: Date, owner: string): Promise<FeedSource | undefined> {
    const claimed = await this.prisma.$queryRaw<{ id: string }[]>`
      UPDATE feed_sources SET "leaseUntil" = ${leaseUntil}, "leaseOwner" = ${owner}, "lastPolledAt" = ${now}
      WHERE id = (
        SELECT id FROM feed_sources
        WHERE enabled AND "nextPollAt" <= ${now} AND ("leaseUntil" IS NULL OR "leaseUntil" < ${now})
        ORDER BY "nextPollAt" LIMIT 1
        FOR UPDATE SKIP LOCKED
      )
      RETURNING id`;
    const id = claimed[0]?.id;
    return id === undefined ? undefined : this.find(id);
  }

  /** Keeps the lease while a long poll goes on; false when it was lost (ran out, taken by another). */
  async renewLease(id: string, owner: string, leaseUntil: Date): Promise<boolean> {
    const { count } = await this.prisma.feedSource.updateMany({ where: { id, leaseOwner: owner }, data: { leaseUntil } });
    return count > 0;
  }

  /** Records the poll and releases the lease, if this poller still holds it. */
  async finishPoll(id: string, owner: string, outcome: PollOutcome): Promise<void> {
    const counts = { itemsSeen: { increment: outcome.newItems }, itemsIngested: { increment: outcome.ingested } };
    const release = { leaseUntil: null, leaseOwner: null, nextPollAt: outcome.nextPollAt };
    const data: Prisma.FeedSourceUpdateManyMutationInput =
      outcome.kind === 'success'
        ? { ...counts, ...release, ...(outcome.validators ?? {}), failures: 0, lastSuccessAt: outcome.at }
        : { ...counts, ...release, failures: { increment: 1 }, lastErrorAt: outcome.at, lastErrorCode: outcome.code, lastError: outcome.message };
    await this.prisma.feedSource.updateMany({ where: { id, leaseOwner: owner }, data });
  }

  async findItem(sourceId: string, itemKey: string): Promise<FeedItemRow | undefined> {
    return (await this.prisma.feedItem.findUnique({ where: { sourceId_itemKey: { sourceId, itemKey } } })) ?? undefined;
  }

  async recordItem(item: { sourceId: string; itemKey: string; url: string | null; status: 'ingested' | 'duplicate' | 'failed'; articleId: string | null; lastError: string | null; at: Date }): Promise<void> {
    const { sourceId, itemKey, at, ...rest } = item;
    await this.prisma.feedItem.upsert({
      where: { sourceId_itemKey: { sourceId, itemKey } },
      create: { sourceId, itemKey, ...rest, attempts: 1, firstSeenAt: at, updatedAt: at },
      update: { ...rest, attempts: { increment: 1 }, updatedAt: at },
    });
  }
}
