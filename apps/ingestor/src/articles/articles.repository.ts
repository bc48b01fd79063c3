// Every accepted article, raw, in Postgres: the durable record that makes ingest idempotent.
import { Inject, Injectable } from '@nestjs/common';
import type { FactEvent } from '@talkwatch/domain';
import { Prisma, type LogRecord, type PrismaClient } from '@talkwatch/infra';
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
  /** null for rows stored before it was kept, and for articles without a URL. */
  readonly canonicalUrl: string | null;
  readonly outlet: string | null;
  readonly source: string;
  readonly language: string | null;
  /** "unsupported-language": kept without being extracted; null: extracted. */
  readonly skippedReason: string | null;
}

/** A new article as the ingest use case stores it, with its fingerprint. */
export type NewArticle = Omit<StoredArticle, 'loggedAt' | 'events' | 'revision'> & {
  readonly events: readonly FactEvent[];
  readonly fingerprint: readonly number[];
  readonly fingerprintBands: readonly string[];
};

/** A copy of a stored article on another outlet. */
export interface Syndication {
  readonly id: string;
  readonly articleId: string;
  readonly url: string | null;
  readonly canonicalUrl: string | null;
  readonly outlet: string | null;
  readonly title: string;
  readonly source: string;
  readonly similarity: number;
  readonly receivedAt: Date;
}

export interface ArticleListFilter {
  readonly source: string | undefined;
  /** Received on or after. */
  readonly since: Date | undefined;
}

export interface ArticleListCursor {
  readonly receivedAt: Date;
  readonly id: string;
}

export type ArticleListRow = Pick<StoredArticle, 'id' | 'title' | 'url' | 'canonicalUrl' | 'outlet' | 'source' | 'language' | 'skippedReason' | 'publishedAt' | 'receivedAt' | 'loggedAt' | 'eventCount'> & {
  readonly syndicationCount: number;
};

export interface ArticleCounts {
  readonly total: number;
  readonly published: number;
  readonly unsupportedLanguage: number;
  readonly syndications: number;
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

  async findByCanonicalUrl(canonicalUrl: string): Promise<StoredArticle | null> {
    return this.prisma.article.findUnique({ where: { canonicalUrl } });
  }

