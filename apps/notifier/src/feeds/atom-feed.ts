// The changes of one track, or of all, as an Atom feed (RFC 4287) for feed readers: one entry per
// change, newest first, its id stable so a reader shows each change once however often it polls.
import type { TrackChange } from '@talkwatch/domain';
import { Feed } from 'feed';
import type { RecordedChange } from './feeds.repository.js';

export interface AtomFeedMeta {
  readonly title: string;
  /** A permanent id for the feed (a tag: URI, so it does not change with the host name). */
  readonly id: string;
  /** Where this feed is read from. */
  readonly selfUrl: string;
  /** The JSON resource the feed follows (GET /talks or /talks/:id). */
  readonly alternateUrl: string;
  /** The status API URL of a track. */
  readonly trackUrl: (trackId: string) => string;
}

/** The changes are HTML in the entries (type="html"): every text from an article is escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** tag: URIs (RFC 4151) for the feed and its entries; change ids hold characters a URI may not. */
export const feedTag = (what: string): string => `tag:talkwatch.dev,2026:${what}`;
export const entryIdOf = (change: TrackChange): string => feedTag(`change:${encodeURIComponent(change.id)}`);

/** An http(s) URL the feed can link to, or undefined (an article's URL is whatever its sender gave). */
function httpUrl(text: string | null): string | undefined {
  if (text === null) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

function contentOf(change: TrackChange, trackUrl: string): string {
  const { source } = change;
  const sourceUrl = httpUrl(source.url);
  const title = escapeHtml(source.title || 'untitled article');
  const published = source.publishedAt ? `, published ${escapeHtml(source.publishedAt)}` : ', publication date not stated';
  return [
    `<p>${escapeHtml(change.summary)}</p>`,
    `<p>Track: <a href="${escapeHtml(trackUrl)}">${escapeHtml(change.trackName)}</a></p>`,
    `<p>Source: ${sourceUrl ? `<a href="${escapeHtml(sourceUrl)}">${title}</a>` : title}${published}</p>`,
    `<blockquote>${escapeHtml(source.sentence)}</blockquote>`,
  ].join('');
}

export function atomFeedOf(changes: readonly RecordedChange[], meta: AtomFeedMeta): string {
  // Deterministic for the same changes (so ETags hold): an empty feed was last updated at the epoch.
  const updated = changes.reduce((latest, c) => (c.recordedAt > latest ? c.recordedAt : latest), new Date(0));
  const feed = new Feed({
    id: meta.id,
    title: meta.title,
    description: 'Changes Talkwatch read in the news about these negotiations: new rounds, status changes, reschedules, demands, responses and corrections.',
    link: meta.alternateUrl,
    feedLinks: { atom: meta.selfUrl },
    updated,
    author: { name: 'Talkwatch' },
    generator: 'Talkwatch',
    copyright: 'Quotations belong to the articles they come from.',
  });
  for (const { change, recordedAt } of changes) {
    const trackUrl = meta.trackUrl(change.trackId);
    feed.addItem({
      id: entryIdOf(change),
      title: escapeHtml(change.summary),
      link: httpUrl(change.source.url) ?? trackUrl,
      // updated: when Talkwatch learned it; published: when the article reported it.
      date: recordedAt,
      ...(Number.isNaN(Date.parse(change.occurredAt)) ? {} : { published: new Date(change.occurredAt) }),
      content: contentOf(change, trackUrl),
      category: [{ term: change.type }],
    });
  }
  return feed.atom1();
}
