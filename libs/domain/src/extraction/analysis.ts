// Per-sentence analysis shared by the round and demand rules: who is mentioned and how (subject,
// governed by a preposition, a place, the speaker of an attribution), and which parts of the
// sentence are datelines or attributions ("…, the spokesperson said on Monday").
import type { EntityMention, Gazetteer, PartyKind } from './gazetteer/gazetteer.js';
import { LEADING_ATTRIBUTION_TAIL, LOCATIVE_PREPOSITIONS, PREPOSITIONS, REPORTING_VERB, mentionsTalks } from './lexicon.js';
import { ROLE_TITLE } from './officials.js';
import type { Sentence } from '../text/sentences.js';

export interface Span {
  start: number;
  end: number;
}

export interface AnalysedMention extends EntityMention {
  /** The word governing the mention (lower case), inherited through coordination ("with X and Y"). */
  prep: string;
  /** Joined to the previous mention by "and", a comma or a hyphen. */
  coordinated: boolean;
  inAttribution: boolean;
  inDateline: boolean;
  /** A place, or a seat of government after "in/at/to/from": where, not who. */
  locative: boolean;
  /** The kind of the party meant (an organisation: "the OSCE"), or null. */
  kind: PartyKind | null;
  /** Governed by "from" after people sent ("officials from X"): X is who sent them. */
  sentBy: boolean;
}

export interface SentenceAnalysis {
  sentence: Sentence;
  text: string;
  mentions: AnalysedMention[];
  dateline: Span | null;
  attributions: Span[];
  /** The party the attribution names ("Lavrov said" → Russia), if any. */
  speaker: string | null;
  /** The first party mentioned outside a prepositional phrase (the likely grammatical subject). */
  subject: string | null;
}

