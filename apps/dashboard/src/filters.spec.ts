import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Round, TrackSummary } from './api/client.ts';
import { filterFromParams, hasRoundSoon, matches, partiesOf } from './filters.ts';

function round(start: string, venue: string | null = null): Round {
  return {
    id: `r:${start}`,
    ordinal: null,
    status: 'scheduled',
    date: { text: start, start, end: null, precision: 'day' },
    venue,
    mediators: [],
    outcome: null,
    confidence: null,
    sources: [],
    reports: [],
    firstReportedAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  };
}

function track(id: string, parties: string[], extra: Partial<TrackSummary> = {}): TrackSummary {
  return {
    id,
    name: parties.join(' – '),
    parties,
    mediators: [],
    forum: null,
    status: 'active',
    lastRound: null,
    nextRound: null,
    roundCount: 0,
    openDemandCount: 0,
    sourceCount: 1,
    updatedAt: '2026-01-01T00:00:00Z',
    ...extra,
  };
}

const none = { text: '', party: '', status: '', soon: false } as const;
const serbia = track('kosovo--serbia', ['Kosovo', 'Serbia'], { nextRound: round('2026-03-14', 'Brussels'), mediators: ['European Union'] });
const nile = track('egypt--ethiopia', ['Egypt', 'Ethiopia'], { status: 'proposed', nextRound: round('2026-05-02') });

describe('overview filters', () => {
  it('reads the filter from the URL, dropping a status that does not exist', () => {
    assert.deepEqual(filterFromParams(new URLSearchParams('q=nile&party=Egypt&status=paused&soon=1')), { text: 'nile', party: 'Egypt', status: 'paused', soon: true });
    assert.equal(filterFromParams(new URLSearchParams('status=sleeping')).status, '');
  });

  it('searches every word in the name, parties, mediators and venues', () => {
    assert.equal(matches(serbia, { ...none, text: 'brussels serbia' }, '2026-03-01'), true);
    assert.equal(matches(serbia, { ...none, text: 'european' }, '2026-03-01'), true, 'a mediator');
    assert.equal(matches(serbia, { ...none, text: 'brussels egypt' }, '2026-03-01'), false);
  });

  it('filters by party (a side or a mediator) and by status', () => {
    assert.equal(matches(serbia, { ...none, party: 'European Union' }, '2026-03-01'), true);
    assert.equal(matches(nile, { ...none, party: 'Serbia' }, '2026-03-01'), false);
    assert.equal(matches(nile, { ...none, status: 'proposed' }, '2026-03-01'), true);
    assert.equal(matches(serbia, { ...none, status: 'proposed' }, '2026-03-01'), false);
  });

  it('keeps "a round in the next 14 days" to rounds from today to 14 days ahead', () => {
    assert.equal(hasRoundSoon(serbia, '2026-02-28'), true, '14 days ahead');
    assert.equal(hasRoundSoon(serbia, '2026-02-27'), false, '15 days ahead');
    assert.equal(hasRoundSoon(serbia, '2026-03-15'), false, 'its day has passed');
    assert.equal(matches(nile, { ...none, soon: true }, '2026-03-01'), false);
  });

  it('lists every side and mediator once, sorted', () => {
    assert.deepEqual(partiesOf([serbia, nile, serbia]), ['Egypt', 'Ethiopia', 'European Union', 'Kosovo', 'Serbia']);
  });
});
