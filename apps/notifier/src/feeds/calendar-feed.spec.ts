// The iCalendar feed read back by ical.js (the project writes it with ical-generator): the events a
// calendar app would show, their days, status and transparency, by the rounds' date precision.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DateRef, RoundState, TrackState } from '@talkwatch/domain';
import ICAL from 'ical.js';
import { calendarOf, daysOf } from './calendar-feed.js';

const source = { articleId: 'a1', url: 'https://news.example.org/a1', title: 'Envoys to meet', publishedAt: '2022-01-05T08:00:00Z', sentence: 'They will meet, officials said.', start: 0, end: 31 };

function round(id: string, status: RoundState['status'], date: DateRef | null, extra: Partial<RoundState> = {}): RoundState {
  return {
    id: `kosovo--serbia:round:${id}`,
    ordinal: null,
    status,
    date,
    venue: null,
    mediators: [],
    outcome: null,
    confidence: 0.8,
    sources: [source],
    reports: [],
    firstReportedAt: '2022-01-05T08:00:00Z',
    updatedAt: '2022-01-06T09:30:00Z',
    ...extra,
  };
}

const day = (start: string, end: string | null = null): DateRef => ({ text: start, start, end, precision: 'day' });

const track: TrackState = {
  id: 'kosovo--serbia',
  name: 'Kosovo – Serbia',
  parties: ['Kosovo', 'Serbia'],
  forum: null,
  forumMentions: [],
  status: 'active',
  rounds: [
    round('2022-03-18', 'scheduled', day('2022-03-18'), { venue: 'Brussels', ordinal: 3 }),
    round('2022-02-14', 'held', day('2022-02-14', '2022-02-16')),
    round('2022-04', 'announced', { text: 'in April', start: '2022-04', end: null, precision: 'month' }),
    round('2022-05-02', 'postponed', day('2022-05-02')),
    round('2022-06-01', 'cancelled', day('2022-06-01')),
    round('2022', 'announced', { text: 'this year', start: '2022', end: null, precision: 'year' }),
    round('n9', 'announced', { text: 'on Tuesday', start: null, end: null, precision: 'unknown' }),
    round('n10', 'announced', null),
  ],
  demands: [],
  responses: [],
  retracted: [],
  version: 8,
  updatedAt: '2022-01-06T09:30:00Z',
};

const meta = { name: 'Talkwatch: Kosovo – Serbia', trackUrl: (id: string) => `http://localhost:3000/talks/${id}` };

interface Shown {
  uid: string;
  summary: string;
  start: string;
  end: string;
  allDay: boolean;
  status: unknown;
  transp: unknown;
  location: string | null;
}

const componentOf = (text: string) => new ICAL.Component(ICAL.parse(text) as unknown[]);

function parse(text: string): { name: unknown; events: Shown[] } {
  const calendar = componentOf(text);
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toString(),
      end: event.endDate.toString(),
      allDay: event.startDate.isDate,
      status: component.getFirstPropertyValue('status'),
      transp: component.getFirstPropertyValue('transp'),
      location: event.location || null,
    };
  });
  return { name: calendar.getFirstPropertyValue('x-wr-calname') ?? calendar.getFirstPropertyValue('name'), events };
}

describe('calendarOf', () => {
  const text = calendarOf([track], meta);
  const { name, events } = parse(text);
  const byUid = new Map(events.map((e) => [e.uid, e]));
  const event = (id: string) => byUid.get(`kosovo--serbia:round:${id}@talkwatch`);

  it('is a calendar named after the feed, with an event for every round placed on the calendar', () => {
    assert.match(text, /^BEGIN:VCALENDAR\r\n/);
    assert.equal(name, meta.name);
    assert.deepEqual([...byUid.keys()].sort(), ['2022-02-14', '2022-03-18', '2022-04', '2022-05-02', '2022-06-01'].map((id) => `kosovo--serbia:round:${id}@talkwatch`).sort());
  });

  it('shows a round on its reported days, all day, the end exclusive as RFC 5545 wants it', () => {
    assert.deepEqual(event('2022-03-18'), {
      uid: 'kosovo--serbia:round:2022-03-18@talkwatch',
      summary: 'Kosovo – Serbia talks (round 3)',
      start: '2022-03-18',
      end: '2022-03-19',
      allDay: true,
      status: 'CONFIRMED',
      transp: 'OPAQUE',
      location: 'Brussels',
    });
    const held = event('2022-02-14');
    assert.deepEqual([held?.start, held?.end, held?.status], ['2022-02-14', '2022-02-17', 'CONFIRMED'], 'three days, 14 to 16 February');
  });

  it('shows a round known only by its month over the month, tentative and not blocking time', () => {
    const april = event('2022-04');
    assert.deepEqual([april?.start, april?.end, april?.allDay, april?.status, april?.transp], ['2022-04-01', '2022-05-01', true, 'TENTATIVE', 'TRANSPARENT']);
    assert.equal(april?.summary, 'Kosovo – Serbia talks (day not known yet)');
  });

  it('marks postponed and cancelled rounds CANCELLED, and says which', () => {
    assert.deepEqual([event('2022-05-02')?.status, event('2022-05-02')?.summary], ['CANCELLED', 'Postponed: Kosovo – Serbia talks']);
    assert.deepEqual([event('2022-06-01')?.status, event('2022-06-01')?.summary], ['CANCELLED', 'Cancelled: Kosovo – Serbia talks']);
  });

  it('describes the round with its sources and links the track', () => {
    const component = componentOf(text).getAllSubcomponents('vevent').find((c) => c.getFirstPropertyValue('uid') === 'kosovo--serbia:round:2022-03-18@talkwatch');
    assert.ok(component);
    const description = String(component.getFirstPropertyValue('description'));
    assert.ok(description.includes('Envoys to meet <https://news.example.org/a1>: "They will meet, officials said."'), description);
    assert.equal(component.getFirstPropertyValue('url'), 'http://localhost:3000/talks/kosovo--serbia');
    assert.equal(String(component.getFirstPropertyValue('last-modified')), '2022-01-06T09:30:00Z');
  });

  it('places dates by their precision, never guessing a day', () => {
    assert.equal(daysOf(null), undefined);
    assert.equal(daysOf({ text: '2022', start: '2022', end: null, precision: 'year' }), undefined);
    assert.deepEqual(daysOf({ text: 'Dec 2022 to Jan 2023', start: '2022-12', end: '2023-01', precision: 'month' }), {
      start: new Date('2022-12-01T00:00:00Z'),
      end: new Date('2023-02-01T00:00:00Z'),
      precision: 'month',
    });
    assert.deepEqual(daysOf(day('2022-03-18', '2022-03-10'))?.end, new Date('2022-03-19T00:00:00Z'), 'an end before the start is ignored');
  });

  it('is empty but valid without rounds', () => {
    assert.deepEqual(parse(calendarOf([], meta)).events, []);
  });
});
