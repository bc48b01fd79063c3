// Every Prisma call of the outbox relay: entries due, claimed with a lease, marked sent together
// with their article. (The entry itself is written with its article, in ArticlesRepository.)
import { Inject, Injectable } from '@nestjs/common';
import type { LogRecord, PrismaClient } from '@talkwatch/infra';
import { PRISMA } from '../tokens.js';

export interface OutboxEntry {
  readonly id: bigint;
  readonly articleId: string;
  readonly records: readonly LogRecord[];
  readonly attempts: number;
  readonly claimedUntil: Date | null;
}

@Injectable()
export class ArticleOutboxRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** Unsent entries nobody holds (never claimed, or their lease ran out), oldest first. */
  async due(now: Date, limit: number): Promise<OutboxEntry[]> {
    const rows = await this.prisma.articleOutbox.findMany({
      where: { sentAt: null, OR: [{ claimedUntil: null }, { claimedUntil: { lte: now } }] },
      orderBy: { id: 'asc' },
      take: limit,
    });
    // The records column holds exactly what toLogRecord made when the article was stored.
    return rows.map((r) => ({ id: r.id, articleId: r.articleId, records: r.records as unknown as LogRecord[], attempts: r.attempts, claimedUntil: r.claimedUntil }));
  }

  /** Takes the entry until `leaseUntil`; false when another relay took it first. */
  async claim(entry: OutboxEntry, leaseUntil: Date): Promise<boolean> {
    const { count } = await this.prisma.articleOutbox.updateMany({
      where: { id: entry.id, sentAt: null, claimedUntil: entry.claimedUntil },
      data: { claimedUntil: leaseUntil, attempts: { increment: 1 } },
    });
    return count === 1;
  }

  /** The entry's records are in the log: it is sent and its article published, in one transaction. */
  async markSent(entry: OutboxEntry, at: Date): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.articleOutbox.update({ where: { id: entry.id }, data: { sentAt: at, claimedUntil: null, lastError: null } }),
      this.prisma.article.update({ where: { id: entry.articleId }, data: { loggedAt: at } }),
    ]);
  }

  /** The append failed: kept for another try at `retryAt`. */
  async recordFailure(entry: OutboxEntry, error: string, retryAt: Date): Promise<void> {
    await this.prisma.articleOutbox.update({ where: { id: entry.id }, data: { lastError: error.slice(0, 1000), claimedUntil: retryAt } });
  }

  async pendingCount(): Promise<number> {
    return this.prisma.articleOutbox.count({ where: { sentAt: null } });
  }
}
