// Rules that find demands: a cue (a demanding verb, a possessed "demand/appeal" noun, a modal
// "must not" in reported speech, an enumeration after "in particular"), the demanding party, the
// party addressed, and the demand itself, split when several are coordinated.
import { type AnalysedMention, type SentenceAnalysis, type Span, inSpan, sentencesWithContext } from './analysis.js';
import type { Evidence, ExtractedDemand } from './types.js';
import type { Gazetteer } from './gazetteer/gazetteer.js';
import { normaliseForComparison, sortParties } from '../events/ids.js';
import { BASE_VERBS, PREPOSITIONS, TALKS_ARRANGEMENT, mentionsTalks } from './lexicon.js';
import { sentenceSyntax } from './syntax.js';
import { clusterWordings, contentTokens } from '../projection/demand-identity.js';
import { type DemandCue, type PartySource, demandConfidence } from './confidence.js';

type SplitMode = 'that' | 'list' | 'vp' | 'bare-vp' | 'none';

interface Opening {
  cue: Span;
  content: Span;
  by: string | null;
  addressedTo: string[];
  split: SplitMode;
  /** Which rule opened it (for its confidence). */
  kind: DemandCue;
}

const CLAUSE_END = /—(?=\S)|,?\s+and\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?\s+(?:saying|insisting|demanding|arguing|countering)\b|,?\s+and\s+(?:we|I|you)\s|,\s+(?:we|I|they|he|she)\s+(?:will|would|can|cannot|could|must|have|had|are|were|did|do|also)\b|,?\s+and\s+(?:(?:it|he|she|they)\s+(?:(?:also|further|then)\s+)?)?(?=(?:insist|demand|call|ask|urg|say|warn|want|requir|seek|appeal)\w*\b)|,?\s+(?:and|but)\s+(?:instead|in\s+turn)\b|,?\s+(?:and|but)\s+(?:offered|proposed|suggested|countered)\b|\s+(?:was|were|is|are|would\s+be|remains?|remained)\s+(?:(?:a|an|simply|completely|totally|wholly|absolutely|clearly|still)\s+)*(?:non-?starters?|unacceptable|out\s+of\s+the\s+question|impossible|unrealistic|absurd|(?:a\s+)?red\s+lines?)\b|\s+(?:as\s+part\s+of|in\s+order\s+to|in\s+exchange\s+for)\b|,\s+(?:demanding|saying|insisting|calling|adding|while|whereas|but|prompting|according|which|who|as|after|before|amid|without|warning|noting|stressing|in\s+(?:a|an|the)\s+\w+|the\s+\w+(?:\s+\w+)?\s+(?:said|says|added|reported))\b|,\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:condition|demand|step|move|proposal|request|position|stance|idea|precondition)s?\b|;\s|\s[–—]\s/gi;

/** ", demands …, and seeks …": verb phrases coordinated after one subject, each a demand of its own. */
const COORDINATED_DEMAND_VERB = /,\s+(?:and\s+)?(?:also\s+)?(?=(?:demands|insists|seeks|calls\s+for|wants|asks\s+for|requires|demanded|insisted|sought|called\s+for|wanted|asked\s+for|required)\b)/gi;

/** A finite demanding verb after a new subject: "…, and Moscow (also) demands …". */
const NEW_DEMAND_CLAUSE = /^\s+(?:(?:also|further|then|again)\s+)?(?:insist|demand|call|ask|urg|want|requir|seek|appeal|press)(?:s|es|ed)\b/i;

