// Content fingerprints for near-duplicate detection: MinHash over word shingles, with bands for
// locality-sensitive lookup. Wire copies of one story (the same text on several sites, a headline
// changed, a sentence added or cut) share most of their 3-word shingles; two stories about the
// same talks share only names and stock phrases. Implemented here rather than taken from a
// library because a stored signature must mean the same thing in every process and release: the
// maintained MinHash on npm (bloom-filters) draws its hash functions at random per process, and the
// dedicated packages (minhash, simhash-js) have not been maintained for years.

/** Hash functions per signature: the estimate's standard error is about 0.045 at 120. */
export const SIGNATURE_LENGTH = 120;
/** Rows per band: 40 bands of 3 make a pair at similarity 0.5 a candidate 99.5 % of the time, at 0.1 4 %. */
const BAND_ROWS = 3;
/** Words per shingle. */
const SHINGLE_WORDS = 3;
/** Fewer words than this and a text is too short to call a copy of another (stock phrases would). */
export const MIN_FINGERPRINT_WORDS = 40;
/**
 * Bound on the work for one text: its first this many characters (about 5,000 words) are compared.
 * Copies of a story share its opening; the ingestor runs this on its event loop, even for a 1 MB body.
 */
const MAX_CHARS = 30_000;
/**
 * Estimated shingle similarity from which a text is a copy of another. Measured on our own copies
 * (fingerprint.spec.ts): light edits of one story stay at 0.6 and above, different stories on the
 * same talks at 0.1 and below.
 */
export const NEAR_DUPLICATE_THRESHOLD = 0.5;

export interface Fingerprint {
  /** SIGNATURE_LENGTH signed 32-bit minimums, one per hash function. */
  readonly signature: readonly number[];
  /** "band.hash" strings: texts sharing one are candidates, to be compared by signature. */
  readonly bands: readonly string[];
}

function fnv1a(value: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** MurmurHash3's finaliser: a bijective 32-bit mix. */
function mix(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The fixed seeds of the hash family (splitmix32 from a constant): never change them, stored signatures depend on them. */
const SEEDS: readonly number[] = (() => {
  const seeds: number[] = [];
  let state = 0x7a1c3b05;
  for (let i = 0; i < SIGNATURE_LENGTH; i++) {
    state = (state + 0x9e3779b9) >>> 0;
    seeds.push(mix(state));
  }
  return seeds;
})();

/** The words of a text for comparison: letters and digits of any script, lower-cased, accents kept. */
export function comparableWords(text: string): string[] {
  return text.slice(0, MAX_CHARS).normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The fingerprint of a text, or null when it has too few words to be compared. */
export function fingerprintOf(text: string): Fingerprint | null {
  const words = comparableWords(text);
  if (words.length < MIN_FINGERPRINT_WORDS) return null;
  const shingles = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) shingles.add(fnv1a(words.slice(i, i + SHINGLE_WORDS).join(' ')));
  const minimums = new Array<number>(SIGNATURE_LENGTH).fill(0xffffffff);
  for (const shingle of shingles) {
    for (let k = 0; k < SIGNATURE_LENGTH; k++) {
      const value = mix((shingle ^ (SEEDS[k] ?? 0)) >>> 0);
      if (value < (minimums[k] ?? 0xffffffff)) minimums[k] = value;
    }
  }
  // Stored as PostgreSQL integers: signed 32-bit.
  const signature = minimums.map((m) => m | 0);
  const bands: string[] = [];
  for (let b = 0; b * BAND_ROWS < SIGNATURE_LENGTH; b++) {
    const rows = signature.slice(b * BAND_ROWS, (b + 1) * BAND_ROWS).join(',');
    bands.push(`${b}.${fnv1a(rows).toString(16).padStart(8, '0')}`);
  }
  return { signature, bands };
}

/** The estimated Jaccard similarity of two texts' shingles: the share of equal minimums (0 when the lengths differ). */
export function similarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** The most similar candidate at or above the threshold, or null. */
export function nearestDuplicate<T extends { readonly signature: readonly number[] }>(
  fingerprint: Fingerprint,
  candidates: readonly T[],
  threshold: number = NEAR_DUPLICATE_THRESHOLD,
): { readonly candidate: T; readonly similarity: number } | null {
  let best: { candidate: T; similarity: number } | null = null;
  for (const candidate of candidates) {
    const s = similarity(fingerprint.signature, candidate.signature);
    if (s >= threshold && (best === null || s > best.similarity)) best = { candidate, similarity: s };
  }
  return best;
}
