import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalUrl, outletOf } from './canonical-url.js';

describe('canonicalUrl', () => {
  it('lower-cases scheme and host, drops www., the default port and the fragment', () => {
    assert.equal(canonicalUrl('HTTPS://WWW.Example.ORG:443/World/Talks-Resume#comments'), 'https://example.org/World/Talks-Resume');
    assert.equal(canonicalUrl('http://www.example.org:80/a'), 'http://example.org/a');
    // The path keeps its case: servers may tell /A from /a.
    assert.notEqual(canonicalUrl('https://example.org/A'), canonicalUrl('https://example.org/a'));
  });

  it('strips tracking parameters and sorts the others', () => {
    assert.equal(
      canonicalUrl('https://example.org/story?utm_source=newsletter&id=42&UTM_Medium=email&fbclid=abc&gclid=def&page=2'),
      'https://example.org/story?id=42&page=2',
    );
    assert.equal(canonicalUrl('https://example.org/story?b=2&a=1'), canonicalUrl('https://example.org/story?a=1&b=2'));
    assert.equal(canonicalUrl('https://example.org/story?utm_campaign=x'), 'https://example.org/story');
    // Repeated parameters keep their order.
    assert.equal(canonicalUrl('https://example.org/s?tag=b&tag=a'), 'https://example.org/s?tag=b&tag=a');
  });

  it('makes the copies one reader meets of the same story one URL', () => {
    const forms = [
      'https://www.example.org/2024/03/12/talks/',
      'https://example.org/2024/03/12/talks?utm_source=twitter',
      'https://EXAMPLE.org/2024/03/12/talks#top',
      'https://example.org./2024/03/12/talks?fbclid=IwAR0x',
      'https://user:secret@example.org/2024/03/12/talks',
    ];
    assert.deepEqual(new Set(forms.map(canonicalUrl)), new Set(['https://example.org/2024/03/12/talks']));
  });

  it('keeps the root path and refuses what is not an http(s) URL', () => {
    assert.equal(canonicalUrl('https://www.example.org'), 'https://example.org/');
    assert.equal(canonicalUrl('ftp://example.org/file'), null);
    assert.equal(canonicalUrl('not a url'), null);
    assert.equal(canonicalUrl('javascript:alert(1)'), null);
  });

  it('names the outlet by its canonical host', () => {
    assert.equal(outletOf('https://www.Wire-Service.example/news/1?utm_source=x'), 'wire-service.example');
    assert.equal(outletOf('mailto:desk@example.org'), null);
  });
});
