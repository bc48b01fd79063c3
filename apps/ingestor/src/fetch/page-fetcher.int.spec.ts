// Fetching pages from real HTTP servers on loopback (allowed through OUTBOUND_ALLOWLIST, as in every
// test of outbound requests): the article read out of a page, character sets, compression,
// redirects re-checked by the SSRF guard, and each limit answered with its code.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { DocumentFetcher, OutboundGuard, ProblemError } from '@talkwatch/infra';
import { loadIngestorConfig } from '../config.js';
import { startLocalSite, windows1251, type LocalSite } from '../testing/local-site.js';
import { PageFetcher } from './page-fetcher.js';

const filler = (n: number) =>
  Array.from({ length: n }, (_, i) => `<p>Paragraph ${i + 1}: the delegations spent the afternoon on the wording of the prisoner exchange, and both said the text was nearly ready for signature.</p>`).join('\n');

const newsPage = `<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Envoys agree to meet again in Muscat</title>
<meta property="article:published_time" content="2025-04-12T09:30:00Z">
<meta name="author" content="Mara Lindqvist">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Envoys agree to meet again in Muscat</h1>
<p>Negotiators from the two governments ended a second day of indirect talks in Muscat on Saturday and agreed to meet again next week, the Omani foreign ministry said.</p>
${filler(6)}
</article>
<aside class="comments"><p>Reader comment: first!</p></aside>
<footer>All rights reserved. Cookie settings.</footer>
<script>document.write('tracking pixel')</script>
</body></html>`;

const cyrillicTitle = 'Переговоры в Стамбуле возобновятся в понедельник';
const cyrillicBody = 'Делегации двух стран встретятся в Стамбуле в понедельник, сообщил посредник. Обе стороны подтвердили участие.';
const cyrillicPage = (meta: string) =>
  `<html><head>${meta}<title>${cyrillicTitle}</title></head><body><article><h1>${cyrillicTitle}</h1>${Array.from({ length: 5 }, () => `<p>${cyrillicBody}</p>`).join('')}</article></body></html>`;

const latinText = 'Les négociateurs se retrouveront à Genève; la délégation française a salué un « pas décisif ».';
const latinPage = `<html><head><title>Négociations à Genève</title></head><body><article><h1>Négociations à Genève</h1>${Array.from({ length: 5 }, () => `<p>${latinText}</p>`).join('')}</article></body></html>`;

