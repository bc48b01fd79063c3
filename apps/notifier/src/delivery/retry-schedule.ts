// When to try a delivery again, and when to stop: a schedule of waits (Standard Webhooks' shape by
// default), jittered so that receivers coming back are not hit by every retry at once, and what one
// attempt's outcome makes of the delivery. Pure: the randomness is a parameter.
import type { SendOutcome } from './send-outcome.js';

/** Waits before the 2nd, 3rd, ... attempt: 10 attempts over about 3 days. */
export const defaultRetrySchedule = '5s,5m,30m,2h,5h,10h,14h,20h,24h';

export interface RetryPolicy {
  /** Waits before each retry, in ms; attempts in all: one more than there are waits. */
  readonly delaysMs: readonly number[];
  /** Each wait is moved by up to this fraction either way (0.1: ±10 %). */
  readonly jitter: number;
  /** A receiver's Retry-After is honoured up to this. */
  readonly retryAfterMaxMs: number;
}

const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `500ms`, `5s`, `5m`, `2h`, `1d`; a bare number is seconds. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec(text.trim());
  if (!match?.[1]) return undefined;
  return Math.round(Number(match[1]) * (units[match[2] ?? 's'] ?? 1000));
}

export function parseRetrySchedule(text: string): { delaysMs: number[]; problems: string[] } {
  const problems: string[] = [];
  const delaysMs: number[] = [];
  const entries = text.trim() === '' ? [] : text.split(',');
  entries.forEach((entry, i) => {
    const ms = parseDuration(entry);
    if (ms === undefined) problems.push(`entry ${i + 1} ("${entry.trim()}") is not a duration like 30s, 5m, 2h or 1d`);
    else delaysMs.push(ms);
  });
  return { delaysMs, problems };
}

export function maxAttemptsOf(policy: RetryPolicy): number {
  return policy.delaysMs.length + 1;
}

/** The wait after `attemptsMade` attempts, or undefined when the schedule is exhausted. */
export function retryDelayMs(policy: RetryPolicy, attemptsMade: number, random: () => number, retryAfterMs?: number): number | undefined {
  const scheduled = policy.delaysMs[attemptsMade - 1];
  if (scheduled === undefined) return undefined;
  // The receiver knows best when it can take the next one; it cannot park us for ever, though.
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.retryAfterMaxMs);
  return Math.max(0, Math.round(scheduled * (1 + policy.jitter * (2 * random() - 1))));
}

export type AttemptResult =
  | { readonly status: 'delivered' }
  | { readonly status: 'pending'; readonly lastError: string; readonly retryInMs: number }
  /**
   * `disable`: why the subscription should stop getting alerts too: the receiver said it is gone,
   * or it kept failing until the schedule ran out.
   */
  | { readonly status: 'failed'; readonly lastError: string; readonly disable: 'gone' | 'exhausted' | undefined };

/** What a delivery becomes after its `attempts`-th attempt came to `outcome`. */
export function afterAttempt(outcome: SendOutcome, attempts: number, policy: RetryPolicy, random: () => number): AttemptResult {
  switch (outcome.kind) {
    case 'delivered':
      return { status: 'delivered' };
    case 'gone':
      return { status: 'failed', lastError: outcome.reason, disable: 'gone' };
    case 'failed':
      return { status: 'failed', lastError: outcome.reason, disable: undefined };
    case 'retry': {
      const wait = retryDelayMs(policy, attempts, random, outcome.retryAfterMs);
      if (wait === undefined) {
        return { status: 'failed', lastError: `${outcome.reason} (gave up after ${attempts} attempts)`, disable: 'exhausted' };
      }
      return { status: 'pending', lastError: outcome.reason, retryInMs: wait };
    }
    default: {
      const unknown: never = outcome;
      throw new Error(`unknown outcome ${JSON.stringify(unknown)}`);
    }
  }
}
