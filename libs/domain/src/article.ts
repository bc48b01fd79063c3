// Articles as the extractor sees them, and how raw files (Markdown or plain text, with or without
// YAML front matter) become one.

export interface ArticleInput {
  title: string;
  url: string | null;
  /** Publication date, ISO 8601 date or date-time: the reference for relative dates. */
  publishedAt: string;
  /** The text the extractor reads; evidence offsets point into this string. */
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

function unquote(value: string): string {
  const v = value.trim();
  if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) {
    const inner = v.slice(1, -1);
    return v.startsWith('"') ? inner.replace(/\\"/g, '"').replace(/\\\\/g, '\\') : inner.replace(/''/g, "'");
  }
  return v;
}

/** The flat `key: value` subset of YAML that article front matter uses. */
function parseFrontMatter(block: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of block.split('\n')) {
    const m = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (m?.[1] && m[2] !== undefined && m[2].trim() !== '') out.set(m[1].toLowerCase(), unquote(m[2]));
  }
  return out;
}

function normalisePublished(value: string): string | null {
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(v)) return v.replace(' ', 'T');
  return parseDateLine(v);
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

/**
 * Turns a raw article file into an ArticleInput. YAML front matter (title, url, published) wins;
 * without it the text is searched for a "# " heading, a date line and an "Original url:" line;
 * `fallback` fills what is still missing. The body is the text after the front matter, with
 * newlines normalised and outer blank lines trimmed; it is otherwise left as written (Markdown
 * included) so that evidence offsets can be checked against it.
 * Throws ArticleParseError when no publication date can be found.
 */
export function parseArticleText(raw: string, fallback: Partial<ArticleInput> = {}): ArticleInput {
  let text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let front = new Map<string, string>();
  const fm = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text);
  if (fm) {
    front = parseFrontMatter(fm[1] ?? '');
    text = text.slice(fm[0].length);
  }
  const body = text.replace(/^\s*\n/, '').trimEnd();
  const fromText = metadataFromText(body);
  const publishedRaw = front.get('published') ?? front.get('publishedat') ?? front.get('date') ?? null;
  const publishedAt = (publishedRaw ? normalisePublished(publishedRaw) : null) ?? fromText.publishedAt ?? fallback.publishedAt ?? null;
  if (!publishedAt) throw new ArticleParseError('no publication date: add `published: YYYY-MM-DD` front matter or a date line');
  const firstLine = body.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? '';
  const title = front.get('title') ?? fromText.title ?? fallback.title ?? firstLine.replace(/^#+\s*/, '');
  const url = front.get('url') ?? fromText.url ?? fallback.url ?? null;
  return { title, url, publishedAt, body };
}
