// Parties, officials and negotiation formats the extractor recognises. The code here is generic:
// every name lives in data (DEFAULT_GAZETTEER_DATA, assembled from gazetteer/*.json and extended by
// users through createGazetteer); the shapes of that data are in gazetteer-schema.ts.
import { DEFAULT_GAZETTEER_DATA } from './gazetteer-default.js';
import {
  type DemandCategoryData,
  type ForumData,
  type GazetteerData,
  type GazetteerExtension,
  type OfficialData,
  type PartyData,
  gazetteerExtensionSchema,
} from './gazetteer-schema.js';

export * from './gazetteer-schema.js';

export class GazetteerError extends Error {
  readonly code = 'invalid-gazetteer';
  constructor(readonly issues: readonly string[]) {
    super(`invalid gazetteer data: ${issues.join('; ')}`);
    this.name = 'GazetteerError';
  }
}

/** Validates user-provided gazetteer data (e.g. a parsed JSON file). Throws GazetteerError. */
export function parseGazetteerExtension(input: unknown): GazetteerExtension {
  const result = gazetteerExtensionSchema.safeParse(input);
  if (!result.success) {
    throw new GazetteerError(result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  return result.data;
}

export type MentionVia = 'name' | 'alias' | 'demonym' | 'metonym' | 'official' | 'forum' | 'place';

/** A stretch of text naming a party, an official, a forum or a venue. */
export interface EntityMention {
  start: number;
  end: number;
  text: string;
  via: MentionVia;
  /** The canonical party meant (null for a place or a forum). */
  party: string | null;
  /** Parties this mention stands for: [party], the forum's parties, or [] for a place. */
  parties: string[];
  official: OfficialData | null;
  forum: ForumData | null;
  /** Followed by "'s". */
  possessive: boolean;
}

export interface Gazetteer {
  readonly data: GazetteerData;
  /** Non-overlapping mentions in text order (longest match wins). */
  findMentions(text: string): EntityMention[];
  /** The canonical party for a name or alias ("the Kremlin" → "Russia"), or null. */
  canonicalParty(nameOrAlias: string): string | null;
  party(name: string): PartyData | undefined;
  /** The demand category whose keyword occurs first in text, or null. */
  categoryOf(text: string): string | null;
}

interface Surface {
  surface: string;
  caseSensitive: boolean;
  allowPlural: boolean;
  via: MentionVia;
  party: string | null;
  parties: string[];
  official: OfficialData | null;
  forum: ForumData | null;
}

const isWordChar = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

function unionStrings(a: readonly string[] | undefined, b: readonly string[] | undefined): string[] {
  return [...new Set([...(a ?? []), ...(b ?? [])])];
}

function mergeByName<T extends { name: string }>(base: readonly T[], extra: readonly T[] | undefined, merge: (a: T, b: T) => T): T[] {
  const out = base.map((x) => ({ ...x }));
  for (const item of extra ?? []) {
    const i = out.findIndex((x) => x.name.toLowerCase() === item.name.toLowerCase());
    const existing = i >= 0 ? out[i] : undefined;
    if (existing) out[i] = merge(existing, item);
    else out.push({ ...item });
  }
  return out;
}

/** Merges extension data into base data: same names extend (aliases are unioned), new names are added. */
export function mergeGazetteerData(base: GazetteerData, extension: GazetteerExtension): GazetteerData {
  return {
    parties: mergeByName(base.parties, extension.parties, (a, b) => ({
      name: a.name,
      kind: b.kind,
      aliases: unionStrings(a.aliases, b.aliases),
      demonyms: unionStrings(a.demonyms, b.demonyms),
      metonyms: unionStrings(a.metonyms, b.metonyms),
      members: unionStrings(a.members, b.members),
      ...((b.code ?? a.code) !== undefined ? { code: b.code ?? a.code } : {}),
      ...((b.country ?? a.country) !== undefined ? { country: b.country ?? a.country } : {}),
    })),
    officials: mergeByName(base.officials, extension.officials, (a, b) => ({
      name: a.name,
      party: b.party,
      role: b.role,
      aliases: unionStrings(a.aliases, b.aliases),
      surnameAlias: b.surnameAlias ?? a.surnameAlias,
      // The role's years go with the role: an extension that restates the role restates its years.
      from: b.role === a.role ? (b.from ?? a.from) : b.from,
      to: b.role === a.role ? (b.to === undefined ? a.to : b.to) : b.to,
      otherRoles: [...(a.otherRoles ?? []), ...(b.otherRoles ?? [])],
    })),
    forums: mergeByName(base.forums, extension.forums, (a, b) => ({ name: a.name, parties: b.parties, aliases: unionStrings(a.aliases, b.aliases) })),
    places: unionStrings(base.places, extension.places),
    demandCategories: (() => {
      const out = base.demandCategories.map((c) => ({ ...c, keywords: [...c.keywords] }));
      for (const c of extension.demandCategories ?? []) {
        const existing = out.find((x) => x.id === c.id);
        if (existing) existing.keywords = unionStrings(existing.keywords, c.keywords);
        else out.push({ ...c });
      }
      return out;
    })(),
  };
}

function checkReferences(data: GazetteerData): void {
  const known = new Set(data.parties.map((p) => p.name));
  const issues: string[] = [];
  for (const o of data.officials) if (!known.has(o.party)) issues.push(`official "${o.name}": unknown party "${o.party}"`);
  for (const f of data.forums) for (const p of f.parties) if (!known.has(p)) issues.push(`forum "${f.name}": unknown party "${p}"`);
  for (const p of data.parties) for (const m of p.members ?? []) if (!known.has(m)) issues.push(`party "${p.name}": unknown member "${m}"`);
  for (const p of data.parties) if (p.country !== undefined && !known.has(p.country)) issues.push(`party "${p.name}": unknown country "${p.country}"`);
  for (const o of data.officials) {
    for (const r of o.otherRoles ?? []) if (r.party !== undefined && !known.has(r.party)) issues.push(`official "${o.name}": unknown party "${r.party}"`);
  }
  if (issues.length) throw new GazetteerError(issues);
}

const CURLY_APOSTROPHE = '’';

function buildSurfaces(data: GazetteerData): Surface[] {
  const out: Surface[] = [];
  // Multi-word phrases and lower-case aliases ("the alliance") match in any case; single capitalised
  // words match as written, or in capitals (datelines: "WASHINGTON").
  // Apostrophes are compared as one character ("Ethiopia’s government", "N'Djamena").
  const add = (written: string, fields: Omit<Surface, 'surface' | 'caseSensitive'>): void => {
    const surface = written.replaceAll(CURLY_APOSTROPHE, "'");
    const caseSensitive = !/\s/.test(surface) && /\p{Lu}/u.test(surface);
    out.push({ surface, caseSensitive, ...fields });
    if (caseSensitive && surface.length >= 4 && surface !== surface.toUpperCase()) {
      out.push({ surface: surface.toUpperCase(), caseSensitive, ...fields });
    }
  };
  for (const p of data.parties) {
    const base = { party: p.name, parties: [p.name], official: null, forum: null };
    add(p.name, { ...base, via: 'name', allowPlural: false });
    for (const a of p.aliases ?? []) add(a, { ...base, via: 'alias', allowPlural: false });
    for (const d of p.demonyms ?? []) add(d, { ...base, via: 'demonym', allowPlural: true });
    for (const m of p.metonyms ?? []) add(m, { ...base, via: 'metonym', allowPlural: false });
  }
  for (const o of data.officials) {
    const base = { via: 'official' as const, party: o.party, parties: [o.party], official: o, forum: null, allowPlural: false };
    add(o.name, base);
    for (const a of o.aliases ?? []) add(a, base);
    const surname = o.name.split(/\s+/).at(-1);
    if (o.surnameAlias !== false && surname && surname !== o.name) add(surname, base);
    for (const a of o.aliases ?? []) {
      const s = a.split(/\s+/).at(-1);
      if (o.surnameAlias !== false && s && s !== a) add(s, base);
    }
  }
  for (const f of data.forums) {
    const base = { via: 'forum' as const, party: null, parties: [...f.parties], official: null, forum: f, allowPlural: false };
    add(f.name, base);
    for (const a of f.aliases ?? []) add(a, base);
  }
  for (const place of data.places) add(place, { via: 'place', party: null, parties: [], official: null, forum: null, allowPlural: false });
  return out;
}

const POSSESSIVE = /^['’]s?(?![\p{L}\p{N}])/u;
const WORD = /[\p{L}\p{N}]+/gu;

function keywordPattern(keyword: string): string {
  const prefix = keyword.endsWith('*');
  const body = (prefix ? keyword.slice(0, -1) : keyword).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  return `${body}${prefix ? '' : '(?:s|es)?(?![\\p{L}\\p{N}])'}`;
}

/**
 * One pattern for all demand categories, one capturing group per category in list order: its
 * leftmost match is the keyword found first, and at one position the alternation tries the
 * categories in order (on a tie, the category listed first), as categoryOf promises.
 */
function compileCategories(categories: readonly DemandCategoryData[]): { pattern: RegExp | null; ids: string[] } {
  const used = categories.filter((c) => c.keywords.length > 0);
  if (used.length === 0) return { pattern: null, ids: [] };
  const groups = used.map((c) => `(${c.keywords.map(keywordPattern).join('|')})`);
  return { pattern: new RegExp(`(?<![\\p{L}\\p{N}])(?:${groups.join('|')})`, 'iu'), ids: used.map((c) => c.id) };
}

/** Builds a gazetteer from the default data merged with an optional extension (validated). */
export function createGazetteer(extension?: GazetteerExtension, base: GazetteerData = DEFAULT_GAZETTEER_DATA): Gazetteer {
  const data = extension ? mergeGazetteerData(base, parseGazetteerExtension(extension)) : base;
  checkReferences(data);
  const surfaces = buildSurfaces(data);
  const byLower = new Map<string, string>();
  for (const s of surfaces) if (s.party) byLower.set(s.surface.toLowerCase(), s.party);
  for (const p of data.parties) byLower.set(p.name.toLowerCase(), p.name);
  const partiesByName = new Map(data.parties.map((p) => [p.name, p]));
  const categories = compileCategories(data.demandCategories);

  // Surfaces indexed by their first word (as written for case-sensitive ones, in lower case for the
  // others), then by the two characters that follow it ('' for a one-word surface, " a" for "the
  // alliance"): a text is scanned once, word by word, and a common first word ("the", "new",
  // "republic") costs a look-up, not a comparison with every surface that starts with it.
  const firstWord = (surface: string): string => /^[\p{L}\p{N}]+/u.exec(surface)?.[0] ?? '';
  type Index = Map<string, Map<string, Surface[]>>;
  const exactIndex: Index = new Map();
  const foldedIndex: Index = new Map();
  const unindexed: Surface[] = [];
  for (const s of surfaces) {
    const word = firstWord(s.surface);
    if (!word) {
      unindexed.push(s);
      continue;
    }
    const index = s.caseSensitive ? exactIndex : foldedIndex;
    const key = s.caseSensitive ? word : word.toLowerCase();
    const written = s.caseSensitive ? s.surface : s.surface.toLowerCase();
    const next = written.slice(key.length, key.length + 2);
    const byNext = index.get(key) ?? new Map<string, Surface[]>();
    byNext.set(next, [...(byNext.get(next) ?? []), s]);
    index.set(key, byNext);
  }

  function findMentions(text: string): EntityMention[] {
    // Both forms keep the text's offsets: one apostrophe for another, and toLowerCase keeps offsets
    // for nearly every script (where it does not, compare as written).
    const plain = text.includes(CURLY_APOSTROPHE) ? text.replaceAll(CURLY_APOSTROPHE, "'") : text;
    const lower = plain.toLowerCase();
    const folded = lower.length === plain.length ? lower : plain;
    const found: EntityMention[] = [];
    const tryAt = (s: Surface, at: number): void => {
      const hay = s.caseSensitive ? plain : folded;
      const needle = s.caseSensitive ? s.surface : s.surface.toLowerCase();
      if (!hay.startsWith(needle, at)) return;
      let end = at + needle.length;
      if (isWordChar(text[at - 1]) && isWordChar(text[at])) return;
      if (s.allowPlural && text[end] === 's' && !isWordChar(text[end + 1])) end += 1;
      if (isWordChar(text[end]) && isWordChar(text[end - 1])) return;
      found.push({
        start: at,
        end,
        text: text.slice(at, end),
        via: s.via,
        party: s.party,
        parties: s.parties,
        official: s.official,
        forum: s.forum,
        possessive: POSSESSIVE.test(text.slice(end, end + 3)),
      });
    };
    const lookUp = (index: Index, key: string, hay: string, at: number, end: number | null): void => {
      const byNext = index.get(key);
      if (!byNext) return;
      for (const s of byNext.get('') ?? []) tryAt(s, at);
      if (end !== null && end < hay.length) for (const s of byNext.get(hay.slice(end, end + 2)) ?? []) tryAt(s, at);
    };
    for (const word of text.matchAll(WORD)) {
      const at = word.index;
      const token = word[0];
      const end = at + token.length;
      lookUp(exactIndex, token, plain, at, end);
      lookUp(foldedIndex, token.toLowerCase(), folded, at, end);
      // A plural demonym ("Russians") is indexed under its singular (a one-word surface).
      if (token.length > 2 && token.endsWith('s')) {
        lookUp(exactIndex, token.slice(0, -1), plain, at, null);
        lookUp(foldedIndex, token.slice(0, -1).toLowerCase(), folded, at, null);
      }
    }
    for (const s of unindexed) {
      const needle = s.caseSensitive ? s.surface : s.surface.toLowerCase();
      const hay = s.caseSensitive ? plain : folded;
      for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) tryAt(s, at);
    }
    // Longest match first, then leftmost; drop anything overlapping an accepted mention.
    found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    const accepted: EntityMention[] = [];
    for (const m of found) if (!accepted.some((x) => m.start < x.end && x.start < m.end)) accepted.push(m);
    return accepted.sort((a, b) => a.start - b.start);
  }

  return {
    data,
    findMentions,
    canonicalParty: (nameOrAlias) => byLower.get(nameOrAlias.trim().toLowerCase()) ?? byLower.get(nameOrAlias.trim().replace(/^the\s+/i, '').toLowerCase()) ?? null,
    party: (partyName) => partiesByName.get(partyName),
    categoryOf: (text) => {
      // The keyword found first names the category ("the release of hostages before a truce" is
      // about prisoners); on a tie, the category listed first.
      const m = categories.pattern?.exec(text);
      if (!m) return null;
      // The category whose group took part in the match.
      return categories.ids.find((_, i) => m[i + 1] !== undefined) ?? null;
    },
  };
}

let defaultGazetteer: Gazetteer | undefined;
/** The gazetteer built from DEFAULT_GAZETTEER_DATA (built once, then shared: it is immutable). */
export function getDefaultGazetteer(): Gazetteer {
  defaultGazetteer ??= createGazetteer();
  return defaultGazetteer;
}

export { DEFAULT_GAZETTEER_DATA };
