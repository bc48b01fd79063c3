// What a clause says about a negotiation as a whole, beyond the round it reports: that it ended in
// a settlement ("signed a peace agreement", "the talks concluded successfully", "declared the
// talks over"), broke down ("talks collapsed", "broke off the negotiations", "walked out of the
// talks", "the talks are dead") or was suspended ("suspended the dialogue", "put the talks on
// hold"). The words are data (outcome-verbs.json); tense, modality and negation are the verb
// group's (syntax.ts), so "could collapse", "hopes to sign a deal", "failed to reach an agreement"
// and "the talks have not broken down" say nothing. A round noun ("the meeting was called off")
// speaks of the round, not the negotiation: that is the round's status, not an outcome.
import { z } from 'zod';
import type { NegotiationOutcome } from '../events/events.js';
import outcomeVerbsJson from './outcome-verbs.json' with { type: 'json' };
import { type VerbGroup, sentenceSyntax } from './syntax.js';

interface Span {
  start: number;
  end: number;
}

export interface OutcomeCue {
  outcome: NegotiationOutcome;
  /** Offsets of the cue in the sentence. */
  start: number;
  end: number;
}

const outcomeVerbsSchema = z.object({
  negotiationNouns: z.array(z.string()),
  settlementNouns: z.array(z.string()),
  settle: z.array(z.string()),
  breakdownIntransitive: z.array(z.string()),
  breakdownTransitive: z.array(z.string()),
  suspension: z.array(z.string()),
});

const data = outcomeVerbsSchema.parse(outcomeVerbsJson);
const alternatives = (words: readonly string[]): string =>
  [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/\s+/g, '\\s+')).join('|');

/** A noun naming the negotiation ("the talks", "the peace process"), not one session of it. */
const NEGOTIATION = `(?:${alternatives(data.negotiationNouns)})`;
/** A noun naming what settles it ("a peace agreement", "the deal"). */
const SETTLEMENT = `(?:${alternatives(data.settlementNouns)})`;

const SETTLE = new Set(data.settle);
const BREAKDOWN_INTRANSITIVE = new Set(data.breakdownIntransitive);
const BREAKDOWN_TRANSITIVE = new Set(data.breakdownTransitive);
const SUSPENSION = new Set(data.suspension);

/** Words without which a clause states no outcome: most clauses are skipped at once. */
const HINT = /agreement|deal|accord|treat(?:y|ies)|pact|settlement|truce|success|declar|brok|break|collaps|f[ae]ll\w*\s+(?:apart|through)|founder|walk\w*\s+out|call\w*\s+off|dead|abandon|terminat|scrap|kill|quit|torpedo|scuttl|sank|sunk|pull\w*\s+out|withdr|suspen|froze|freez|halt|on\s+hold/i;

/** Modifiers a noun phrase may carry between its determiner and its noun ("a landmark peace"), no preposition or conjunction. */
const NP_GAP = `(?:(?!(?:with|of|in|on|for|to|from|by|at|and|or|but|that|which|who|after|before|since|over|about)\\b)[\\p{L}\\d'’.-]+\\s+){0,4}?`;
const OBJECT_SETTLEMENT = new RegExp(`^\\s+(?:on\\s+|to\\s+|upon\\s+)?(?:(?:a|an|the|their|its|his|her|this|that|[\\p{L}.]+['’]s?)\\s+)?${NP_GAP}${SETTLEMENT}\\b`, 'iu');
const OBJECT_NEGOTIATION = new RegExp(`^\\s+(?:(?:a|an|the|their|its|his|her|this|that|[\\p{L}.]+['’]s?)\\s+)?${NP_GAP}${NEGOTIATION}\\b`, 'iu');
const NEGOTIATION_NOUN = new RegExp(`\\b${NEGOTIATION}\\b`, 'giu');
const SETTLEMENT_NOUN = new RegExp(`\\b${SETTLEMENT}\\b`, 'giu');

