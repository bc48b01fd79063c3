// The canonical form of an article's URL: what is left once everything that does not name the
// article is gone, so the same story reached through a newsletter, a social post or a feed is one
// article. Pure: WHATWG URL parsing only.

/** Query parameters that track the click, not the page. Compared lower-cased. */
const TRACKING_PARAMETERS = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'cmpid',
  'ocid',
]);

const isTracking = (name: string): boolean => {
  const lower = name.toLowerCase();
  return lower.startsWith('utm_') || TRACKING_PARAMETERS.has(lower);
};

/**
 * The canonical URL of an http(s) URL, or null when it is not one: scheme and host lower-cased
 * (the URL parser does it), a leading `www.` and the default port dropped, the fragment and the
 * tracking parameters (`utm_*`, `fbclid`, `gclid`, ...) removed, the other parameters sorted by
 * name (their order names nothing), and a trailing slash dropped from a path other than `/`.
 */
export function canonicalUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  url.username = '';
  url.password = '';
  if (url.hostname.startsWith('www.') && url.hostname.length > 4) url.hostname = url.hostname.slice(4);
  if (url.hostname.endsWith('.')) url.hostname = url.hostname.slice(0, -1);
  const kept = [...url.searchParams.entries()].filter(([name]) => !isTracking(name));
  // A stable sort by name keeps repeated parameters (a=1&a=2) in their given order.
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = new URLSearchParams(kept).toString();
  if (url.pathname.length > 1 && url.pathname.endsWith('/')) url.pathname = url.pathname.replace(/\/+$/, '') || '/';
  return url.toString();
}

/** The outlet an article's URL belongs to: its canonical host ("reuters.com"), or null. */
export function outletOf(raw: string): string | null {
  const canonical = canonicalUrl(raw);
  return canonical === null ? null : new URL(canonical).hostname;
}
