// Articles as the extractor sees them, and how raw files (Markdown, plain text or HTML, with or
// without YAML front matter) and the parts a client sends become one.
import { parseDocument } from 'yaml';
import { htmlToText, looksLikeHtml } from './html.js';

/** What stood in for a missing publication date, when the caller asked for one. */
export type DateFallback = 'receivedAt';

export interface ArticleInput {
  title: string;
  url: string | null;
  /**
   * Publication date, ISO 8601 date or date-time: the reference for relative dates. null when the
   * article gives none: relative dates ("on Tuesday", "next month") then stay unresolved.
   */
  publishedAt: string | null;
  /**
   * Set when publishedAt is not the article's own date but the time it was received, which the
   * caller asked to stand for it (withDateFallback). Absent or null otherwise.
   */
  dateFallback?: DateFallback | null;
  /** The text the extractor reads (HTML already converted to text); evidence offsets point into this string. */
  body: string;
}

export class ArticleParseError extends Error {
  readonly code = 'article-unparseable';
  constructor(message: string) {
    super(message);
    this.name = 'ArticleParseError';
  }
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function monthNumber(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  const i = MONTHS.findIndex((m) => m === w || (w.length >= 3 && m.startsWith(w)));
  return i >= 0 ? i + 1 : null;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * Reads a date at the start of a short line: "December 22, 2021", "Jan 5, 2022",
 * "06 April, 2024, 09:45 pm", "2021-12-22". Returns YYYY-MM-DD or null.
 */
export function parseDateLine(line: string): string | null {
  const text = line.trim();
  if (text.length > 80) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\b/.exec(text);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const mdy = /^(?:[A-Z][a-z]+day,?\s+)?([A-Z][a-z]{2,8}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(text);
  if (mdy) {
    const month = monthNumber(mdy[1] ?? '');
    if (month) return isoDate(Number(mdy[3]), month, Number(mdy[2]));
  }
  const dmy = /^(?:[A-Z][a-z]+day,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([A-Z][a-z]{2,8}\.?),?\s+(\d{4})\b/.exec(text);
  if (dmy) {
    const month = monthNumber(dmy[2] ?? '');
    if (month) return isoDate(Number(dmy[3]), month, Number(dmy[1]));
  }
  return null;
}

/** An ISO 8601 date or date-time (a space before the time becomes "T"), or a date line; else null. */
export function normalisePublishedAt(value: string): string | null {
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(v)) return v.replace(' ', 'T');
  return parseDateLine(v);
}

function frontMatterValue(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/**
 * The front matter block read as YAML (any valid YAML: quoting, escapes, comments). Keys are
 * compared in lower case; values that are not scalars are ignored. Throws ArticleParseError when
 * the block is not a YAML mapping.
 */
function parseFrontMatter(block: string): Map<string, string> {
  const doc = parseDocument(block, { prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  const [error] = doc.errors;
  if (error) throw new ArticleParseError(`front matter is not valid YAML: ${error.message.split('\n')[0] ?? ''}`);
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) return new Map();
  if (typeof data !== 'object' || Array.isArray(data)) throw new ArticleParseError('front matter must be a YAML mapping (key: value lines)');
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const text = frontMatterValue(value);
    if (text !== null) out.set(key.toLowerCase(), text);
  }
  return out;
}

interface TextMetadata {
  title: string | null;
  url: string | null;
  publishedAt: string | null;
}

function metadataFromText(body: string): TextMetadata {
  const lines = body.split('\n').map((l) => l.trim());
  const heading = lines.find((l) => /^#\s+\S/.test(l));
  const title = heading ? heading.replace(/^#\s+/, '').replace(/[*_]/g, '').trim() : null;
  let publishedAt: string | null = null;
  for (const line of lines.slice(0, 40)) {
    publishedAt = parseDateLine(line.replace(/^[*_]+|[*_]+$/g, ''));
    if (publishedAt) break;
  }
  let url: string | null = null;
  const urlLine = lines.findIndex((l) => /^original\s+url\s*:/i.test(l));
  if (urlLine >= 0) {
    const candidates = [lines[urlLine]?.replace(/^original\s+url\s*:/i, '') ?? '', ...lines.slice(urlLine + 1, urlLine + 4)];
    for (const c of candidates) {
      const m = /<?(https?:\/\/[^\s>]+)>?/.exec(c);
      if (m?.[1]) {
        url = m[1];
        break;
      }
    }
  }
  return { title, url, publishedAt };
}

/** What a client or a file gives of an article before it is read. */
export interface ArticleParts {
  title?: string | null;
  url?: string | null;
  publishedAt?: string | null;
  body: string;
}

/** An article whose title may still be unknown (a body without a heading, sent without a title). */
export type PreparedArticle = Omit<ArticleInput, 'title'> & { title: string | null };

/**
 * The article the parts stand for: an HTML body becomes its text (html.ts), and its <title>/<h1>
 * and published-time markup fill a title and a publication date the parts do not give (one that
 * is not an ISO 8601 date or date-time is ignored). Other bodies are kept exactly as given, so the
 * offsets clients computed on them stay valid.
 */
export function prepareArticle(parts: ArticleParts): PreparedArticle {
  const given = { title: parts.title ?? null, url: parts.url ?? null, publishedAt: parts.publishedAt ?? null };
  if (!looksLikeHtml(parts.body)) return { ...given, body: parts.body };
  const html = htmlToText(parts.body);
  const markupDate = html.publishedAt !== null ? normalisePublishedAt(html.publishedAt) : null;
  return { title: given.title ?? html.title, url: given.url, publishedAt: given.publishedAt ?? markupDate, body: html.text };
}

/**
 * An undated article dated by the time it was received, because the caller asked for it: relative
 * dates then resolve against that time, and `dateFallback` records that they did. A dated article
 * is returned as it is. Pure: the time is a parameter.
 */
export function withDateFallback<T extends PreparedArticle>(article: T, receivedAt: string): T {
  if (article.publishedAt !== null) return article;
  return { ...article, publishedAt: receivedAt, dateFallback: 'receivedAt' };
}

export interface ParseArticleOptions {
  /** The received time stands for a missing publication date (see withDateFallback). */
  dateFallback?: { receivedAt: string };
}

/**
 * Turns a raw article file into an ArticleInput. YAML front matter (title, url, published) wins;
 * then, for an HTML body, its markup (see prepareArticle); then the text is searched for a "# "
 * heading, a date line and an "Original url:" line; `fallback` fills what is still missing. The
 * body is the text after the front matter (HTML converted to text), with newlines normalised and
 * outer blank lines trimmed; it is otherwise left as written (Markdown included) so that evidence
 * offsets can be checked against it. Without any publication date the article is undated
 * (publishedAt null) unless `options.dateFallback` is given.
 * Throws ArticleParseError when the front matter is not valid YAML.
 */
export function parseArticleText(raw: string, fallback: Partial<ArticleInput> = {}, options: ParseArticleOptions = {}): ArticleInput {
  let text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let front = new Map<string, string>();
  const fm = /^---[ \t]*\n(?:([\s\S]*?)\n)?---[ \t]*(?:\n|$)/.exec(text);
  if (fm) {
    front = parseFrontMatter(fm[1] ?? '');
    text = text.slice(fm[0].length);
  }
  const publishedRaw = front.get('published') ?? front.get('publishedat') ?? front.get('date') ?? null;
  const prepared = prepareArticle({
    title: front.get('title') ?? null,
    url: front.get('url') ?? null,
    publishedAt: publishedRaw !== null ? normalisePublishedAt(publishedRaw) : null,
    body: text.replace(/^\s*\n/, '').trimEnd(),
  });
  const body = prepared.body;
  const fromText = metadataFromText(body);
  const firstLine = body.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? '';
  const article: ArticleInput = {
    title: prepared.title ?? fromText.title ?? fallback.title ?? firstLine.replace(/^#+\s*/, ''),
    url: prepared.url ?? fromText.url ?? fallback.url ?? null,
    publishedAt: prepared.publishedAt ?? fromText.publishedAt ?? fallback.publishedAt ?? null,
    body,
  };
  return options.dateFallback ? withDateFallback(article, options.dateFallback.receivedAt) : article;
}
