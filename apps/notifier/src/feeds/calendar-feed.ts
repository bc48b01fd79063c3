// Rounds as an iCalendar feed (RFC 5545) that calendar apps subscribe to: one all-day event per
// round whose day is known, one over the month when only the month is, with a STATUS that says
// whether it is expected, confirmed, or off (postponed, cancelled).
import type { ResolvedDateRef, RoundState, TrackState } from '@talkwatch/domain';
import ical, { ICalEventStatus, ICalEventTransparency, type ICalEventData } from 'ical-generator';

export interface CalendarMeta {
  readonly name: string;
  /** The status API URL of a track. */
  readonly trackUrl: (trackId: string) => string;
}

const day = 86_400_000;
const utcDay = (isoDay: string): Date => new Date(`${isoDay}T00:00:00Z`);
const monthAfter = (isoMonth: string): Date => {
  const start = utcDay(`${isoMonth}-01`);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
};

/** The days an event covers, end exclusive (DTEND of an all-day event); undefined: not placeable. */
export function daysOf(date: RoundState['date']): { start: Date; end: Date; precision: 'day' | 'month' } | undefined {
  if (date === null || date.precision === 'unknown' || date.precision === 'year') return undefined;
  const resolved: ResolvedDateRef = date;
  if (resolved.precision === 'day') {
    const start = utcDay(resolved.start);
    const last = resolved.end && resolved.end.length === 10 && resolved.end >= resolved.start ? utcDay(resolved.end) : start;
    return Number.isNaN(start.getTime()) ? undefined : { start, end: new Date(last.getTime() + day), precision: 'day' };
  }
  const month = resolved.start.slice(0, 7);
  const lastMonth = resolved.end && resolved.end.slice(0, 7) >= month ? resolved.end.slice(0, 7) : month;
  const start = utcDay(`${month}-01`);
  return Number.isNaN(start.getTime()) ? undefined : { start, end: monthAfter(lastMonth), precision: 'month' };
}

function statusOf(round: RoundState, precision: 'day' | 'month'): ICalEventStatus {
  switch (round.status) {
    case 'postponed':
    case 'cancelled':
      return ICalEventStatus.CANCELLED;
    case 'announced':
      return ICalEventStatus.TENTATIVE;
    case 'scheduled':
    case 'held':
    case 'concluded':
      return precision === 'day' ? ICalEventStatus.CONFIRMED : ICalEventStatus.TENTATIVE;
    default: {
      const never: never = round.status;
      throw new Error(`unknown round status ${String(never)}`);
    }
  }
}

const statusWords: Record<RoundState['status'], string> = {
  announced: 'announced',
  scheduled: 'scheduled',
  held: 'held',
  concluded: 'concluded',
  postponed: 'postponed',
  cancelled: 'cancelled',
};

/** The calendar event of a round, or undefined when its date cannot be placed on a calendar. */
export function roundEvent(track: TrackState, round: RoundState, meta: CalendarMeta): ICalEventData | undefined {
  const days = daysOf(round.date);
  if (!days) return undefined;
  const name = `${track.name} talks${round.ordinal !== null ? ` (round ${round.ordinal})` : ''}`;
  const prefix = round.status === 'postponed' ? 'Postponed: ' : round.status === 'cancelled' ? 'Cancelled: ' : '';
  const suffix = days.precision === 'month' ? ' (day not known yet)' : '';
  const sources = round.sources.map((s) => `- ${s.title}${s.url ? ` <${s.url}>` : ''}: "${s.sentence}"`);
  const url = meta.trackUrl(track.id);
  return {
    id: `${round.id}@talkwatch`,
    start: days.start,
    end: days.end,
    allDay: true,
    summary: `${prefix}${name}${suffix}`,
    status: statusOf(round, days.precision),
    // A month-long placeholder must not block the calendar.
    transparency: days.precision === 'month' ? ICalEventTransparency.TRANSPARENT : ICalEventTransparency.OPAQUE,
    ...(round.venue ? { location: round.venue } : {}),
    description: [`Round ${statusWords[round.status]}, as reported (date: "${round.date?.text ?? ''}").`, `Track: ${url}`, '', 'Reported by:', ...sources].join('\n'),
    url,
    stamp: new Date(round.updatedAt),
    lastModified: new Date(round.updatedAt),
    created: new Date(round.firstReportedAt),
  };
}

export function calendarOf(tracks: readonly TrackState[], meta: CalendarMeta): string {
  const calendar = ical({ name: meta.name, prodId: { company: 'Talkwatch', product: 'Talkwatch', language: 'EN' } });
  for (const track of tracks) {
    for (const round of track.rounds) {
      const event = roundEvent(track, round, meta);
      if (event) calendar.createEvent(event);
    }
  }
  return calendar.toString();
}
