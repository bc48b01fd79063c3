import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentText } from '../fetch/document-text.js';
import { atom, fullText, jsonFeed, rss, type TestItem } from '../testing/feeds.js';
import { readFeed, type FeedRefusal } from './feed-reader.js';

const items: TestItem[] = [
  { id: 'wire-1', title: 'Talks resume in Doha', url: 'https://news.test/a', published: '2025-05-01T10:00:00Z', content: fullText('The two sides resumed talks in Doha on Thursday.') },
  { id: 'wire-2', title: 'Envoys to meet in Vienna', url: 'https://news.test/b', published: '2025-05-02T08:30:00Z', summary: 'A short teaser.' },
];

const read = (text: string, type: string) => readFeed(documentText(Buffer.from(text), type, ['xml', 'json', 'html']));

describe('readFeed', () => {
  // The XML parser gives dates as Date objects (milliseconds shown); JSON Feed's are kept as written.
  for (const [format, text, type, dates] of [
    ['rss', rss('Wire', items), 'application/rss+xml', ['2025-05-01T10:00:00.000Z', '2025-05-02T08:30:00.000Z']],
    ['atom', atom('Wire', items), 'application/atom+xml; charset=utf-8', ['2025-05-01T10:00:00.000Z', '2025-05-02T08:30:00.000Z']],
    ['json', jsonFeed('Wire', items), 'application/feed+json', ['2025-05-01T10:00:00Z', '2025-05-02T08:30:00Z']],
  ] as const) {
    it(`reads ${format}: keys, links, titles, dates, full text and summaries`, () => {
      const feed = read(text, type);
      assert.equal(feed.format, format);
      assert.equal(feed.title, 'Wire');
      assert.deepEqual(
        feed.items.map((i) => [i.key, i.url, i.title, i.publishedAt]),
        [
          ['wire-1', 'https://news.test/a', 'Talks resume in Doha', dates[0]],
          ['wire-2', 'https://news.test/b', 'Envoys to meet in Vienna', dates[1]],
        ],
      );
      const [first, second] = feed.items;
      assert.ok(first && second);
      assert.match(first.content ?? '', /resumed talks in Doha/);
      assert.equal(second.content, null);
      assert.equal(second.summary, 'A short teaser.');
    });
  }

  it('reads a feed served with a vague or wrong content type by its first bytes', () => {
    assert.equal(read(rss('Wire', items), 'application/octet-stream').format, 'rss');
    assert.equal(read(jsonFeed('Wire', items), 'text/html').format, 'json');
    assert.equal(read(jsonFeed('Wire', items), 'application/json').format, 'json');
  });

  const refused = (text: string, code: FeedRefusal) => {
    assert.throws(() => read(text, 'application/rss+xml'), (error: unknown) => {
      assert.equal((error as { code?: string }).code, code);
      return true;
    });
  };

  it('refuses entity declarations (billion laughs) before parsing', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><rss version="2.0"><channel><title>&c;</title></channel></rss>`;
    refused(laughs, 'feed-entities');
  });

  it('refuses a document nested deeper than any feed, without overflowing the stack', () => {
    refused(`<rss><channel>${'<x>'.repeat(50_000)}${'</x>'.repeat(50_000)}</channel></rss>`, 'feed-too-deep');
  });

  it('refuses what is no feed: an HTML page, broken XML, JSON that is not a JSON Feed', () => {
    refused('<html><body><p>Hello</p></body></html>', 'feed-malformed');
    refused('<<<>>>', 'feed-malformed');
    assert.throws(() => read('{"version":"1","items":[]}', 'application/json'), { code: 'feed-malformed' });
    assert.throws(() => read('{"version":', 'application/feed+json'), { code: 'feed-malformed' });
  });
});
