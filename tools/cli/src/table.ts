// Plain-text tables for people reading `talkwatch extract` in a terminal: columns sized to their
// content, then shrunk (widest first) to fit the width, long cells cut with an ellipsis.
import type { ArticleRecord } from './contract.js';

export const DEFAULT_WIDTH = 100;
const GAP = '  ';
const INDENT = '  ';
/** No column is shrunk below this (or below its header, if shorter). */
const MIN_COLUMN = 6;

// Widths are counted in graphemes ("é" written as e + accent is one), which is what a terminal
// shows for the Latin, Cyrillic and Arabic text of the news; East Asian wide characters take two
// cells and are not accounted for.
const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const graphemes = (text: string): string[] => Array.from(graphemeSegmenter.segment(text), (s) => s.segment);

/** Cuts text to at most `width` characters, ending with "…" when something was cut. */
export function truncate(text: string, width: number): string {
  const chars = graphemes(text);
  if (chars.length <= width) return text;
  if (width <= 0) return '';
  return `${chars.slice(0, width - 1).join('').trimEnd()}…`;
}

const lengthOf = (s: string): number => graphemes(s).length;
const padEnd = (s: string, width: number): string => s + ' '.repeat(Math.max(0, width - lengthOf(s)));

/** Column widths that fit `available` characters (gaps included), shrinking the widest column first. */
export function fitWidths(natural: readonly number[], minimum: readonly number[], available: number): number[] {
  const widths = [...natural];
  const gaps = GAP.length * Math.max(0, widths.length - 1);
  let excess = widths.reduce((n, w) => n + w, 0) + gaps - available;
  while (excess > 0) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) {
      if ((widths[i] ?? 0) > (minimum[i] ?? 0) && (widest < 0 || (widths[i] ?? 0) > (widths[widest] ?? 0))) widest = i;
    }
    if (widest < 0) break; // every column at its minimum: let the line overflow
    widths[widest] = (widths[widest] ?? 0) - 1;
    excess--;
  }
  return widths;
}

/** Renders rows under a header row, indented, fitted to `width`. Returns the lines (no trailing spaces). */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[], width: number): string[] {
  const natural = headers.map((h, i) => Math.max(lengthOf(h), ...rows.map((r) => lengthOf(r[i] ?? ''))));
  const minimum = natural.map((w, i) => Math.min(w, Math.max(MIN_COLUMN, lengthOf(headers[i] ?? ''))));
  const widths = fitWidths(natural, minimum, width - INDENT.length);
  const line = (cells: readonly string[]): string =>
    (INDENT + widths.map((w, i) => padEnd(truncate(cells[i] ?? '', w), w)).join(GAP)).trimEnd();
  return [line(headers), ...rows.map(line)];
}

const dash = '–';
const list = (parties: readonly string[]): string => (parties.length ? parties.join(', ') : '?');

/** The readable form of one article's extraction. */
export function formatArticle(record: ArticleRecord, width: number = DEFAULT_WIDTH): string {
  const { publishedAt, dateFallback } = record.article;
  const published = publishedAt === null ? 'undated' : `${publishedAt.slice(0, 10)}${dateFallback ? ', date received' : ''}`;
  const lines = [truncate(`${record.article.title}  (${published}, ${record.file})`, width)];
  if (record.article.url) lines.push(truncate(record.article.url, width));

  const section = (name: string, count: number): void => {
    lines.push('', count === 0 ? `No ${name.toLowerCase()}` : `${name} (${count})`);
  };
  section('Rounds', record.rounds.length);
  if (record.rounds.length) {
    lines.push(
      ...formatTable(
        ['PARTIES', 'STATUS', 'DATE', 'VENUE', 'ORDINAL', 'CONF'],
        record.rounds.map((r) => [
          r.parties.join(` ${dash} `),
          r.outcome ? `${r.status}, ${r.outcome}` : r.status,
          r.date ? (r.date.start === null ? `"${r.date.text}" (unresolved)` : r.date.end ? `${r.date.start}..${r.date.end}` : r.date.start) : dash,
          r.venue ?? dash,
          r.ordinal === null ? dash : String(r.ordinal),
          r.confidence.toFixed(2),
        ]),
        width,
      ),
    );
  }
  section('Demands', record.demands.length);
  if (record.demands.length) {
    lines.push(
      ...formatTable(
        ['BY → TO', 'CATEGORY', 'CONF', 'TEXT'],
        record.demands.map((d) => [`${d.by} → ${list(d.addressedTo)}`, d.category ?? dash, d.confidence.toFixed(2), d.text]),
        width,
      ),
    );
  }
  if (record.responses.length) {
    section('Responses', record.responses.length);
    lines.push(
      ...formatTable(
        ['BY → TO', 'KIND', 'CONF', 'TEXT'],
        record.responses.map((r) => [`${r.by} → ${list(r.to)}`, r.kind, r.confidence.toFixed(2), r.demand ? `${r.text} [re: ${r.demand.text}]` : r.text]),
        width,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}
