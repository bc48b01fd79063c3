// The HTTP edge of the ingestor: what a client may post, validated before anything else runs.
// An HTML body is converted to text here (the domain's prepareArticle): the text is what is stored
// and what evidence offsets point into, and its markup may give the title and publication date.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';
import { prepareArticle } from '@talkwatch/domain';
import { calendarDateProblem, defaultYearRange, ProblemError, type YearRange } from '@talkwatch/infra';

/** The shape of a POST /articles body; dates are checked against the calendar in parseArticleBody. */
export const articleBodySchema = z.object({
  /** Optional only when an HTML body gives one (<title> or <h1>); checked in parseArticleBody. */
  title: z
    .string()
    .trim()
    .max(500)
    .nullish()
    .transform((t) => (t ? t : null)),
  url: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .max(2048)
    .nullish()
    .transform((u) => u ?? null),
  /** Absent or null: an undated article (its relative dates stay unresolved), unless dateFallback. */
  publishedAt: z
    .string()
    .max(64)
    .nullish()
    .transform((p) => p ?? null),
  /** "receivedAt": the time the article is received stands for a missing publication date. */
  dateFallback: z
    .enum(['receivedAt'], { error: 'must be "receivedAt" when given' })
    .nullish()
    .transform((f) => f ?? null),
  body: z.string().trim().min(1, 'is required'),
  /** A label for where the article comes from ("cli", a feed's name); absent: "api". */
  source: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, 'must be 1-100 letters, digits, ".", "_", ":" or "-", starting with a letter or digit')
    .nullish()
    .transform((s) => s ?? null),
});

/** A valid article as the use case takes it: the body is text (HTML converted), the title known. */
export interface ArticleBody {
  readonly title: string;
  readonly url: string | null;
  readonly publishedAt: string | null;
  readonly dateFallback: 'receivedAt' | null;
  readonly body: string;
  /** Where it came in ("api", "cli", a source's own label); absent: "api". */
  readonly source?: string;
  /** The page's own canonical URL (<link rel=canonical>) when it was fetched; absent: the url's. */
  readonly canonicalUrl?: string | null;
}

const TITLE_REQUIRED = 'is required (unless the body is HTML with a <title> or <h1>)';

/** Whether the raw input names no title and its body (if HTML) gives none either. */
function lacksTitle(input: Record<string, unknown>): boolean {
  if (typeof input.title === 'string' && input.title.trim() !== '') return false;
  return typeof input.body !== 'string' || prepareArticle({ body: input.body.trim() }).title === null;
}

/**
 * A valid article, or a 422 invalid-article listing every invalid field. A publication date, given
 * or read from the markup, must be a day of the calendar in `dateYears`.
 */
export function parseArticleBody(input: unknown, dateYears: YearRange = defaultYearRange): ArticleBody {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ProblemError(400, 'invalid-article', 'The body must be a JSON object', 'Send {title, url, publishedAt, body}.');
  }
  const result = articleBodySchema.safeParse(input);
  const errors = result.success ? [] : result.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
  const prepared = result.success ? prepareArticle(result.data) : null;
  if ((prepared ? prepared.title === null : lacksTitle(input as Record<string, unknown>)) && !errors.some((e) => e.field === 'title')) {
    errors.push({ field: 'title', message: TITLE_REQUIRED });
  }
  if (prepared && prepared.body.trim() === '') errors.push({ field: 'body', message: 'has no text (an HTML body with nothing visible)' });
  // Checked also when another field failed the schema, so that every problem is listed at once.
  const raw = (input as Record<string, unknown>).publishedAt;
  const given = result.success ? result.data.publishedAt : typeof raw === 'string' && raw.length <= 64 ? raw : null;
  const dated = prepared?.publishedAt ?? given;
  const dateProblem = dated === null ? undefined : calendarDateProblem(dated, dateYears);
  if (dateProblem !== undefined) {
    errors.push(
      given !== null
        ? { field: 'publishedAt', message: dateProblem }
        : { field: 'body', message: `gives the publication date ${JSON.stringify(dated)} in its markup, which ${dateProblem}; send publishedAt to override it` },
    );
  }
  if (!result.success || !prepared || prepared.title === null || errors.length > 0) {
    throw new ProblemError(
      422,
      'invalid-article',
      'The article is not valid',
      errors.map((e) => `${e.field} ${e.message}`).join('; '),
      { errors },
    );
  }
  const article = { title: prepared.title, url: prepared.url, publishedAt: prepared.publishedAt, dateFallback: result.data.dateFallback, body: prepared.body };
  return result.data.source === null ? article : { ...article, source: result.data.source };
}

/** OpenAPI description of the body (validation is the zod schema above). */
export class ArticleBodyDoc {
  @ApiPropertyOptional({
    example: 'Russia expects security talks with the U.S. in January',
    description: 'Required unless the body is HTML with a <title> or <h1>',
  })
  title!: string;
  @ApiPropertyOptional({ example: 'https://example.org/2021/12/22/security-talks', nullable: true }) url!: string | null;
  @ApiPropertyOptional({
    example: '2021-12-22',
    nullable: true,
    description:
      'ISO 8601 date or date-time. Absent or null: taken from an HTML body\'s article:published_time or <time datetime> if any, else the article is undated: accepted, its relative dates ("on Tuesday", "next month") kept unresolved (precision "unknown")',
  })
  publishedAt!: string | null;
  @ApiPropertyOptional({
    enum: ['receivedAt'],
    nullable: true,
    description: 'For an undated article: the time it is received stands for the publication date (recorded on the article as dateFallback)',
  })
  dateFallback!: 'receivedAt' | null;
  @ApiProperty({
    description:
      'Plain text, Markdown or HTML. HTML (a body that opens with markup) is stored as its text: entities decoded, block elements as paragraph breaks, scripts and styles dropped; evidence offsets point into that text',
  })
  body!: string;
  @ApiPropertyOptional({ example: 'cli', nullable: true, description: 'Where the article comes from (letters, digits, . _ : -); absent: "api". GET /articles?source= filters on it' })
  source!: string | null;
}

export class IngestResultDoc {
  @ApiProperty({ enum: ['accepted', 'duplicate'] }) status!: 'accepted' | 'duplicate';
  @ApiProperty() articleId!: string;
  @ApiProperty({ description: 'Events published to the log for this article' }) eventCount!: number;
  @ApiProperty({ type: [String] }) eventIds!: string[];
  @ApiProperty({ nullable: true, type: String, description: 'The publication date the article was read with; null: undated' }) publishedAt!: string | null;
  @ApiProperty({ nullable: true, enum: ['receivedAt'], description: '"receivedAt" when the received time stands for a missing publication date' })
  dateFallback!: 'receivedAt' | null;
  @ApiProperty({ nullable: true, type: String, description: 'A duplicate: the id of the article it duplicates (articleId is that id too)' }) duplicateOf!: string | null;
  @ApiProperty({
    nullable: true,
    enum: ['same-content', 'same-url', 'near-duplicate'],
    description: 'How the duplicate was recognised: the same URL, title and body; the same canonical URL; or a lightly edited copy (recorded as a syndication of the first)',
  })
  match!: 'same-content' | 'same-url' | 'near-duplicate' | null;
  @ApiProperty({ nullable: true, type: Number, description: 'A near-duplicate: the estimated share of word shingles in common with the first copy' }) similarity!: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'ISO 639-1 code of the detected language; null when it cannot be told' }) language!: string | null;
  @ApiProperty({ nullable: true, enum: ['unsupported-language'], description: 'Accepted and kept without extraction: the extractor does not read its language' })
  skippedReason!: 'unsupported-language' | null;
}
