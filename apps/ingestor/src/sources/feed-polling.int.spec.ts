// Feed polling on a real PostgreSQL and the embedded log, against feeds served by a real HTTP
// server on loopback: items taken once, conditional requests answered 304, teasers fetched as
// pages, failures backed off, hostile feeds refused with a code, and a lease per feed so that two
// pollers sharing the database never poll one feed twice.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DocumentFetcher, OutboundGuard } from '@talkwatch/infra';
import { atom, fullText, jsonFeed, rss, type TestItem } from '../testing/feeds.js';
import { ManualClock, startIngestStack, type IngestStack } from '../testing/ingest-stack.js';
import { startLocalSite, type LocalSite, type SiteAnswer } from '../testing/local-site.js';
import { FeedPoller } from './feed-poller.js';
import { PollFeed } from './poll-feed.js';
import { sourceIdOf, sourceViewOf, type SourceView } from './source-view.js';
import { SourcesQuery } from './sources.query.js';
import { SourcesRepository } from './sources.repository.js';

const minute = 60_000;
const page = (title: string, text: string) =>
  `<html><head><title>${title}</title><meta property="article:published_time" content="2025-06-02T07:00:00Z"></head><body><nav>Menu</nav><article><h1>${title}</h1>${fullText(text)}</article></body></html>`;

const wire: TestItem[] = [
  { id: 'w-1', title: 'Sudan ceasefire talks open in Jeddah', url: 'https://news.test/w-1', published: '2025-06-01T09:00:00Z', content: fullText('Delegations of the Sudanese army and the Rapid Support Forces opened ceasefire talks in Jeddah on Sunday.') },
  { id: 'w-2', title: 'Mediators call second round', published: '2025-06-02T07:00:00Z', summary: 'Short teaser only.' },
  { id: 'w-3', title: 'Observers arrive', published: '2025-06-02T12:00:00Z', summary: 'Monitors from the African Union arrived in Jeddah on Monday to observe the talks between the Sudanese army and the Rapid Support Forces.' },
];
const laterItem: TestItem = { id: 'w-4', title: 'Talks adjourn', url: 'https://news.test/w-4', published: '2025-06-03T18:00:00Z', content: fullText('The Jeddah talks adjourned on Tuesday without agreement, the mediators said.') };

