// A feed document as the items it lists. RSS and Atom are read by @rowanmanning/feed-parser (on
// fast-xml-parser, which neither fetches external entities nor expands declared ones and stops at
// a nesting depth); JSON Feed (1.0, 1.1), which it does not read, by a small schema here. What a
// feed has no business carrying is refused with a code before parsing: entity declarations (the
// "billion laughs"), a document nested deeper than any feed is.
import { createHash } from 'node:crypto';
import { parseFeed } from '@rowanmanning/feed-parser';
import { normalisePublishedAt } from '@talkwatch/domain';
import { z } from 'zod';
import type { DocumentText } from '../fetch/document-text.js';

export interface FeedEntry {
  /** What identifies the item in its feed: its guid / id, else its link, else a hash of it. */
  readonly key: string;
  readonly url: string | null;
  readonly title: string | null;
  readonly publishedAt: string | null;
  /** The full text the feed carries (HTML or text), if any. */
  readonly content: string | null;
  /** A summary or description (often a teaser). */
  readonly summary: string | null;
}

export interface ParsedFeed {
  readonly format: 'rss' | 'atom' | 'json';
  readonly title: string | null;
  readonly items: readonly FeedEntry[];
}

export type FeedRefusal = 'feed-malformed' | 'feed-entities' | 'feed-too-deep';

export class FeedRefused extends Error {
  constructor(
    readonly code: FeedRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'FeedRefused';
  }
}

/** The most items read from one feed document (feeds list the newest first). */
export const maxItemsPerFeed = 200;
const maxKeyLength = 512;
/** Far deeper than any real feed (RSS items sit at depth 4, their markup escaped). */
const maxDepth = 64;

function keyOf(id: string | null | undefined, url: string | null, fallback: string): string {
  const key = id?.trim() || url || `hash:${createHash('sha256').update(fallback).digest('hex')}`;
  return key.length <= maxKeyLength ? key : `hash:${createHash('sha256').update(key).digest('hex')}`;
}

function dateText(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  const date = normalisePublishedAt(value);
  if (date !== null) return date;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString();
}

const blank = (text: string | null | undefined): string | null => (text?.trim() ? text.trim() : null);

/** How deep the elements nest, counted without parsing (comments and CDATA skipped). */
function nestingDepth(xml: string): number {
  let depth = 0;
  let deepest = 0;
  const tags = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<(\/?)[A-Za-z_][^>]*?(\/?)>/g;
  for (let match = tags.exec(xml); match !== null; match = tags.exec(xml)) {
    if (match[0].startsWith('<!')) continue;
    if (match[1] === '/') depth -= 1;
    else if (match[2] !== '/') {
      depth += 1;
      if (depth > deepest) deepest = depth;
      if (deepest > maxDepth) return deepest;
    }
  }
  return deepest;
}

function readXmlFeed(xml: string): ParsedFeed {
  if (/<!ENTITY/i.test(xml)) throw new FeedRefused('feed-entities', 'the feed declares XML entities, which no feed needs (refused as an entity-expansion attack)');
  if (nestingDepth(xml) > maxDepth) throw new FeedRefused('feed-too-deep', `the feed nests elements more than ${maxDepth} deep`);
  let feed;
  try {
    feed = parseFeed(xml);
  } catch (error) {
    throw new FeedRefused('feed-malformed', `not an RSS or Atom feed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    format: feed.meta.type === 'atom' ? 'atom' : 'rss',
    title: blank(feed.title),
    items: feed.items.slice(0, maxItemsPerFeed).map((item) => {
      const url = blank(item.url);
      return {
        key: keyOf(item.id, url, `${item.title ?? ''}\u0000${item.description ?? ''}`),
        url,
        title: blank(item.title),
        publishedAt: dateText(item.published ?? item.updated),
        content: blank(item.content),
        summary: blank(item.description),
      };
    }),
  };
}

const jsonFeedSchema = z.object({
  version: z.string().regex(/^https:\/\/jsonfeed\.org\/version\/1(\.1)?$/, 'must be a JSON Feed version URL'),
  title: z.string().nullish(),
  items: z.array(
    z.object({
      id: z.union([z.string(), z.number()]).transform(String),
      url: z.string().nullish(),
      external_url: z.string().nullish(),
      title: z.string().nullish(),
      content_html: z.string().nullish(),
      content_text: z.string().nullish(),
      summary: z.string().nullish(),
      date_published: z.string().nullish(),
      date_modified: z.string().nullish(),
    }),
  ),
});

function readJsonFeed(text: string): ParsedFeed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new FeedRefused('feed-malformed', `not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = jsonFeedSchema.safeParse(data);
  if (!parsed.success) {
    throw new FeedRefused('feed-malformed', `not a JSON Feed: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(feed)'} ${i.message}`).join('; ')}`);
  }
  return {
    format: 'json',
    title: blank(parsed.data.title),
    items: parsed.data.items.slice(0, maxItemsPerFeed).map((item) => {
      const url = blank(item.url) ?? blank(item.external_url);
      return {
        key: keyOf(item.id, url, item.content_html ?? item.content_text ?? ''),
        url,
        title: blank(item.title),
        publishedAt: dateText(item.date_published ?? item.date_modified),
        content: blank(item.content_html) ?? blank(item.content_text),
        summary: blank(item.summary),
      };
    }),
  };
}

/** The items of a fetched feed document; throws FeedRefused with a code. */
export function readFeed(document: DocumentText): ParsedFeed {
  // A JSON Feed served as text/html or text/xml is still JSON.
  if (document.kind === 'json' || document.text.trimStart().startsWith('{')) return readJsonFeed(document.text);
  if (document.kind === 'xml' || document.kind === 'html') return readXmlFeed(document.text);
  throw new FeedRefused('feed-malformed', 'a text/plain document is not a feed');
}