/** A settlement not (yet) made, or one that settles only part of the negotiation. */
const NOT_SETTLED = /\b(?:draft|preliminary|interim|partial|tentative|possible|potential|proposed|future|eventual|prospective|no|any|without)\b/i;
const PARTIAL_AFTER = /^\s+(?:on|for|over|to)\s+(?:the\s+|a\s+|an\s+)?(?:[\p{L}-]+\s+){0,2}?(?:prisoners?|hostages?|detainees?|humanitarian|exchanges?|swaps?|releases?|corridors?|evacuations?|aid)\b/iu;
/** The clause says the talks are back on: what it tells of a pause or a breakdown is over. */
const RESUMED = /\b(?:resumed|reconvened|restarted|(?:are|were|is|was|got|came)\s+back\s+(?:at|to)\s+the\s+(?:negotiating\s+)?table)\b/i;
/** A clause of time or cause about an earlier event: "after being paused", "since X and Y agreed a truce". */
const SUBORDINATE_BEFORE = /\b(?:since|after|following|despite)\b[^,;]*$/i;

/** "no deal", "without an agreement", "any accord": a settlement that is not there. */
const ABSENT_BEFORE = /\b(?:no|without|any|nor)\s+(?:[\p{L}-]+\s+){0,3}$/iu;
/**
 * A settlement of the past that the negotiation is about ("talks to revive the 2015 nuclear
 * deal", "violations of the accord"), not one it reached.
 */
