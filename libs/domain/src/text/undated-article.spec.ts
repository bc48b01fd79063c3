// Articles without a publication date: accepted, read by tense, relative dates kept unresolved;
// their events (schema version 2) and how version 1 events are still read.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseArticleText } from './article.js';
import { eventsFromArticle } from '../events/article-events.js';
import { formatDateRef } from './dates.js';
import { EVENT_SCHEMA_VERSION, InvalidEventError, type RoundReported, parseTalkEvent } from '../events/events.js';
import { extractArticle } from '../extraction/extractor.js';
import { roundReported } from '../test-factories.js';

// Our own text, with no date line and no front matter date.
const UNDATED = `---
title: Envoys set out a calendar
---

Armenia and Azerbaijan will hold talks in Geneva on Tuesday, the two foreign ministries said.

Serbia and Kosovo met in Brussels on 12 March 2024, a spokesperson said.

Georgia and Russia will resume talks in Prague later this year.

Moldova and Ukraine will meet in Chisinau on 20 May.

Talks between Iran and Oman began in Muscat.
`;

describe('an undated article', () => {
  const article = parseArticleText(UNDATED);
  const { rounds } = extractArticle(article);
  const byParties = (a: string, b: string) => rounds.find((r) => r.parties.join() === [a, b].join());

  it('is accepted with publishedAt null', () => {
    assert.equal(article.publishedAt, null);
    assert.equal(article.title, 'Envoys set out a calendar');
  });

  it('keeps relative dates with their words, unresolved, and takes the status from the tense', () => {
    assert.deepEqual(byParties('Armenia', 'Azerbaijan')?.date, { text: 'on Tuesday', start: null, end: null, precision: 'unknown' });
    // Future tense without a calendar day: announced (scheduled needs a known day).
    assert.equal(byParties('Armenia', 'Azerbaijan')?.status, 'announced');
    assert.deepEqual([byParties('Georgia', 'Russia')?.status, byParties('Georgia', 'Russia')?.date?.precision], ['announced', 'unknown']);
  });

  it('resolves an absolute date with a year; a day and month without one stays unresolved', () => {
    assert.deepEqual(byParties('Kosovo', 'Serbia')?.date, { text: 'on 12 March 2024', start: '2024-03-12', end: null, precision: 'day' });
    assert.equal(byParties('Kosovo', 'Serbia')?.status, 'held');
    assert.deepEqual(byParties('Moldova', 'Ukraine')?.date, { text: 'on 20 May', start: null, end: null, precision: 'unknown' });
  });

  it('never dates "talks began" to a day it does not know', () => {
    const round = byParties('Iran', 'Oman');
    assert.deepEqual([round?.status, round?.date], ['held', null]);
  });

  it('with the receivedAt fallback, resolves its dates against the time it was received', () => {
    // 2031-02-06 is a Thursday: "on Tuesday" ahead is 11 February; "on 20 May" is 2031-05-20.
    const dated = parseArticleText(UNDATED, {}, { dateFallback: { receivedAt: '2031-02-06T09:00:00Z' } });
    assert.equal(dated.dateFallback, 'receivedAt');
    const found = extractArticle(dated).rounds;
    const start = (a: string) => found.find((r) => r.parties[0] === a)?.date?.start;
    assert.deepEqual([start('Armenia'), start('Moldova'), start('Georgia')], ['2031-02-11', '2031-05-20', '2031']);
    assert.equal(found.find((r) => r.parties[0] === 'Armenia')?.status, 'scheduled');
  });
});

describe('events of an undated article', () => {
  const article = parseArticleText(UNDATED);

  it('are schema version 2, name no publication date, and count from the time the article was received', () => {
    const events = eventsFromArticle({ articleId: 'u1', article, observedAt: '2031-03-01T00:00:00Z', receivedAt: '2031-02-06T09:00:00Z' });
    assert.ok(events.length >= 4);
    for (const e of events) {
      assert.equal(e.schemaVersion, EVENT_SCHEMA_VERSION);
      assert.equal(e.schemaVersion, 2);
      assert.equal(e.metadata.source.publishedAt, null);
      assert.equal(e.metadata.occurredAt, '2031-02-06T09:00:00Z');
      assert.deepEqual(parseTalkEvent(JSON.parse(JSON.stringify(e))), e);
    }
    const unresolved = events.find((e): e is RoundReported => e.type === 'RoundReported' && e.data.date?.precision === 'unknown');
    assert.ok(unresolved, 'a round with an unresolved date');
    // Without a calendar date the id falls back to the sentence offset: stable for the article.
    assert.match(unresolved.id, /^u1:round:[a-z-]+:s\d+$/);
  });

  it('without a receivedAt count from the observation time', () => {
    const [event] = eventsFromArticle({ articleId: 'u1', article, observedAt: '2031-03-01T00:00:00Z' });
    assert.equal(event?.metadata.occurredAt, '2031-03-01T00:00:00Z');
  });
});

describe('schema versions', () => {
  const v2 = roundReported({ articleId: 'a', occurredAt: '2022-01-05', status: 'held', date: { text: 'on 4 January 2022', start: '2022-01-04', end: null, precision: 'day' } });
  const asVersion = (event: RoundReported, schemaVersion: number): unknown => ({ ...event, schemaVersion });

  it('reads version 1 events, which are version 2 events without undated sources or unresolved dates', () => {
    assert.equal(parseTalkEvent(asVersion(v2, 1)).schemaVersion, 1);
    assert.equal(parseTalkEvent(v2).schemaVersion, 2);
  });

  it('refuses in version 1 what only version 2 can say, and unknown versions', () => {
    const undatedSource = { ...v2, schemaVersion: 1, metadata: { ...v2.metadata, source: { ...v2.metadata.source, publishedAt: null } } };
    assert.throws(() => parseTalkEvent(undatedSource), (e: unknown) => e instanceof InvalidEventError && e.issues.some((i) => i.includes('publishedAt: null needs schema version 2')));
    const unresolved = { ...v2, schemaVersion: 1, data: { ...v2.data, date: { text: 'on Tuesday', start: null, end: null, precision: 'unknown' } } };
    assert.throws(() => parseTalkEvent(unresolved), (e: unknown) => e instanceof InvalidEventError && e.issues.some((i) => i.includes('"unknown" needs schema version 2')));
    assert.throws(() => parseTalkEvent(asVersion(v2, 3)), InvalidEventError);
  });

  it('refuses an unresolved date that claims a start, and a resolved one without', () => {
    assert.throws(() => parseTalkEvent({ ...v2, data: { ...v2.data, date: { text: 'on Tuesday', start: '2022-01-04', end: null, precision: 'unknown' } } }), InvalidEventError);
    assert.throws(() => parseTalkEvent({ ...v2, data: { ...v2.data, date: { text: 'x', start: null, end: null, precision: 'day' } } }), InvalidEventError);
  });

  it('formats an unresolved date as written', () => {
    assert.equal(formatDateRef({ text: 'on Tuesday', start: null }), 'on Tuesday');
  });
});
