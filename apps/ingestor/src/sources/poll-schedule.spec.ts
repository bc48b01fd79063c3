import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffJitter, maxBackoffMs, nextPollDelayMs } from './poll-schedule.js';

describe('nextPollDelayMs', () => {
  it('waits the interval after a success, whatever the draw', () => {
    assert.equal(nextPollDelayMs(900, 0, () => 0.99), 900_000);
  });

  it('doubles the wait with each failure in a row, within the jitter', () => {
    const middle = () => 0.5;
    assert.deepEqual([1, 2, 3].map((n) => nextPollDelayMs(60, n, middle)), [120_000, 240_000, 480_000]);
    assert.equal(nextPollDelayMs(60, 1, () => 0), Math.round(120_000 * (1 - backoffJitter)));
    assert.ok(nextPollDelayMs(60, 1, () => 0.999_999) <= 120_000 * (1 + backoffJitter));
  });

  it('never waits more than six hours (and a jitter) however long it failed, unless the interval itself is longer', () => {
    assert.equal(nextPollDelayMs(60, 500, () => 0.5), maxBackoffMs);
    assert.equal(nextPollDelayMs(86_400, 3, () => 0.5), 86_400_000);
  });
});
