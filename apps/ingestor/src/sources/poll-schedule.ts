// When a feed is polled next: its interval after a success; after failures, a wait that doubles
// with each failure in a row (from the interval, at most six hours), moved by up to a fifth either
// way so that feeds failing together (one host down) do not come back in step. Pure: the random
// draw is a parameter.

export const maxBackoffMs = 6 * 3600 * 1000;
export const backoffJitter = 0.2;

/** `random` draws from [0, 1). */
export function nextPollDelayMs(intervalSeconds: number, failures: number, random: () => number): number {
  const intervalMs = intervalSeconds * 1000;
  if (failures <= 0) return intervalMs;
  const base = Math.min(Math.max(intervalMs, 1000) * 2 ** Math.min(failures, 30), Math.max(maxBackoffMs, intervalMs));
  return Math.round(base * (1 + backoffJitter * (2 * random() - 1)));
}
