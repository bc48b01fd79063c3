// Use case: re-run the current extractor over the stored articles and publish the difference
// (libs/domain reextraction.ts): new facts as new events, vanished facts as retractions.
// Crash-safe and idempotent: the events are published before the article's new reading is saved,
// with ids derived from the article and its revision, so a run cut short and started again
// publishes the same ids (the projector skips them) and a finished run has nothing left to do.
// Articles stored before they kept their reading get it back from the log, the source of truth.
import { EXTRACTOR_VERSION, type FactEvent, type Gazetteer, eventsFromArticle, isFactEvent, parseFactEvent, parseTalkEvent, reread } from '@talkwatch/domain';
import type { EventLog } from '@talkwatch/infra';
import type { Clock } from '../tokens.js';
import { type ArticlesRepository, type StoredArticle } from './articles.repository.js';
import { toLogRecord } from './ingest-article.js';

export interface ReextractOptions {
  /** Only articles published on or after this day. */
  readonly since?: Date;
  /** Compute and report the difference; publish and save nothing. */
  readonly dryRun?: boolean;
  readonly progress?: (done: number, total: number) => void;
  /** Progress of reading the log back, when some articles need it. */
  readonly recoveryProgress?: (done: number, total: number) => void;
}

export interface ArticleChange {
  readonly articleId: string;
  readonly title: string;
  /** null: an undated article. */
  readonly publishedAt: Date | null;
  readonly added: readonly FactEvent[];
  readonly retracted: readonly FactEvent[];
}

export interface ReextractResult {
  readonly extractorVersion: string;
  readonly examined: number;
  readonly unchanged: number;
  readonly changes: readonly ArticleChange[];
  readonly published: number;
  readonly retractions: number;
  /** Articles whose reading was recovered from the log (stored before readings were kept). */
  readonly recovered: number;
  readonly dryRun: boolean;
}

const PAGE = 200;

export class ReextractArticles {
  constructor(
    private readonly articles: ArticlesRepository,
    private readonly log: EventLog,
    private readonly clock: Clock,
    private readonly gazetteer: Gazetteer,
  ) {}

  async execute(options: ReextractOptions = {}): Promise<ReextractResult> {
    const dryRun = options.dryRun ?? false;
    const recoveredReadings = await this.recoverReadings(options);
    const total = await this.articles.countLogged(options.since);
    const changes: ArticleChange[] = [];
    let examined = 0;
    let published = 0;
    let retractions = 0;
    options.progress?.(0, total);
    let cursor: StoredArticle | undefined;
    for (;;) {
      const page = await this.articles.pageLogged(options.since, cursor, PAGE);
      if (page.length === 0) break;
      for (const article of page) {
        const stored = recoveredReadings.get(article.id) ?? readingOf(article);
        const observedAt = this.clock().toISOString();
        const fresh = eventsFromArticle({
          articleId: article.id,
          article: {
            title: article.title,
            url: article.url,
            publishedAt: publishedAtOf(article, stored),
            body: article.body,
            ...(article.dateFallback === 'receivedAt' ? { dateFallback: 'receivedAt' as const } : {}),
          },
          observedAt,
          receivedAt: article.receivedAt.toISOString(),
          gazetteer: this.gazetteer,
        });
        const revision = article.revision + 1;
        const diff = reread({ stored, fresh, revision, extractorVersion: EXTRACTOR_VERSION, observedAt });
        const recovered = recoveredReadings.has(article.id);
        if (diff.publish.length > 0) {
          changes.push({ articleId: article.id, title: article.title, publishedAt: article.publishedAt, added: diff.added, retracted: diff.retracted });
          published += diff.added.length;
          retractions += diff.retracted.length;
          if (!dryRun) {
            await this.log.append(diff.publish.map(toLogRecord));
            await this.articles.saveReading(article.id, { events: diff.standing, extractorVersion: EXTRACTOR_VERSION, revision });
          }
        } else if (!dryRun && (recovered || article.extractorVersion !== EXTRACTOR_VERSION)) {
          await this.articles.saveReading(article.id, { events: diff.standing, extractorVersion: EXTRACTOR_VERSION, revision: article.revision });
        }
        examined++;
        options.progress?.(examined, total);
      }
      cursor = page.at(-1);
    }
    return {
      extractorVersion: EXTRACTOR_VERSION,
      examined,
      unchanged: examined - changes.length,
      changes,
      published,
      retractions,
      recovered: recoveredReadings.size,
      dryRun,
    };
  }

  /** The standing facts of articles stored without them, read back from the whole log. */
  private async recoverReadings(options: ReextractOptions): Promise<Map<string, FactEvent[]>> {
    const missing = new Set(await this.articles.idsWithoutEvents(options.since));
    const readings = new Map<string, FactEvent[]>();
    if (missing.size === 0) return readings;
    const retracted = new Set<string>();
    await this.log.replay(async (record) => {
      let event;
      try {
        event = parseTalkEvent(JSON.parse(record.value));
      } catch {
        return; // not ours to judge here: the projection reports unreadable records
      }
      if (!missing.has(event.metadata.articleId)) return;
      if (isFactEvent(event)) readings.set(event.metadata.articleId, [...(readings.get(event.metadata.articleId) ?? []), event]);
      else retracted.add(event.data.retractedEventId);
      await Promise.resolve();
    }, options.recoveryProgress);
    for (const id of missing) {
      // At-least-once delivery may have logged an event twice: one copy per id.
      const byId = new Map((readings.get(id) ?? []).filter((e) => !retracted.has(e.id)).map((e) => [e.id, e]));
      readings.set(id, [...byId.values()]);
    }
    return readings;
  }
}

/** The publication time as the first reading saw it: relative dates resolve against it (null: undated). */
function publishedAtOf(article: StoredArticle, stored: readonly FactEvent[]): string | null {
  // An undated article's occurredAt is its received time, not a publication date: never read back.
  if (article.publishedAt === null) return null;
  return article.publishedAtText ?? stored[0]?.metadata.occurredAt ?? article.publishedAt.toISOString();
}

/** The stored reading, validated as any edge input. */
function readingOf(article: StoredArticle): FactEvent[] {
  if (!Array.isArray(article.events)) return [];
  return article.events.map((e) => parseFactEvent(e));
}
