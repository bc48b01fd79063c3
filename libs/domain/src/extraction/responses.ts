// Rules that find responses: a party accepting or rejecting another's demand or proposal, or
// answering it with a counter-proposal. A response is linked to a demand found in the article when
// the words it answers overlap that demand's text, or when it answers "the demand(s)" of the party
// whose demand came last.
import { type AnalysedMention, type SentenceAnalysis, type Span, inSpan, sentencesWithContext } from './analysis.js';
import { demandText, partySource, subjectBefore } from './demands.js';
import { type ResponseCue, responseConfidence } from './confidence.js';
import type { ExtractedDemand, ExtractedResponse, ResponseKind } from './types.js';
import type { Gazetteer } from './gazetteer/gazetteer.js';
import { sortParties } from '../events/ids.js';
import { BASE_VERBS, NEGATION, PREPOSITIONS } from './lexicon.js';

const REJECT_VERB =
  /\b(?:reject(?:s|ed|ing)?|refus(?:e|es|ed|ing)|turn(?:s|ed|ing)?\s+down|dismiss(?:es|ed|ing)?|rul(?:e|es|ed|ing)\s+out|spurn(?:s|ed|ing)?|rebuff(?:s|ed|ing)?|brush(?:es|ed|ing)?\s+(?:aside|off)|(?:will|would|can|could|shall)\s+(?:not|never)\s+accept|won['’]t\s+accept|cannot\s+accept|can['’]t\s+accept)\b/gi;
const ACCEPT_VERB = /\b(?:accept(?:s|ed|ing)?|agree(?:s|d|ing)?\s+to|approv(?:e|es|ed|ing)|endors(?:e|es|ed|ing)|(?:said|says)\s+yes\s+to|sign(?:s|ed)?\s+(?:up|on)\s+to)\b/gi;
/** "counter-proposal", "proposed instead", "instead offered". */
const COUNTER =
  /\b(?:counter-?proposals?|counter-?offers?|counter-?plans?)\b|\b(?:propos(?:e|es|ed|ing)|offer(?:s|ed|ing)?|suggest(?:s|ed|ing)?|put(?:s|ting)?\s+forward)\s+instead\b|\binstead\s+(?:propos(?:e|es|ed)|offer(?:s|ed)|suggest(?:s|ed)|put\s+forward)\b/gi;
const VERDICT = '(?:(?:a|an|simply|completely|totally|wholly|absolutely|clearly|still)\\s+)*(?:non-?starters?|unacceptable|out\\s+of\\s+the\\s+question|unrealistic|absurd)';
/** "… was a non-starter", "… is unacceptable". */
const VERDICT_PREDICATE = new RegExp(`\\s+(?:was|were|is|are|would\\s+be|remains?|remained)\\s+${VERDICT}\\b`, 'gi');
/** "…, a condition Kyiv called a non-starter", "…, a demand Hamas has repeatedly rejected". */
const VERDICT_APPOSITIVE = new RegExp(
  `,\\s+(?:a|an|the)\\s+(?:[\\w-]+\\s+)?(?:condition|demand|proposal|request|step|idea|precondition)s?\\s+(?:that\\s+|which\\s+)?(?=[A-Z])(?:[\\p{L}.'’-]+\\s+){1,3}?(?:(?:has|have|had)\\s+)?(?:(?:\\p{L}+ly|also|long|always)\\s+)?(?:(?:called|described\\s+as|branded|dismissed\\s+as|rejected\\s+as)\\s+${VERDICT}|rejected|refused|dismissed|turned\\s+down|ruled\\s+out)\\b`,
  'gu',
);
/** "called the plan unacceptable", "described the demands as a non-starter". */
const VERDICT_OBJECT = new RegExp(`\\b(?:call(?:s|ed|ing)?|describ(?:e|es|ed|ing)|brand(?:s|ed|ing)?|label(?:l)?(?:s|ed|ing)?|consider(?:s|ed)?|deem(?:s|ed)?)\\s+(.{3,140}?)\\s+(?:as\\s+)?${VERDICT}\\b`, 'gi');

