// Fetches one web page and reads the article in it: the IO (DocumentFetcher, through the SSRF
// guard), then the bytes decoded by their charset and the story found by Readability. Used by
// POST /articles {url} and by feed items that carry no full text.
import { Inject, Injectable } from '@nestjs/common';
import { parseArticleText } from '@talkwatch/domain';
import type { DocumentFetcher } from '@talkwatch/infra';
import { INGESTOR_CONFIG, type IngestorConfig } from '../config.js';
import { DOCUMENT_FETCHER } from '../tokens.js';
import { documentText } from './document-text.js';
import { fetchProblemOf } from './fetch-problems.js';
import { readPage } from './page-reader.js';

export const maxRedirects = 5;

export interface FetchedPage {
  /** The article's parts as a client would post them (the body still HTML when the page was). */
  readonly parts: { readonly title: string | null; readonly url: string; readonly publishedAt: string | null; readonly body: string };
  readonly byline: string | null;
  readonly siteName: string | null;
  /** Where the page was found, after redirects. */
  readonly finalUrl: string;
  /** The http(s) URL its <link rel=canonical> names, resolved against finalUrl; null: none (or not http(s)). */
  readonly canonicalUrl: string | null;
  readonly contentType: string | null;
  readonly charset: string;
}

/** A canonical link's href as an absolute http(s) URL (relative ones resolve against the page's URL). */
export function resolveCanonical(href: string | null, pageUrl: string): string | null {
  if (href === null || href.length > 2048) return null;
  try {
    const url = new URL(href, pageUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

@Injectable()
export class PageFetcher {
  constructor(
    @Inject(DOCUMENT_FETCHER) private readonly fetcher: DocumentFetcher,
    @Inject(INGESTOR_CONFIG) private readonly config: IngestorConfig,
  ) {}

  /** Throws a ProblemError with the fetch's code (url-forbidden, upstream-timeout, ...). */
  async fetch(url: string): Promise<FetchedPage> {
    try {
      const answer = await this.fetcher.fetch({
        url,
        accept: 'text/html, application/xhtml+xml;q=0.9, text/plain;q=0.5',
        maxBytes: this.config.fetch.maxBytes,
        timeoutMs: this.config.fetch.timeoutMs,
        connectTimeoutMs: this.config.fetch.connectTimeoutMs,
        maxRedirects,
      });
      // Only a conditional request can answer "not modified", and this one is not.
      if (answer.status !== 'fetched') throw new Error(`${url} answered 304 to an unconditional request`);
      const document = documentText(answer.body, answer.contentType, ['html', 'text']);
      const base = { finalUrl: answer.url, contentType: document.mimeType, charset: document.charset };
      if (document.kind === 'text') {
        // Plain text: its first heading or line is its title, a date line its date (as for files).
        const text = parseArticleText(document.text, { url: answer.url });
        return { ...base, canonicalUrl: null, parts: { title: text.title, url: answer.url, publishedAt: text.publishedAt, body: text.body }, byline: null, siteName: null };
      }
      const page = readPage(document.text);
      return {
        ...base,
        canonicalUrl: resolveCanonical(page.canonicalHref, answer.url),
        parts: { title: page.title, url: answer.url, publishedAt: page.publishedAt, body: page.html },
        byline: page.byline,
        siteName: page.siteName,
      };
    } catch (error) {
      throw fetchProblemOf(error, 'page') ?? error;
    }
  }
}