function clauseEnd(a: SentenceAnalysis, from: number): number {
  let end = a.text.length;
  CLAUSE_END.lastIndex = from;
  const m = CLAUSE_END.exec(a.text);
  if (m) end = Math.min(end, m.index);
  for (const s of a.attributions) if (s.start >= from) end = Math.min(end, s.start);
  COORDINATED_DEMAND_VERB.lastIndex = from;
  const coordinated = COORDINATED_DEMAND_VERB.exec(a.text);
  if (coordinated) end = Math.min(end, coordinated.index);
  // "– including those unrelated to X –": an aside between dashes does not end the demand.
  if (m && /^\s[–—]\s$/.test(m[0]) && m.index === end) {
    const close = /\s[–—]\s/.exec(a.text.slice(m.index + m[0].length, m.index + m[0].length + 160));
    if (close) {
      const rest = m.index + m[0].length + close.index + close[0].length;
      end = Math.min(a.text.length, clauseEnd(a, rest));
    }
  }
  // "…, and Moscow demands …": a new clause with its own demanding party.
  for (const x of a.mentions) {
    if (x.start < from || x.start >= end || x.party === null) continue;
    const and = /,?\s+and\s+(?:the\s+)?$/i.exec(a.text.slice(Math.max(from, x.start - 12), x.start));
    if (and && NEW_DEMAND_CLAUSE.test(a.text.slice(x.end))) end = Math.min(end, x.start - and[0].length);
  }
  while (end > from && /[\s.,;:!?"“”’)]/.test(a.text[end - 1] ?? '')) end--;
  return end;
}

const PRONOUN_BEFORE = /\b(?:it|he|she|they)\s+(?:\w+\s+){0,4}$/i;

/** The party in subject position before a verb cue, or null (pronouns are resolved by the caller). */
export function subjectBefore(a: SentenceAnalysis, cue: Span): string | null {
  const before = a.text.slice(0, cue.start);
  const clauseStart = Math.max(0, before.search(/[;:](?!.*[;:])/));
  // "with Japan insisting …", "X, meanwhile, insists": the mention right before the verb is its subject.
  const absolute = /^\w+ing\b/.test(a.text.slice(cue.start));
  const adjacent = a.mentions.find(
    (m) => m.end <= cue.start && m.party !== null && !m.locative && !m.inAttribution && (!PREPOSITIONS.has(m.prep) || (m.prep === 'with' && absolute)) && /^(?:['’]s?)?\s*(?:,\s*(?:meanwhile|however|though|too|also|for\s+its\s+part),\s*)?(?:(?:also|still|now|again|repeatedly|has|have|had|is|are|was|were|been|keeps?)\s+){0,3}$/i.test(a.text.slice(m.end, cue.start)) && !m.possessive,
  );
  if (adjacent?.party) return adjacent.party;
  // ", which invaded X and toppled Y," describes the subject; its parties are not the subject.
  const asides = descriptiveSpans(a.text);
  const candidates = a.mentions.filter(
    (m) => m.end <= cue.start && m.start >= clauseStart && m.party !== null && !m.locative && !m.inAttribution && !m.inDateline && !PREPOSITIONS.has(m.prep) && !inSpan(asides, m.start),
  );
  return candidates.at(-1)?.party ?? null;
}

/** Comma-bounded relative clauses and parentheses: ", which …,", ", who …,", "(…)". */
function descriptiveSpans(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(/,\s+(?:who|whose|which)\s+[^,;]*,|\([^)]*\)/gi)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/** "according to a Russian document", "prepared by Russia", "Moscow's proposals", "Russia presented". */
function agentOf(a: SentenceAnalysis, content: Span): string | null {
  const outside = a.mentions.filter((m) => m.party !== null && !m.locative && !(m.start >= content.start && m.end <= content.end));
  for (const m of outside) {
    const before = a.text.slice(Math.max(0, m.start - 25), m.start);
    const after = a.text.slice(m.end, m.end + 40);
    if (/according\s+to\s+(?:an?\s+|the\s+)?$/i.test(before)) return m.party;
    if (/\b(?:prepared|presented|proposed|drafted|submitted|issued|put\s+forward|published|sent|tabled)\s+by\s+$/i.test(before)) return m.party;
    if (m.possessive && /^['’]s?\s+(?:[\w-]+\s+){0,2}(?:proposals?|drafts?|documents?|demands?|suggestions?|conditions?|treaty|requirements?)\b/i.test(after)) return m.party;
    if (m.via === 'demonym' && /^\s+(?:[\w-]+\s+){0,1}(?:proposals?|drafts?|documents?|demands?|treaty|requirements?|conditions?)\b/i.test(after)) return m.party;
    if (!PREPOSITIONS.has(m.prep) && /^\s+(?:(?:on|last|this)\s+\w+\s+)?(?:presented|put\s+forward|submitted|published|issued|sent|laid\s+out|tabled|handed\s+over)\b/i.test(after)) return m.party;
  }
  return null;
}

const ADDRESS_VERB = /\b(?:addressed|presented|submitted|sent|delivered|handed|made|put\s+forward|issued)\b[^.]{0,50}$/i;

/** Parties a demand is addressed to, from the sentence ("presented its demands to X and Y", "treaty with X"). */
function sentenceAddressees(a: SentenceAnalysis, by: string | null): string[] {
  const out: string[] = [];
  for (const m of a.mentions) {
    if (m.party === null || m.party === by || m.locative || m.inAttribution) continue;
    const before = a.text.slice(Math.max(0, m.start - 80), m.start);
    if (m.prep === 'to' && ADDRESS_VERB.test(before)) out.push(m.party);
    else if (m.prep === 'with' && /\b(?:treaty|agreement|accord)\s+with\s+(?:the\s+)?$/i.test(before)) out.push(m.party);
  }
  return sortParties(out);
}

/** A verb followed straight by a prepositional phrase has no object after it. */
const OBJECT_BEFORE_VERB = /^\s*(?:to|at|into|during|before|after)\s+(?:the|a|an|this|that|next|last|its|their|his|her)\b/i;

/** A pronoun that is the subject of the verb after it: "and it demands", "it has also asked". */
const PRONOUN_SUBJECT = /\b(?:it|he|she|they)(?:\s+(?:also|further|then|again|now|still|repeatedly|has|have|had|is|are|was|were|been)){0,3}\s*$/i;

/**
 * The party a subject pronoun stands for: the demanding party of the clause before it in the same
 * sentence ("Moscow insists that …, and it demands …"), else the main clause's subject before the
 * pronoun, else the subject carried over from the previous sentences ("It demands …").
 */
function resolvePronoun(a: SentenceAnalysis, at: number, previousBy: string | null, contextSubject: string | null): string | null {
  // "Canada saying it will only accept …", "Japan said it wants …": the speaker right before.
  const speaker = a.mentions.filter((m) => m.end <= at && m.party !== null && !m.locative && !PREPOSITIONS.has(m.prep)).at(-1);
  if (speaker?.party && /^\s+(?:said|says|saying|say|insisted|insists|insisting|added|warned|stated|argued|arguing)\s+(?:that\s+)?$/i.test(a.text.slice(speaker.end, at))) return speaker.party;
  if (previousBy) return previousBy;
  const main = a.mentions.find((m) => m.end <= at && m.party !== null && !m.locative && !m.inDateline && !PREPOSITIONS.has(m.prep));
  return main?.party ?? contextSubject ?? a.speaker;
}

const VERB_CUE = /(?<![\w-])((?:will|would)\s+only\s+accept|demand(?:s|ed|ing)?|insist(?:s|ed|ing)?\s+(?:on|that)|requir(?:e|es|ed|ing)|call(?:s|ed|ing)?\s+(?:for|on|upon)|ask(?:s|ed|ing)?\s+for|ask(?:s|ed|ing)?|press(?:es|ed|ing)?|want(?:s|ed)?|urg(?:e|es|ed|ing)|appeal(?:s|ed|ing)?\s+to|seek(?:s|ing)?|sought|advocat(?:e|es|ed|ing)(?:\s+for)?|maintain(?:s|ed|ing)?\s+that)\b(?!-)/gi;
/** Verbs whose object is addressed ("urged Russia to withdraw"): [pattern, the object must name a party]. */
const OBJECT_CONTROL: readonly [RegExp, boolean][] = [
  [/^(?:call\w*\s+(?:on|upon)|urg\w+|appeal\w*\s+to)$/, false],
  [/^(?:ask(?:s|ed|ing)?|press\w*|want\w*)$/, true],
];
/** "is seeking", "have been demanding": a progressive is a finite verb, not a modifier. */
const AUXILIARY_BEFORE = /\b(?:is|are|was|were|am|be|been|['’]s|['’]re|keeps?|kept)\s*$/i;
const NOUN_BEFORE_DEMAND = /(?:\b(?:its|their|his|her|our|the|these|those|a|an|any|this|that|every|of|security|sweeping|key|main|new|such|basic|central|core|maximalist|list\s+of)|['’]s?)\s*$/i;
// ("Its main demand is the withdrawal of …", "India's consistent demand has been restoration of …": a copula
// before what is demanded, for "demand" alone, and only before a noun phrase, never an adjective.)
const NOUN_CUE = /\b(demands?|appeals?|calls?|requests?|requirements?|conditions?|proposals?|insistence)\s+(for|that|to|on|include[sd]?|including|:|(?<=demands?\s+)(?:has|have)\s+(?:long\s+|always\s+)?been(?=\s+(?:the\s+|a\s+|an\s+|for\s+|that\s+)?[a-z]+(?:tion|ment|sal|ure|ance|ence|ity|ing|al)\b)|(?<=demands?\s+)(?:is|are|was|were|remains?|remained)(?=\s+(?:the|a|an|that|for|to)\s))\s*/gi;
const EVENT_VERB = /^(?:begin|start|resume|continue|take\s+place|be|end|last|proceed|go\s+ahead)\b/i;
const MODAL = /\b(must\s+not|must|should\s+not|should|shall\s+not|cannot|can[’']t|may\s+not|is\s+not\s+to|are\s+not\s+to)\s+(?=(?:not\s+|be\s+|have\s+|ever\s+|immediately\s+)?[a-z])/g;
const DEMAND_CONTEXT = /\b(?:say(?:s|ing)?|said|state(?:s|d)?|stating|insist\w*|demand\w*|propos\w*|draft\w*|document\w*|treaty|suggestions?|according\s+to|warn\w*|told|wrote|require\w*|condition\w*)\b/i;
const LIST_CUE = /\b(?:in\s+particular|including|such\s+as|namely|notably)\s*[,:]?\s+/gi;
const LIST_CONTEXT = /\b(?:demands?|proposals?|draft|treaty|elements|conditions|requirements)\b/i;

const GROUP_KINDS: ReadonlySet<string> = new Set(['movement', 'armed-group', 'opposition']);
/** The one movement, armed group or opposition a story names (the Taliban, Hamas), if only one. */
function articleGroup(analyses: readonly SentenceAnalysis[]): string | null {
  const groups = new Set(analyses.flatMap((x) => x.mentions).filter((m) => m.party !== null && m.kind !== null && GROUP_KINDS.has(m.kind)).map((m) => m.party));
  return groups.size === 1 ? ([...groups][0] ?? null) : null;
}
/** "the militants want", "the group would demand": the story's one non-state side, named by what it is. */
const GROUP_NOUN_SUBJECT = /\bthe\s+(?:militants|rebels|insurgents|guerrillas?|group|movement|militia|faction|insurgency)(?:\s+(?:\w+ly|also|still|now|would|will|could|has|have|had|is|are|was|were)){0,3}\s*$/i;

function verbOpenings(a: SentenceAnalysis, contextSubject: string | null, ctx: Pick<Gazetteer, 'categoryOf'>, group: string | null = null): Opening[] {
  const out: Opening[] = [];
  const mainSubject = (cue: Span): string | null =>
    out.at(-1)?.by ?? subjectBefore(a, cue) ?? (PRONOUN_BEFORE.test(a.text.slice(0, cue.start)) ? contextSubject : null) ?? a.speaker ?? contextSubject;
  for (const m of a.text.matchAll(VERB_CUE)) {
    const cue = { start: m.index, end: m.index + m[0].length };
    if (inSpan(a.attributions, cue.start)) continue;
    const word = (m[1] ?? '').toLowerCase();
    if (/^demands?$/.test(word) && NOUN_BEFORE_DEMAND.test(a.text.slice(0, cue.start))) continue; // a noun: see nounOpenings
    // The parts of speech tell a noun ("put forward ‘unacceptable demands,’ including …") from the verb.
    // A tagger's noun counts only after a modifier or a determiner (taggers misread a verb after a comma).
    if (/^(?:demands?|calls|requests?|appeals?)\b/.test(word) && posAt(a.text, cue.start) === 'NOUN' && ['ADJ', 'DET', 'PRON', 'NUM'].includes(posBefore(a.text, cue.start) ?? '')) continue;
    // "those who seek to prolong the conflict": a relative clause about someone the text does not name as a party.
    const windowStart = Math.max(0, cue.start - 40);
    const relative = /(\S+)\s+(?:who|that|which)\s+(?:(?:also|still|now|often|have|has|had|would|will|may|might)\s+)?$/i.exec(a.text.slice(windowStart, cue.start));
    if (relative) {
      const antecedentEnd = windowStart + relative.index + (relative[1]?.length ?? 0);
      if (!a.mentions.some((x) => x.party !== null && x.end >= antecedentEnd - 1 && x.end <= antecedentEnd)) continue;
    }
    const before = a.text.slice(0, cue.start).trimEnd();
    let by: string | null;
    if (/ing\b/.test(word.split(/\s/)[0] ?? '') && !AUXILIARY_BEFORE.test(before)) {
      const previousMention = a.mentions.find((x) => x.end === before.length || x.end === before.length - 2);
      if (before.endsWith(',')) by = mainSubject(cue);
      else if (previousMention?.party) by = previousMention.party;
      else continue; // "a resolution calling for …": the demand of whatever the noun names
    } else if (out.at(-1) && /,\s*(?:and\s+)?(?:also\s+)?$/.test(a.text.slice(0, cue.start)) && (out.at(-1)?.content.end ?? -1) >= before.length - 6) {
      // "X insists that …, demands …, and seeks …": the verbs share X.
      by = out.at(-1)?.by ?? null;
    } else {
      const pronoun = PRONOUN_SUBJECT.exec(before);
      by =
        (group !== null && GROUP_NOUN_SUBJECT.test(before) ? group : null) ??
        (pronoun ? resolvePronoun(a, pronoun.index, out.at(-1)?.by ?? null, contextSubject) : null) ??
        subjectBefore(a, cue) ??
        (PRONOUN_BEFORE.test(before) || /^\s*$/.test(before) ? contextSubject : null) ??
        agentOf(a, { start: cue.end, end: a.text.length }) ??
        a.speaker ??
        contextSubject;
    }
    let contentStart = cue.end;
    let addressedTo: string[] = [];
    let objectControl = false;
    const control = OBJECT_CONTROL.find(([pattern]) => pattern.test(word));
    if (control) {
      // "urged Russia to withdraw", "called on NATO to halt", "wants Washington to guarantee": the object is addressed.
      // "to" must open a verb ("asks NATO to refrain"), not a phrase ("a pledge that NATO expand no further to the east");
      // "asks Washington not to …" keeps its negation in the demand.
      const to = /^\s*([^,.]{0,80}?)\s+(not\s+)?to\s+(?!(?:the|a|an|its|their|his|her|this|that|these|those|our|any|all|some|each|every|where|what|which|who|whom)\b)(?=[a-z])/.exec(a.text.slice(cue.end));
      const objectSpan = to ? { start: cue.end, end: cue.end + (to[1]?.length ?? 0) + 1 } : null;
      addressedTo = objectSpan ? a.mentions.filter((x) => x.start >= objectSpan.start && x.end <= objectSpan.end && x.party).map((x) => x.party ?? '') : [];
      if (to && (!control[1] || addressedTo.length > 0)) {
        contentStart = cue.end + (to[2] ? to[0].lastIndexOf(to[2]) : to[0].length);
        objectControl = true;
      } else if (/^want/.test(word) && !/^\s+to\b/.test(a.text.slice(cue.end))) {
        // "wants all sanctions lifted": wanting a thing is a demand when the thing is one a party can grant.
        const end = clauseEnd(a, cue.end);
        if (!ctx.categoryOf(a.text.slice(cue.end, end))) continue;
      } else continue;
    }
    // "What we ask of Canada is that it reopen the ports …": the demand follows the copula; the
    // "from" phrase names who is asked.
    const cleft = /^\s+(?:from\s+((?:the\s+)?[^,]{1,40}?)\s+)?(?:is|was|are|were)\s+(?:that\s+)?/i.exec(a.text.slice(cue.end));
    if (cleft && /\bwhat\s+(?:\w+\s+){0,3}$/i.test(a.text.slice(Math.max(0, cue.start - 30), cue.start))) {
      const fromAt = cleft[1] ? cue.end + cleft[0].indexOf(cleft[1]) : -1;
      const asked = fromAt >= 0 ? a.mentions.filter((x) => x.start >= fromAt && x.end <= fromAt + (cleft[1]?.length ?? 0) && x.party !== null).map((x) => x.party ?? '') : [];
      const start = cue.end + cleft[0].length;
      const end = clauseEnd(a, start);
      if (end - start >= 3) out.push({ cue, content: { start, end }, by: /\bwe\b/i.test(a.text.slice(Math.max(0, cue.start - 30), cue.start)) ? (a.speaker ?? by) : by, addressedTo: sortParties(asked), split: MODAL_IN.test(a.text.slice(start, end)) ? 'vp' : 'that', kind: 'verb' });
      continue;
    }
    // "the answer Moscow has demanded to the meeting": the object came before the verb (a relative clause).
    if (!objectControl && OBJECT_BEFORE_VERB.test(a.text.slice(contentStart))) continue;
    const end = clauseEnd(a, contentStart);
    if (end - contentStart < 3) continue;
    const contentText = a.text.slice(contentStart, end).trimStart();
    // "maintained that an end to the war must come first" demands it; "maintained that it is open to a deal"
    // or "that talks should suffice" (a position, not a requirement) does not.
    if (/^maintain/.test(word) && !/\b(?:must|has\s+to|have\s+to|needs?\s+to)\b/i.test(contentText)) continue;
    const split: SplitMode = /^that\b/i.test(contentText) || /\bthat$/i.test(word) ? 'that' : MODAL_IN.test(contentText) ? 'vp' : objectControl ? 'bare-vp' : 'list';
    out.push({ cue, content: { start: contentStart, end }, by, addressedTo, split, kind: 'verb' });
  }
  return out;
}

function nounOpenings(a: SentenceAnalysis, contextSubject: string | null): Opening[] {
  const out: Opening[] = [];
  for (const m of a.text.matchAll(NOUN_CUE)) {
    const cue = { start: m.index, end: m.index + m[0].length };
    if (inSpan(a.attributions, cue.start)) continue;
    const noun = (m[1] ?? '').toLowerCase();
    const connector = (m[2] ?? '').toLowerCase();
    // "Moscow's proposals for security guarantees" asks for them; "a proposal to meet", "the proposals that …" do not.
    if (/^proposals?$/.test(noun) && connector !== 'for') continue;
    const before = a.text.slice(Math.max(0, cue.start - 60), cue.start);
    // "Zelenskiy's appeal", "Moscow's key demands": the possessor demands.
    const possessive = /['’]s?\s+(?:[\w-]+\s+){0,2}$/u.test(before);
    const determiner = /\b(its|their|his|her|the|these|those)\s+(?:[\w-]+\s+){0,2}$/i.exec(before)?.[1]?.toLowerCase() ?? null;
    let by =
      a.mentions.find((x) => x.possessive && x.party !== null && x.end <= cue.start && /^['’]s?\s+(?:[\w-]+\s+){0,2}$/u.test(a.text.slice(x.end, cue.start)))?.party ?? null;
    if (!by && determiner && ['its', 'their', 'his', 'her'].includes(determiner)) {
      by = a.mentions.filter((x) => x.end <= cue.start && x.party !== null && !x.locative).at(-1)?.party ?? contextSubject;
    }
    if (!by && determiner && /^demands?$/.test(noun)) by = agentOf(a, { start: cue.end, end: a.text.length }) ?? a.speaker ?? contextSubject;
    if (!by && !/^demands?$/.test(noun) && !possessive) continue;
    if (!by) continue;
    const end = clauseEnd(a, cue.end);
    if (end - cue.end < 3) continue;
    if (connector === 'to') {
      // "presented its demands to NATO" names the addressee; "demands to begin" belongs to another verb.
      const next = a.text.slice(cue.end);
      if (a.mentions.some((x) => x.start >= cue.end && x.start <= cue.end + 4) || !/^[a-z]/.test(next) || EVENT_VERB.test(next)) continue;
    }
    const split: SplitMode = connector === 'that' ? 'that' : connector === 'to' ? 'vp' : 'list';
    out.push({ cue, content: { start: cue.end, end }, by, addressedTo: [], split, kind: 'noun' });
  }
  return out;
}

function modalOpenings(a: SentenceAnalysis, contextSubject: string | null, taken: readonly Span[]): Opening[] {
  if (!DEMAND_CONTEXT.test(a.text)) return [];
  const out: Opening[] = [];
  for (const m of a.text.matchAll(MODAL)) {
    const modalAt = m.index;
    if (taken.some((s) => modalAt >= s.start && modalAt < s.end)) continue;
    if (inSpan(a.attributions, modalAt)) continue;
    const before = a.text.slice(0, modalAt);
    const leading = a.attributions.find((s) => s.start === 0)?.end ?? 0;
    const boundaries = [
      leading,
      ...[...before.matchAll(/\b(?:that|saying|stating|insisting)\s+|,\s+(?:and\s+)?|["“]\s*/gi)]
        // An opening quote bounds the demand only if the quotation is still open at the modal.
        .filter((b) => !/["“]/.test(b[0]) || !/[”"]/.test(a.text.slice(b.index + 1, modalAt)))
        .map((b) => b.index + b[0].length),
    ].filter((b) => b <= modalAt);
    const start = Math.max(...boundaries);
    const subject = a.text.slice(start, modalAt).trim();
    if (!subject || /\b(?:we|i|us|our)\b/i.test(subject) || subject.split(/\s+/).length > 12) continue;
    // "there should be a breakthrough", "this should come first": an expletive or a pronoun for a thing asks nobody.
    if (/^(?:there|this|that|these|those)$/i.test(subject)) continue;
    // "the first round should be …" arranges the talks; it is not a demand on a party.
    if (mentionsTalks(subject)) continue;
    const andThat = /,?\s+and\s+that\s+/i.exec(a.text.slice(modalAt));
    const end = Math.min(clauseEnd(a, modalAt), andThat ? modalAt + andThat.index : a.text.length);
    const content = { start, end };
    // The demanding party must be named in the sentence (or be "it/they" continuing the previous one):
    // "analysts said investors must …" is not a party's demand.
    const pronounLed = /^(?:It|He|She|They)\b/.test(a.text.slice(a.dateline?.end ?? 0));
    const by =
      agentOf(a, content) ??
      a.speaker ??
      a.mentions.find((x) => x.party !== null && !x.locative && !PREPOSITIONS.has(x.prep) && !(x.start >= start && x.end <= end))?.party ??
      (pronounLed ? contextSubject : null);
    if (!by) continue;
    const subjectMentions = a.mentions.filter((x) => x.start >= start && x.end <= modalAt && x.party !== null);
    if (subjectMentions.some((x) => x.party === by)) continue; // "Moscow and the alliance should…": a joint undertaking
    out.push({ cue: { start: modalAt, end: modalAt + (m[0].length) }, content, by, addressedTo: [], split: 'vp', kind: 'modal' });
  }
  return out;
}

/** A refusal the condition lifts: "has no interest in talks unless …", "will not return until …". */
const REFUSAL_BEFORE = /\b(?:no\s+(?:[\p{L}-]+\s+)?(?:interest|intention|plans?|talks|negotiations|dialogue|deal|agreement|ceasefire|cease-fire|truce|peace)|not|never|won['’]t|refus\w*|rul\w*\s+out|reject\w*)\b[^.;]*$/iu;
/** What a refusal may be a refusal of, besides talks: a deal, a proposal, a truce. */
const DEAL_WORD = /\b(?:proposals?|deal|agreement|accord|ceasefire|cease-fire|truce|plan|offer|peace)\b/i;
const CONDITION_CUE = /[,\s]\s*(?:unless|until|so\s+long\s+as|as\s+long\s+as)\s+/gi;

/**
 * "North Korea has no interest in negotiations unless Washington drops its hostile policy": the
 * condition that lifts a party's refusal is its demand of whoever the condition names.
 */
function conditionOpenings(a: SentenceAnalysis, contextSubject: string | null, taken: readonly Span[]): Opening[] {
  const out: Opening[] = [];
  for (const m of a.text.matchAll(CONDITION_CUE)) {
    const start = m.index + m[0].length;
    if (taken.some((s) => start >= s.start && start < s.end) || inSpan(a.attributions, m.index)) continue;
    const main = a.text.slice(a.attributions.find((s) => s.start === 0)?.end ?? 0, m.index);
    // ("will not agree to a ceasefire unless Israel guarantees …", "no permanent ceasefire until Hamas is gone".)
    if (!REFUSAL_BEFORE.test(main) || !(mentionsTalks(main) || DEAL_WORD.test(main))) continue;
    // The condition must have a party as its subject ("unless Washington drops …").
    const subject = a.mentions.find((x) => x.start >= start && x.start <= start + 6 && x.party !== null);
    if (!subject?.party) continue;
    const by = subjectBefore(a, { start: m.index, end: m.index }) ?? a.speaker ?? contextSubject;
    if (!by || by === subject.party) continue;
    const end = clauseEnd(a, start);
    if (end - start < 3) continue;
    out.push({ cue: { start: m.index, end: start }, content: { start, end }, by, addressedTo: [subject.party], split: 'none', kind: 'verb' });
  }
  return out;
}

function listOpenings(a: SentenceAnalysis, contextSubject: string | null, taken: readonly Span[]): Opening[] {
  const out: Opening[] = [];
  for (const m of a.text.matchAll(LIST_CUE)) {
    if (taken.some((s) => m.index >= s.start && m.index < s.end)) continue;
    if (!LIST_CONTEXT.test(a.text.slice(0, m.index))) continue;
    const start = m.index + m[0].length;
    const end = clauseEnd(a, start);
    if (end - start < 3) continue;
    // "including Moscow's call to close …": the cue inside the list names its own party; that opening reports it.
    if (taken.some((s) => s.start >= start && s.start < end)) continue;
    const by = agentOf(a, { start, end }) ?? a.speaker ?? a.subject ?? contextSubject;
    if (!by) continue;
    out.push({ cue: { start: m.index, end: start }, content: { start, end }, by, addressedTo: [], split: 'list', kind: 'list' });
  }
  return out;
}

/** A relative clause opened in a noun phrase: "weapons that could threaten …", "states which joined …". */
const RELATIVE_CLAUSE = /\b(?:that|which|who)\s+(?:would|will|could|can|might|may|should|must|has|have|had|is|are|was|were|[a-z]+(?:s|ed))\b/i;

interface Piece {
  start: number;
  end: number;
  /** Text to put before the piece (the subject and modal shared by coordinated verb phrases). */
  prefix: string;
}

function splitContent(a: SentenceAnalysis, content: Span, mode: SplitMode): Piece[] {
  const text = a.text.slice(content.start, content.end);
  const cut = (pattern: RegExp): Piece[] => {
    const pieces: Piece[] = [];
    let from = 0;
    for (const m of text.matchAll(pattern)) {
      pieces.push({ start: content.start + from, end: content.start + m.index, prefix: '' });
      from = m.index + m[0].length;
    }
    pieces.push({ start: content.start + from, end: content.end, prefix: '' });
    return pieces.filter((p) => p.end - p.start > 2);
  };
  if (mode === 'that') return cut(/,?\s+and\s+that\s+/gi).flatMap((p) => (MODAL_IN.test(a.text.slice(p.start, p.end)) ? splitContent(a, p, 'vp') : subjunctivePieces(a, p)));
  if (mode === 'list') {
    // A bare "and" inside a relative clause coordinates that clause's words ("tracks that would give X and Y a say").
    const pieces: Piece[] = [];
    let from = 0;
    // Besides determiners, "as well as" and a noun joined to a noun phrase of two words or more
    // ("verification methods and guarantees that …", not "US and EU sanctions") open a new item.
    const nounJoins = new Set(nounCoordinations(text));
    for (const m of text.matchAll(/,\s+(?:and\s+|or\s+)?(?=(?:the|a|an|no|any|all|its|their)\b)|\s+(?:and|or)\s+(?=(?:the|a|an|no|its|their)\s)|,?\s+as\s+well\s+as\s+|\s+and\s+/gi)) {
      const determinerNext = /^(?:the|a|an|no|its|their)\s/i.test(text.slice(m.index + m[0].length));
      if (/^\s+and\s+$/i.test(m[0]) && !determinerNext && !nounJoins.has(m.index)) continue;
      if (!m[0].startsWith(',') && !/as\s+well/i.test(m[0]) && RELATIVE_CLAUSE.test(text.slice(from, m.index))) continue;
      pieces.push({ start: content.start + from, end: content.start + m.index, prefix: '' });
      from = m.index + m[0].length;
    }
    pieces.push({ start: content.start + from, end: content.end, prefix: '' });
    return pieces.filter((p) => p.end - p.start > 2);
  }
  if (mode === 'bare-vp') {
    // "withdraw its forces and lift the blockade": verb phrases sharing the object-control verb.
    const pieces: Piece[] = [];
    let from = 0;
    for (const m of text.matchAll(/,?\s+(?:or|and)\s+(?:to\s+)?(?=([a-z]+)\b)/g)) {
      if (!BASE_VERBS.has(m[1] ?? '')) continue;
      // "a ceasefire and end to the conflict": "end" is a noun there.
      if (posAt(a.text, content.start + m.index + m[0].length) === 'NOUN') continue;
      pieces.push({ start: content.start + from, end: content.start + m.index, prefix: '' });
      from = m.index + m[0].length;
    }
    pieces.push({ start: content.start + from, end: content.end, prefix: '' });
    return pieces.filter((p) => p.end - p.start > 2);
  }
  if (mode === 'vp') {
    const modal = MODAL_IN.exec(text);
    if (!modal) return [{ start: content.start, end: content.end, prefix: '' }];
    const vpStart = modal.index + modal[0].length;
    const prefix = text.slice(0, vpStart);
    const pieces: Piece[] = [];
    let from = vpStart;
    for (const m of text.slice(vpStart).matchAll(/,?\s+(?:or|and)\s+(?:not\s+)?(?=([a-z]+)\b)/g)) {
      if (!BASE_VERBS.has(m[1] ?? '')) continue;
      pieces.push({ start: content.start + from, end: content.start + vpStart + m.index, prefix: pieces.length === 0 ? '' : prefix });
      from = vpStart + m.index + m[0].length;
    }
    if (pieces.length === 0) return [{ start: content.start, end: content.end, prefix: '' }];
    const first = pieces[0];
    if (first) first.start = content.start;
    pieces.push({ start: content.start + from, end: content.end, prefix });
    return pieces;
  }
  return [{ start: content.start, end: content.end, prefix: '' }];
}

/** The part of speech of the word before the token starting at `at` (quotes skipped), or null. */
function posBefore(text: string, at: number): string | null {
  const tokens = sentenceSyntax(text).tokens;
  const i = tokens.findIndex((t) => t.start === at);
  for (let j = i - 1; j >= 0; j--) {
    const t = tokens[j];
    if (t && !/^["“”‘’']$/.test(t.text)) return t.pos;
  }
  return null;
}

/** The part of speech of the token starting at `at`, or null. */
function posAt(text: string, at: number): string | null {
  return sentenceSyntax(text).tokens.find((t) => t.start === at)?.pos ?? null;
}

/**
 * Offsets of " and " that join two noun phrases of their own: a common noun ends the left one,
 * which has two words or more after its determiner, and a noun heads the right one within three
 * words ("verification methods and guarantees that …", "the embargo and US guarantees").
 */
function nounCoordinations(text: string): number[] {
  const tokens = sentenceSyntax(text).tokens;
  const out: number[] = [];
  for (let i = 1; i < tokens.length - 1; i++) {
    const t = tokens[i];
    const left = tokens[i - 1];
    if (!t || !left || t.normal !== 'and' || left.pos !== 'NOUN') continue;
    // Content words of the left noun phrase, "of" phrases included ("the removal of embargo").
    let words = 0;
    for (let j = i - 1; j >= 0; j--) {
      const w = tokens[j];
      if (!w) break;
      if (['NOUN', 'PROPN', 'ADJ', 'NUM'].includes(w.pos)) words++;
      else if (!(w.pos === 'DET' || (w.pos === 'ADP' && w.normal === 'of'))) break;
    }
    const right = tokens.slice(i + 1, i + 4);
    const headsNoun = right[0]?.pos === 'NOUN' || (right.some((w) => w.pos === 'NOUN') && right.slice(0, right.findIndex((w) => w.pos === 'NOUN')).every((w) => w.pos === 'PROPN' || w.pos === 'ADJ' || (w.pos === 'VERB' && /(?:ed|en)$/.test(w.normal))));
    const before = text.slice(0, t.start);
    if (words >= 2 && headsNoun && /\s$/.test(before)) out.push(before.trimEnd().length);
  }
  return out;
}

const PROMISED = /\b(?:will|would)\s+(?:not|never)\s+(?=[a-z])/i;
const MORE_PROMISED = /,?\s+and\s+(?:will|would)\s+(?:not|never)\s+(?=[a-z])/gi;

/**
 * "guarantees that NATO will not expand and will not deploy …": the promised verb phrases are
 * demands of their own, each with the words before the first one ("guarantees that NATO will not").
 */
function promisePieces(a: SentenceAnalysis, piece: Piece): Piece[] {
  const text = a.text.slice(piece.start, piece.end);
  const first = PROMISED.exec(text);
  if (!first) return [piece];
  const prefix = piece.prefix + text.slice(0, first.index + first[0].length);
  const pieces: Piece[] = [];
  let from = 0;
  for (const m of text.matchAll(MORE_PROMISED)) {
    if (m.index < first.index) continue;
    pieces.push({ start: piece.start + from, end: piece.start + m.index, prefix: pieces.length === 0 ? piece.prefix : prefix });
    from = m.index + m[0].length;
  }
  if (pieces.length === 0) return [piece];
  pieces.push({ start: piece.start + from, end: piece.end, prefix });
  return pieces;
}

/** "that Armenia withdraw its troops and recognise …": verb phrases sharing the subject of a subjunctive. */
function subjunctivePieces(a: SentenceAnalysis, piece: Piece): Piece[] {
  const text = a.text.slice(piece.start, piece.end);
  const words = [...text.matchAll(/[a-z]+/g)];
  const firstVerb = words.find((w) => BASE_VERBS.has(w[0]) && w.index > 0);
  if (!firstVerb) return [piece];
  const prefix = text.slice(0, firstVerb.index).replace(/^\s*that\s+/i, '');
  if (!prefix.trim() || prefix.split(/\s+/).length > 8) return [piece];
  const pieces: Piece[] = [];
  let from = 0;
  for (const m of text.matchAll(/,?\s+and\s+(?=([a-z]+)\b)/g)) {
    if (m.index < firstVerb.index || !BASE_VERBS.has(m[1] ?? '')) continue;
    pieces.push({ start: piece.start + from, end: piece.start + m.index, prefix: pieces.length === 0 ? '' : prefix });
    from = m.index + m[0].length;
  }
  if (pieces.length === 0) return [piece];
  pieces.push({ start: piece.start + from, end: piece.end, prefix });
  return pieces;
}

/** Appeals to everyone for a mood, not a demand one party makes of another ("called for calm"). */
const GENERIC_APPEAL = /^(?:calm|restraint|de-?escalation|patience|unity|caution|peace)\b/i;

const MODAL_IN = /\b(?:must\s+not|must|should\s+not|should|shall\s+not|cannot|can[’']t|may\s+not|is\s+not\s+to|are\s+not\s+to|be)\s+/i;

/** Normalised demand text: quotes and connectives dropped, party names canonical. */
/** Canonical names that read with "the" ("the United States", "the Taliban"). */
const TAKES_ARTICLE = /^(?:United|European|African|Arab|Palestinian|Rapid|Houthis|Taliban|Islamic|Russian\s+Federation)\b/;

export function demandText(raw: string, gazetteer: Gazetteer): string {
  let text = raw
    .replace(/\s[–—]\s[^–—]{0,160}?\s[–—](?=\s|$)/g, '')
    .replace(/["“”]/g, '')
    .replace(/(^|\s)['‘]|['’](?=\s|$|[,.;:])/g, '$1')
    .replace(/^\s*(?:that|to|for|the\s+fact\s+that)\s+/i, '')
    // "(demands) that include the handing over of …", "(insisting on) its demand for a permanent end …".
    .replace(/^\s*(?:that\s+)?(?:include[sd]?|including)\s+/i, '')
    .replace(/^\s*(?:its|their|his|her|the)\s+(?:[\w-]+\s+)?(?:demands?|calls?|insistence)\s+(?:for|that|on)\s+/i, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s.,;:]+$/, '');
  const mentions = gazetteer.findMentions(text).filter((m) => m.party && (m.via === 'alias' || m.via === 'metonym' || m.via === 'name'));
  for (const m of [...mentions].reverse()) {
    const canonical = m.party ?? m.text;
    // "U.S. sanctions" stays an adjective ("United States sanctions"); "the U.S. must" a noun with its article.
    const nextWord = /^\s+([a-z]+)/.exec(text.slice(m.end))?.[1];
    const adjective = nextWord !== undefined && !BASE_VERBS.has(nextWord) && !/^(?:must|should|shall|will|would|can|could|may|might|has|have|had|is|are|was|were|and|or|to|not|never|also)$/.test(nextWord);
    const takesArticle = TAKES_ARTICLE.test(canonical);
    const needsArticle = takesArticle && !adjective && !/\b(?:the|a|an|its|their|his|her|this|any|no)\s+$/i.test(text.slice(0, m.start));
    const replacement = m.text.toLowerCase().startsWith('the ') || !needsArticle ? canonical : `the ${canonical}`;
    // "the Kremlin must" → "Russia must", not "the Russia must".
    const theBefore = !takesArticle && (!adjective || m.possessive) ? /\bthe\s+$/i.exec(text.slice(0, m.start)) : null;
    const start = theBefore ? m.start - theBefore[0].length : m.start;
    text = text.slice(0, start) + replacement + text.slice(m.end);
  }
  return text.length > 200 ? `${text.slice(0, 197).replace(/\s+\S*$/, '')}…` : text;
}

/** A verb right before a mention ("stop drawing Ukraine", "never recognise Kosovo"), not a modifier ("a free Kosovo"). */
const VERB_BEFORE = /(?:^|[^\w-])(?<!\b(?:a|an|the)\s+)([a-z]+)\s+(?:the\s+)?$/;

/**
 * The mention is the object of a verb of the demand (which starts at `from`): who is acted upon,
 * not who is asked to act ("that the West stop drawing Ukraine into NATO's orbit" asks the West,
 * not Ukraine). A possessor is not the object ("close NATO's door" asks NATO).
 */
function isVerbObject(a: SentenceAnalysis, m: AnalysedMention, from: number): boolean {
  if (m.possessive || m.start <= from) return false;
  const word = VERB_BEFORE.exec(a.text.slice(Math.max(from, m.start - 30), m.start))?.[1];
  if (word === undefined || PREPOSITIONS.has(word)) return false;
  return BASE_VERBS.has(word) || (/^[a-z]{3,}ing$/.test(word) && !/^(?:during|nothing|anything|something|everything|meeting|building|morning|evening|ruling|thing)$/.test(word));
}

function contentAddressees(a: SentenceAnalysis, piece: Span, by: string): string[] {
  return sortParties(
    a.mentions
      // A party governed by a preposition ("exercises with South Korea", "withdraw from Ukraine") is not asked.
      .filter((m: AnalysedMention) => m.start >= piece.start && m.end <= piece.end && m.party !== null && m.party !== by && !m.locative && !isVerbObject(a, m, piece.start) && !(PREPOSITIONS.has(m.prep) && m.prep !== 'of' && m.prep !== 'by' && !m.possessive))
      .map((m) => m.party ?? ''),
  );
}

/** Parties named as the subject of a modal demand ("NATO must not …"). */
function modalSubjectParties(a: SentenceAnalysis, piece: Piece, by: string, gazetteer: Gazetteer): string[] {
  const subjectText = piece.prefix || a.text.slice(piece.start, piece.end);
  const modal = MODAL_IN.exec(subjectText);
  if (!modal) return [];
  return sortParties(gazetteer.findMentions(subjectText.slice(0, modal.index)).filter((m) => m.party !== null && m.party !== by).map((m) => m.party ?? ''));
}

/** "… be recognised by X", "… never be admitted into X": X would act, so X is addressed. */
const PASSIVE_AGENT_BEFORE = /\b(?:be|being|been)\s+(?:(?:never|not|ever|no\s+longer)\s+)?(?:(?:allowed|admitted|accepted|invited|let)\s+(?:in\s+)?(?:into|to|in|by)|[a-z]+(?:ed|en)\s+by)\s+(?:the\s+)?$/i;

function passiveAgents(a: SentenceAnalysis, piece: Piece, by: string): string[] {
  const text = piece.prefix + a.text.slice(piece.start, piece.end);
  const shift = piece.prefix.length - piece.start;
  return sortParties(
    a.mentions
      .filter((m) => m.start >= piece.start && m.end <= piece.end && m.party !== null && m.party !== by && PASSIVE_AGENT_BEFORE.test(text.slice(Math.max(0, m.start + shift - 60), m.start + shift)))
      .map((m) => m.party ?? ''),
  );
}

/** The party a demand's clause opens with ("that NATO withdraw …" → NATO). */
function leadingParty(a: SentenceAnalysis, piece: Piece): string | null {
  const lead = /^\s*(?:that\s+)?(?:the\s+)?/i.exec(a.text.slice(piece.start))?.[0].length ?? 0;
  return a.mentions.find((m) => m.start === piece.start + lead && m.party !== null)?.party ?? null;
}

const POSSESSED_DEMAND_NOUN = /^['’]s?\s+(?:[\w-]+\s+){0,2}?(?:demands?|calls?|requests?|requirements?|conditions?|proposals?|appeals?|insistence)\b/i;

/** The party whose demand a piece names by a possessive ("Moscow's call to …", "Russia's key demands"). */
function possessedDemand(a: SentenceAnalysis, piece: Piece): string | null {
  const lead = /^\s*(?:the\s+)?/i.exec(a.text.slice(piece.start))?.[0].length ?? 0;
  const m = a.mentions.find((x) => x.start === piece.start + lead && x.party !== null && x.possessive);
  return m && POSSESSED_DEMAND_NOUN.test(a.text.slice(m.end)) ? m.party : null;
}

/** "(legal) guarantees that X", "a pledge that X": the form of a demand whose subject is X. */
const GUARANTEE_THAT = /\b(?:guarantees?|assurances?|pledges?|commitments?|promises?|undertakings?)\s+(?:in\s+writing\s+)?that\s+(.+)$/i;

/**
 * A demand's category: what it is about. A guarantee that X is about X, and has no category when X
 * has none (the guarantee is the form of the demand, not its subject).
 */
function demandCategory(text: string, gazetteer: Gazetteer): string | null {
  const complement = GUARANTEE_THAT.exec(text)?.[1];
  return complement === undefined ? gazetteer.categoryOf(text) : gazetteer.categoryOf(complement);
}

/**
 * Where a fact's party came from: named in the sentence (outside its attributions), the speaker of
 * one, or neither (a pronoun's antecedent, the subject of earlier sentences).
 */
export function partySource(a: SentenceAnalysis, party: string): PartySource {
  if (a.mentions.some((m) => m.party === party && !m.inAttribution && !m.inDateline)) return 'named';
  return a.speaker === party ? 'speaker' : 'context';
}

export interface DemandContext {
  analyses: readonly SentenceAnalysis[];
  gazetteer: Gazetteer;
}

/** Finds the demands an article reports, de-duplicated by party and text. */
export function extractDemands(ctx: DemandContext): ExtractedDemand[] {
  const out: ExtractedDemand[] = [];
  const seen = new Set<string>();
  const group = articleGroup(ctx.analyses);
  for (const { a, previousSubject } of sentencesWithContext(ctx.analyses)) {
    const openings = [...verbOpenings(a, previousSubject, ctx.gazetteer, group), ...nounOpenings(a, previousSubject)];
    const taken = openings.map((o) => ({ start: o.cue.start, end: o.content.end }));
    openings.push(...modalOpenings(a, previousSubject, taken));
    openings.push(...listOpenings(a, previousSubject, [...taken, ...openings.map((o) => ({ start: o.cue.start, end: o.content.end }))]));
    openings.push(...conditionOpenings(a, previousSubject, openings.map((o) => ({ start: o.cue.start, end: o.content.end }))));
    const evidence: Evidence = { sentence: a.text, start: a.sentence.start, end: a.sentence.end };
    let lastAddressees: string[] = [];
    for (const opening of openings.sort((x, y) => x.cue.start - y.cue.start)) {
      const by = opening.by;
      if (!by) continue;
      let content = opening.content;
      let fromParties: string[] = [];
      // "demanded guarantees from the United States and NATO": the addressees, not part of the demand.
      const fromTail = /\s+from\s+(?:the\s+)?[^,]*$/i.exec(a.text.slice(content.start, content.end));
      if (fromTail) {
        const tail = { start: content.start + fromTail.index, end: content.end };
        const tailMentions = a.mentions.filter((m) => m.start >= tail.start && m.end <= tail.end && m.party !== null);
        const tailText = a.text.slice(tail.start, tail.end);
        if (tailMentions.length > 0 && tailText.replace(/\b(?:from|the|and|or)\b|[,\s]/gi, '').length <= tailMentions.reduce((n, m) => n + m.text.replace(/\s/g, '').length, 0)) {
          fromParties = tailMentions.map((m) => m.party ?? '');
          content = { start: content.start, end: tail.start };
        }
      }
      const contentText = a.text.slice(content.start, content.end).trim();
      if (TALKS_ARRANGEMENT.test(contentText) && !ctx.gazetteer.categoryOf(contentText)) continue;
      for (const piece of splitContent(a, content, opening.split).flatMap((p) => promisePieces(a, p))) {
        // "Moscow's call to close …" is the possessor's demand, whoever reports it (the noun rule extracts it).
        const possessor = possessedDemand(a, piece);
        if (possessor !== null && possessor !== by) continue;
        // "X demanded that X …" is a misread demanding party, not a demand.
        if (opening.split === 'that' && leadingParty(a, piece) === by) continue;
        const text = demandText(piece.prefix + a.text.slice(piece.start, piece.end), ctx.gazetteer);
        if (text.split(/\s+/).length < 2 || /^[,;:)]/.test(text) || (GENERIC_APPEAL.test(text) && (text.split(/\s+/).length <= 4 || /^\S+\s*,/.test(text)))) continue;
        // The subject of the demanded clause is addressed: "NATO must not …", "that Armenia withdraw …".
        let addressedTo = passiveAgents(a, piece, by);
        if (addressedTo.length === 0 && (opening.split === 'vp' || opening.split === 'that')) addressedTo = modalSubjectParties(a, piece, by, ctx.gazetteer);
        if (addressedTo.length === 0 && opening.split === 'that') {
          const lead = piece.prefix ? ctx.gazetteer.findMentions(piece.prefix).find((m) => m.party !== null)?.party : leadingParty(a, piece);
          if (lead && lead !== by) addressedTo = [lead];
        }
        if (addressedTo.length === 0) addressedTo = sortParties([...opening.addressedTo, ...fromParties]);
        if (addressedTo.length === 0) addressedTo = sentenceAddressees(a, by);
        if (addressedTo.length === 0) addressedTo = contentAddressees(a, piece, by);
        // Named by the demand or its sentence's construction; the fallbacks below only guess.
        const addresseeNamed = addressedTo.length > 0;
        if (addressedTo.length === 0) addressedTo = lastAddressees.filter((p) => p !== by);
        if (addressedTo.length === 0) {
          // A party beside the demanding one in the subject ("Saudi Arabia and the United States call
          // upon the parties …") demands with it; it is not asked.
          // A subject before the cue, coordinated with another one ("X and Y call upon …").
          const coSubject = (m: AnalysedMention, i: number): boolean =>
            m.end <= opening.cue.start && !PREPOSITIONS.has(m.prep) && (m.coordinated || a.mentions[i + 1]?.coordinated === true);
          const other = a.mentions.find((m, i) => m.party !== null && m.party !== by && !m.locative && !m.possessive && !m.inAttribution && !isVerbObject(a, m, piece.start) && !coSubject(m, i));
          addressedTo = other?.party ? [other.party] : [];
        }
        addressedTo = addressedTo.filter((p) => p !== by);
        lastAddressees = addressedTo;
        const key = `${by}|${normaliseForComparison(text)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const confidence = demandConfidence({ cue: opening.kind, by: partySource(a, by), addresseeNamed });
        out.push({ by, addressedTo, text, category: demandCategory(text, ctx.gazetteer), evidence, confidence });
      }
    }
  }
  return oneReportPerDemand(out);
}

/**
 * One article states a demand once: the same party's wordings that the projector would take for
 * one demand (demand-identity.ts) are one report, the first stated, the rest dropped ("the release
 * of 5,000 prisoners before the talks" … "5,000 prisoners should be released first").
 */
/** Stricter than across articles: one article's distinct demands often share their subject. */
const WITHIN_ARTICLE = 0.6;

function oneReportPerDemand(demands: readonly ExtractedDemand[]): ExtractedDemand[] {
  const keep = new Set<string>();
  const byParty = new Map<string, ExtractedDemand[]>();
  for (const d of demands) byParty.set(d.by, [...(byParty.get(d.by) ?? []), d]);
  for (const [by, list] of byParty) {
    const nodes = list.map((d) => ({ key: normaliseForComparison(d.text), category: d.category, tokens: contentTokens(d.text, [by, ...d.addressedTo]) }));
    for (const cluster of clusterWordings(nodes, WITHIN_ARTICLE, WITHIN_ARTICLE)) {
      const first = list.find((d) => cluster.includes(normaliseForComparison(d.text)));
      if (first) keep.add(`${by}|${normaliseForComparison(first.text)}`);
    }
  }
  return demands.filter((d) => keep.has(`${d.by}|${normaliseForComparison(d.text)}`));
}
