import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lagOf } from './projection-lag.js';

const topic = 'talkwatch.events';

describe('lagOf', () => {
  it('is the end offset minus the stored position, per partition', () => {
    const ends = [
      { topic, partition: 0, start: 0n, end: 120n },
      { topic, partition: 1, start: 0n, end: 40n },
      { topic, partition: 2, start: 0n, end: 0n },
    ];
    const positions = new Map([
      [0, 100n],
      [1, 40n],
    ]);
    assert.deepEqual(lagOf(ends, positions), [
      { topic, partition: 0, records: 20 },
      { topic, partition: 1, records: 0 },
      { topic, partition: 2, records: 0 },
    ]);
  });

  it('counts from the first offset held when nothing was projected yet (or retention moved past the position)', () => {
    const ends = [
      { topic, partition: 0, start: 15n, end: 25n },
      { topic, partition: 1, start: 50n, end: 60n },
    ];
    assert.deepEqual(lagOf(ends, new Map([[1, 10n]])), [
      { topic, partition: 0, records: 10 },
      { topic, partition: 1, records: 10 },
    ]);
  });

  it('is never negative when the position is ahead of an end read a moment earlier', () => {
    assert.deepEqual(lagOf([{ topic, partition: 0, start: 0n, end: 5n }], new Map([[0, 9n]])), [{ topic, partition: 0, records: 0 }]);
  });
});
