// A web page as an article: Mozilla's Readability (the reader view of Firefox) finds the story
// among navigation, comments and advertising, and gives its title, byline and, from meta tags and
// JSON-LD, its publication time; a <time datetime> or another common date meta tag fills a date it
// does not find; its <link rel=canonical> names the address the publisher gives the story.
// linkedom builds the DOM it reads: a plain parse, no scripts run, no resources loaded.
import { Readability } from '@mozilla/readability';
import { normalisePublishedAt } from '@talkwatch/domain';
import { parseHTML } from 'linkedom';

/** The few DOM members read here (the project compiles without the DOM library's types). */
interface PageElement {
  getAttribute(name: string): string | null;
  readonly textContent: string | null;
}
interface PageDocument {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
}

export interface ReadPage {
  readonly title: string | null;
  readonly byline: string | null;
  readonly siteName: string | null;
  /** ISO 8601 date or date-time when the page gives one (not yet checked against the calendar). */
  readonly publishedAt: string | null;
  /** The href of its <link rel=canonical> as written (relative or not), or null. */
  readonly canonicalHref: string | null;
  /** The story's HTML (Readability's cleaned content), or the whole page when it found no story. */
  readonly html: string;
}

/** Date metadata beyond what Readability reads, most specific first. */
const dateSelectors = [
  ['meta[itemprop="datePublished"]', 'content'],
  ['meta[name="dc.date"]', 'content'],
  ['meta[name="DC.date.issued"]', 'content'],
  ['meta[name="date"]', 'content'],
  ['article time[datetime]', 'datetime'],
  ['time[datetime]', 'datetime'],
] as const;

function clean(text: string | null | undefined): string | null {
  const t = text?.replace(/\s+/g, ' ').trim();
  return t ? t : null;
}

function dateOf(document: PageDocument): string | null {
  for (const [selector, attribute] of dateSelectors) {
    const value = clean(document.querySelector(selector)?.getAttribute(attribute));
    const date = value === null ? null : normalisePublishedAt(value);
    if (date !== null) return date;
  }
  return null;
}

/** The first <link> whose rel names "canonical" (rel is a list of tokens, compared without case). */
function canonicalHrefOf(document: PageDocument): string | null {
  for (const link of document.querySelectorAll('link[rel][href]')) {
    const rel = link.getAttribute('rel')?.toLowerCase().split(/\s+/) ?? [];
    if (rel.includes('canonical')) return clean(link.getAttribute('href'));
  }
  return null;
}

export function readPage(html: string): ReadPage {
  const { document } = parseHTML(html) as unknown as { document: PageDocument };
  // Read before Readability runs: it rewrites the document it is given.
  const markupDate = dateOf(document);
  const heading = clean(document.querySelector('h1')?.textContent);
  const canonicalHref = canonicalHrefOf(document);
  const article = new Readability(document, { charThreshold: 200 }).parse();
  const readDate = clean(article?.publishedTime);
  return {
    title: clean(article?.title) ?? heading,
    byline: clean(article?.byline),
    siteName: clean(article?.siteName),
    publishedAt: (readDate === null ? null : normalisePublishedAt(readDate)) ?? markupDate,
    canonicalHref,
    html: clean(article?.content) === null ? html : (article?.content ?? html),
  };
}
