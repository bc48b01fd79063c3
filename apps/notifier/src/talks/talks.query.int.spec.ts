// The status API's queries over a real PostgreSQL, fed through the projection from the examples:
// live state, and "what did we know then" on dates between reports.
import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eventsFromArticle, parseArticleText } from '@talkwatch/domain';
import { repositoryRoot } from '@talkwatch/infra';
import { createTestDatabase, type TestDatabase } from '@talkwatch/infra/testing';
import { ProjectionStore } from '../projection/projection.store.js';
import { SyndicationsRepository } from './syndications.repository.js';
import { TalksQuery, parseAsOf, parsePage } from './talks.query.js';

const us = 'russia--united-states';

describe('TalksQuery (PostgreSQL)', () => {
  let db: TestDatabase;
  let talks: TalksQuery;

  before(async () => {
    db = await createTestDatabase('tw_talks');
    const store = new ProjectionStore(db.prisma);
    talks = new TalksQuery(db.prisma, new SyndicationsRepository(db.prisma));
    const dir = path.join(repositoryRoot, 'examples');
    let offset = 0;
    for (const file of (await readdir(dir)).filter((f) => f.endsWith('.md')).sort()) {
      const article = parseArticleText(await readFile(path.join(dir, file), 'utf8'));
      for (const event of eventsFromArticle({ articleId: file, article, observedAt: '2026-01-01T00:00:00Z' })) {
        await store.apply('test', { topic: 't', partition: 0, offset: BigInt(offset++), key: event.data.trackId, value: JSON.stringify(event) });
      }
    }
  });
  after(async () => {
    await db.drop();
  });

  it('shows one Russia–U.S. round that moved from announced to scheduled to concluded, with every source', async () => {
    const live = await talks.get(us);
    const january = live.rounds.filter((r) => r.date?.start?.startsWith('2022-01-10'));
    assert.equal(january.length, 1, 'the January round is one round, not one per article');
    const round = january[0];
    assert.ok(round);
    assert.equal(round.status, 'concluded');
    assert.equal(round.venue, 'Geneva');
    assert.ok(round.sources.length >= 3, `sources from each report, got ${round.sources.length}`);
    // The round ended without a breakthrough: the talks go on, nothing concluded them.
    assert.equal(round.outcome, null);
    assert.equal(live.status, 'active');
    assert.ok(round.confidence !== null && round.confidence > 0.5 && round.confidence <= 1, `confidence ${round.confidence}`);
    assert.ok(live.demands.every((d) => d.confidence !== null && d.confidence > 0 && d.confidence <= 1));
  });

  it("shows each report's own reading of a round, and how many articles a track rests on", async () => {
    const live = await talks.get(us);
    const round = live.rounds.find((r) => r.date?.start?.startsWith('2022-01-10'));
    assert.ok(round);
    assert.deepEqual(round.reports.map((r) => r.articleId).sort(), round.sources.map((s) => s.articleId).sort(), 'one reading per source');
    assert.deepEqual(round.reports.map((r) => r.at), round.reports.map((r) => r.at).sort(), 'oldest first');
    // The earliest report only announced the January meeting; the latest says it concluded.
    const [earliest] = round.reports;
    assert.ok(earliest);
    assert.equal(earliest.status, 'announced');
    assert.equal(earliest.date?.precision, 'month');
    assert.equal(round.reports.at(-1)?.status, 'concluded');
    const summary = (await talks.list({ limit: 500, after: undefined, party: undefined, status: undefined })).items.find((t) => t.id === us);
    assert.ok(summary);
    const articles = new Set([...live.rounds, ...live.demands, ...live.responses].flatMap((f) => f.sources.map((s) => s.articleId)));
    assert.equal(summary.sourceCount, articles.size);
    assert.ok(summary.sourceCount >= 3, `sourceCount ${summary.sourceCount}`);
  });

  it('answers as of a date between two reports', async () => {
    const dec23 = await talks.get(us, parseAsOf('2021-12-23'));
    const [announced, ...others] = dec23.rounds;
    assert.ok(announced);
    assert.equal(others.length, 0);
    assert.equal(announced.status, 'announced');
    assert.equal(announced.date?.start, '2022-01');

    const dec30 = await talks.get(us, parseAsOf('2021-12-30'));
    assert.equal(dec30.rounds.find((r) => r.date?.start?.startsWith('2022-01'))?.status, 'scheduled');
    assert.equal(dec30.rounds.find((r) => r.date?.start?.startsWith('2022-01'))?.date?.start, '2022-01-10');

    const listed = (await talks.list(parsePage({}), parseAsOf('2021-12-22'))).items;
    assert.ok(listed.every((t) => !t.id.startsWith('iran')), 'the Iran report of Dec 23 was not known on Dec 22');
    await assert.rejects(talks.get(us, parseAsOf('2021-12-21')), { code: 'track-not-found' });
  });

  it('as of a later date equals the live read model, timeline included', async () => {
    const later = parseAsOf('2030-01-01');
    for (const summary of (await talks.list(parsePage({}))).items) {
      assert.deepEqual(await talks.get(summary.id, later), await talks.get(summary.id));
      assert.deepEqual(
        (await talks.timeline(summary.id, later)).map((c) => c.id).sort(),
        (await talks.timeline(summary.id)).map((c) => c.id).sort(),
      );
    }
  });

  it('pages the list by cursor, every track once, in the order of the whole list, and filters it', async () => {
    const whole = (await talks.list(parsePage({ limit: '500' }))).items.map((t) => t.id);
    assert.ok(whole.length >= 3, `the examples give several tracks, got ${whole.length}`);
    const paged: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await talks.list(parsePage({ limit: '2', cursor }));
      assert.ok(page.items.length <= 2);
      paged.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== undefined && pages < 100);
    assert.deepEqual(paged, whole);
    assert.equal(pages, Math.ceil(whole.length / 2));

    const russia = (await talks.list(parsePage({ party: 'Russia' }))).items;
    assert.ok(russia.length > 0 && russia.every((t) => t.parties.includes('Russia')));
    assert.ok(russia.length < whole.length);
    const active = (await talks.list(parsePage({ status: 'active' }))).items;
    assert.ok(active.every((t) => t.status === 'active'));
  });

  it('rejects a malformed page request with a code', () => {
    for (const limit of ['0', '501', 'ten', '1.5', ['1', '2']]) assert.throws(() => parsePage({ limit }), { code: 'invalid-limit' }, String(limit));
    for (const cursor of ['%%%', 'bm90IGpzb24', Buffer.from('["not a date","x"]').toString('base64url'), 'a'.repeat(2000)]) {
      assert.throws(() => parsePage({ cursor }), { code: 'invalid-cursor' }, cursor.slice(0, 20));
    }
    assert.throws(() => parsePage({ status: 'finished' }), { code: 'invalid-status' });
    assert.throws(() => parsePage({ party: 'x\u0000' }), { code: 'invalid-party' });
  });

  it('rejects a malformed asOf', () => {
    assert.throws(() => parseAsOf('2022-02-30'), { code: 'invalid-as-of' });
    assert.throws(() => parseAsOf('yesterday'), { code: 'invalid-as-of' });
    // Days that exist but that the database cannot take, or that no report can be from.
    assert.throws(() => parseAsOf('0000-01-01'), { code: 'invalid-as-of' });
    assert.throws(() => parseAsOf('9999-12-31'), { code: 'invalid-as-of' });
    assert.throws(() => parseAsOf(['2022-01-01', '2022-01-02']), { code: 'invalid-as-of' });
    assert.equal(parseAsOf('1850-01-01', { min: 1800, max: 2100 })?.toISOString(), '1850-01-02T00:00:00.000Z');
    assert.equal(parseAsOf(undefined), undefined);
  });
});
