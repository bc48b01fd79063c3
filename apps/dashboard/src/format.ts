// How dates, countdowns and freshness read on the page. "Today" is an input: the as-of day when
// one is chosen, so a countdown reads as it did on that day.
import type { DateRef } from './api/client.ts';

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const dayMs = 86_400_000;

/** Today as YYYY-MM-DD (UTC). */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

function utc(day: string): number {
  const [y = '1970', m = '01', d = '01'] = day.split('-');
  return Date.UTC(Number(y), Number(m) - 1, Number(d));
}

/** "10 Jan 2022", "10 Jan 2022 – 12 Jan 2022", "January 2022", "2022", or the words of an unresolved date. */
export function formatDate(date: DateRef | null | undefined): string {
  if (!date) return 'no date reported';
  const { start, end, precision } = date;
  if (start === null) return `“${date.text}” (unresolved)`;
  switch (precision) {
    case 'day': {
      const first = dayFormat.format(utc(start));
      return end && end !== start ? `${first} – ${dayFormat.format(utc(end))}` : first;
    }
    case 'month':
      return monthFormat.format(utc(`${start}-01`));
    case 'year':
      return start.slice(0, 4);
    case 'unknown':
      return `“${date.text}” (unresolved)`;
    default: {
      const never: never = precision;
      return String(never);
    }
  }
}

/** Publication or report time of an article, as a day. */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return 'no date';
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : dayFormat.format(time);
}

/** Whole days from `today` to the start of a day-dated round (negative: past); undefined when not a day. */
export function daysUntil(date: DateRef | null | undefined, today: string): number | undefined {
  if (date?.precision !== 'day' || !date.start) return undefined;
  return Math.round((utc(date.start) - utc(today)) / dayMs);
}

/** "today", "in 3 days", "5 days ago"; for a month or a year, "this month", "next year"... */
export function countdown(date: DateRef | null | undefined, today: string): string | undefined {
  if (!date?.start) return undefined;
  const days = daysUntil(date, today);
  if (days !== undefined) return relative.format(days, 'day');
  if (date.precision === 'month') {
    const months = (Number(date.start.slice(0, 4)) - Number(today.slice(0, 4))) * 12 + Number(date.start.slice(5, 7)) - Number(today.slice(5, 7));
    return relative.format(months, 'month');
  }
  if (date.precision === 'year') return relative.format(Number(date.start.slice(0, 4)) - Number(today.slice(0, 4)), 'year');
  return undefined;
}

/** "2 days ago", "3 months ago" from an ISO time to `today`. */
export function ago(iso: string, today: string): string {
  const days = Math.round((utc(iso.slice(0, 10)) - utc(today)) / dayMs);
  if (Math.abs(days) < 45) return relative.format(days, 'day');
  if (Math.abs(days) < 540) return relative.format(Math.round(days / 30.44), 'month');
  return relative.format(Math.round(days / 365.25), 'year');
}

/** The outlet of a source: its web site's name, without "www.". */
export function outletOf(url: string | null): string {
  if (!url) return 'unknown outlet';
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return 'unknown outlet';
  }
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A day-precision key of a date for placing it on a time axis (the first day of a month or year). */
export function dayKey(date: DateRef | null | undefined): string | undefined {
  if (!date?.start || date.precision === 'unknown') return undefined;
  if (date.precision === 'day') return date.start;
  return date.precision === 'month' ? `${date.start}-01` : `${date.start.slice(0, 4)}-01-01`;
}

export { utc as dayToTime };
