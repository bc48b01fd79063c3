import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ago, countdown, daysUntil, formatDate, outletOf } from './format.ts';

const day = (start: string, end: string | null = null) => ({ text: start, start, end, precision: 'day' as const });

describe('formatDate', () => {
  it('says each precision as such, and the words of an unresolved date', () => {
    assert.equal(formatDate(day('2026-03-14')), '14 Mar 2026');
    assert.equal(formatDate(day('2026-03-14', '2026-03-15')), '14 Mar 2026 – 15 Mar 2026');
    assert.equal(formatDate({ text: 'in March', start: '2026-03', end: null, precision: 'month' }), 'March 2026');
    assert.equal(formatDate({ text: 'next year', start: '2027', end: null, precision: 'year' }), '2027');
    assert.equal(formatDate({ text: 'on Tuesday', start: null, end: null, precision: 'unknown' }), '“on Tuesday” (unresolved)');
    assert.equal(formatDate(null), 'no date reported');
  });
});

describe('countdown', () => {
  it('counts days to a dated round, either way, from the given day', () => {
    assert.equal(daysUntil(day('2026-03-14'), '2026-03-04'), 10);
    assert.equal(countdown(day('2026-03-14'), '2026-03-04'), 'in 10 days');
    assert.equal(countdown(day('2026-03-14'), '2026-03-14'), 'today');
    assert.equal(countdown(day('2026-03-14'), '2026-03-16'), '2 days ago');
  });

  it('counts months to a round known by its month only, and gives no day count for it', () => {
    const march = { text: 'in March', start: '2026-03', end: null, precision: 'month' as const };
    assert.equal(daysUntil(march, '2026-01-20'), undefined);
    assert.equal(countdown(march, '2026-01-20'), 'in 2 months');
    assert.equal(countdown(march, '2026-03-02'), 'this month');
  });
});

describe('ago and outletOf', () => {
  it('says how long ago a report was, in days, then months, then years', () => {
    assert.equal(ago('2026-03-10T08:00:00Z', '2026-03-12'), '2 days ago');
    assert.equal(ago('2025-12-01T00:00:00Z', '2026-03-12'), '3 months ago');
    assert.equal(ago('2023-03-01T00:00:00Z', '2026-03-12'), '3 years ago');
  });

  it('names the outlet by its host, without www, and copes with a missing or broken URL', () => {
    assert.equal(outletOf('https://www.example.org/a/b'), 'example.org');
    assert.equal(outletOf(null), 'unknown outlet');
    assert.equal(outletOf('not a url'), 'unknown outlet');
  });
});
