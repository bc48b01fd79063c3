// Which URLs name an article: its own, and what a fetched page's canonical link names; the latter
// is stored only when it is on the page's own outlet.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { urlsOf } from './ingest-article.js';

describe('urlsOf', () => {
  it('an article without a canonical link is known and stored by its own canonical URL', () => {
    assert.deepEqual(urlsOf({ url: 'https://www.Daily.example/a?utm_source=x#top' }), { stored: 'https://daily.example/a', lookups: ['https://daily.example/a'] });
    assert.deepEqual(urlsOf({ url: null }), { stored: null, lookups: [] });
  });

  it('a canonical link on the same outlet is where the article is stored, its own URL still looked up', () => {
    assert.deepEqual(urlsOf({ url: 'https://daily.example/amp/a?page=1', canonicalUrl: 'https://www.daily.example/world/a' }), {
      stored: 'https://daily.example/world/a',
      lookups: ['https://daily.example/world/a', 'https://daily.example/amp/a?page=1'],
    });
  });

  it('a canonical link on another outlet is looked up, never stored', () => {
    assert.deepEqual(urlsOf({ url: 'https://daily.example/a', canonicalUrl: 'https://wire.example/story/9?utm_medium=rss' }), {
      stored: 'https://daily.example/a',
      lookups: ['https://daily.example/a', 'https://wire.example/story/9'],
    });
  });

  it('ignores a canonical link that is no http(s) URL', () => {
    assert.deepEqual(urlsOf({ url: 'https://daily.example/a', canonicalUrl: 'mailto:desk@daily.example' }), { stored: 'https://daily.example/a', lookups: ['https://daily.example/a'] });
  });
});