const BACKGROUND_BEFORE = /\b(?:reviv\w*|restor\w*|rejoin\w*|return\w*\s+to|salvag\w*|sav(?:e|es|ed|ing)|resurrect\w*|renegotiat\w*|replac\w*|under|violat\w*|breach\w*|implement\w*|compl\w+\s+with|withdr\w+\s+from|exit\w*|quit\w*|abandon\w*|ditch\w*|scrap\w*|pull\w*\s+out\s+of|left|(?:19|20)\d{2})\s+(?:(?:the|a|an|its|their)\s+)?(?:[\p{L}\d'’-]+\s+){0,3}$/iu;
/** Said not to have happened: "denied that the talks had broken down", "dismissed claims that …". */
const DENIAL_BEFORE = /\b(?:den(?:y|ies|ied|ying)|dismiss\w*|reject\w*|refut\w*|rebuff\w*|claims?\s+that|rumou?rs?\s+that|speculation\s+that)\b/i;
/** A clause of condition or time that is not a fact: "until an agreement is reached", "if the talks collapse". */
const CONDITION_BEFORE = /\b(?:if|unless|until|till|once|whether|when|before|lest)\b/i;
/** "on the verge of collapse", "threatened to walk out", "risk collapsing": not (yet) a fact. */
const IRREALIS_BEFORE = /\b(?:threat\w*|risk\w*|verge|brink|close\s+to|near(?:ly)?|almost|hope\w*|aim\w*|seek\w*|sought|expect\w*|want\w*|plan\w*|ready|readiness|willing\w*|effort\w*|attempt\w*|try\w*|tried|bid|fail\w*|failure|unable|could|would|might|may)\s+(?:\w+\s+){0,2}$/i;

/** An agreement about the talks themselves ("an agreement to meet again", "a deal on the agenda"), not one that settles them. */
const PROCEDURAL_AFTER = /^\s+(?:to\s+(?:hold|meet|continue|resume|convene|reconvene|start|begin|launch|extend|keep|return|open|pursue|talk|negotiate)|on\s+(?:the\s+)?(?:date|dates|venue|agenda|format|timing|modalities|next|another|further|(?:a\s+)?(?:new|further|second|third)\s+round))\b/i;

/** The lemma of a verb group as the outcome words name it ("fell apart" → "fall apart"). */
function lemmasOf(g: VerbGroup, after: string): string[] {
  const next = /^\s+(apart|through|out|off|down|up)\b/i.exec(after)?.[1]?.toLowerCase();
  return [g.lemma, ...(next ? [`${g.head.lemma} ${next}`] : []), g.head.lemma];
}

/** A fact, not a possibility: past or present perfect or a present passive, not negated, no modal or infinitive. */
function realis(g: VerbGroup, before: string): boolean {
  if (g.negated || g.modal !== null) return false;
  if (/\bnot\s+(?:\w+\s+)?$/i.test(before)) return false;
  if (IRREALIS_BEFORE.test(before)) return false;
  if (g.tense === 'past') return true;
  return g.tense === 'present' && (g.perfect || g.passive);
}

/** The last match of a global pattern in `text` that ends before `at` with only `gap` between. */
function nounBefore(pattern: RegExp, text: string, from: number, at: number, maxGap: number): Span | null {
  let found: Span | null = null;
  pattern.lastIndex = 0;
  for (const m of text.slice(from, at).matchAll(pattern)) {
    const start = from + m.index;
    const end = start + m[0].length;
    if (at - end <= maxGap) found = { start, end };
  }
  return found;
}

function present(text: string, from: number, noun: Span): boolean {
  const before = text.slice(from, noun.start);
  const after = text.slice(noun.end, noun.end + 60);
  return !ABSENT_BEFORE.test(before) && !BACKGROUND_BEFORE.test(before) && !NOT_SETTLED.test(before.slice(-30)) && !PARTIAL_AFTER.test(after);
}

const PHRASES: readonly { pattern: RegExp; outcome: (m: RegExpExecArray) => NegotiationOutcome }[] = [
  // "the talks are dead", "negotiations were effectively dead".
  { pattern: new RegExp(`\\b${NEGOTIATION}\\b[^.;:]{0,60}?\\b(?:are|were|is|was|now)\\s+(?:now\\s+|effectively\\s+|officially\\s+|all\\s+but\\s+|essentially\\s+)?["“'‘]?dead\\b`, 'giu'), outcome: () => 'breakdown' },
  // "declared the talks over", "the negotiations were declared dead".
  {
    pattern: new RegExp(`\\bdeclar(?:e|es|ed|ing)\\s+(?:the\\s+)?${NP_GAP}${NEGOTIATION}\\s+(?:to\\s+be\\s+)?(over|dead|closed|finished|completed?)\\b|\\b${NEGOTIATION}\\s+(?:were|was|are|is|have\\s+been|has\\s+been|had\\s+been)\\s+(?:officially\\s+|formally\\s+)?declared\\s+(?:to\\s+be\\s+)?(over|dead|closed|finished|completed?)\\b`, 'giu'),
    outcome: (m) => ((m[1] ?? m[2] ?? '').toLowerCase() === 'dead' ? 'breakdown' : 'agreement'),
  },
  // "the talks concluded successfully", "negotiations ended with a deal", "culminated in the signing of a treaty".
  {
    pattern: new RegExp(`\\b${NEGOTIATION}\\b[^.;:]{0,60}?\\b(?:(?:were|was|have\\s+been|has\\s+been|had\\s+been)\\s+)?(?:successfully\\s+(?:concluded|completed|ended|finished)|(?:concluded|completed|ended|finished|wrapped\\s+up)\\s+successfully|(?:ended|concluded|culminated|closed|wrapped\\s+up|resulted)\\s+(?:with|in)\\s+(?:the\\s+signing\\s+of\\s+)?(?:a|an|the)\\s+${NP_GAP}${SETTLEMENT}\\b)`, 'giu'),
    outcome: () => 'agreement',
  },
  // "put the talks on hold", "the negotiations were put on hold".
  { pattern: new RegExp(`\\bput\\s+(?:the\\s+)?${NP_GAP}${NEGOTIATION}\\s+on\\s+hold\\b|\\b${NEGOTIATION}\\s+(?:were|was|are|is|have\\s+been|has\\s+been|had\\s+been)\\s+(?:\\w+\\s+)?(?:put\\s+)?on\\s+hold\\b`, 'giu'), outcome: () => 'suspension' },
  // "walked out of the talks", "pulled out of the negotiations", "withdrew from the dialogue".
  { pattern: new RegExp(`\\b(?:walk(?:ed|s)?\\s+out\\s+(?:of|on)|pull(?:ed|s)?\\s+out\\s+of|withdr(?:ew|awn|aws)\\s+from)\\s+(?:the\\s+)?${NP_GAP}${NEGOTIATION}\\b`, 'giu'), outcome: () => 'breakdown' },
];

/** Whether a phrase match is asserted: not negated, hypothetical or denied just before it. */
function assertedPhrase(text: string, from: number, at: number, matched: string): boolean {
  const before = text.slice(Math.max(from, at - 40), at);
  if (/\b(?:not|never|n['’]t)\b/i.test(matched.replace(/\bnot\s+only\b/gi, ''))) return false;
  return !IRREALIS_BEFORE.test(before) && !/\b(?:will|would|could|might|may|to)\s+(?:\w+\s+)?$/i.test(before);
}

/**
 * The outcome a clause (`span` of the sentence `text`) states of its negotiation, or null; parts
 * inside `excluded` (attributions: "…, the ministry said") are not read. The first cue wins.
 */
export function findOutcome(text: string, span: Span, excluded: readonly Span[] = []): OutcomeCue | null {
  const clause = text.slice(span.start, span.end);
  if (!HINT.test(clause)) return null;
  const inExcluded = (at: number): boolean => excluded.some((s) => at >= s.start && at < s.end);
  const cues: OutcomeCue[] = [];
  const resumed = RESUMED.test(clause);
  const accept = (cue: OutcomeCue): void => {
    const before = text.slice(span.start, cue.start);
    if (inExcluded(cue.start) || DENIAL_BEFORE.test(before) || SUBORDINATE_BEFORE.test(before)) return;
    if (resumed && cue.outcome !== 'agreement') return;
    cues.push(cue);
  };

  for (const { pattern, outcome } of PHRASES) {
    pattern.lastIndex = 0;
    for (const m of clause.matchAll(pattern)) {
      const start = span.start + m.index;
      if (!assertedPhrase(text, span.start, start, m[0])) continue;
      if (outcome(m) === 'agreement' && (NOT_SETTLED.test(m[0].replace(/^\S+/, '')) || PARTIAL_AFTER.test(text.slice(start + m[0].length)))) continue;
      accept({ outcome: outcome(m), start, end: start + m[0].length });
    }
  }

  for (const g of sentenceSyntax(text).groups) {
    if (g.start < span.start || g.end > span.end) continue;
    const before = text.slice(Math.max(span.start, g.start - 40), g.start);
    const after = text.slice(g.end, Math.min(span.end, g.end + 80));
    if (!realis(g, before)) continue;
    // A present passive in a clause of condition or time is not a fact ("until a deal is reached").
    if (g.tense === 'present' && !g.perfect && CONDITION_BEFORE.test(text.slice(span.start, g.start))) continue;
    const lemmas = lemmasOf(g, after);
    const cue = (outcome: NegotiationOutcome): void => {
      accept({ outcome, start: g.start, end: g.end });
    };
    const subjectNegotiation = nounBefore(NEGOTIATION_NOUN, text, span.start, g.start, 60);
    const directSubject = subjectNegotiation !== null && !/[,;]|\b(?:that|which|who)\b/i.test(text.slice(subjectNegotiation.end, g.start));
    const objectNegotiation = OBJECT_NEGOTIATION.test(after);

    if (lemmas.some((l) => SETTLE.has(l))) {
      const object = OBJECT_SETTLEMENT.exec(after);
      if (!g.passive && object) {
        // "reach out", "agreed to meet" name no settlement; "signed a draft agreement" is not one yet.
        const phrase = object[0];
        const rest = after.slice(phrase.length);
        if (NOT_SETTLED.test(phrase) || PROCEDURAL_AFTER.test(rest) || PARTIAL_AFTER.test(rest)) continue;
        cue('agreement');
        continue;
      }
      const noun = nounBefore(SETTLEMENT_NOUN, text, span.start, g.start, 70);
      if (noun && present(text, span.start, noun) && !/[;]|\b(?:that|which|who)\b/i.test(text.slice(noun.end, g.start))) {
        // "an agreement … was signed"; "the deal struck between X and Y last month" (a past participle right after the noun).
        const reducedRelative = !g.passive && g.start === g.head.start && /^\s*$/.test(text.slice(noun.end, g.start)) && g.tense === 'past';
        if (g.passive || reducedRelative) cue('agreement');
      }
      continue;
    }
    if (lemmas.some((l) => BREAKDOWN_INTRANSITIVE.has(l)) && !g.passive && directSubject) {
      cue('breakdown');
      continue;
    }
    if (lemmas.some((l) => BREAKDOWN_TRANSITIVE.has(l)) && ((g.passive && directSubject) || (!g.passive && objectNegotiation))) {
      cue('breakdown');
      continue;
    }
    if (lemmas.some((l) => SUSPENSION.has(l)) && ((g.passive && directSubject) || (!g.passive && objectNegotiation))) cue('suspension');
  }
  return cues.sort((a, b) => a.start - b.start)[0] ?? null;
}
