// Officials and parties the gazetteer does not know, found in the article itself from the way the
// press introduces people: "<party> <role> <Name>" ("Ruritanian Foreign Minister Jane Doe",
// "Russia's deputy foreign minister Ivan Petrov") or "<role> <Name> of <party>" ("Foreign
// Minister Jane Doe of Ruritania"). Once introduced, "Doe said …" speaks for that party in the
// rest of the article. Discovery is per article: nothing is remembered across articles.
import type { EntityMention, Gazetteer, OfficialData } from './gazetteer/gazetteer.js';
import type { Sentence } from '../text/sentences.js';

const ROLE_MODIFIER = '(?:deputy|vice|first|acting|chief|top|senior|special|lead|presidential|foreign|defen[cs]e|prime|interior|finance|trade|economy|energy|security|national|state|ministry|military|intelligence|peace|nuclear|presidential|government|army|parliament(?:ary)?|opposition)';
const ROLE_HEAD = '(?:minister|president|premier|chancellor|secretary\\s+of\\s+state|secretary[- ]general|secretary|spokes(?:man|woman|person)|negotiator|envoy|ambassador|advis[eo]r|mediator|diplomat|commander|general|speaker|king|emir|leader|head\\s+of\\s+(?:the\\s+)?delegation|chief\\s+of\\s+staff|representative)';
const ROLE = new RegExp(`\\b(?:${ROLE_MODIFIER}\\s+){0,3}${ROLE_HEAD}\\b`, 'gi');
/** A role title as the press puts it before a name ("Deputy Foreign Minister", "Secretary of State"). */
export const ROLE_TITLE = `(?:${ROLE_MODIFIER}\\s+){0,3}${ROLE_HEAD}`;
/** A personal name: one to three capitalised words, with the particles names carry ("al-", "bin", "von"). */
const NAME = /^\s+((?:[A-Z][\p{Ll}'’-]+|[A-Z]\.)(?:\s+(?:(?:al-|el-|bin\s+|ibn\s+|von\s+|van\s+|de\s+|da\s+|di\s+)?[A-Z][\p{Ll}'’-]+|[A-Z]\.)){0,2})/u;
/** Capitalised words that follow a role without being a name. */
const NOT_NAME = /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|This|That|On|In|At|And|But|For|Of|Minister|President|Secretary|Office|Ministry|Council|Committee|Department|Service|Agency|Union|Republic|State|States|Forces|Army|Government)$/;
const OF_PARTY = /^\s*,?\s+of\s+(?:the\s+)?([A-Z][\p{L}-]+(?:\s+[A-Z][\p{L}-]+){0,2})/u;
const DEMONYM_SHAPE = /^[A-Z][\p{Ll}]+(?:an|ian|ese|i|ish)$/u;

export interface LocalEntities {
  officials: OfficialData[];
  /** Parties the gazetteer does not know, with the surfaces that name them (name, demonym). */
  parties: { name: string; surfaces: string[] }[];
}

/** Candidate country names for an unknown demonym: "Ruritanian" → Ruritania, "Sudanese" → Sudan, "Qatari" → Qatar. */
function partyFromDemonym(demonym: string, articleText: string): string | null {
  const d = demonym;
  const candidates = [d.replace(/n$/, ''), d.replace(/ese$/, ''), d.replace(/i$/, ''), d.replace(/ian$/, ''), d.replace(/ian$/, 'a'), d.replace(/an$/, ''), d.replace(/ish$/, 'and')];
  for (const c of candidates) {
    if (c !== d && c.length >= 3 && new RegExp(`(?<![\\p{L}])${c}(?![\\p{L}])`, 'u').test(articleText)) return c;
  }
  return /an$/.test(d) ? d.replace(/n$/, '') : null;
}

