// Every accepted article, raw, in Postgres: the durable record that makes ingest idempotent.
import { Inject, Injectable } from '@nestjs/common';
import type { PrismaClient } from '@talkwatch/infra';
import { PRISMA } from '../tokens.js';

export interface StoredArticle {
  readonly id: string;
  readonly url: string | null;
  readonly title: string;
  readonly publishedAt: Date;
  readonly body: string;
  readonly contentHash: string;
  readonly extractorVersion: string;
  readonly eventCount: number;
  readonly receivedAt: Date;
  readonly loggedAt: Date | null;
}

@Injectable()
export class ArticlesRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async find(id: string): Promise<StoredArticle | null> {
    return this.prisma.article.findUnique({ where: { id } });
  }

  /** Inserts the article unless it is already stored; returns the stored row either way. */
  async insertOnce(article: Omit<StoredArticle, 'loggedAt'>): Promise<StoredArticle> {
    await this.prisma.article.createMany({ data: [{ ...article, loggedAt: null }], skipDuplicates: true });
    const stored = await this.find(article.id);
    if (!stored) throw new Error(`article ${article.id} vanished after insert`);
    return stored;
  }

  async markLogged(id: string, at: Date): Promise<void> {
    await this.prisma.article.update({ where: { id }, data: { loggedAt: at } });
  }
}