/** Nouns naming what a party may ask of another. */
const PROPOSAL_NOUN = /\b(?:demands?|proposals?|offers?|requests?|plans?|terms|conditions|ultimatums?|calls?|ideas?|drafts?|initiatives?|suggestions?|propositions?|deal|blueprint|framework|formula|roadmap|road\s+map)\b/i;
/** Objects that are statements about the responder, not requests to it: rejecting them is a denial. */
const NOT_A_REQUEST = /^(?:the\s+|these\s+|those\s+|such\s+)?(?:claims?|reports?|allegations?|accusations?|charges?|criticism|suggestions?\s+that|idea\s+that|notion\s+that|comments?|remarks?|invitation)\b/i;
/** Verbs of "refused to …" / "agreed to …" that answer a demand (not "refused to comment"). */
const ANSWERING_VERB = new Set([...BASE_VERBS, 'cede', 'give', 'recognise', 'recognize', 'exchange', 'pull', 'lift', 'release', 'free', 'halt', 'stop', 'end', 'return', 'withdraw', 'disarm', 'drop', 'abandon']);
const NOT_ANSWERING_VERB = new Set(['comment', 'say', 'confirm', 'discuss', 'answer', 'meet', 'attend', 'hold', 'take', 'go', 'allow']);
/** Responses not (yet) given: hypothetical, or demanded of the party ("NATO must rule out …"). */
const HYPOTHETICAL_BEFORE = /\b(?:would|could|might|may|must|should|shall|needs?\s+to|has\s+to|have\s+to|ready\s+to|willing\s+to|prepared\s+to|open\s+to|likely\s+to|expected\s+to|unlikely\s+to|whether\s+to|if)\s+(?:\w+\s+)?$/i;
const OBJECT_END = /\s+as\s+(?:(?:a|an|an?\s+\w+|simply|completely|totally|wholly)\s+)?(?:unacceptable|non-?starters?|unrealistic|absurd|insufficient|inadequate|unserious|one-sided|premature|baseless|trap|ploy|stunt|provocation|propaganda|ultimatum|capitulation|surrender|insult|nonsense|dead\s+end|dead\s+letter)\b|,|;|\s[–—]\s|\s+(?:on|last|this|earlier|late|later)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month|year)\b|\s+and\s+(?:instead|in\s+turn|(?:offered|proposed|suggested|countered|said|called|warned|insisted))\b|\s+and\s+[a-z]+ed\b|\s+(?:because|after|before|amid|while|saying|calling|adding)\b/i;
const COUNTER_CONTENT = /^\s*(?:,\s*)?(?:that|calling\s+for|providing\s+for|under\s+which|which\s+would|to|for|of|on|:)?\s*/i;

