// When a digest goes out: the next DIGEST_HOUR:00 in DIGEST_TIME_ZONE (daily), on DIGEST_WEEKDAY
// (weekly), strictly after the change was decided. Every change decided before that instant waits
// for the same digest, so the instant names the digest. Pure (luxon does the time-zone arithmetic,
// daylight saving time included).
import { DateTime, IANAZone } from 'luxon';

export type DigestFrequency = 'daily' | 'weekly';

export interface DigestTime {
  /** 0–23, local to timeZone. */
  readonly hour: number;
  /** An IANA time zone, e.g. Europe/Berlin. */
  readonly timeZone: string;
  /** 1 (Monday) – 7 (Sunday), for weekly digests. */
  readonly weekday: number;
}

export const isTimeZone = (zone: string): boolean => IANAZone.isValidZone(zone);

export function nextDigestAt(now: Date, frequency: DigestFrequency, at: DigestTime): Date {
  const local = DateTime.fromJSDate(now, { zone: at.timeZone });
  let candidate = local.set({ hour: at.hour, minute: 0, second: 0, millisecond: 0 });
  if (frequency === 'weekly') {
    candidate = candidate.plus({ days: (at.weekday - candidate.weekday + 7) % 7 });
    while (candidate.toMillis() <= now.getTime()) candidate = candidate.plus({ weeks: 1 }).set({ hour: at.hour });
  } else {
    // plus({ days }) keeps the wall-clock hour across a change of daylight saving time.
    while (candidate.toMillis() <= now.getTime()) candidate = candidate.plus({ days: 1 }).set({ hour: at.hour });
  }
  return candidate.toJSDate();
}
