// Taking articles in, on a real PostgreSQL with the embedded event log on it: the article and its
// outbox entry are committed before the answer and the relay carries the events to the log once
// (two relays at once included); duplicates by content, canonical URL and near-duplicate copy;
// an article in another language kept and counted, not extracted; what GET /articles shows.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { getDefaultGazetteer } from '@talkwatch/domain';
import { DatabaseEventLog, type LoggedRecord } from '@talkwatch/infra';
import { createTestDatabase, type TestDatabase } from '@talkwatch/infra/testing';
import { loadIngestorConfig } from '../config.js';
import { ArticleOutboxRepository } from '../outbox/article-outbox.repository.js';
import { OutboxRelay } from '../outbox/outbox-relay.js';
import type { ArticleBody } from './article-body.js';
import { ArticleExtractor } from './article-extractor.js';
import { ArticlesQuery } from './articles.query.js';
import { ArticlesRepository } from './articles.repository.js';
import { LanguageDetector } from './language-detector.js';
import { IngestArticle } from './ingest-article.js';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };
let now = new Date('2030-03-01T08:00:00Z');
const clock = () => now;
const tick = () => (now = new Date(now.getTime() + 1000));

// Our own texts: a wire story, a copy of it on another outlet, another story on the same talks.
const wire = `Armenia and Azerbaijan will hold a new round of peace talks in Geneva on Tuesday, the Swiss foreign ministry said on Friday.
The foreign ministers of both countries are expected to discuss the delimitation of their border and the opening of transport links, officials said. Armenia has demanded that Azerbaijan withdraw its troops from positions taken last year before any agreement is signed.
Azerbaijan's foreign ministry said it was ready to sign a peace treaty within weeks if Armenia accepted its proposals on the transport corridor. Diplomats said the two delegations had exchanged written comments on the draft treaty twice since the last meeting in the spring.`;
const copy = `${wire.replace('said on Friday', 'announced on Friday').replace('Diplomats said', 'Western diplomats said')}
This article was written with material from a news agency.`;
const other = `Talks between Armenia and Azerbaijan in Geneva ended on Wednesday without an agreement on the border, but both sides said they would meet again next month.
Armenia's foreign minister said the question of the troops remained open and accused Baku of moving the goalposts on the corridor. His Azerbaijani counterpart rejected the accusation and said the draft treaty was nearly complete.
The Swiss hosts said expert groups would continue working on the delimitation maps in the meantime, and that the next round could be held in Bern.`;
const french = `L'Arménie et l'Azerbaïdjan tiendront mardi à Genève un nouveau cycle de pourparlers de paix, a annoncé vendredi le ministère suisse des affaires étrangères.
Les ministres des deux pays doivent discuter de la délimitation de leur frontière et de l'ouverture des voies de transport, selon des responsables.`;

const article = (title: string, url: string | null, body: string, extra: Partial<ArticleBody> = {}): ArticleBody => ({ title, url, publishedAt: '2030-02-28', dateFallback: null, body, ...extra });