/** Finds officials and parties introduced with a role in the article's sentences. */
export function discoverEntities(sentences: readonly Sentence[], gazetteer: Gazetteer): LocalEntities {
  const articleText = sentences.map((s) => s.text).join(' ');
  const officials = new Map<string, OfficialData>();
  const parties = new Map<string, Set<string>>();
  const known = (surface: string): boolean => gazetteer.findMentions(surface).some((m) => m.start === 0 && m.end === surface.length);
  for (const s of sentences) {
    const text = s.text;
    if (!ROLE.test(text)) continue;
    ROLE.lastIndex = 0;
    const mentions = gazetteer.findMentions(text);
    for (const role of text.matchAll(ROLE)) {
      const roleEnd = role.index + role[0].length;
      const nameMatch = NAME.exec(text.slice(roleEnd));
      const name = nameMatch?.[1]?.replace(/[’']s$/, '');
      if (!nameMatch || !name || name.split(/\s+/).some((w) => NOT_NAME.test(w)) || known(name)) continue;
      // Whose official: a party named just before the role, an unknown demonym there, or "of X" after the name.
      const before = text.slice(0, role.index).replace(/\s+(?:the\s+)?$/, ' ');
      const previous = mentions.filter((m) => m.end <= role.index && /^(?:['’]s?)?\s*$/.test(text.slice(m.end, role.index))).at(-1);
      let party: string | null = previous?.party ?? null;
      if (!party) {
        const word = /([A-Z][\p{L}-]+)(['’]s?)?\s+$/u.exec(before);
        if (word?.[1] && !known(word[1])) {
          if (word[2]) party = word[1];
          else if (DEMONYM_SHAPE.test(word[1])) {
            party = partyFromDemonym(word[1], articleText);
            if (party) parties.set(party, new Set([...(parties.get(party) ?? []), word[1]]));
          }
        }
      }
      if (!party) {
        const of = OF_PARTY.exec(text.slice(roleEnd + nameMatch[0].length));
        const target = of?.[1];
        if (target) {
          const mention = gazetteer.findMentions(target).find((m) => m.start === 0 && m.party !== null);
          party = mention?.party ?? target;
          if (!mention) parties.set(target, parties.get(target) ?? new Set());
        }
      }
      if (!party) continue;
      if (!gazetteer.party(party) && !parties.has(party)) parties.set(party, new Set());
      officials.set(name, { name, party, role: role[0].toLowerCase() });
    }
  }
  return {
    officials: [...officials.values()],
    parties: [...parties.entries()].map(([name, surfaces]) => ({ name, surfaces: [name, ...surfaces] })),
  };
}

interface LocalSurface {
  surface: string;
  allowPlural: boolean;
  mention: Omit<EntityMention, 'start' | 'end' | 'text' | 'possessive'>;
}

const isWordChar = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

/** The gazetteer extended, for one article, with what discoverEntities found. */
export function withLocalEntities(gazetteer: Gazetteer, local: LocalEntities): Gazetteer {
  if (local.officials.length === 0 && local.parties.length === 0) return gazetteer;
  const surfaces: LocalSurface[] = [];
  for (const p of local.parties) {
    for (const surface of p.surfaces) {
      const via = surface === p.name ? 'name' : 'demonym';
      surfaces.push({ surface, allowPlural: via === 'demonym', mention: { via, party: p.name, parties: [p.name], official: null, forum: null } });
    }
  }
  for (const o of local.officials) {
    const mention = { via: 'official' as const, party: o.party, parties: [o.party], official: o, forum: null };
    surfaces.push({ surface: o.name, allowPlural: false, mention });
    const surname = o.name.split(/\s+/).at(-1);
    if (surname && surname !== o.name && surname.length >= 3 && gazetteer.findMentions(surname).length === 0) surfaces.push({ surface: surname, allowPlural: false, mention });
  }
  const localParties = new Map(local.parties.map((p) => [p.name.toLowerCase(), p.name]));

  function findMentions(text: string): EntityMention[] {
    const found: EntityMention[] = [...gazetteer.findMentions(text)];
    for (const s of surfaces) {
      for (let at = text.indexOf(s.surface); at >= 0; at = text.indexOf(s.surface, at + 1)) {
        let end = at + s.surface.length;
        if (isWordChar(text[at - 1])) continue;
        if (s.allowPlural && text[end] === 's' && !isWordChar(text[end + 1])) end += 1;
        if (isWordChar(text[end])) continue;
        found.push({ ...s.mention, start: at, end, text: text.slice(at, end), possessive: /^['’]s?(?![\p{L}\p{N}])/u.test(text.slice(end, end + 3)) });
      }
    }
    found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    const accepted: EntityMention[] = [];
    for (const m of found) if (!accepted.some((x) => m.start < x.end && x.start < m.end)) accepted.push(m);
    return accepted.sort((a, b) => a.start - b.start);
  }

  return {
    data: gazetteer.data,
    findMentions,
    canonicalParty: (nameOrAlias) => gazetteer.canonicalParty(nameOrAlias) ?? localParties.get(nameOrAlias.trim().toLowerCase()) ?? null,
    party: (name) => gazetteer.party(name),
    categoryOf: (text) => gazetteer.categoryOf(text),
  };
}
