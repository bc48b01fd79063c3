// POST /articles {url} as a use case on a real PostgreSQL and the embedded log: the page is
// fetched, read, stored and its facts published; fetching it again is a duplicate; a page that
// fails publishes and stores nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startIngestStack, type IngestStack } from '../testing/ingest-stack.js';
import { startLocalSite, windows1251, type LocalSite } from '../testing/local-site.js';
import { isUrlRequest, parseUrlRequest } from './ingest-url.js';

const story = (title: string, lead: string) => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>
<meta property="article:published_time" content="2025-03-04T08:00:00Z"><meta name="author" content="Noor Haddad"></head>
<body><header><a href="/">Front page</a></header><article><h1>${title}</h1><p>${lead}</p>
<p>Both delegations said the atmosphere was constructive, and the mediators will circulate a draft before the next session.</p>
<p>Officials on both sides declined to give details of the draft, which covers the withdrawal of forces and the exchange of detainees.</p></article></body></html>`;

describe('IngestUrl: POST /articles {url} (PostgreSQL, embedded log, loopback site)', () => {
  let stack: IngestStack;
  let site: LocalSite;

  before(async () => {
    stack = await startIngestStack();
    site = await startLocalSite({
      '/armenia-azerbaijan': {
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: story('Armenia and Azerbaijan to hold talks in Washington', 'Armenia and Azerbaijan will hold peace talks in Washington on 10 March 2025, the State Department said on Tuesday.'),
      },
      '/moved': { status: 301, headers: { location: '/armenia-azerbaijan' } },
      '/russian': {
        headers: { 'content-type': 'text/html; charset=windows-1251' },
        body: windows1251('<html><head><title>Переговоры в Женеве</title></head><body><article><h1>Переговоры в Женеве</h1><p>Делегации встретятся в Женеве во вторник.</p></article></body></html>'),
      },
      '/empty': { headers: { 'content-type': 'text/html' }, body: '<html><head><title>Nothing</title></head><body><script>var a = 1;</script></body></html>' },
      '/gone': { status: 410 },
      '/sudan': {
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: `<!doctype html><html><head><title>Sudan truce talks resume</title></head><body><article><h1>Sudan truce talks resume</h1>
<p>Envoys of the Sudanese army and the Rapid Support Forces resumed truce talks in Jeddah on Sunday under Saudi and American mediation.</p>
<p>Aid agencies asked both camps to open safe corridors for food convoys into Darfur before the rainy season closes the roads.</p></article></body></html>`,
      },
    });
  });
  after(async () => {
    await site.close();
    await stack.close();
  });

  it('tells a {url} request from an article: a body means the article itself', () => {
    assert.equal(isUrlRequest({ url: 'https://example.org/a' }), true);
    assert.equal(isUrlRequest({ url: 'https://example.org/a', body: 'text' }), false);
    assert.throws(() => parseUrlRequest({ url: 'ftp://example.org/a' }), { status: 422, code: 'invalid-article' });
    assert.throws(() => parseUrlRequest({ url: 'https://example.org/a', extra: 1 }), { status: 422, code: 'invalid-article' });
  });

  it('fetches the page, stores the article under its final URL and publishes its facts; the same page again is a duplicate', async () => {
    const result = await stack.ingestUrl.execute(parseUrlRequest({ url: `${site.origin}/moved` }));
    assert.equal(result.status, 'accepted');
    assert.ok(result.eventCount > 0, 'the talks are reported');
    assert.equal(result.publishedAt, '2025-03-04T08:00:00Z');
    assert.deepEqual([result.fetched.finalUrl, result.fetched.byline, result.fetched.charset], [`${site.origin}/armenia-azerbaijan`, 'Noor Haddad', 'UTF-8']);
    const stored = await stack.articles.find(result.articleId);
    assert.ok(stored);
    assert.equal(stored.url, `${site.origin}/armenia-azerbaijan`);
    assert.equal(stored.title, 'Armenia and Azerbaijan to hold talks in Washington');
    assert.doesNotMatch(stored.body, /Front page/);
    assert.equal(await stack.loggedEvents(), result.eventCount);
    const again = await stack.ingestUrl.execute(parseUrlRequest({ url: `${site.origin}/armenia-azerbaijan` }));
    assert.deepEqual([again.status, again.articleId], ['duplicate', result.articleId]);
    assert.equal(await stack.loggedEvents(), result.eventCount, 'nothing published twice');
  });

  it('stores a windows-1251 page as the Cyrillic its author wrote', async () => {
    const result = await stack.ingestUrl.execute(parseUrlRequest({ url: `${site.origin}/russian` }));
    const stored = await stack.articles.find(result.articleId);
    assert.ok(stored);
    assert.equal(stored.title, 'Переговоры в Женеве');
    assert.match(stored.body, /Делегации встретятся в Женеве во вторник/);
  });

  it('lets the client override the page\'s title and date', async () => {
    const result = await stack.ingestUrl.execute(parseUrlRequest({ url: `${site.origin}/sudan`, title: 'Jeddah talks resume', publishedAt: '2023-10-29' }));
    assert.equal(result.status, 'accepted');
    assert.equal(result.publishedAt, '2023-10-29');
    assert.equal((await stack.articles.find(result.articleId))?.title, 'Jeddah talks resume');
  });

  it('stores and publishes nothing for a page with no text (422) or a server that fails (502)', async () => {
    const before = [await stack.db.prisma.article.count(), await stack.loggedEvents()];
    await assert.rejects(stack.ingestUrl.execute(parseUrlRequest({ url: `${site.origin}/empty` })), { status: 422, code: 'invalid-article' });
    await assert.rejects(stack.ingestUrl.execute(parseUrlRequest({ url: `${site.origin}/gone` })), { status: 502, code: 'upstream-failed' });
    assert.deepEqual([await stack.db.prisma.article.count(), await stack.loggedEvents()], before);
  });
});