const DATELINE = [
  // "WASHINGTON, Dec 27 (Reuters) - ", "BRUSSELS, January 12. /TASS/. "
  /^[A-Z][A-Z .'’-]{2,}(?:\s*\([^)]*\))?,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?\.?\s*(?:\([^)]*\)|\/[A-Z]+\/\.?)?\s*(?:[-–—]+\s*)?/,
  // "WASHINGTON — "
  /^[A-Z][A-Z .'’-]{2,}(?:\s*\([^)]*\))?\s+[-–—]{1,2}\s+/,
];

export const inSpan = (spans: readonly Span[], at: number): boolean => spans.some((s) => at >= s.start && at < s.end);

function datelineOf(text: string): Span | null {
  for (const pattern of DATELINE) {
    const m = pattern.exec(text);
    if (m && m[0].length < text.length) return { start: 0, end: m[0].length };
  }
  return null;
}

function wordsIn(text: string): number {
  return text.split(/\s+/).filter((w) => /\w/.test(w)).length;
}

/** The content of a report names a meeting by its verb too ("X will meet Y …, the ministry said"). */
const MEETING_VERB = /\b(?:meet|meets|met|meeting|convene|convenes|convened)\b/i;
const reportsMeeting = (text: string): boolean => mentionsTalks(text) || MEETING_VERB.test(text);

/** Spans that report who said the sentence: a leading "X said (that)" or a trailing ", X said". */
export function attributionSpans(text: string, from: number): Span[] {
  const spans: Span[] = [];
  const verbs = [...text.matchAll(REPORTING_VERB)].filter((m) => m.index >= from);
  const first = verbs[0];
  if (first) {
    const before = text.slice(from, first.index);
    const startsWithQuote = /^\s*["“‘]/.test(text.slice(from));
    if (!startsWithQuote && !/["“”]/.test(before) && wordsIn(before) <= 20 && !reportsMeeting(before)) {
      let end = first.index + first[0].length;
      if (/according to/i.test(first[0])) {
        const comma = text.indexOf(',', end);
        end = comma > 0 && comma - end < 120 ? comma + 1 : end;
      } else if (/quoted/i.test(first[0])) {
        const asSaying = /\bas\s+saying\b/i.exec(text.slice(end));
        if (asSaying && asSaying.index < 120) end += asSaying.index + asSaying[0].length;
      } else {
        end += LEADING_ATTRIBUTION_TAIL.exec(text.slice(end))?.[0].length ?? 0;
      }
      if (end < text.length - 3) spans.push({ start: from, end });
    }
  }
  const last = verbs.at(-1);
  if (last && !spans.some((s) => last.index < s.end)) {
    const before = text.slice(0, last.index);
    let boundary = Math.max(before.lastIndexOf(','), before.lastIndexOf('”'), before.lastIndexOf('"'), before.lastIndexOf(' – '), before.lastIndexOf(' — '));
    // '"…," Mr X, a Ukrainian negotiator, told reporters': the speaker's apposition is theirs too.
    const quote = Math.max(before.lastIndexOf('”'), before.lastIndexOf('"'));
    const speakerAfterQuote = /^\s*[A-Z]/.test(before.slice(quote + 1)) && /^\s*["“]/.test(text.slice(from));
    if (quote > from && quote < boundary && speakerAfterQuote && wordsIn(before.slice(quote + 1)) <= 14 && !mentionsTalks(before.slice(quote + 1))) boundary = quote;
    if (boundary > from && wordsIn(before.slice(boundary + 1)) <= 14 && !mentionsTalks(before.slice(boundary + 1))) {
      const after = text.slice(last.index);
      // What follows the speaker is not theirs from a clause or an occasion on: ", adding …",
      // "said on Tuesday after talks in Istanbul".
      const tail = /,\s+(?:without|adding|while|as|but|after|before|prompting|noting)\b|\s+(?:after|before|during|following|amid)\s/i.exec(after);
      // ", the office announced that another meeting … will take place": a report of what follows
      // (its complement is the content), not a speaker tagged on at the end.
      const complement = /^\S+(?:\s+(?:on|late|early|also|then|now)?\s*(?:\w+day|today|yesterday)?)?\s+that\s/i.exec(after);
      if (complement) spans.push({ start: boundary, end: last.index + complement[0].length });
      else spans.push({ start: boundary, end: tail ? last.index + tail.index : text.length });
    }
  }
  return spans;
}

/**
 * What may stand between two coordinated mentions: "and", a comma, a hyphen, and the title of the
 * second one ("Blinken and Foreign Minister Lavrov", "Blinken and Russian Foreign Minister Lavrov").
 */
const COORDINATION_GAP = new RegExp(`^(?:['’]s)?\\s*(?:,|-|–|—|\\/|&)?\\s*(?:and|or)?\\s*(?:the\\s+)?(?:${ROLE_TITLE}\\s+)?$`, 'i');

function governingWord(text: string, start: number): string {
  const before = text.slice(Math.max(0, start - 60), start);
  const m = /([\p{L}'’-]+)\W*$/u.exec(before.replace(/\b(?:the|a|an|its|their|his|her|our|your|this|that|these|those)\s*$/i, ''));
  return (m?.[1] ?? '').toLowerCase();
}

/** ", and a delegation from", "and the team of": another group of people sent, joined to the one before. */
const DELEGATION_GAP = /^\s*,?\s*and\s+(?:an?|the)\s+(?:[\p{L}-]+\s+)?(?:delegations?|teams?|officials|representatives|envoys?|negotiators)\s+(?:from|of)\s+(?:the\s+)?$/iu;

/** "officials from Pyongyang and Washington", "delegations from both capitals": people sent by, not a place. */
const PEOPLE_FROM = /\b(?:officials?|delegations?|delegates?|negotiators?|envoys?|representatives?|diplomats?|teams?|leaders?|ministers?|emissar(?:y|ies)|mediators?|sides?|parties)\s+(?:both\s+)?from\s+(?:both\s+)?(?:the\s+)?$/i;

/** "the Syrian government", "Russian negotiators": a demonym and the body it qualifies are one mention. */
const HEAD_NOUN = /^\s+(?:government|authorities|administration|delegations?|negotiators|officials|side|team|leadership|regime)\b/i;
function withHeadNoun(text: string, m: EntityMention): EntityMention {
  if (m.via !== 'demonym') return m;
  const head = HEAD_NOUN.exec(text.slice(m.end));
  return head ? { ...m, end: m.end + head[0].length, text: text.slice(m.start, m.end + head[0].length) } : m;
}

/** The opposition side of each country the gazetteer names one for (kind "opposition"). */
const oppositionsCache = new WeakMap<Gazetteer, Map<string, string>>();
function oppositionsOf(gazetteer: Gazetteer): Map<string, string> {
  let known = oppositionsCache.get(gazetteer);
  if (!known) {
    known = new Map();
    for (const p of gazetteer.data.parties) {
      const country = (p as { country?: string }).country;
      if (p.kind === 'opposition' && country && !known.has(country)) known.set(country, p.name);
    }
    oppositionsCache.set(gazetteer, known);
  }
  return known;
}

/**
 * "Talks between the Venezuelan government and the opposition", "Syrian government and
 * opposition delegations": a bare "opposition" beside a country's state or government is that
 * country's opposition, when the gazetteer has one (data, not a name in code).
 */
function withBareOppositions(text: string, mentions: EntityMention[], gazetteer: Gazetteer): EntityMention[] {
  return withBareGovernment(text, withBareOpposition(text, mentions, gazetteer), gazetteer);
}

/** The government side of each country the gazetteer names one for (kind "government"). */
const governmentsCache = new WeakMap<Gazetteer, Map<string, string>>();
function governmentsOf(gazetteer: Gazetteer): Map<string, string> {
  let known = governmentsCache.get(gazetteer);
  if (!known) {
    known = new Map();
    for (const p of gazetteer.data.parties) {
      const country = (p as { country?: string }).country;
      if (p.kind === 'government' && country && !known.has(country)) known.set(country, p.name);
    }
    governmentsCache.set(gazetteer, known);
  }
  return known;
}

const NON_STATE_KINDS = new Set(['movement', 'armed-group', 'opposition', 'territory']);

/**
 * "a meeting between the government and the Taliban": a bare "the government" beside a non-state
 * side of one country is that country's government side, when the gazetteer has one.
 */
function withBareGovernment(text: string, mentions: EntityMention[], gazetteer: Gazetteer): EntityMention[] {
  if (!/\bthe\s+government\b/i.test(text)) return mentions;
  const countries = [
    ...new Set(
      mentions
        .map((m) => (m.party === null ? undefined : gazetteer.party(m.party)))
        .filter((p) => p !== undefined && NON_STATE_KINDS.has(p.kind))
        .map((p) => (p as { country?: string }).country)
        .filter((c): c is string => c !== undefined && governmentsOf(gazetteer).has(c)),
    ),
  ];
  const only = countries.length === 1 ? countries[0] : undefined;
  if (!only) return mentions;
  const name = governmentsOf(gazetteer).get(only) ?? '';
  const added: EntityMention[] = [];
  for (const m of text.matchAll(/\bthe\s+(government)\b/gi)) {
    const at = m.index + m[0].length - (m[1]?.length ?? 0);
    if (mentions.some((x) => at >= x.start && at < x.end)) continue;
    // "the Afghan government" is already a mention (or a demonym before it): only the bare noun.
    added.push({ start: at, end: at + (m[1]?.length ?? 0), text: m[1] ?? '', via: 'alias', party: name, parties: [name], official: null, forum: null, possessive: false });
  }
  return added.length ? [...mentions, ...added].sort((x, y) => x.start - y.start) : mentions;
}

function withBareOpposition(text: string, mentions: EntityMention[], gazetteer: Gazetteer): EntityMention[] {
  if (!/\bopposition\b/i.test(text)) return mentions;
  const oppositions = oppositionsOf(gazetteer);
  const countryOf = (m: EntityMention): string | null => {
    const party = m.party === null ? undefined : gazetteer.party(m.party);
    if (!party) return null;
    if (party.kind === 'state') return party.name;
    return party.kind === 'government' ? ((party as { country?: string }).country ?? null) : null;
  };
  const countries = [...new Set(mentions.map(countryOf).filter((c): c is string => c !== null && oppositions.has(c)))];
  const only = countries.length === 1 ? countries[0] : undefined;
  if (!only) return mentions;
  const name = oppositions.get(only) ?? '';
  const added: EntityMention[] = [];
  for (const m of text.matchAll(/\bopposition\b/gi)) {
    if (mentions.some((x) => m.index >= x.start && m.index < x.end)) continue;
    added.push({ start: m.index, end: m.index + m[0].length, text: m[0], via: 'alias', party: name, parties: [name], official: null, forum: null, possessive: false });
  }
  return added.length ? [...mentions, ...added].sort((x, y) => x.start - y.start) : mentions;
}

const OUTLET_AFTER = /^['’]s?\s+(?:(?:state|state-run|state-owned|official|semi-official|public|national|private|[\p{Lu}][\p{L}\d.-]*)\s+){0,3}(?:TV|television|radio|broadcaster|news\s+agency|newspaper|daily|news\s+channel|channel|outlet)\b/u;

/** "on the Belarus-Poland border", "the Turkish frontier": a state naming a border names a place. */
/**
 * "Nairobi, the Kenyan capital", "the Russian city of Sochi", "Moldova's capital Chisinau",
 * "Egypt's Red Sea resort of Hurghada": the country places the town; it is not a party.
 */
const PLACE_NOUN = String.raw`(?:capital|city|town|port|resort|region|province|island|village|enclave)`;
/** "the US Special Representative for Afghanistan", "Russia's ambassador to Kenya": the official's portfolio, not a side. */
const PORTFOLIO_BEFORE = /\b(?:envoy|representative|ambassador|coordinator|commissioner|rapporteur|adviser|advisor)s?\s+(?:for|to|on)\s+(?:the\s+)?$/i;
/** "the capital Chisinau", "the city of Sochi": a capital named as a town is where, not who. */
const TOWN_BEFORE = new RegExp(String.raw`\b${PLACE_NOUN}\s+(?:of\s+)?$`, 'iu');
function placesATown(text: string, end: number): boolean {
  const after = text.slice(end, end + 50);
  return new RegExp(String.raw`^(?:['’]s)?\s+(?:[\p{L}-]+\s+){0,2}?${PLACE_NOUN}\b`, 'iu').test(after) && !new RegExp(String.raw`^(?:['’]s)?\s+(?:capital|city)\s+(?:of\s+)?(?:television|media|news|security|forces|department|council|officials?|authorities)\b`, 'iu').test(after);
}

function onBorder(text: string, start: number, end: number): boolean {
  if (/^(?:\s*[-–/]\s*[\p{Lu}][\p{L}'’-]*)?\s+(?:border|frontier|boundary|crossing)\b/u.test(text.slice(end, end + 60))) return true;
  // "on the border between Poland and Belarus", "the frontier with Egypt".
  return /\b(?:border|frontier|boundary)\s+(?:between|with)\s+(?:the\s+)?(?:[\p{Lu}][\p{L}'’-]*\s+){0,3}(?:and\s+(?:the\s+)?)?$/u.test(text.slice(Math.max(0, start - 60), start));
}

/** Analyses one sentence (its clean text). */
export function analyseSentence(sentence: Sentence, gazetteer: Gazetteer): SentenceAnalysis {
  const text = sentence.text;
  const dateline = datelineOf(text);
  const attributions = attributionSpans(text, dateline?.end ?? 0);
  const mentions: AnalysedMention[] = [];
  let gapFrom = 0;
  for (const m of withBareOppositions(text, gazetteer.findMentions(text).map((x) => withHeadNoun(text, x)), gazetteer)) {
    // "Hong Kong's Phoenix TV", "Iran's state broadcaster": the outlet reporting, not a party.
    if (m.via !== 'official' && OUTLET_AFTER.test(text.slice(m.end, m.end + 60))) continue;
    const previous = mentions.at(-1);
    // "the United Nations (UN)": the abbreviation in brackets names the same party again; the next
    // mention is joined to the full name across it ("… (UN) and the Red Cross").
    if (previous && previous.party !== null && previous.party === m.party && /^\s*\($/.test(text.slice(gapFrom, m.start)) && text[m.end] === ')') {
      gapFrom = m.end + 1;
      continue;
    }
    const gap = previous ? text.slice(gapFrom, m.start) : null;
    gapFrom = m.end;
    // (A gap longer than "and the deputy secretary of state " joins nothing.)
    // "In Havana, Cuban officials …": a comma after a place opens the clause, it lists nothing.
    const afterPlace = previous !== undefined && previous.locative && /^\s*,\s*$/.test(gap ?? '') && m.via !== 'place' && m.via !== 'metonym';
    // "delegations from Russia and Ukraine and a delegation from the United Nations": one group.
    const sentTogether = previous !== undefined && previous.sentBy && DELEGATION_GAP.test(gap ?? '');
    const coordinated = gap !== null && gap.length <= 80 && (COORDINATION_GAP.test(gap) || sentTogether) && !afterPlace;
    const prep = coordinated && previous ? previous.prep : governingWord(text, m.start);
    const sentBy = coordinated && previous ? previous.sentBy : prep === 'from' && PEOPLE_FROM.test(text.slice(Math.max(0, m.start - 50), m.start));
    // Listed property by property (not spread): one object shape for every mention, built fast.
    mentions.push({
      start: m.start,
      end: m.end,
      text: m.text,
      via: m.via,
      party: m.party,
      parties: m.parties,
      official: m.official,
      forum: m.forum,
      possessive: m.possessive,
      prep,
      coordinated,
      inAttribution: inSpan(attributions, m.start),
      inDateline: dateline !== null && m.start < dateline.end,
      locative: m.via === 'place' || (m.via === 'metonym' && LOCATIVE_PREPOSITIONS.has(prep) && !sentBy) || onBorder(text, m.start, m.end) || placesATown(text, m.start + m.text.length) || (m.via === 'metonym' && TOWN_BEFORE.test(text.slice(Math.max(0, m.start - 30), m.start))) || PORTFOLIO_BEFORE.test(text.slice(Math.max(0, m.start - 40), m.start)),
      sentBy,
      kind: m.party === null ? null : (gazetteer.party(m.party)?.kind ?? null),
    });
  }
  const speakerMention =
    mentions.find((m) => m.inAttribution && m.via === 'official') ?? mentions.find((m) => m.inAttribution && m.party !== null && !m.locative);
  const subjectMention = mentions.find((m) => !m.inDateline && !m.locative && m.party !== null && !PREPOSITIONS.has(m.prep));
  return {
    sentence,
    text,
    mentions,
    dateline,
    attributions,
    speaker: speakerMention?.party ?? null,
    subject: subjectMention?.party ?? speakerMention?.party ?? null,
  };
}

/**
 * The body sentences of an article (terminated, not headings), each with the subject of the
 * sentences before it: "It denies …" opens with a pronoun and continues that subject.
 */
export function* sentencesWithContext(analyses: readonly SentenceAnalysis[]): Generator<{ a: SentenceAnalysis; previousSubject: string | null }> {
  let contextSubject: string | null = null;
  for (const a of analyses) {
    const previousSubject = contextSubject;
    if (a.subject && !/^(?:It|He|She|They)\b/.test(a.text.slice(a.dateline?.end ?? 0))) contextSubject = a.subject;
    if (!a.sentence.terminated || a.sentence.heading) continue;
    yield { a, previousSubject };
  }
}
