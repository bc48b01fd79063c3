// A feed source as the API shows it: its settings and how its polling goes.
import { createHash } from 'node:crypto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FeedSource } from './sources.repository.js';

/** One id per feed URL, so the same feed from the file and the API is one source. */
export function sourceIdOf(url: string): string {
  return `src_${createHash('sha256').update(url).digest('hex').slice(0, 20)}`;
}

export interface SourceView {
  readonly id: string;
  readonly url: string;
  readonly name: string | null;
  readonly intervalSeconds: number;
  readonly enabled: boolean;
  readonly origin: string;
  readonly createdAt: string;
  readonly status: {
    readonly lastPolledAt: string | null;
    readonly lastSuccessAt: string | null;
    readonly lastError: { readonly at: string; readonly code: string; readonly message: string } | null;
    /** Failed polls in a row (0 after a success). */
    readonly failures: number;
    readonly itemsSeen: number;
    readonly itemsIngested: number;
    /** Articles it gave in a language the extractor does not read: kept, not extracted. */
    readonly unsupportedLanguage: number;
    /** null while disabled. */
    readonly nextPollAt: string | null;
  };
}

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

/** `unsupportedLanguage`: how many of the articles labelled with its id were kept unextracted for their language. */
export function sourceViewOf(source: FeedSource, unsupportedLanguage = 0): SourceView {
  return {
    id: source.id,
    url: source.url,
    name: source.name,
    intervalSeconds: source.intervalSeconds,
    enabled: source.enabled,
    origin: source.origin,
    createdAt: source.createdAt.toISOString(),
    status: {
      lastPolledAt: iso(source.lastPolledAt),
      lastSuccessAt: iso(source.lastSuccessAt),
      lastError: source.lastErrorAt && source.lastErrorCode ? { at: source.lastErrorAt.toISOString(), code: source.lastErrorCode, message: source.lastError ?? '' } : null,
      failures: source.failures,
      itemsSeen: source.itemsSeen,
      itemsIngested: source.itemsIngested,
      unsupportedLanguage,
      nextPollAt: source.enabled ? source.nextPollAt.toISOString() : null,
    },
  };
}

export class SourceErrorDoc {
  @ApiProperty() at!: string;
  @ApiProperty({ example: 'upstream-timeout' }) code!: string;
  @ApiProperty() message!: string;
}

export class SourceStatusDoc {
  @ApiProperty({ nullable: true, type: String }) lastPolledAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastSuccessAt!: string | null;
  @ApiProperty({ nullable: true, type: SourceErrorDoc }) lastError!: SourceErrorDoc | null;
  @ApiProperty({ description: 'Failed polls in a row; 0 after a success' }) failures!: number;
  @ApiProperty({ description: 'Distinct items seen in the feed' }) itemsSeen!: number;
  @ApiProperty({ description: 'Items ingested as new articles' }) itemsIngested!: number;
  @ApiProperty({ description: 'Articles it gave in a language the extractor does not read: kept (GET /articles?source= lists them), not extracted' }) unsupportedLanguage!: number;
  @ApiProperty({ nullable: true, type: String, description: 'null while disabled' }) nextPollAt!: string | null;
}

export class SourceDoc {
  @ApiProperty() id!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
  @ApiProperty() intervalSeconds!: number;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ enum: ['api', 'file'] }) origin!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: SourceStatusDoc }) status!: SourceStatusDoc;
}

export class SourceRequestDoc {
  @ApiProperty({ example: 'https://example.org/world/rss.xml', description: 'An RSS 2.0, Atom or JSON Feed URL' }) url!: string;
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional({ example: '15m', description: 'Poll interval: seconds, or 90s, 15m, 2h, 1d (default 15m)' }) interval?: string | number;
  @ApiPropertyOptional({ default: true }) enabled?: boolean;
}

export class SourcePatchDoc {
  @ApiPropertyOptional({ nullable: true, type: String }) name?: string | null;
  @ApiPropertyOptional({ example: '1h' }) interval?: string | number;
  @ApiPropertyOptional({ description: 'Disabled, then true: polled again at once' }) enabled?: boolean;
}
