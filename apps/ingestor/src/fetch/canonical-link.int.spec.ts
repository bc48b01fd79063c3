// <link rel=canonical> in deduplication, on a real PostgreSQL with pages from two loopback "outlets"
// (127.0.0.1 and 127.0.0.2): a page reached under another address of the same outlet is the
// article already taken; a page of another outlet naming a stored article as its canonical is a
// copy of it, linked as a syndication, when its text bears that out (else an article of its own);
// and no page can claim another outlet's address before that outlet's own article arrives.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startIngestStack, type IngestStack } from '../testing/ingest-stack.js';
import { startLocalSite, type LocalSite } from '../testing/local-site.js';
import { parseUrlRequest } from './ingest-url.js';

const html = (title: string, canonical: string | null, paragraphs: readonly string[]) => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>
${canonical === null ? '' : `<link rel="canonical" href="${canonical}">`}<meta property="article:published_time" content="2031-05-06T07:00:00Z"></head>
<body><nav><a href="/">Front page</a></nav><article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article></body></html>`;

// Our own story, long enough to be fingerprinted.
const story = [
  'Ethiopia and Egypt will resume talks on the filling of the Nile dam in Khartoum on 20 May 2031, the Sudanese foreign ministry said on Tuesday.',
  'Water ministers of the three countries are to meet for two days, with observers from the African Union, to discuss the rules for releases in years of drought.',
  'Egypt has demanded that Ethiopia sign a binding agreement on the operation of the dam before the next rainy season begins in the highlands.',
  'Ethiopian officials said the country would not accept limits on future projects upstream, but was ready to share data on the reservoir every week.',
];
const edited = [story[0]?.replace('said on Tuesday', 'announced on Tuesday') ?? '', ...story.slice(1), 'This report draws on material from a news agency.'];
const other = [
  'Kenyan mediators said on Monday that the talks between the two Sudanese factions in Nairobi had stalled over the sequencing of a ceasefire and the withdrawal of fighters.',
  'Both delegations agreed to remain in the Kenyan capital for another week while the mediators prepare a written proposal covering humanitarian corridors and prisoners.',
  'Aid groups urged the parties to open the roads into the western region, where markets have run out of grain and fuel.',
];

const ours = [
  'The daily learned on Monday that the Sudanese delegations in Nairobi had asked the Kenyan hosts for a pause of three days to consult their commanders.',
  'A member of one delegation said the draft on humanitarian corridors was acceptable, but the timetable for pulling fighters out of the towns was not.',
  'Kenya, which has hosted three rounds since the winter, said it would keep the venue available for as long as the parties wished to talk.',
];

const essay = [
  'Our columnist argues that the quarrel over the reservoir is less about water than about who sets the rules for the river in the decades ahead.',
  'Farmers downstream, she writes, care less about the treaty language than about whether the canals will be full in the dry months.',
  'She expects no breakthrough this spring, only a slow convergence of technical committees that rarely makes the evening news.',
];

describe('the canonical link in deduplication (PostgreSQL, two loopback outlets)', () => {
  let stack: IngestStack;
  let daily: LocalSite;
  let weekly: LocalSite;

  before(async () => {
    stack = await startIngestStack({ OUTBOUND_ALLOWLIST: '127.0.0.0/8' });
    daily = await startLocalSite({}, '127.0.0.1');
    weekly = await startLocalSite({}, '127.0.0.2');
    const page = (body: string) => ({ headers: { 'content-type': 'text/html; charset=utf-8' }, body });
    // The daily's story names its address without the section's print parameters.
    daily.route('/nile/khartoum-talks?edition=print', page(html('Nile dam talks to resume in Khartoum', `${daily.origin}/nile/khartoum-talks`, story)));
    // The same story under its canonical address, a word since corrected.
    daily.route('/nile/khartoum-talks', page(html('Nile dam talks to resume in Khartoum', null, edited)));
    // The weekly runs it too and says whose story it is.
    weekly.route('/africa/dam-talks', page(html('Talks on the Nile dam resume on 20 May', `${daily.origin}/nile/khartoum-talks`, edited)));
    // A page of the weekly with a story of its own that names the daily's story as its canonical.
    weekly.route('/opinion/nile', page(html('Why the dam talks matter', `${daily.origin}/nile/khartoum-talks`, essay)));
    // A page of the weekly that claims an address of the daily's that holds nothing yet.
    weekly.route('/claims', page(html('Sudanese factions stall in Nairobi', `${daily.origin}/sudan/nairobi`, other)));
    daily.route('/sudan/nairobi', page(html('Nairobi talks stall over ceasefire sequencing', null, ours)));
  });
  after(async () => {
    await weekly.close();
    await daily.close();
    await stack.close();
  });

  it('stores a page under the canonical address its outlet gives, and takes that address later as the same article', async () => {
    const first = await stack.ingestUrl.execute(parseUrlRequest({ url: `${daily.origin}/nile/khartoum-talks?edition=print` }));
    assert.equal(first.status, 'accepted');
    assert.equal(first.fetched.canonicalUrl, `${daily.origin}/nile/khartoum-talks`);
    assert.equal((await stack.articles.find(first.articleId))?.canonicalUrl, `${daily.origin}/nile/khartoum-talks`);
    const events = await stack.loggedEvents();
    assert.ok(events > 0);
    const again = await stack.ingestUrl.execute(parseUrlRequest({ url: `${daily.origin}/nile/khartoum-talks` }));
    assert.deepEqual([again.status, again.match, again.articleId], ['duplicate', 'same-url', first.articleId]);
    assert.equal(await stack.loggedEvents(), events, 'nothing published again');
  });

  it("links another outlet's page that names the stored article as its canonical, as a syndication with its outlet", async () => {
    const [first] = await stack.db.prisma.article.findMany({ select: { id: true } });
    assert.ok(first);
    const copy = await stack.ingestUrl.execute(parseUrlRequest({ url: `${weekly.origin}/africa/dam-talks` }));
    assert.deepEqual([copy.status, copy.match, copy.articleId], ['duplicate', 'same-url', first.id]);
    assert.ok(copy.similarity !== null && copy.similarity > 0.5, `similarity ${String(copy.similarity)}`);
    const syndications = await stack.articles.syndicationsOf(first.id);
    assert.deepEqual(syndications.map((s) => [s.outlet, s.url, s.canonicalUrl]), [['127.0.0.2', `${weekly.origin}/africa/dam-talks`, `${weekly.origin}/africa/dam-talks`]]);
  });

  it("does not believe another outlet's canonical link that its text does not bear out: the page is an article of its own", async () => {
    const [first] = await stack.db.prisma.article.findMany({ select: { id: true } });
    assert.ok(first);
    const other = await stack.ingestUrl.execute(parseUrlRequest({ url: `${weekly.origin}/opinion/nile` }));
    assert.equal(other.status, 'accepted');
    assert.equal((await stack.articles.find(other.articleId))?.canonicalUrl, `${weekly.origin}/opinion/nile`);
    assert.equal((await stack.articles.syndicationsOf(first.id)).length, 1, 'not listed among the first story\'s copies');
  });

  it("never stores a page under another outlet's address: that outlet's own article is still taken", async () => {
    const claim = await stack.ingestUrl.execute(parseUrlRequest({ url: `${weekly.origin}/claims` }));
    assert.equal(claim.status, 'accepted');
    assert.equal((await stack.articles.find(claim.articleId))?.canonicalUrl, `${weekly.origin}/claims`);
    const own = await stack.ingestUrl.execute(parseUrlRequest({ url: `${daily.origin}/sudan/nairobi` }));
    assert.equal(own.status, 'accepted');
    assert.equal((await stack.articles.findByCanonicalUrl(`${daily.origin}/sudan/nairobi`))?.id, own.articleId);
  });
});
