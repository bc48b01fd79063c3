// For tests: feed documents in the three formats, written for these tests.
export interface TestItem {
  readonly id: string;
  readonly title: string;
  readonly url?: string;
  readonly published: string;
  /** Full text (HTML), when the feed carries it. */
  readonly content?: string;
  readonly summary?: string;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function rss(title: string, items: readonly TestItem[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>${escape(title)}</title><link>https://news.test/</link><description>Test wire</description>
${items
  .map(
    (item) => `<item><guid isPermaLink="false">${escape(item.id)}</guid><title>${escape(item.title)}</title>${item.url ? `<link>${escape(item.url)}</link>` : ''}
<pubDate>${new Date(item.published).toUTCString()}</pubDate>${item.summary ? `<description>${escape(item.summary)}</description>` : ''}${item.content ? `<content:encoded><![CDATA[${item.content}]]></content:encoded>` : ''}</item>`,
  )
  .join('\n')}
</channel></rss>`;
}

export function atom(title: string, items: readonly TestItem[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>${escape(title)}</title><id>urn:test:feed</id><updated>2025-01-01T00:00:00Z</updated>
${items
  .map(
    (item) => `<entry><id>${escape(item.id)}</id><title>${escape(item.title)}</title>${item.url ? `<link rel="alternate" href="${escape(item.url)}"/>` : ''}
<published>${item.published}</published><updated>${item.published}</updated>${item.summary ? `<summary>${escape(item.summary)}</summary>` : ''}${item.content ? `<content type="html">${escape(item.content)}</content>` : ''}</entry>`,
  )
  .join('\n')}
</feed>`;
}

export function jsonFeed(title: string, items: readonly TestItem[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title,
    items: items.map((item) => ({
      id: item.id,
      title: item.title,
      ...(item.url ? { url: item.url } : {}),
      date_published: item.published,
      ...(item.summary ? { summary: item.summary } : {}),
      ...(item.content ? { content_html: item.content } : {}),
    })),
  });
}

/** A long article body about a round of talks, in HTML (over the full-text threshold). */
export function fullText(lead: string): string {
  // Long enough to count as full text, and made of the lead's own words (rotated), so that two
  // items are not near-duplicate copies of one story for the intake's fingerprint.
  const words = lead.replace(/[.]/g, '').split(/\s+/);
  const rotated = (by: number) => [...words.slice(by % words.length), ...words.slice(0, by % words.length)].join(' ');
  return `<p>${lead}</p>${Array.from({ length: 4 }, (_, i) => `<p>Part ${i + 1}: ${rotated(3 * (i + 1))}, as reported.</p>`).join('')}`;
}
