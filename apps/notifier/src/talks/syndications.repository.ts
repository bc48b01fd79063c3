// The copies of source articles that other outlets ran, as the ingestor recorded them
// (article_syndications, in the same database): read beside the projected state so that a fact's
// sources name every outlet that carried its story. They are not on the event log; the ingestor
// owns them, as it owns the articles, and a read model rebuilt from the log shows them the same.
import { Inject, Injectable } from '@nestjs/common';
import type { PrismaClient } from '@talkwatch/infra';
import { PRISMA } from '../tokens.js';
import type { CopiesOf, SyndicatedCopy } from './talk-views.js';

/** Articles looked up per query: the sources of one page of tracks stay far below it. */
const MAX_ARTICLES = 5_000;

@Injectable()
export class SyndicationsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /**
   * The copies of these articles, oldest first. As of a date too, every copy counts: a source is
   * shown by when it was published, not received, and a copy runs the same story.
   */
  async copiesOf(articleIds: readonly string[]): Promise<CopiesOf> {
    const byArticle = new Map<string, SyndicatedCopy[]>();
    if (articleIds.length === 0) return () => [];
    for (let i = 0; i < articleIds.length; i += MAX_ARTICLES) {
      const rows = await this.prisma.articleSyndication.findMany({
        where: { articleId: { in: articleIds.slice(i, i + MAX_ARTICLES) } },
        select: { articleId: true, outlet: true, url: true, title: true, receivedAt: true },
        orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }],
      });
      for (const row of rows) {
        const copies = byArticle.get(row.articleId) ?? [];
        copies.push({ outlet: row.outlet, url: row.url, title: row.title, receivedAt: row.receivedAt.toISOString() });
        byArticle.set(row.articleId, copies);
      }
    }
    return (articleId) => byArticle.get(articleId) ?? [];
  }
}
