// What one attempt at a delivery came to, and what a webhook receiver's answer means. Pure.

export type SendOutcome =
  | { readonly kind: 'delivered' }
  /** Worth another attempt; `retryAfterMs` when the receiver said when (Retry-After). */
  | { readonly kind: 'retry'; readonly reason: string; readonly retryAfterMs?: number }
  /** This delivery will not succeed by trying again. */
  | { readonly kind: 'failed'; readonly reason: string }
  /** The receiver says the endpoint is gone for good (410): the subscription is disabled. */
  | { readonly kind: 'gone'; readonly reason: string };

export function webhookOutcomeOf(status: number, retryAfter: string | undefined, now: Date): SendOutcome {
  if (status >= 200 && status < 300) return { kind: 'delivered' };
  if (status === 410) return { kind: 'gone', reason: 'receiver answered 410 Gone: subscription disabled' };
  if (status === 429 || status === 503) {
    const retryAfterMs = parseRetryAfter(retryAfter, now);
    return { kind: 'retry', reason: `receiver answered ${status}`, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  }
  if (status === 408 || status >= 500) return { kind: 'retry', reason: `receiver answered ${status}` };
  if (status >= 300 && status < 400) return { kind: 'failed', reason: `receiver answered ${status}; redirects are not followed` };
  // Other 4xx will not get better by trying again.
  return { kind: 'failed', reason: `receiver answered ${status}` };
}

/** Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3), in ms from now; never negative. */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // The HTTP date forms only (IMF-fixdate, the obsolete RFC 850 and asctime ones): Date.parse
  // alone would take nearly anything.
  if (!/ GMT$/.test(text) && !/^[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