describe('Feed polling (PostgreSQL, embedded log, feeds on loopback)', () => {
  let stack: IngestStack;
  let site: LocalSite;
  let repository: SourcesRepository;
  const clock = new ManualClock(new Date('2030-01-01T00:00:00Z'));
  let etag = '"v1"';
  let wireItems: TestItem[] = [];
  let pollFeed: PollFeed;
  const pollerOf = () => new FeedPoller(stack.config, repository, pollFeed, clock.now);

  const add = async (path: string, intervalSeconds = 60) => {
    const url = `${site.origin}${path}`;
    const created = await repository.create({ id: sourceIdOf(url), url, name: path, intervalSeconds, enabled: true, origin: 'api', nextPollAt: clock.now() });
    assert.ok(created);
    return created.id;
  };
  const view = async (id: string): Promise<SourceView> => {
    const source = await repository.find(id);
    assert.ok(source);
    return sourceViewOf(source);
  };
  const hits = (path: string) => site.requests.filter((r) => r.path === path).length;

  before(async () => {
    stack = await startIngestStack({ FEED_MAX_BYTES: '50000', FETCH_TIMEOUT_MS: '2000' }, clock.now);
    repository = new SourcesRepository(stack.db.prisma);
    pollFeed = new PollFeed(repository, stack.ingest, stack.pages, new DocumentFetcher(new OutboundGuard(stack.config.outbound.allowlist)), clock.now, () => 0.5, stack.config);
    site = await startLocalSite({
      '/wire.rss': (request): SiteAnswer =>
        request.headers['if-none-match'] === etag
          ? { status: 304, headers: { etag } }
          : { headers: { 'content-type': 'application/rss+xml; charset=utf-8', etag, 'last-modified': 'Wed, 01 Jan 2030 00:00:00 GMT' }, body: rss('Wire', wireItems) },
      '/pages/w-2': { headers: { 'content-type': 'text/html; charset=utf-8' }, body: page('Mediators call second round of Jeddah talks', 'The mediators called a second round of talks between the army and the Rapid Support Forces for next week.') },
      '/wire.atom': { headers: { 'content-type': 'application/atom+xml' }, body: atom('Atom wire', [{ ...laterItem, id: 'urn:a-1', url: 'https://news.test/atom-1', title: 'Jeddah talks adjourn without a deal', content: fullText('Saudi and American mediators adjourned the Jeddah session on Tuesday and promised a new text within days.') }]) },
      '/wire.json': { headers: { 'content-type': 'application/feed+json' }, body: jsonFeed('JSON wire', [{ ...laterItem, id: 'j-1', url: 'https://news.test/json-1', title: 'Envoys leave Jeddah', content: fullText('Envoys of both Sudanese camps left Jeddah on Wednesday after the mediators closed the session.') }]) },
      '/laughs.rss': {
        headers: { 'content-type': 'application/rss+xml' },
        body: `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "haha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><rss version="2.0"><channel><title>&c;</title><item><title>&c;</title><description>&c;</description></item></channel></rss>`,
      },
      '/deep.rss': { headers: { 'content-type': 'application/rss+xml' }, body: `<rss><channel>${'<div>'.repeat(2000)}${'</div>'.repeat(2000)}</channel></rss>` },
      '/huge.rss': { headers: { 'content-type': 'application/rss+xml' }, body: `<rss><channel><title>${'x'.repeat(60_000)}</title></channel></rss>` },
    });
    wireItems = wire.map((item) => (item.id === 'w-2' ? { ...item, url: `${site.origin}/pages/w-2` } : item));
  });
  after(async () => {
    await site.close();
    await stack.close();
  });

  it('ingests every item of an RSS feed once: full text from the feed, a teaser\'s text from its page, a summary without link as it is', async () => {
    const id = await add('/wire.rss');
    assert.equal(await pollerOf().drain(), 1);
    const status = (await view(id)).status;
    assert.deepEqual([status.itemsSeen, status.itemsIngested, status.failures, status.lastError], [3, 3, 0, null]);
    assert.equal(status.lastSuccessAt, clock.now().toISOString());
    assert.equal(status.nextPollAt, new Date(clock.now().getTime() + minute).toISOString());
    const articles = await stack.db.prisma.article.findMany({ orderBy: { title: 'asc' } });
    assert.deepEqual(articles.map((a) => a.title), ['Mediators call second round', 'Observers arrive', 'Sudan ceasefire talks open in Jeddah']);
    const [teaser] = articles;
    assert.ok(teaser);
    assert.equal(teaser.url, `${site.origin}/pages/w-2`);
    assert.match(teaser.body, /called a second round of talks/);
    assert.doesNotMatch(teaser.body, /Menu/);
    assert.ok((await stack.loggedEvents()) > 0, 'their facts were published');
  });

  it('polls nothing before the interval, then sends the ETag back and takes a 304 as a success with nothing new', async () => {
    const id = sourceIdOf(`${site.origin}/wire.rss`);
    assert.equal(await pollerOf().drain(), 0, 'not due yet');
    clock.advance(minute);
    const before = await stack.db.prisma.article.count();
    assert.equal(await pollerOf().drain(), 1);
    const last = site.requests.filter((r) => r.path === '/wire.rss').at(-1);
    assert.deepEqual([last?.ifNoneMatch, last?.ifModifiedSince], ['"v1"', 'Wed, 01 Jan 2030 00:00:00 GMT']);
    assert.equal(await stack.db.prisma.article.count(), before);
    const status = (await view(id)).status;
    assert.deepEqual([status.itemsSeen, status.itemsIngested, status.lastSuccessAt], [3, 3, clock.now().toISOString()]);
  });

  it('takes only the new item when the feed changes, fetching no page twice', async () => {
    const id = sourceIdOf(`${site.origin}/wire.rss`);
    etag = '"v2"';
    wireItems = [{ ...laterItem }, ...wireItems];
    clock.advance(minute);
    const before = await stack.db.prisma.article.count();
    assert.equal(await pollerOf().drain(), 1);
    assert.equal(await stack.db.prisma.article.count(), before + 1);
    assert.equal(hits('/pages/w-2'), 1);
    const status = (await view(id)).status;
    assert.deepEqual([status.itemsSeen, status.itemsIngested], [4, 4]);
  });

  it('reads Atom and JSON Feed sources the same way', async () => {
    const ids = [await add('/wire.atom'), await add('/wire.json')];
    assert.equal(await pollerOf().drain(), 2);
    for (const id of ids) assert.deepEqual([(await view(id)).status.itemsIngested, (await view(id)).status.lastError], [1, null]);
  });

  it('backs off a failing feed, doubling the wait with jitter, and resets once it answers again', async () => {
    site.route('/flaky.rss', { status: 503, body: 'down' });
    const id = await add('/flaky.rss', 60);
    await pollerOf().drain();
    let source = await view(id);
    assert.deepEqual([source.status.failures, source.status.lastError?.code], [1, 'upstream-failed']);
    // The draw is 0.5 here: the jitter's middle, so exactly twice the interval.
    assert.equal(source.status.nextPollAt, new Date(clock.now().getTime() + 2 * minute).toISOString());
    clock.advance(2 * minute);
    await pollerOf().drain();
    source = await view(id);
    assert.deepEqual([source.status.failures, source.status.nextPollAt], [2, new Date(clock.now().getTime() + 4 * minute).toISOString()]);
    site.route('/flaky.rss', { headers: { 'content-type': 'application/rss+xml' }, body: rss('Back', []) });
    clock.advance(4 * minute);
    await pollerOf().drain();
    source = await view(id);
    assert.deepEqual([source.status.failures, source.status.lastSuccessAt, source.status.lastError?.code], [0, clock.now().toISOString(), 'upstream-failed']);
  });

  it('tries an item whose page fails again on later polls, and on the last try takes the feed\'s own text', async () => {
    site.route('/teasers.rss', { headers: { 'content-type': 'application/rss+xml' }, body: rss('Teasers', [{ id: 't-1', title: 'Envoys gather in Istanbul', url: `${site.origin}/pages/missing`, published: '2025-06-05T08:00:00Z', summary: 'Envoys of Russia and Ukraine gathered in Istanbul on Thursday for a new round of talks, Turkish officials said.' }]) });
    const id = await add('/teasers.rss', 60);
    const item = () => stack.db.prisma.feedItem.findUniqueOrThrow({ where: { sourceId_itemKey: { sourceId: id, itemKey: 't-1' } } });
    await pollerOf().drain();
    assert.deepEqual([(await item()).status, (await item()).attempts, (await view(id)).status.itemsSeen, (await view(id)).status.itemsIngested], ['failed', 1, 1, 0]);
    assert.match((await item()).lastError ?? '', /^upstream-failed/);
    clock.advance(minute);
    await pollerOf().drain();
    assert.deepEqual([(await item()).status, (await item()).attempts], ['failed', 2]);
    clock.advance(minute);
    await pollerOf().drain();
    assert.deepEqual([(await item()).status, (await item()).attempts, (await view(id)).status.itemsSeen, (await view(id)).status.itemsIngested], ['ingested', 3, 1, 1]);
    const article = await stack.db.prisma.article.findFirst({ where: { title: 'Envoys gather in Istanbul' } });
    assert.equal(article?.url, `${site.origin}/pages/missing`);
    assert.equal(hits('/pages/missing'), 3);
    clock.advance(minute);
    await pollerOf().drain();
    assert.equal(hits('/pages/missing'), 3, 'taken: never fetched again');
  });

  it("takes a teaser whose page names, by its canonical link, an article taken already as a duplicate of it; labels what a feed gives with its id, counting what it gives in other languages", async () => {
    // Another address of the w-2 story, rewritten since (no copy by its text), whose canonical
    // link names the address it was taken under.
    site.route('/pages/w-2?from=digest', {
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: page('Mediators call second round of Jeddah talks', 'Updated: the Saudi hosts confirmed on Tuesday evening that both delegations had accepted the invitation.').replace('<head>', `<head><link rel="canonical" href="/pages/w-2">`),
    });
    site.route('/digest.rss', { headers: { 'content-type': 'application/rss+xml' }, body: rss('Digest', [{ id: 'd-1', title: 'Second round called', url: `${site.origin}/pages/w-2?from=digest`, published: '2025-06-02T08:00:00Z', summary: 'A teaser.' }]) });
    const id = await add('/digest.rss', 60);
    const before = await stack.db.prisma.article.count();
    await pollerOf().drain();
    assert.deepEqual([(await view(id)).status.itemsSeen, (await view(id)).status.itemsIngested], [1, 0]);
    const item = await stack.db.prisma.feedItem.findUniqueOrThrow({ where: { sourceId_itemKey: { sourceId: id, itemKey: 'd-1' } } });
    const first = await stack.articles.findByCanonicalUrl(`${site.origin}/pages/w-2`);
    assert.deepEqual([item.status, item.articleId], ['duplicate', first?.id]);
    assert.equal(await stack.db.prisma.article.count(), before);
    // What a feed takes is labelled with the source's id (GET /articles?source= lists it).
    // One item in French, which the extractor does not read: kept, and counted on the source.
    const french = fullText('Les délégués des deux camps sont rentrés de Djeddah vendredi pour présenter le projet de texte à leurs dirigeants, a indiqué un médiateur saoudien.');
    site.route('/own.rss', {
      headers: { 'content-type': 'application/rss+xml' },
      body: rss('Own', [
        { id: 'o-1', title: 'Delegates return home', url: 'https://news.test/o-1', published: '2025-06-06T08:00:00Z', content: fullText('The delegates of both camps flew home from Jeddah on Friday to brief their leaders on the draft.') },
        { id: 'o-2', title: 'Les délégués rentrent de Djeddah', url: 'https://news.test/o-2', published: '2025-06-06T09:00:00Z', content: french },
      ]),
    });
    const own = await add('/own.rss', 60);
    await pollerOf().drain();
    const taken = await stack.db.prisma.article.findMany({ where: { source: own }, select: { title: true, language: true, skippedReason: true }, orderBy: { title: 'asc' } });
    assert.deepEqual(taken.map((a) => [a.title, a.language, a.skippedReason]), [['Delegates return home', 'en', null], ['Les délégués rentrent de Djeddah', 'fr', 'unsupported-language']]);
    const shown = await new SourcesQuery(repository, stack.articles).get(own);
    assert.deepEqual([shown.status.itemsSeen, shown.status.itemsIngested, shown.status.unsupportedLanguage], [2, 2, 1]);
    assert.equal((await new SourcesQuery(repository, stack.articles).get(id)).status.unsupportedLanguage, 0);
  });

  it('refuses hostile feeds with a code, ingesting nothing: entity expansion, deep nesting, a document past FEED_MAX_BYTES', async () => {
    const before = await stack.db.prisma.article.count();
    const ids = [await add('/laughs.rss'), await add('/deep.rss'), await add('/huge.rss')];
    await pollerOf().drain();
    const codes = await Promise.all(ids.map(async (id) => (await view(id)).status.lastError?.code));
    assert.deepEqual(codes, ['feed-entities', 'feed-too-deep', 'feed-too-large']);
    assert.equal(await stack.db.prisma.article.count(), before);
  });

  it('lets one poller at a time take a feed: two pollers draining together poll each due feed once', async () => {
    await stack.db.prisma.feedSource.updateMany({ data: { enabled: false } });
    const paths = ['/lease-a.json', '/lease-b.json', '/lease-c.json'];
    for (const path of paths) {
      site.route(path, { headers: { 'content-type': 'application/feed+json' }, body: jsonFeed(path, []), delayMs: 150 });
      await add(path);
    }
    const [first, second] = [pollerOf(), pollerOf()];
    const polled = await Promise.all([first.drain(), second.drain()]);
    assert.equal(polled[0] + polled[1], 3);
    assert.deepEqual(paths.map(hits), [1, 1, 1]);
    // A lease still running keeps the feed from others; one that ran out does not.
    const id = sourceIdOf(`${site.origin}${paths[0] ?? ''}`);
    await stack.db.prisma.feedSource.update({ where: { id }, data: { nextPollAt: clock.now(), leaseOwner: 'another', leaseUntil: new Date(clock.now().getTime() + minute) } });
    assert.equal(await pollerOf().drain(), 0);
    clock.advance(2 * minute);
    const latePoller = pollerOf();
    assert.equal(await latePoller.drain(), 3, 'the expired lease is taken, with the other two now due');
  });
});
