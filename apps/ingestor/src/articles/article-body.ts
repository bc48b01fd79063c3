// The HTTP edge of the ingestor: what a client may post, validated before anything else runs.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';
import { ProblemError } from '@talkwatch/infra';

const isoDateTime = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const isoDateOrDateTime = z
  .string()
  .refine((s) => isoDateTime.test(s) && !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 date or date-time');

export const articleBodySchema = z.object({
  title: z.string().trim().min(1, 'is required').max(500),
  url: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .max(2048)
    .nullish()
    .transform((u) => u ?? null),
  publishedAt: isoDateOrDateTime,
  body: z.string().trim().min(1, 'is required'),
});
export type ArticleBody = z.infer<typeof articleBodySchema>;

export function parseArticleBody(input: unknown): ArticleBody {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ProblemError(400, 'invalid-article', 'The body must be a JSON object', 'Send {title, url, publishedAt, body}.');
  }
  const result = articleBodySchema.safeParse(input);
  if (!result.success) {
    const errors = result.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
    throw new ProblemError(
      422,
      'invalid-article',
      'The article is not valid',
      errors.map((e) => `${e.field} ${e.message}`).join('; '),
      { errors },
    );
  }
  return result.data;
}

/** OpenAPI description of the body (validation is the zod schema above). */
export class ArticleBodyDoc {
  @ApiProperty({ example: 'Russia expects security talks with the U.S. in January' }) title!: string;
  @ApiPropertyOptional({ example: 'https://example.org/2021/12/22/security-talks', nullable: true }) url!: string | null;
  @ApiProperty({ example: '2021-12-22', description: 'ISO 8601 date or date-time' }) publishedAt!: string;
  @ApiProperty({ description: 'Plain text, Markdown or HTML' }) body!: string;
}

export class IngestResultDoc {
  @ApiProperty({ enum: ['accepted', 'duplicate'] }) status!: 'accepted' | 'duplicate';
  @ApiProperty() articleId!: string;
  @ApiProperty({ description: 'Events published to the log for this article' }) eventCount!: number;
  @ApiProperty({ type: [String] }) eventIds!: string[];
}
