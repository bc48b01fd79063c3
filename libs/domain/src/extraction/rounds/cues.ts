// Round rules, family 1: status cues. The words and verbs that tell what happened to a round (held, under way,
// ended, postponed, cancelled, ahead), from the patterns and, where they find nothing, from the verb analysis.
import { type Span, inSpan } from '../analysis.js';
import { verbCue } from '../status-verbs.js';
import { sentenceSyntax } from '../syntax.js';

export type CueKind = 'held' | 'concluded' | 'postponed' | 'cancelled' | 'future';

export interface Cue {
  start: number;
  end: number;
  kind: CueKind;
  /** A present-tense or inchoative cue ("begins", "began", "under way"): happening at publication. */
  inProgress: boolean;
  /** From the verb analysis: a planned round said not to happen as planned. */
  offSchedule?: boolean;
  /** A purpose clause ("to get the talks started"): where it begins; dates before it date something else. */
  purposeFrom?: number;
  /** A plan told in the past ("had been scheduled for November 20"): its date may lie behind the report. */
  pastPlan?: boolean;
}

export const FUTURE_PREFIX = /\b(?:will|would|shall|to|should|could|may|might|must)\s+(?:also\s+|then\s+|now\s+|likely\s+|soon\s+|again\s+|only\s+|finally\s+)?(?:be\s+)?$|['’]ll\s+(?:be\s+)?$/i;
export const PAST_FINITE = /\b(?:led|went|travel(?:l)?ed|arrived|came|flew|gathered|sent|headed|returned|met)\b/i;
export const SUBORDINATE_PREFIX = /\b(?:after|before|since|following|prior\s+to|until|pending)\s+(?:being\s+|having\s+been\s+|the\s+)?$/i;

export const OUTCOME = /\b(?:made|produced|yielded|achieved|brought)\s+(?:no|little|some|real|significant|substantial|any|a|modest)?\s*(?:progress|breakthrough|results?|agreement|deal)\b/gi;

export const CUE_PATTERNS: { pattern: RegExp; kind: CueKind; inProgress: boolean; needsFuturePrefix?: boolean }[] = [
  { pattern: /\b(?:cancel(?:l)?ed|cancels|called\s+off|calls\s+off|scrapped|scuttled|shelved|axed)\b/gi, kind: 'cancelled', inProgress: false },
  { pattern: /\b(?:postponed|postpones|delayed|delays|put\s+off|pushed\s+back|suspended)\b/gi, kind: 'postponed', inProgress: false },
  { pattern: /\b(?:ended|ends|concluded|concludes|wrapped\s+up|wraps\s+up|came\s+to\s+an\s+end|broke\s+up|broke\s+down|collapsed|paused|adjourned|recessed)\b/gi, kind: 'concluded', inProgress: false },
  { pattern: /\b(?:held|met|took\s+place|lasted|convened|reconvened|sat\s+down|attended|participated|took\s+part|have\s+had|has\s+had|led\s+(?:a|an|the|his|her|its)\s+(?:[\w.-]+\s+){0,3}delegation)\b/gi, kind: 'held', inProgress: false },
  // An outcome reported is a round held: "made no progress", "produced a breakthrough".
  { pattern: OUTCOME, kind: 'held', inProgress: false },
  // "spent eight hours in Geneva": time spent together is a round held.
  { pattern: /\bspent\s+(?:[\w-]+\s+){0,3}?hours\b/gi, kind: 'held', inProgress: false },
  { pattern: /\b(?:began|begun|begins|started|starts|opened|opens|commenced|commences|kicked\s+off|kicks\s+off|takes\s+place|taking\s+place|under\s*way|resumed|resumes|is\s+being\s+held|are\s+being\s+held)\b/gi, kind: 'held', inProgress: true },
  { pattern: /\b(?:scheduled|slated|set\s+(?:for|to)|planned|plans?|planning|expect(?:s|ed)?|agreed|upcoming|due\s+to|to\s+be\s+followed|is\s+to|are\s+to|should\s+be)\b/gi, kind: 'future', inProgress: false },
  // "were preparing on Tuesday for Wednesday's session": the session lies ahead.
  { pattern: /\b(?:preparing|prepares|preparations)\s+(?:[\w'’]+\s+){0,3}?for\b/gi, kind: 'future', inProgress: false },
  {
    pattern: /\b(?:hold|take\s+place|begin|start|resume|open|convene|reconvene|sit\s+down|meet|take\s+part|participate|attend|go|travel|head|fly|arrive|kick\s+off|last|follow|lead(?!\s+to\b))\b/gi,
    kind: 'future',
    inProgress: false,
    needsFuturePrefix: true,
  },
];

export const TALK_NOUN = /^(?:talks|negotiations|consultations|meetings?|sessions?|dialogue|dialog|discussions|rounds?|summit)$/i;

/**
 * Whether a verb, given the text before it, can tell the round's state: not in a clause of time
 * ("after the talks ended"), not in a relative clause about something else ("a slide that began
 * in October": the antecedent is the word before "that", or a talks noun with its place or
 * partner, "talks in Doha that concluded on Sunday").
 */
export function describesRound(before: string): boolean {
  if (SUBORDINATE_PREFIX.test(before)) return false;
  const relative = /([\p{L}.-]+)(?:\s+(?:in|at|on|with|between)\s+(?:the\s+)?[\p{Lu}][\p{L}.-]*(?:\s+[\p{Lu}][\p{L}.-]*)?)?\s+(?:that|which|who)\s+(?:[\p{L}]+\s+){0,2}$/u.exec(before);
  return !(relative && !TALK_NOUN.test(relative[1] ?? ''));
}

/** "had been scheduled", "was due to", "were to": a plan as it stood before the report. */
export const PAST_PLAN_BEFORE = /\b(?:had\s+been|had|was|were)\s+(?:(?:originally|initially|first|already|also)\s+)?$/i;

/** A causative before a participle: "to get <the talks> started", "to have <them> resumed". */
export const CAUSATIVE_BEFORE = /\bto\s+(?:get|have|see|keep)\s+(?:[\p{L}'’-]+\s+){1,5}$/iu;

export function findCues(text: string, span: Span, excluded: readonly Span[]): Cue[] {
  const cues: Cue[] = [];
  const clause = text.slice(span.start, span.end);
  for (const def of CUE_PATTERNS) {
    def.pattern.lastIndex = 0;
    for (const m of clause.matchAll(def.pattern)) {
      const start = span.start + m.index;
      const end = start + m[0].length;
      if (inSpan(excluded, start)) continue;
      const before = text.slice(Math.max(span.start, start - 40), start);
      if (!describesRound(before)) continue;
      const futurePrefix = FUTURE_PREFIX.exec(before);
      let kind = def.kind;
      let inProgress = def.inProgress;
      // "to get the negotiations started", "to see the talks resumed": a purpose, still ahead.
      const causative = CAUSATIVE_BEFORE.exec(text.slice(Math.max(span.start, start - 60), start));
      if (causative && (kind === 'held' || kind === 'concluded')) {
        cues.push({ start, end, kind: 'future', inProgress: false, purposeFrom: start - causative[0].length });
        continue;
      }
      if (futurePrefix) {
        // "to participate" after "led a delegation … " is past; "will hold", "to begin" are future.
        const infinitiveAfterPast = /^to\b/i.test(futurePrefix[0]) && PAST_FINITE.test(text.slice(span.start, start - futurePrefix[0].length));
        kind = infinitiveAfterPast ? 'held' : kind === 'held' || def.needsFuturePrefix ? 'future' : kind;
        inProgress = false;
      } else if (def.needsFuturePrefix) {
        continue;
      }
      if (cues.some((c) => start < c.end && c.start < end)) continue;
      const pastPlan = kind === 'future' && PAST_PLAN_BEFORE.test(text.slice(Math.max(span.start, start - 25), start));
      cues.push({ start, end, kind, inProgress, ...(pastPlan ? { pastPlan } : {}) });
    }
  }
  // The verb analysis reads the verbs the patterns do not list, in any tense ("will happen",
  // "had broken off", "is still ongoing", "will not take place as planned").
  // Only where the patterns found nothing, or a negation may turn a cue around (the analysis is
  // the costly part of extraction: clauses that need it are few).
  const patternCues = cues.length;
  if (patternCues > 0 && !/\b(?:not|never)\b|n['’]t\b/i.test(clause)) return cues.sort((a, b) => a.start - b.start);
  for (const g of sentenceSyntax(text).groups) {
    if (patternCues > 0 && !g.negated) continue;
    if (g.start < span.start || g.end > span.end || inSpan(excluded, g.start)) continue;
    if (!describesRound(text.slice(Math.max(span.start, g.start - 40), g.start))) continue;
    const cue = verbCue(g, text.slice(g.end, g.end + 40));
    if (!cue) continue;
    const overlapping = cues.find((c) => cue.start < c.end && c.start < cue.end);
    if (overlapping) {
      if (cue.offSchedule) Object.assign(overlapping, { kind: cue.kind, inProgress: false, offSchedule: true });
      continue;
    }
    cues.push({ start: cue.start, end: cue.end, kind: cue.kind, inProgress: cue.inProgress, offSchedule: cue.offSchedule });
  }
  return cues.sort((a, b) => a.start - b.start);
}
