// Which languages the extractor reads. Detecting an article's language is the ingestor's
// (apps/ingestor/src/articles/language-detector.ts): the detector's n-gram data weighs about
// 140 MB in memory, which neither the notifier nor the extraction workers should carry.

/** The languages the extractor reads (ISO 639-1). */
export const EXTRACTOR_LANGUAGES: readonly string[] = ['en'];

/**
 * Whether the extractor should read an article in this language. An undetermined language is
 * read: a short English note should not be skipped because it is short.
 */
export function extractorReads(language: string | null): boolean {
  return language === null || EXTRACTOR_LANGUAGES.includes(language);
}
