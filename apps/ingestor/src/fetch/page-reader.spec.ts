// The canonical link of a page: read from the markup before Readability rewrites it, resolved
// against the page's own URL, and only when it is an http(s) address.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveCanonical } from './page-fetcher.js';
import { readPage } from './page-reader.js';

const page = (head: string) =>
  `<html><head><title>Mediators meet in Nairobi</title>${head}</head><body><article><h1>Mediators meet in Nairobi</h1><p>The envoys met on Monday.</p></article></body></html>`;

describe('readPage: the canonical link', () => {
  it('takes the href of the first link whose rel lists "canonical", whatever its case and other tokens', () => {
    assert.equal(readPage(page('<link rel="stylesheet" href="/s.css"><link rel="Canonical" href="https://wire.example/a">')).canonicalHref, 'https://wire.example/a');
    assert.equal(readPage(page('<link rel="alternate canonical" href="/b?utm_source=x">')).canonicalHref, '/b?utm_source=x');
  });

  it('is null without one, or with an empty href', () => {
    assert.equal(readPage(page('<link rel="alternate" href="/feed.xml">')).canonicalHref, null);
    assert.equal(readPage(page('<link rel="canonical" href="  ">')).canonicalHref, null);
    assert.equal(readPage(page('<link rel="canonicalish" href="/c">')).canonicalHref, null);
  });
});

describe('resolveCanonical', () => {
  it('resolves a relative href against the page URL, and keeps an absolute one', () => {
    assert.equal(resolveCanonical('/world/story-1', 'https://daily.example/amp/story-1?x=1'), 'https://daily.example/world/story-1');
    assert.equal(resolveCanonical('https://wire.example/s/1', 'https://daily.example/a'), 'https://wire.example/s/1');
  });

  it('refuses what is no http(s) URL', () => {
    assert.equal(resolveCanonical(null, 'https://daily.example/a'), null);
    assert.equal(resolveCanonical('javascript:alert(1)', 'https://daily.example/a'), null);
    assert.equal(resolveCanonical('ftp://daily.example/a', 'https://daily.example/a'), null);
    assert.equal(resolveCanonical('http://[::1', 'https://daily.example/a'), null);
    assert.equal(resolveCanonical(`/${'x'.repeat(3000)}`, 'https://daily.example/a'), null);
  });
});
