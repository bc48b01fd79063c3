// Every accepted article, raw, in Postgres: the durable record that makes ingest idempotent.
import { Inject, Injectable } from '@nestjs/common';
import type { FactEvent } from '@talkwatch/domain';
import { Prisma, type PrismaClient } from '@talkwatch/infra';
import { PRISMA } from '../tokens.js';

export interface StoredArticle {
  readonly id: string;
  readonly url: string | null;
  readonly title: string;
  /** null: the article gives no publication date. */
  readonly publishedAt: Date | null;
  /** The publication time as received; null for undated articles and for rows stored before it was kept. */
  readonly publishedAtText: string | null;
  /** "receivedAt" when receivedAt stands for a missing publication date (then it is publishedAt). */
  readonly dateFallback: string | null;
  readonly body: string;
  readonly contentHash: string;
  readonly extractorVersion: string;
  readonly eventCount: number;
  /** The fact events standing for the article (validated by readers); null for rows stored before they were kept. */
  readonly events: Prisma.JsonValue | null;
  readonly revision: number;
  readonly receivedAt: Date;
  readonly loggedAt: Date | null;
}

/** What a re-extraction changes on the stored article. */
export interface ArticleReading {
  readonly events: readonly FactEvent[];
  readonly extractorVersion: string;
  readonly revision: number;
}

const toJson = (events: readonly FactEvent[]): Prisma.InputJsonValue => JSON.parse(JSON.stringify(events)) as Prisma.InputJsonValue;

@Injectable()
export class ArticlesRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async find(id: string): Promise<StoredArticle | null> {
    return this.prisma.article.findUnique({ where: { id } });
  }

  /** Inserts the article unless it is already stored; returns the stored row either way. */
  async insertOnce(article: Omit<StoredArticle, 'loggedAt' | 'events' | 'revision'> & { readonly events: readonly FactEvent[] }): Promise<StoredArticle> {
    await this.prisma.article.createMany({ data: [{ ...article, events: toJson(article.events), revision: 0, loggedAt: null }], skipDuplicates: true });
    const stored = await this.find(article.id);
    if (!stored) throw new Error(`article ${article.id} vanished after insert`);
    return stored;
  }

  async markLogged(id: string, at: Date): Promise<void> {
    await this.prisma.article.update({ where: { id }, data: { loggedAt: at } });
  }

  /** Logged articles published (undated ones: received) on or after `since`. */
  async countLogged(since: Date | undefined): Promise<number> {
    return this.prisma.article.count({ where: loggedSince(since) });
  }

  /**
   * One page of logged articles published (undated ones: received) on or after `since`, after the
   * cursor: in publication order, undated articles last.
   */
  async pageLogged(since: Date | undefined, after: { publishedAt: Date | null; id: string } | undefined, size: number): Promise<StoredArticle[]> {
    return this.prisma.article.findMany({
      where: { AND: [loggedSince(since), after ? pastCursor(after) : {}] },
      orderBy: [{ publishedAt: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
      take: size,
    });
  }

  /** Ids of logged articles stored before they kept their events. */
  async idsWithoutEvents(since: Date | undefined): Promise<string[]> {
    const rows = await this.prisma.article.findMany({ where: { AND: [loggedSince(since), { events: { equals: Prisma.DbNull } }] }, select: { id: true } });
    return rows.map((r) => r.id);
  }

  async saveReading(id: string, reading: ArticleReading): Promise<void> {
    await this.prisma.article.update({
      where: { id },
      data: { events: toJson(reading.events), eventCount: reading.events.length, extractorVersion: reading.extractorVersion, revision: reading.revision },
    });
  }
}

function loggedSince(since: Date | undefined): Prisma.ArticleWhereInput {
  if (!since) return { loggedAt: { not: null } };
  return { loggedAt: { not: null }, OR: [{ publishedAt: { gte: since } }, { publishedAt: null, receivedAt: { gte: since } }] };
}

/** The rows after `after` in the order of pageLogged (publication time, undated last, then id). */
function pastCursor(after: { publishedAt: Date | null; id: string }): Prisma.ArticleWhereInput {
  if (after.publishedAt === null) return { publishedAt: null, id: { gt: after.id } };
  return { OR: [{ publishedAt: { gt: after.publishedAt } }, { publishedAt: after.publishedAt, id: { gt: after.id } }, { publishedAt: null }] };
}
