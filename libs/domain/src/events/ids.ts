// Small pure helpers for deterministic identifiers and names.

/** Lower-case ASCII slug: "NATO-Russia Council" → "nato-russia-council", "P4+1" → "p4-1". */
export function slugify(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** 32-bit FNV-1a hash as 8 hex digits: short, stable, dependency-free (not for security). */
export function stableHash(value: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** Canonical party names, de-duplicated and sorted (the order tracks and events use). */
export function sortParties(parties: readonly string[]): string[] {
  return [...new Set(parties)].sort((a, b) => a.localeCompare(b, 'en'));
}

/**
 * The id of a negotiation track: the slugs of its sorted canonical parties joined by "--"
 * ("nato--russia"). The forum is deliberately not part of the id: the same talks are reported
 * with and without their format's name ("NATO-Russia Council" vs "talks between Russia and NATO"),
 * and both reports must land on one track.
 */
export function trackIdFor(parties: readonly string[]): string {
  return sortParties(parties).map(slugify).join('--');
}

/** Human name of a track: "Russia – United States". */
export function trackNameFor(parties: readonly string[]): string {
  return sortParties(parties).join(' – ');
}

/** Text folded for comparison: lower case, punctuation and quotes dropped, spaces collapsed. */
export function normaliseForComparison(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