  /**
   * Stores a new article and, when it has records to publish (null: kept without extraction), its
   * outbox entry, in one transaction: once this returns true the article is durable and will reach
   * the log. false: an article with the same id or canonical URL was stored first (nothing written).
   */
  async storeWithOutbox(article: NewArticle, records: readonly LogRecord[] | null): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.article.createMany({
        data: [{ ...article, events: toJson(article.events), fingerprint: [...article.fingerprint], fingerprintBands: [...article.fingerprintBands], revision: 0, loggedAt: null }],
        skipDuplicates: true,
      });
      if (count === 0) return false;
      if (records !== null) await tx.articleOutbox.create({ data: { articleId: article.id, records: toJsonRecords(records) } });
      return true;
    });
  }

  /**
   * An article stored unpublished before the outbox existed (a crash between store and publish)
   * gets its entry now; one that has an entry keeps it. True when an entry is now waiting.
   */
  async ensureOutbox(id: string, records: readonly LogRecord[]): Promise<boolean> {
    const { count } = await this.prisma.articleOutbox.createMany({ data: [{ articleId: id, records: toJsonRecords(records) }], skipDuplicates: true });
    return count === 1;
  }

  async findSyndication(id: string): Promise<Syndication | null> {
    return this.prisma.articleSyndication.findUnique({ where: { id } });
  }

  async findSyndicationByCanonicalUrl(canonicalUrl: string): Promise<Syndication | null> {
    return this.prisma.articleSyndication.findUnique({ where: { canonicalUrl } });
  }

  /** Records a copy unless it (its id or canonical URL) is recorded already. */
  async storeSyndication(syndication: Syndication): Promise<void> {
    await this.prisma.articleSyndication.createMany({ data: [syndication], skipDuplicates: true });
  }

  /** Articles sharing a fingerprint band with these: near-duplicate candidates, oldest first. */
  async fingerprintCandidates(bands: readonly string[], limit: number): Promise<{ readonly id: string; readonly signature: readonly number[] }[]> {
    const rows = await this.prisma.article.findMany({
      where: { fingerprintBands: { hasSome: [...bands] } },
      select: { id: true, fingerprint: true },
      orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }],
      take: limit,
    });
    return rows.map((r) => ({ id: r.id, signature: r.fingerprint }));
  }

  /** A stored article's MinHash signature (empty: too short to compare, or no such article). */
  async fingerprintOfArticle(id: string): Promise<readonly number[]> {
    const row = await this.prisma.article.findUnique({ where: { id }, select: { fingerprint: true } });
    return row?.fingerprint ?? [];
  }

  async syndicationsOf(articleId: string): Promise<Syndication[]> {
    return this.prisma.articleSyndication.findMany({ where: { articleId }, orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }] });
  }

  /** Whether the article's events wait in the outbox (and what went wrong last), or null without an entry. */
  async outboxOf(articleId: string): Promise<{ readonly sentAt: Date | null; readonly attempts: number; readonly lastError: string | null } | null> {
    return this.prisma.articleOutbox.findUnique({ where: { articleId }, select: { sentAt: true, attempts: true, lastError: true } });
  }

  /** One page of articles, newest received first, after the cursor. */
  async list(filter: ArticleListFilter, after: ArticleListCursor | undefined, size: number): Promise<ArticleListRow[]> {
    const rows = await this.prisma.article.findMany({
      where: { AND: [listWhere(filter), after ? { OR: [{ receivedAt: { lt: after.receivedAt } }, { receivedAt: after.receivedAt, id: { lt: after.id } }] } : {}] },
      orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
      take: size,
      select: {
        id: true,
        title: true,
        url: true,
        canonicalUrl: true,
        outlet: true,
        source: true,
        language: true,
        skippedReason: true,
        publishedAt: true,
        receivedAt: true,
        loggedAt: true,
        eventCount: true,
        _count: { select: { syndications: true } },
      },
    });
    return rows.map(({ _count, ...row }) => ({ ...row, syndicationCount: _count.syndications }));
  }

  async counts(filter: ArticleListFilter): Promise<ArticleCounts> {
    const where = listWhere(filter);
    const [total, published, unsupportedLanguage, syndications] = await Promise.all([
      this.prisma.article.count({ where }),
      this.prisma.article.count({ where: { AND: [where, { loggedAt: { not: null } }] } }),
      this.prisma.article.count({ where: { AND: [where, { skippedReason: 'unsupported-language' }] } }),
      this.prisma.articleSyndication.count({
        where: { ...(filter.source !== undefined ? { source: filter.source } : {}), ...(filter.since ? { receivedAt: { gte: filter.since } } : {}) },
      }),
    ]);
    return { total, published, unsupportedLanguage, syndications };
  }

  /** Per source label, how many of its articles were kept without extraction for their language (labels without any: absent). */
  async unsupportedLanguageBySource(labels: readonly string[]): Promise<Map<string, number>> {
    if (labels.length === 0) return new Map();
    const rows = await this.prisma.article.groupBy({ by: ['source'], where: { source: { in: [...labels] }, skippedReason: 'unsupported-language' }, _count: { _all: true } });
    return new Map(rows.map((r) => [r.source, r._count._all]));
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

const toJsonRecords = (records: readonly LogRecord[]): Prisma.InputJsonValue => JSON.parse(JSON.stringify(records)) as Prisma.InputJsonValue;

function listWhere(filter: ArticleListFilter): Prisma.ArticleWhereInput {
  return { ...(filter.source !== undefined ? { source: filter.source } : {}), ...(filter.since ? { receivedAt: { gte: filter.since } } : {}) };
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
