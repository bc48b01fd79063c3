// A date as an article gives it: as precise as the text allowed, or unresolved when it depends on a
// publication date the article does not have. A text-stage type: the dates module produces it, the
// events carry it (events.ts re-exports it with the rest of the catalogue).
import { z } from 'zod';

/** A calendar date as precise as the text allowed: YYYY, YYYY-MM or YYYY-MM-DD. */
const partialIsoDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD');

/** How precise a date is; `unknown`: the text names a date that cannot be placed (see dateRefSchema). */
export const datePrecisionSchema = z.enum(['day', 'month', 'year', 'unknown']);
export type DatePrecision = z.infer<typeof datePrecisionSchema>;

/** A date placed in the calendar, as precise as the text allowed. */
export const resolvedDateRefSchema = z.object({
  /** The words of the article the date was read from ("at the very beginning of next year"). */
  text: z.string(),
  start: partialIsoDate,
  end: partialIsoDate.nullable(),
  precision: z.enum(['day', 'month', 'year']),
});
export type ResolvedDateRef = z.infer<typeof resolvedDateRefSchema>;

/**
 * A date the text gives relative to a publication date the article does not have ("on Tuesday",
 * "next month", "on 12 March" without a year): kept with its words, never guessed.
 */
export const unresolvedDateRefSchema = z.object({
  text: z.string(),
  start: z.null(),
  end: z.null(),
  precision: z.literal('unknown'),
});
export type UnresolvedDateRef = z.infer<typeof unresolvedDateRefSchema>;

export const dateRefSchema = z.discriminatedUnion('precision', [resolvedDateRefSchema, unresolvedDateRefSchema]);
export type DateRef = z.infer<typeof dateRefSchema>;

/** Whether a date is placed in the calendar (precision day, month or year). */
export function isResolvedDate(date: DateRef | null | undefined): date is ResolvedDateRef {
  return date !== null && date !== undefined && date.precision !== 'unknown';
}
