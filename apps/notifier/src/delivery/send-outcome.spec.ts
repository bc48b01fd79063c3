import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRetryAfter, webhookOutcomeOf } from './send-outcome.js';

const now = new Date('2026-12-01T10:00:00Z');

describe('webhookOutcomeOf', () => {
  it('reads 2xx as delivered, 410 as gone, 429/503/408/5xx as worth retrying, the rest as failed', () => {
    assert.equal(webhookOutcomeOf(200, undefined, now).kind, 'delivered');
    assert.equal(webhookOutcomeOf(204, undefined, now).kind, 'delivered');
    assert.equal(webhookOutcomeOf(410, undefined, now).kind, 'gone');
    for (const status of [408, 429, 500, 502, 503, 504]) assert.equal(webhookOutcomeOf(status, undefined, now).kind, 'retry', String(status));
    for (const status of [301, 302, 307, 308, 400, 401, 403, 404, 422]) assert.equal(webhookOutcomeOf(status, undefined, now).kind, 'failed', String(status));
    assert.match(JSON.stringify(webhookOutcomeOf(302, undefined, now)), /redirects are not followed/);
  });

  it('honours Retry-After on 429 and 503 only', () => {
    assert.deepEqual(webhookOutcomeOf(429, '120', now), { kind: 'retry', reason: 'receiver answered 429', retryAfterMs: 120_000 });
    assert.deepEqual(webhookOutcomeOf(503, 'Tue, 01 Dec 2026 10:05:00 GMT', now), { kind: 'retry', reason: 'receiver answered 503', retryAfterMs: 300_000 });
    assert.deepEqual(webhookOutcomeOf(500, '120', now), { kind: 'retry', reason: 'receiver answered 500' });
  });
});

describe('parseRetryAfter', () => {
  it('takes delay-seconds and the HTTP date forms, never a negative delay', () => {
    assert.equal(parseRetryAfter('0', now), 0);
    assert.equal(parseRetryAfter(' 30 ', now), 30_000);
    assert.equal(parseRetryAfter('Tue, 01 Dec 2026 10:00:10 GMT', now), 10_000);
    assert.equal(parseRetryAfter('Tuesday, 01-Dec-26 10:00:20 GMT', now), 20_000);
    assert.equal(parseRetryAfter('Tue Dec  1 10:00:30 2026', now), 30_000);
    assert.equal(parseRetryAfter('Mon, 30 Nov 2026 10:00:00 GMT', now), 0);
  });

  it('ignores what is neither', () => {
    for (const value of [undefined, '', '-5', '1.5', 'soon', 'tomorrow', '2026-12-01T10:05:00Z']) assert.equal(parseRetryAfter(value, now), undefined, String(value));
  });
});
