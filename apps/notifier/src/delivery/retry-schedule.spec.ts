import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { afterAttempt, defaultRetrySchedule, maxAttemptsOf, parseDuration, parseRetrySchedule, retryDelayMs, type RetryPolicy } from './retry-schedule.js';

const policy: RetryPolicy = { delaysMs: [1000, 2000, 4000], jitter: 0, retryAfterMaxMs: 10_000 };
const middle = () => 0.5;

describe('the retry schedule', () => {
  it('reads durations, a bare number as seconds', () => {
    assert.deepEqual(['500ms', '5s', '5', '1.5s', '5m', '2h', '1d'].map(parseDuration), [500, 5000, 5000, 1500, 300_000, 7_200_000, 86_400_000]);
    for (const bad of ['', 'soon', '-5s', '5 minutes', '5w']) assert.equal(parseDuration(bad), undefined, bad);
  });

  it('defaults to 10 attempts over about 3 days, shaped like Standard Webhooks', () => {
    const { delaysMs, problems } = parseRetrySchedule(defaultRetrySchedule);
    assert.deepEqual(problems, []);
    assert.equal(maxAttemptsOf({ ...policy, delaysMs }), 10);
    const days = delaysMs.reduce((a, b) => a + b, 0) / 86_400_000;
    assert.ok(days > 2.5 && days < 3.5, `${days} days`);
    assert.deepEqual(delaysMs.slice(0, 3), [5000, 300_000, 1_800_000]);
  });

  it('names bad entries', () => {
    assert.deepEqual(parseRetrySchedule('1s, soon,2m').problems, ['entry 2 ("soon") is not a duration like 30s, 5m, 2h or 1d']);
  });

  it('waits the scheduled time after each attempt, then gives up', () => {
    assert.deepEqual([1, 2, 3, 4].map((n) => retryDelayMs(policy, n, middle)), [1000, 2000, 4000, undefined]);
  });

  it('moves each wait by at most the jitter, either way', () => {
    const jittered = { ...policy, jitter: 0.1 };
    assert.equal(retryDelayMs(jittered, 2, () => 0), 1800);
    assert.equal(retryDelayMs(jittered, 2, () => 0.999999), 2200);
    assert.equal(retryDelayMs(jittered, 2, middle), 2000);
  });

  it("honours a receiver's Retry-After, up to the cap, and not past the last attempt", () => {
    assert.equal(retryDelayMs(policy, 1, middle, 7000), 7000);
    assert.equal(retryDelayMs(policy, 1, middle, 0), 0);
    assert.equal(retryDelayMs(policy, 1, middle, 3_600_000), 10_000);
    assert.equal(retryDelayMs(policy, 4, middle, 7000), undefined);
  });
});

describe('afterAttempt', () => {
  it('turns outcomes into the next state of the delivery', () => {
    assert.deepEqual(afterAttempt({ kind: 'delivered' }, 1, policy, middle), { status: 'delivered' });
    assert.deepEqual(afterAttempt({ kind: 'retry', reason: 'receiver answered 500' }, 1, policy, middle), { status: 'pending', lastError: 'receiver answered 500', retryInMs: 1000 });
    assert.deepEqual(afterAttempt({ kind: 'retry', reason: 'receiver answered 429', retryAfterMs: 5000 }, 2, policy, middle), { status: 'pending', lastError: 'receiver answered 429', retryInMs: 5000 });
    assert.deepEqual(afterAttempt({ kind: 'retry', reason: 'receiver answered 500' }, 4, policy, middle), {
      status: 'failed',
      lastError: 'receiver answered 500 (gave up after 4 attempts)',
      disable: 'exhausted',
    });
    assert.deepEqual(afterAttempt({ kind: 'failed', reason: 'receiver answered 404' }, 1, policy, middle), { status: 'failed', lastError: 'receiver answered 404', disable: undefined });
    assert.deepEqual(afterAttempt({ kind: 'gone', reason: 'receiver answered 410 Gone' }, 1, policy, middle), { status: 'failed', lastError: 'receiver answered 410 Gone', disable: 'gone' });
  });
});
