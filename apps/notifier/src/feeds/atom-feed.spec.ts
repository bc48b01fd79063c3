// The Atom feed read back by a feed parser the project does not write with
// (@rowanmanning/feed-parser), so what a feed reader sees is what is checked.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFeed } from '@rowanmanning/feed-parser';
import type { TrackChange } from '@talkwatch/domain';
import { atomFeedOf, entryIdOf, type AtomFeedMeta } from './atom-feed.js';

const meta: AtomFeedMeta = {
  title: 'Talkwatch: every negotiation',
  id: 'tag:talkwatch.dev,2026:changes',
  selfUrl: 'http://localhost:3000/talks.atom',
  alternateUrl: 'http://localhost:3000/talks',
  trackUrl: (trackId) => `http://localhost:3000/talks/${trackId}`,
};

const source = {
  articleId: 'a1',
  url: 'https://news.example.org/story?id=7&lang=en',
  title: 'Envoys <meet> & talk',
  publishedAt: '2022-01-05T08:00:00Z',
  sentence: 'Serbia and Kosovo will meet in Brussels on 18 March, an EU official said ("a step]]> forward").',
  start: 0,
  end: 90,
};

const roundAdded: TrackChange = {
  id: 'kosovo--serbia:round:2022-03-18:added',
  type: 'round.added',
  trackId: 'kosovo--serbia',
  trackName: 'Kosovo – Serbia',
  occurredAt: '2022-01-05T08:00:00Z',
  summary: 'New round: Kosovo – Serbia, scheduled for 18 Mar 2022 in Brussels',
  source,
  roundId: 'kosovo--serbia:round:2022-03-18',
  ordinal: null,
  status: 'scheduled',
  date: { text: 'on 18 March', start: '2022-03-18', end: null, precision: 'day' },
  venue: 'Brussels',
};

const statusChanged: TrackChange = {
  id: 'kosovo--serbia:status:proposed->active',
  type: 'track.status-changed',
  trackId: 'kosovo--serbia',
  trackName: 'Kosovo – Serbia',
  occurredAt: '2022-03-19T10:00:00Z',
  summary: 'Kosovo – Serbia: talks are active',
  source: { ...source, url: null, title: 'Talks held', publishedAt: null },
  from: 'proposed',
  to: 'active',
};

describe('atomFeedOf', () => {
  const xml = atomFeedOf(
    [
      { change: statusChanged, recordedAt: new Date('2022-03-19T10:00:05Z') },
      { change: roundAdded, recordedAt: new Date('2022-01-05T08:00:03Z') },
    ],
    meta,
  );
  const feed = parseFeed(xml);

  it('is an Atom feed with its title, self link and last update', () => {
    assert.match(xml, /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom">/);
    assert.equal(feed.meta.type, 'atom');
    assert.equal(feed.title, meta.title);
    assert.equal(feed.self, meta.selfUrl);
    assert.equal(feed.url, meta.alternateUrl);
    assert.equal(feed.updated?.toISOString(), '2022-03-19T10:00:05.000Z', 'the newest change recorded');
    assert.equal(feed.authors[0]?.name, 'Talkwatch');
  });

  it('has one entry per change, in the given order, with stable ids and both times', () => {
    assert.equal(feed.items.length, 2);
    const [first, second] = feed.items;
    assert.equal(first?.id, entryIdOf(statusChanged));
    assert.equal(first.id, 'tag:talkwatch.dev,2026:change:kosovo--serbia%3Astatus%3Aproposed-%3Eactive', 'characters a URI may not hold are escaped');
    assert.equal(second?.id, entryIdOf(roundAdded));
    assert.equal(second.updated?.toISOString(), '2022-01-05T08:00:03.000Z', 'updated: when Talkwatch recorded it');
    assert.equal(second.published?.toISOString(), '2022-01-05T08:00:00.000Z', 'published: when the article reported it');
    assert.deepEqual(feed.items.map((i) => i.categories.map((c) => c.term)), [['track.status-changed'], ['round.added']]);
  });

  it('links an entry to its article, or to the track when the article has no URL', () => {
    const [first, second] = feed.items;
    assert.equal(second?.url, source.url, 'the query string survives the XML escaping');
    assert.equal(first?.url, 'http://localhost:3000/talks/kosovo--serbia');
  });

  it('escapes the article\'s text: a title, a sentence with markup or a CDATA end read back as written', () => {
    const [, second] = feed.items;
    assert.equal(second?.title, roundAdded.summary);
    // In the document the HTML is escaped once (so "]]>" cannot end the CDATA section early) ...
    assert.ok(xml.includes('Envoys &lt;meet&gt; &amp; talk'), xml);
    assert.ok(xml.includes('a step]]&gt; forward'), xml);
    assert.ok(xml.includes('href="https://news.example.org/story?id=7&amp;lang=en"'), xml);
    // ... and a reader gets the words back as the article wrote them.
    const content = second.content ?? '';
    assert.ok(content.includes(source.sentence), content);
    assert.ok(content.includes(source.title), content);
    assert.ok(feed.items[0]?.content?.includes('publication date not stated'));
  });

  it('is the same document for the same changes (so caches and ETags hold), and valid when empty', () => {
    const again = atomFeedOf(
      [
        { change: statusChanged, recordedAt: new Date('2022-03-19T10:00:05Z') },
        { change: roundAdded, recordedAt: new Date('2022-01-05T08:00:03Z') },
      ],
      meta,
    );
    assert.equal(again, xml);
    const empty = parseFeed(atomFeedOf([], meta));
    assert.deepEqual([empty.items.length, empty.title, empty.updated?.toISOString()], [0, meta.title, '1970-01-01T00:00:00.000Z']);
  });
});
