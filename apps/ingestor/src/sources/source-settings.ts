// What a feed source is, as an operator writes it (POST /sources, PATCH, SOURCES_FILE): validated
// once here, so the API and the file accept exactly the same things.
import { z } from 'zod';

/** Shortest and longest poll intervals, in seconds. */
export const minIntervalSeconds = 1;
export const maxIntervalSeconds = 7 * 24 * 3600;
export const defaultIntervalSeconds = 15 * 60;

const unitSeconds: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** "90", "90s", "15m", "2h", "1d" → seconds; undefined when it is none of these. */
export function parseIntervalSeconds(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  const match = /^\s*(\d+)\s*([smhd]?)\s*$/.exec(value);
  if (!match) return undefined;
  return Number(match[1]) * (unitSeconds[match[2] || 's'] ?? 1);
}

const interval = z
  .union([z.number(), z.string().max(32)])
  .transform((value, ctx) => {
    const seconds = parseIntervalSeconds(value);
    if (seconds === undefined || seconds < minIntervalSeconds || seconds > maxIntervalSeconds) {
      ctx.addIssue({ code: 'custom', message: `must be a duration like 300, 90s, 15m, 2h or 1d, between ${minIntervalSeconds} s and 7 d` });
      return z.NEVER;
    }
    return seconds;
  });

const feedUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .max(2048)
  .refine((url) => !/^[a-z]+:\/\/[^/?#]*@/i.test(url), 'must not carry credentials (user:password@)');

const name = z.string().trim().min(1).max(200);

export const newSourceSchema = z.strictObject({
  url: feedUrl,
  name: name.optional(),
  /** How often the feed is polled: seconds, or a duration (15m). */
  interval: interval.optional(),
  enabled: z.boolean().default(true),
});
export type NewSourceSettings = z.output<typeof newSourceSchema>;

export const sourcePatchSchema = z.strictObject({
  name: name.nullable().optional(),
  interval: interval.optional(),
  enabled: z.boolean().optional(),
});
export type SourcePatch = z.output<typeof sourcePatchSchema>;

/** A SOURCES_FILE: {sources: [...]}, or the bare list (read as if under `sources`). */
export const sourcesFileSchema = z
  .preprocess((data) => (Array.isArray(data) ? { sources: data } : data), z.strictObject({ sources: z.array(newSourceSchema) }))
  .transform((data) => data.sources);