describe('taking articles in (PostgreSQL, embedded event log)', () => {
  let db: TestDatabase;
  let articles: ArticlesRepository;
  let log: DatabaseEventLog;
  let extractor: ArticleExtractor;
  const config = loadIngestorConfig({});
  const relayOn = () => new OutboxRelay(new ArticleOutboxRepository(db.prisma), log, clock, config);
  let relay: OutboxRelay;
  let ingest: IngestArticle;
  let query: ArticlesQuery;
  const logged = async (): Promise<LoggedRecord[]> => {
    const records: LoggedRecord[] = [];
    await log.replay((r) => {
      records.push(r);
      return Promise.resolve();
    });
    return records;
  };
  const idsInLog = async () => (await logged()).map((r) => r.headers?.['event-id']);

  before(async () => {
    db = await createTestDatabase('tw_intake');
    articles = new ArticlesRepository(db.prisma);
    log = new DatabaseEventLog(db.prisma, { topic: 'talkwatch.events' }, quiet);
    extractor = new ArticleExtractor(config, getDefaultGazetteer(), undefined);
    relay = relayOn();
    ingest = new IngestArticle(articles, relay, clock, extractor, config, new LanguageDetector());
    query = new ArticlesQuery(articles);
  });
  after(async () => {
    await extractor.onModuleDestroy();
    await db.drop();
  });

  it('commits the article with its outbox entry before answering; the relay appends it once', async () => {
    const accepted = await ingest.execute(article('Armenia and Azerbaijan to meet in Geneva', 'https://www.wire.example/2030/armenia-azerbaijan-geneva?utm_source=rss', wire));
    assert.equal(accepted.status, 'accepted');
    assert.ok(accepted.eventCount > 0, 'the wire story gives facts');
    assert.equal(accepted.language, 'en');
    // Stored and extracted, not yet in the log: the relay has not run.
    assert.equal((await query.get(accepted.articleId)).status, 'extracted');
    assert.deepEqual(await logged(), []);
    // Two relays at once (two ingestors on one database): each event reaches the log once.
    const [a, b] = await Promise.all([relay.runOnce(), relayOn().runOnce()]);
    assert.equal(a.sent + b.sent, 1);
    assert.deepEqual((await idsInLog()).sort(), [...accepted.eventIds].sort());
    assert.deepEqual(await relay.runOnce(), { sent: 0, error: null });
    const detail = await query.get(accepted.articleId);
    assert.equal(detail.status, 'published');
    assert.equal(detail.canonicalUrl, 'https://wire.example/2030/armenia-azerbaijan-geneva');
    assert.equal(detail.outlet, 'wire.example');
    assert.deepEqual(detail.facts.map((f) => f.eventId), accepted.eventIds);
    assert.ok(detail.facts.every((f) => f.trackId === 'armenia--azerbaijan'), JSON.stringify(detail.facts.map((f) => f.trackId)));
    assert.equal(detail.outbox?.sentAt, now.toISOString());
  });

  it('answers the same article, the same canonical URL and a syndicated copy as duplicates of the first', async () => {
    tick();
    const [first] = (await query.list({ source: undefined, since: undefined }, undefined, 10)).items;
    assert.ok(first);
    const again = await ingest.execute(article('Armenia and Azerbaijan to meet in Geneva', 'https://www.wire.example/2030/armenia-azerbaijan-geneva?utm_source=rss', wire));
    assert.deepEqual([again.status, again.match, again.duplicateOf], ['duplicate', 'same-content', first.id]);
    const sameUrl = await ingest.execute(article('Armenia, Azerbaijan to meet (updated)', 'https://WIRE.example/2030/armenia-azerbaijan-geneva/#top', `${wire}\nUpdated with the ministry's statement.`));
    assert.deepEqual([sameUrl.status, sameUrl.match, sameUrl.duplicateOf], ['duplicate', 'same-url', first.id]);
    const syndicated = await ingest.execute(article('Peace talks set for Geneva', 'https://daily.example/world/peace-talks-geneva', copy, { source: 'feed:daily' }));
    assert.deepEqual([syndicated.status, syndicated.match, syndicated.duplicateOf, syndicated.articleId], ['duplicate', 'near-duplicate', first.id, first.id]);
    assert.ok(syndicated.similarity !== null && syndicated.similarity >= 0.5 && syndicated.similarity < 1, String(syndicated.similarity));
    // Sent again, the copy is recognised as the same copy, and recorded once.
    const copyAgain = await ingest.execute(article('Peace talks set for Geneva', 'https://daily.example/world/peace-talks-geneva?fbclid=x', copy, { source: 'feed:daily' }));
    assert.deepEqual([copyAgain.match, copyAgain.duplicateOf], ['near-duplicate', first.id]);
    const detail = await query.get(first.id);
    assert.deepEqual(detail.syndications.map((s) => [s.outlet, s.source, s.url]), [['daily.example', 'feed:daily', 'https://daily.example/world/peace-talks-geneva']]);
    // Nothing of the duplicates went to the outbox or the log.
    await relay.runOnce();
    assert.equal((await logged()).length, detail.eventCount);

    const different = await ingest.execute(article('Geneva talks end without a border deal', 'https://daily.example/world/geneva-talks-end', other));
    assert.equal(different.status, 'accepted', 'another story on the same talks is a new article');
  });

  it('keeps an article in a language the extractor does not read, unextracted, and counts it', async () => {
    tick();
    const result = await ingest.execute(article('Nouveau cycle de pourparlers à Genève', 'https://journal.example/monde/geneve', french, { source: 'cli' }));
    assert.deepEqual([result.status, result.language, result.skippedReason, result.eventCount], ['accepted', 'fr', 'unsupported-language', 0]);
    const detail = await query.get(result.articleId);
    assert.deepEqual([detail.status, detail.outbox, detail.facts], ['stored', null, []]);
    const page = await query.list({ source: 'cli', since: undefined }, undefined, 10);
    assert.deepEqual(page.items.map((i) => i.id), [result.articleId]);
    assert.equal(page.counts.unsupportedLanguage, 1);
  });

  it('lists the articles newest first, a bounded page at a time, by source and since', async () => {
    await relay.runOnce();
    const all = await query.list({ source: undefined, since: undefined }, undefined, 200);
    assert.equal(all.items.length, 3);
    assert.deepEqual(all.counts, { total: 3, published: 2, unsupportedLanguage: 1, syndications: 1 });
    const first = await query.list({ source: undefined, since: undefined }, undefined, 2);
    assert.equal(first.items.length, 2);
    assert.ok(first.next);
    const { decodeCursor } = await import('./articles.query.js');
    const second = await query.list({ source: undefined, since: undefined }, decodeCursor(first.next), 2);
    assert.deepEqual([...first.items, ...second.items].map((i) => i.id), all.items.map((i) => i.id));
    assert.equal(second.next, null);
    assert.deepEqual((await query.list({ source: 'api', since: undefined }, undefined, 10)).items.map((i) => i.title).sort(), ['Armenia and Azerbaijan to meet in Geneva', 'Geneva talks end without a border deal']);
    assert.equal((await query.list({ source: undefined, since: new Date(now.getTime() + 1) }, undefined, 10)).items.length, 0);
  });
});