function objectSpan(text: string, from: number, limit: number): Span {
  const rest = text.slice(from, limit);
  const cut = OBJECT_END.exec(rest);
  let end = from + (cut ? cut.index : rest.length);
  while (end > from && /[\s.,;:!?"“”’)]/.test(text[end - 1] ?? '')) end--;
  let start = from;
  while (start < end && /[\s"“‘]/.test(text[start] ?? '')) start++;
  return { start, end };
}

/** The party a proposal belongs to: "Moscow's demand", "the U.S. proposal", "an offer from Qatar". */
function ownerIn(a: SentenceAnalysis, span: Span, responder: string): string | null {
  const inside = a.mentions.filter((m) => m.start >= span.start && m.end <= span.end && m.party !== null && m.party !== responder);
  const noun = PROPOSAL_NOUN.exec(a.text.slice(span.start, span.end));
  const nounAt = noun ? span.start + noun.index : span.end;
  const before = inside.filter((m) => m.end <= nounAt && !PREPOSITIONS.has(m.prep));
  if (before.at(-1)) return before.at(-1)?.party ?? null;
  const after = inside.find((m) => m.start >= nounAt && ['by', 'from', 'of'].includes(m.prep));
  return after?.party ?? null;
}

const tokens = (s: string): Set<string> =>
  new Set(s.toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, ' ').split(/\s+/).filter((w) => w.length > 2 && !STOP.has(w)));
const STOP = new Set(['the', 'and', 'for', 'that', 'its', 'their', 'with', 'from', 'this', 'these', 'those', 'must', 'not', 'should', 'will', 'would', 'any', 'all', 'demand', 'demands', 'proposal', 'proposals', 'request', 'offer', 'call', 'plan']);

function overlap(a: string, b: string): number {
  const A = tokens(a);
  const B = tokens(b);
  if (A.size === 0 || B.size === 0) return 0;
  let common = 0;
  for (const x of A) if (B.has(x)) common++;
  return common / Math.min(A.size, B.size);
}

/** A bare reference to earlier demands: "the demand", "Moscow's conditions", "these terms". */
const DEMAND_REFERENCE = /^(?:the|these|those|its|their|his|her|such|[\p{L}.]+['’]s?)\s+(?:[\p{L}-]+\s+){0,2}?(?:demands?|conditions|terms|requests?|ultimatums?)$/iu;

function linkDemand(
  object: string,
  owner: string | null,
  responder: string,
  demands: readonly ExtractedDemand[],
  before: number,
): ExtractedDemand | null {
  const earlier = demands.filter((d) => d.evidence.start <= before && d.by !== responder && (owner === null || d.by === owner));
  let best: ExtractedDemand | null = null;
  let bestScore = 0.5;
  for (const d of earlier) {
    const score = overlap(object, d.text);
    if (score >= bestScore) {
      best = d;
      bestScore = score;
    }
  }
  if (best) return best;
  if (!DEMAND_REFERENCE.test(object.trim())) return null;
  // The demands stated last (those addressed to the responder first); of several stated in one
  // sentence, the first.
  const pool = earlier.some((d) => d.addressedTo.includes(responder)) ? earlier.filter((d) => d.addressedTo.includes(responder)) : earlier;
  const last = pool.at(-1);
  return last ? (pool.find((d) => d.evidence.start === last.evidence.start) ?? last) : null;
}

interface Found {
  kind: ResponseKind;
  cue: Span;
  object: Span;
  /** A verb phrase object ("refused to withdraw"), not a noun phrase. */
  verbPhrase: boolean;
  /** "…, a condition X called a non-starter": the responder is named inside the cue. */
  appositive?: boolean;
  /** Which rule found it (for its confidence). */
  rule: ResponseCue;
}

/** Words without which a sentence holds no response: most sentences are skipped at once. */
const RESPONSE_HINT = /reject|refus|turn|dismiss|rul|spurn|rebuff|brush|accept|agree|approv|endors|yes|sign|counter|instead|starter|unacceptable|question|unrealistic|absurd/i;

function findCandidates(a: SentenceAnalysis): Found[] {
  const text = a.text;
  const out: Found[] = [];
  if (!RESPONSE_HINT.test(text)) return out;
  const limitAfter = (at: number): number => {
    const attribution = a.attributions.find((s) => s.start >= at);
    return attribution ? attribution.start : text.length;
  };
  for (const [pattern, kind] of [[REJECT_VERB, 'rejected'], [ACCEPT_VERB, 'accepted']] as const) {
    pattern.lastIndex = 0;
    for (const m of text.matchAll(pattern)) {
      const cue = { start: m.index, end: m.index + m[0].length };
      if (inSpan(a.attributions, cue.start)) continue;
      const window = text.slice(Math.max(0, cue.start - 30), cue.start);
      if (HYPOTHETICAL_BEFORE.test(window)) continue;
      if (kind === 'accepted' && NEGATION.test(window.slice(-14))) continue; // "has not accepted" says no more than that
      if (kind === 'rejected' && !/accept/i.test(m[0]) && NEGATION.test(window.slice(-14).replace(/\b(?:refused|rejected|declined)\b/gi, ''))) continue;
      const toVerb = /^\s+to\s+([a-z]+)\b/.exec(text.slice(cue.end));
      if (/^refus|^agree/i.test(m[0]) && toVerb) {
        const verb = toVerb[1] ?? '';
        if (!ANSWERING_VERB.has(verb) || NOT_ANSWERING_VERB.has(verb)) continue;
        out.push({ kind, cue, object: objectSpan(text, cue.end + toVerb[0].length - verb.length, limitAfter(cue.end)), verbPhrase: true, rule: 'verb' });
        continue;
      }
      out.push({ kind, cue, object: objectSpan(text, cue.end, limitAfter(cue.end)), verbPhrase: false, rule: 'verb' });
    }
  }
  VERDICT_OBJECT.lastIndex = 0;
  for (const m of text.matchAll(VERDICT_OBJECT)) {
    const inner = m[1] ?? '';
    const start = m.index + m[0].indexOf(inner);
    if (out.some((f) => start >= f.cue.start && start <= f.object.end)) continue;
    out.push({ kind: 'rejected', cue: { start: m.index, end: m.index + m[0].length }, object: { start, end: start + inner.length }, verbPhrase: false, rule: 'verdict' });
  }
  // "…, a condition Kyiv called a non-starter": the party judges the demand just stated.
  VERDICT_APPOSITIVE.lastIndex = 0;
  for (const m of text.matchAll(VERDICT_APPOSITIVE)) {
    const object = { start: 0, end: m.index };
    out.push({ kind: 'rejected', cue: { start: m.index, end: m.index + m[0].length }, object, verbPhrase: false, appositive: true, rule: 'verdict' });
  }
  VERDICT_PREDICATE.lastIndex = 0;
  for (const m of text.matchAll(VERDICT_PREDICATE)) {
    if (out.some((f) => m.index >= f.cue.start && m.index <= f.object.end + 3)) continue;
    // The subject of "… was unacceptable": back to the attribution ("X said") or a clause boundary.
    const leading = a.attributions.find((s) => s.end <= m.index);
    const boundary = Math.max(leading?.end ?? 0, a.dateline?.end ?? 0, text.lastIndexOf(', ', m.index) + 2, text.lastIndexOf('; ', m.index) + 2);
    const object = { start: boundary, end: m.index };
    out.push({ kind: 'rejected', cue: { start: m.index, end: m.index + m[0].length }, object, verbPhrase: false, rule: 'verdict' });
  }
  COUNTER.lastIndex = 0;
  for (const m of text.matchAll(COUNTER)) {
    const cue = { start: m.index, end: m.index + m[0].length };
    if (inSpan(a.attributions, cue.start)) continue;
    const lead = COUNTER_CONTENT.exec(text.slice(cue.end));
    const from = cue.end + (lead?.[0].length ?? 0);
    const end = objectSpan(text, from, limitAfter(from)).end;
    out.push({ kind: 'counter-proposal', cue, object: { start: from, end: Math.max(from, end) }, verbPhrase: true, rule: 'counter' });
  }
  return out.sort((x, y) => x.cue.start - y.cue.start);
}

interface Answered {
  by: string;
  to: string[];
  demand: ExtractedDemand | null;
}

export interface ResponseContext {
  analyses: readonly SentenceAnalysis[];
  gazetteer: Gazetteer;
  demands: readonly ExtractedDemand[];
}

/** Finds acceptances, rejections and counter-proposals, linked to the article's demands where possible. */
export function extractResponses(ctx: ResponseContext): ExtractedResponse[] {
  const out: ExtractedResponse[] = [];
  const seen = new Set<string>();
  for (const { a, previousSubject } of sentencesWithContext(ctx.analyses)) {
    // What this sentence has rejected or accepted so far: a later counter-proposal answers the same.
    const sentence: { answered: Answered | null } = { answered: null };
    for (const found of findCandidates(a)) {
      const objectText = a.text.slice(found.object.start, found.object.end);
      if (objectText.trim().length < 3) continue;
      const pronounLed = /\b(?:it|he|she|they|we)\s+(?:\w+\s+){0,3}$/i.test(a.text.slice(0, found.cue.start)) || /^(?:It|He|She|They)\b/.test(a.text.slice(a.dateline?.end ?? 0));
      // "X refused Y's demand and instead proposed …": the counter-proposal shares the subject.
      let responder: string | null;
      if (found.appositive) responder = a.mentions.find((m) => m.start >= found.cue.start && m.end <= found.cue.end && m.party !== null)?.party ?? null;
      else if (found.kind === 'counter-proposal' && sentence.answered) responder = sentence.answered.by;
      else {
        const subject = found.cue.start > found.object.start ? null : subjectBefore(a, found.cue);
        responder = subject ?? a.speaker ?? (pronounLed ? previousSubject : null) ?? a.subject;
      }
      if (!responder) continue;
      const owner = found.kind === 'counter-proposal' ? null : ownerIn(a, found.object, responder);
      if (found.kind !== 'counter-proposal') {
        if (NOT_A_REQUEST.test(objectText)) continue;
        const demand = found.appositive
          ? (ctx.demands.find((d) => d.evidence.start === a.sentence.start && d.by !== responder) ?? null)
          : linkDemand(objectText, owner, responder, ctx.demands, a.sentence.start);
        if (found.appositive && !demand) continue;
        if (!demand && !found.verbPhrase && !PROPOSAL_NOUN.test(objectText.split(/\s+/).slice(0, 8).join(' '))) continue;
        const to = found.appositive && demand ? [demand.by] : owner ? [owner] : demand ? [demand.by] : otherParties(a, responder);
        sentence.answered = { by: responder, to, demand };
        push(out, seen, ctx.gazetteer, { kind: found.kind, by: responder, to, raw: found.appositive && demand ? demand.text : objectText, demand, a, rule: found.rule });
      } else {
        // A counter-proposal answers what was just rejected in this sentence, or the last demand made of the responder.
        const demand = sentence.answered?.demand ?? [...ctx.demands].reverse().find((d) => d.evidence.start <= a.sentence.start && d.by !== responder && d.addressedTo.includes(responder)) ?? null;
        const to = sentence.answered?.to ?? (demand ? [demand.by] : otherParties(a, responder));
        const raw = objectText.trim() ? objectText : a.text.slice(found.cue.start, found.cue.end);
        push(out, seen, ctx.gazetteer, { kind: 'counter-proposal', by: responder, to, raw, demand, a, rule: found.rule });
      }
    }
  }
  return out;
}

function otherParties(a: SentenceAnalysis, responder: string): string[] {
  return sortParties(
    a.mentions
      .filter((m: AnalysedMention) => m.party !== null && m.party !== responder && !m.locative && !m.inAttribution && !m.inDateline)
      .map((m) => m.party ?? ''),
  ).slice(0, 1);
}

function push(
  out: ExtractedResponse[],
  seen: Set<string>,
  gazetteer: Gazetteer,
  r: { kind: ResponseKind; by: string; to: string[]; raw: string; demand: ExtractedDemand | null; a: SentenceAnalysis; rule: ResponseCue },
): void {
  const text = demandText(r.raw, gazetteer);
  if (!text) return;
  const key = `${r.kind}|${r.by}|${text.toLowerCase()}`;
  if (seen.has(key)) return;
  seen.add(key);
  out.push({
    by: r.by,
    to: sortParties(r.to.filter((p) => p !== r.by)),
    kind: r.kind,
    text,
    demand: r.demand ? { by: r.demand.by, text: r.demand.text } : null,
    evidence: { sentence: r.a.text, start: r.a.sentence.start, end: r.a.sentence.end },
    confidence: responseConfidence({ cue: r.rule, by: partySource(r.a, r.by), linked: r.demand !== null }),
  });
}