describe('PageFetcher (real HTTP servers on loopback)', () => {
  let site: LocalSite;
  const config = loadIngestorConfig({ OUTBOUND_ALLOWLIST: '127.0.0.1', FETCH_TIMEOUT_MS: '800', FETCH_CONNECT_TIMEOUT_MS: '500', FETCH_MAX_BYTES: '200000' });
  const pages = new PageFetcher(new DocumentFetcher(new OutboundGuard(config.outbound.allowlist)), config);

  const refusal = async (url: string, status: number, code: string, fetcher = pages) => {
    await assert.rejects(fetcher.fetch(url), (error: unknown) => {
      assert.ok(error instanceof ProblemError, String(error));
      assert.deepEqual([error.status, error.code], [status, code], error.detail);
      return true;
    });
  };

  before(async () => {
    site = await startLocalSite({
      '/news': { headers: { 'content-type': 'text/html; charset=utf-8' }, body: newsPage },
      '/json-ld': {
        headers: { 'content-type': 'text/html' },
        body: `<html><head><title>Ceasefire talks adjourn</title><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Ceasefire talks adjourn","datePublished":"2025-02-03T17:00:00+02:00","author":{"@type":"Person","name":"Idris Bello"}}</script></head><body><article><h1>Ceasefire talks adjourn</h1>${filler(4)}</article></body></html>`,
      },
      '/time-element': {
        headers: { 'content-type': 'text/html' },
        body: `<html><head><title>Border talks</title></head><body><article><h1>Border talks</h1><p>Posted <time datetime="2024-11-05">5 November</time></p>${filler(4)}</article></body></html>`,
      },
      '/cp1251-header': { headers: { 'content-type': 'text/html; charset=windows-1251' }, body: windows1251(cyrillicPage('')) },
      '/cp1251-meta': { headers: { 'content-type': 'text/html' }, body: windows1251(cyrillicPage('<meta charset="windows-1251">')) },
      '/cp1251-http-equiv': { headers: { 'content-type': 'text/html' }, body: windows1251(cyrillicPage('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">')) },
      '/latin1': { headers: { 'content-type': 'text/html; charset=ISO-8859-1' }, body: Buffer.from(latinPage, 'latin1') },
      '/utf8-bom': { headers: { 'content-type': 'text/html' }, body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(latinPage, 'utf8')]) },
      '/gzip': { headers: { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' }, body: gzipSync(newsPage) },
      '/gzip-bomb': { headers: { 'content-type': 'text/html', 'content-encoding': 'gzip' }, body: gzipSync(Buffer.alloc(5_000_000, 0x20)) },
      '/plain': { headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `Talks on the dam resume\n\n${latinText}\n` },
      '/image': { headers: { 'content-type': 'image/png' }, body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]) },
      '/binary-unlabelled': { body: Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 3, 0, 0, 0]) },
      '/huge-declared': { headers: { 'content-type': 'text/html', 'content-length': '300000' }, body: 'x'.repeat(300_000) },
      '/huge-chunked': (_request) => (response) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        for (let i = 0; i < 30; i += 1) response.write('<p>'.padEnd(10_000, 'x'));
        response.end();
      },
      '/slow': { headers: { 'content-type': 'text/html' }, body: newsPage, delayMs: 2_000 },
      '/drip': () => (response) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        const timer = setInterval(() => {
          if (response.destroyed) clearInterval(timer);
          else response.write('<p>more</p>');
        }, 100);
        response.on('close', () => {
          clearInterval(timer);
        });
      },
      '/broken': { status: 500, body: 'oops' },
      '/to-metadata': { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' } },
      '/loop': { status: 302, headers: { location: '/loop' } },
    });
    // A chain of five redirects ending at the news page: the most followed.
    for (let i = 1; i <= 5; i += 1) site.route(`/hop${i}`, { status: i % 2 === 0 ? 301 : 307, headers: { location: i === 5 ? '/news' : `/hop${i + 1}` } });
    site.route('/hop0', { status: 302, headers: { location: '/hop1' } });
  });
  after(async () => {
    await site.close();
  });

  it('reads the story out of a news page: title, byline, date, and the text without navigation, comments or scripts', async () => {
    const page = await pages.fetch(`${site.origin}/news`);
    assert.equal(page.parts.title, 'Envoys agree to meet again in Muscat');
    assert.equal(page.byline, 'Mara Lindqvist');
    assert.equal(page.parts.publishedAt, '2025-04-12T09:30:00Z');
    assert.equal(page.charset, 'UTF-8');
    assert.match(page.parts.body, /agreed to meet again next week/);
    for (const noise of ['Cookie settings', 'tracking pixel', 'first!', 'Sport']) assert.doesNotMatch(page.parts.body, new RegExp(noise));
  });

  it('takes the date from JSON-LD, and from a <time datetime> when nothing else gives one', async () => {
    assert.equal((await pages.fetch(`${site.origin}/json-ld`)).parts.publishedAt, '2025-02-03T17:00:00+02:00');
    assert.equal((await pages.fetch(`${site.origin}/time-element`)).parts.publishedAt, '2024-11-05');
  });

  it('decodes windows-1251 named by the header, by <meta charset> or by http-equiv, and ISO-8859-1 and a UTF-8 BOM', async () => {
    for (const path of ['/cp1251-header', '/cp1251-meta', '/cp1251-http-equiv']) {
      const page = await pages.fetch(`${site.origin}${path}`);
      assert.equal(page.charset, 'windows-1251', path);
      assert.equal(page.parts.title, cyrillicTitle, path);
      assert.ok(page.parts.body.includes(cyrillicBody), path);
    }
    const latin = await pages.fetch(`${site.origin}/latin1`);
    // The WHATWG encoding standard reads the ISO-8859-1 label as its superset windows-1252.
    assert.equal(latin.charset, 'windows-1252');
    assert.ok(latin.parts.body.includes(latinText));
    const bom = await pages.fetch(`${site.origin}/utf8-bom`);
    assert.equal(bom.charset, 'UTF-8');
    assert.equal(bom.parts.title, 'Négociations à Genève');
  });

  it('decompresses gzip, and refuses a small gzip that inflates past FETCH_MAX_BYTES (413)', async () => {
    assert.equal((await pages.fetch(`${site.origin}/gzip`)).byline, 'Mara Lindqvist');
    await refusal(`${site.origin}/gzip-bomb`, 413, 'page-too-large');
  });

  it('reads a text/plain page: its first line is its title', async () => {
    const page = await pages.fetch(`${site.origin}/plain`);
    assert.equal(page.parts.title, 'Talks on the dam resume');
    assert.ok(page.parts.body.includes(latinText));
  });

  it('follows five redirects and gives the final URL; a sixth is 502 too-many-redirects', async () => {
    const page = await pages.fetch(`${site.origin}/hop1`);
    assert.equal(page.finalUrl, `${site.origin}/news`);
    assert.equal(page.parts.url, `${site.origin}/news`);
    await refusal(`${site.origin}/hop0`, 502, 'too-many-redirects');
    await refusal(`${site.origin}/loop`, 502, 'too-many-redirects');
  });

  it('checks every redirect with the SSRF guard: one to the cloud metadata address is 422 url-forbidden', async () => {
    await refusal(`${site.origin}/to-metadata`, 422, 'url-forbidden');
  });

  it('refuses a loopback URL when the allowlist does not name it (422 url-forbidden), before connecting', async () => {
    const strict = new PageFetcher(new DocumentFetcher(new OutboundGuard(loadIngestorConfig({}).outbound.allowlist)), config);
    const before = site.requests.length;
    await refusal(`${site.origin}/news`, 422, 'url-forbidden', strict);
    assert.equal(site.requests.length, before, 'nothing was sent');
    await refusal('http://host.invalid/page', 422, 'url-unresolvable', strict);
  });

  it('refuses what is not a page with 415, and a page larger than FETCH_MAX_BYTES with 413 (declared or not)', async () => {
    await refusal(`${site.origin}/image`, 415, 'unsupported-content-type');
    await refusal(`${site.origin}/binary-unlabelled`, 415, 'unsupported-content-type');
    await refusal(`${site.origin}/huge-declared`, 413, 'page-too-large');
    await refusal(`${site.origin}/huge-chunked`, 413, 'page-too-large');
  });

  it('answers 504 upstream-timeout for a slow server and for one that drips its page, and 502 for a 500', async () => {
    const started = Date.now();
    await refusal(`${site.origin}/slow`, 504, 'upstream-timeout');
    await refusal(`${site.origin}/drip`, 504, 'upstream-timeout');
    assert.ok(Date.now() - started < 3_000, 'each is cut off at FETCH_TIMEOUT_MS');
    await assert.rejects(pages.fetch(`${site.origin}/broken`), { status: 502, code: 'upstream-failed', extra: { upstreamStatus: 500 } });
  });
});
