import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTimeZone, nextDigestAt } from './digest-schedule.js';

const at = (iso: string) => new Date(iso);

describe('nextDigestAt', () => {
  it('is the next digest hour in the time zone, strictly later', () => {
    const berlin = { hour: 8, timeZone: 'Europe/Berlin', weekday: 1 };
    assert.equal(nextDigestAt(at('2026-12-01T06:30:00Z'), 'daily', berlin).toISOString(), '2026-12-01T07:00:00.000Z');
    assert.equal(nextDigestAt(at('2026-12-01T07:00:00Z'), 'daily', berlin).toISOString(), '2026-12-02T07:00:00.000Z', 'at the hour itself: the next one');
    assert.equal(nextDigestAt(at('2026-12-01T23:30:00Z'), 'daily', berlin).toISOString(), '2026-12-02T07:00:00.000Z', 'past midnight in Berlin');
  });

  it('keeps the local hour across a change of daylight saving time', () => {
    const newYork = { hour: 9, timeZone: 'America/New_York', weekday: 1 };
    // 2026-03-08: clocks go forward in New York (UTC-5 → UTC-4).
    assert.equal(nextDigestAt(at('2026-03-07T15:00:00Z'), 'daily', newYork).toISOString(), '2026-03-08T13:00:00.000Z');
    assert.equal(nextDigestAt(at('2026-03-06T15:00:00Z'), 'daily', newYork).toISOString(), '2026-03-07T14:00:00.000Z');
  });

  it('goes out weekly on the configured weekday', () => {
    const mondays = { hour: 8, timeZone: 'UTC', weekday: 1 };
    // 2026-12-01 is a Tuesday.
    assert.equal(nextDigestAt(at('2026-12-01T10:00:00Z'), 'weekly', mondays).toISOString(), '2026-12-07T08:00:00.000Z');
    assert.equal(nextDigestAt(at('2026-12-07T07:59:00Z'), 'weekly', mondays).toISOString(), '2026-12-07T08:00:00.000Z');
    assert.equal(nextDigestAt(at('2026-12-07T08:00:00Z'), 'weekly', mondays).toISOString(), '2026-12-14T08:00:00.000Z');
  });

  it('knows a time zone from a typo', () => {
    assert.equal(isTimeZone('Asia/Tokyo'), true);
    assert.equal(isTimeZone('Mars/Olympus'), false);
  });
});
