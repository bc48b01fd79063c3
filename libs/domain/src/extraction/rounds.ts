// Rules that find rounds of talks: a session noun ("talks", "round", "meeting"…), the parties
// around it, a status cue, a date, a venue, an ordinal. Each rule family is a small function so
// that a later version can replace one without touching the others.
import { type AnalysedMention, type SentenceAnalysis, type Span, inSpan } from './analysis.js';
import {
  type DateFinder, type FoundDate, type Tense, addDays, createDateFinder, datesCompatible, findDayOffsets, isoDay, morePrecise, referenceInstant,
} from '../text/dates.js';
import type { DateRef, NegotiationOutcome, RoundStatus } from '../events/events.js';
import type { Evidence, ExtractedRound } from './types.js';
import {
  CARDINALS, DENIAL, NEGATION, NOT_A_ROUND, ONE_SIDED, ORDINAL_PATTERN, PREPOSITIONS, TOPIC_PREPOSITIONS, TRIGGER, mentionsTalks, ordinalValue,
} from './lexicon.js';
import { sortParties } from '../events/ids.js';
import { MAX_ROUND_SPAN_DAYS, continuesRound, daysBetween } from '../projection/round-continuation.js';
import { mediatorParties } from './mediators.js';
import { type PartySource, type RoundCue, betterPartySource, roundConfidence } from './confidence.js';
import { findOutcome } from './outcomes.js';
import { verbCue } from './status-verbs.js';
import { sentenceSyntax } from './syntax.js';

type CueKind = 'held' | 'concluded' | 'postponed' | 'cancelled' | 'future';

interface Cue {
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

interface Trigger {
  start: number;
  end: number;
  ordinal: number | null;
  anaphoric: boolean;
  /** The verb "meet": a round only when its participants are the subject and object (see verbParties). */
  verb: boolean;
  /** A verb of an organisation in session ("the OSCE discussed …"): its subject is the organisation. */
  organisation: boolean;
}

const PARTICIPATION = /\b(?:attend|attends|attended|join|joins|joined|participate|participates|participated|take\s+part|took\s+part|along\s+with)\b/i;
const PARTICIPANTS = /\b(?:two|both|the)\s+(?:sides|leaders|delegations|parties|countries|negotiators|presidents|ministers)\b/i;

/**
 * "X and Y will meet", "X met Y", "X and Y sat down in Geneva", "X and Y spent eight hours in
 * Geneva": a meeting named by its verb (its participants are then its subject and object).
 */
const MEET_VERB = /\b(?:meet|meets|met|convene|convenes|convened|reconvene|reconvenes|reconvened|s[ai]ts?\s+down|spen[dt]s?\s+(?:[\w-]+\s+){0,3}?hours)\b/gi;
/** "demands were met", "to be met with": the verb's other senses come passive. */
const PASSIVE_BEFORE = /\b(?:was|were|be|been|being|is|are|get|gets|got)\s+(?:\w+\s+)?$/i;

/** Whether text names a session of talks by a noun or by the verb "meet". */
function mentionsRound(text: string): boolean {
  MEET_VERB.lastIndex = 0;
  return mentionsTalks(text) || MEET_VERB.test(text);
}

/** One round as the article describes it, before being returned. */
interface RoundDraft {
  parties: string[];
  forum: string | null;
  ordinal: number | null;
  status: RoundStatus;
  date: DateRef | null;
  /** The date is the publication date, inferred from "began"/"under way". */
  dateInferred: boolean;
  venue: string | null;
  evidence: Evidence;
  evidenceScore: number;
  /** Order in which drafts were last touched: the most recent one is the antecedent of "the talks". */
  touched: number;
  /** Parties some report of the round names as mediators (extraction/mediators.ts). */
  mediators: string[];
  /** What a clause of it says of the negotiation as a whole (extraction/outcomes.ts). */
  outcome: NegotiationOutcome | null;
  /** For its confidence: the strongest status cue, best party source and whether a body sentence reports it. */
  cue: RoundCue;
  partiesFrom: PartySource;
  bodySentence: boolean;
}

const STATUS_RANK: Record<RoundStatus, number> = { announced: 1, scheduled: 2, postponed: 3, cancelled: 4, held: 5, concluded: 6 };

const FUTURE_PREFIX = /\b(?:will|would|shall|to|should|could|may|might|must)\s+(?:also\s+|then\s+|now\s+|likely\s+|soon\s+|again\s+|only\s+|finally\s+)?(?:be\s+)?$|['’]ll\s+(?:be\s+)?$/i;
const PAST_FINITE = /\b(?:led|went|travel(?:l)?ed|arrived|came|flew|gathered|sent|headed|returned|met)\b/i;
const SUBORDINATE_PREFIX = /\b(?:after|before|since|following|prior\s+to|until|pending)\s+(?:being\s+|having\s+been\s+|the\s+)?$/i;

const OUTCOME = /\b(?:made|produced|yielded|achieved|brought)\s+(?:no|little|some|real|significant|substantial|any|a|modest)?\s*(?:progress|breakthrough|results?|agreement|deal)\b/gi;

const CUE_PATTERNS: { pattern: RegExp; kind: CueKind; inProgress: boolean; needsFuturePrefix?: boolean }[] = [
  { pattern: /\b(?:cancel(?:l)?ed|cancels|called\s+off|calls\s+off|scrapped)\b/gi, kind: 'cancelled', inProgress: false },
  { pattern: /\b(?:postponed|postpones|delayed|delays|put\s+off|pushed\s+back|suspended|paused|adjourned)\b/gi, kind: 'postponed', inProgress: false },
  { pattern: /\b(?:ended|ends|concluded|concludes|wrapped\s+up|wraps\s+up|came\s+to\s+an\s+end|broke\s+up|broke\s+down|collapsed)\b/gi, kind: 'concluded', inProgress: false },
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
    pattern: /\b(?:hold|take\s+place|begin|start|resume|open|convene|reconvene|sit\s+down|meet|take\s+part|participate|attend|go|travel|head|fly|kick\s+off|last|follow|lead(?!\s+to\b))\b/gi,
    kind: 'future',
    inProgress: false,
    needsFuturePrefix: true,
  },
];

const TALK_NOUN = /^(?:talks|negotiations|consultations|meetings?|sessions?|dialogue|dialog|discussions|rounds?|summit)$/i;

/**
 * Whether a verb, given the text before it, can tell the round's state: not in a clause of time
 * ("after the talks ended"), not in a relative clause about something else ("a slide that began
 * in October": the antecedent is the word before "that", or a talks noun with its place or
 * partner, "talks in Doha that concluded on Sunday").
 */
function describesRound(before: string): boolean {
  if (SUBORDINATE_PREFIX.test(before)) return false;
  const relative = /([\p{L}.-]+)(?:\s+(?:in|at|on|with|between)\s+(?:the\s+)?[\p{Lu}][\p{L}.-]*(?:\s+[\p{Lu}][\p{L}.-]*)?)?\s+(?:that|which|who)\s+(?:[\p{L}]+\s+){0,2}$/u.exec(before);
  return !(relative && !TALK_NOUN.test(relative[1] ?? ''));
}

/** "had been scheduled", "was due to", "were to": a plan as it stood before the report. */
const PAST_PLAN_BEFORE = /\b(?:had\s+been|had|was|were)\s+(?:(?:originally|initially|first|already|also)\s+)?$/i;

/** A causative before a participle: "to get <the talks> started", "to have <them> resumed". */
const CAUSATIVE_BEFORE = /\bto\s+(?:get|have|see|keep)\s+(?:[\p{L}'’-]+\s+){1,5}$/iu;

function findCues(text: string, span: Span, excluded: readonly Span[]): Cue[] {
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

const MODIFIER = /^(?:[A-Z][\p{L}.’'-]*|[\p{L}]+-[\p{L}-]+|\d[\p{L}\d-]*|security|peace|ceasefire|truce|trade|nuclear|economic|bilateral|trilateral|multilateral|direct|indirect|formal|informal|fresh|new|next|upcoming|planned|extraordinary|urgent|broader|regional|technical|ministerial|strategic|stability|emergency|preliminary|expert|high|level|peace|stage|political|diplomatic|military|further|substantive|official|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|final|last|latest|previous|round|initial|crucial|key|two|one|three)$/u;
const DETERMINER = /^(?:the|a|an|those|these|this|that|any|no|such|its|their|his|her|our|another|[\p{L}]+['’]s?)$/iu;

function triggerDeterminer(text: string, start: number, clauseStart: number): string | null {
  const words = text.slice(clauseStart, start).split(/\s+/).filter(Boolean);
  for (let i = words.length - 1, seen = 0; i >= 0 && seen < 5; i--, seen++) {
    const w = (words[i] ?? '').replace(/^[("“‘]+|[)"”’,]+$/g, '');
    if (DETERMINER.test(w)) return w.toLowerCase();
    if (!MODIFIER.test(w)) return null;
  }
  return null;
}

function findTriggers(a: SentenceAnalysis, span: Span): Trigger[] {
  const text = a.text;
  const out: Trigger[] = [];
  const clause = text.slice(span.start, span.end);
  TRIGGER.lastIndex = 0;
  for (const m of clause.matchAll(TRIGGER)) {
    const start = span.start + m.index;
    const end = start + m[0].length;
    if (inSpan(a.attributions, start) || (a.dateline && start < a.dateline.end)) continue;
    const phrase = m[0].toLowerCase();
    const firstWord = phrase.split(/\s+/)[0] ?? '';
    if (CARDINALS.has(firstWord) || /^rounds\b/.test(phrase)) continue; // "two rounds of talks": a summary
    const before = text.slice(Math.max(span.start, start - 30), start);
    let ordinal = ordinalValue(firstWord);
    if (ordinal === null && /^(?:rounds?|sessions?)\b/.test(phrase)) {
      const prefix = new RegExp(`\\b(${ORDINAL_PATTERN})\\s+$`, 'i').exec(before);
      ordinal = prefix?.[1] ? ordinalValue(prefix[1]) : null;
    }
    if (/\b(?:meetings?|summit|discussions)\b/.test(phrase) && !/\bround/.test(phrase)) ordinal = null;
    // "the first round … under the new president", "the first meeting in two years": relative ordinals.
    const after = text.slice(end, Math.min(span.end, end + 60));
    if (ordinal !== null && /^\s+(?:of\s+[\w\s-]{0,40}?\s+)?(?:under|since|in\s+(?:over|more\s+than|the\s+past|almost|nearly|\d+|two|three|four|five|six|seven|eight|nine|ten)|this\s+year|of\s+the\s+year)\b/i.test(after)) {
      ordinal = null;
    }
    const determiner = triggerDeterminer(text, start, span.start);
    if (determiner === 'any' || determiner === 'no' || determiner === 'such') continue;
    const selfContained = /^\s+(?:of|between|with)\s+(?:the\s+)?[A-Z]/.test(after);
    const anaphoric =
      ordinal === null && !selfContained && determiner !== null && !['a', 'an', 'another'].includes(determiner) && !/\b(?:next|new|another)\b/.test(phrase);
    out.push({ start, end, ordinal, anaphoric, verb: false, organisation: false });
  }
  // A forum named as what happened ("continued with the NATO-Russia Council in Brussels"): its session.
  for (const m of a.mentions) {
    if (!m.forum || m.start < span.start || m.end > span.end || m.inAttribution || m.inDateline) continue;
    if (out.some((t) => t.start >= m.start && t.start <= m.end + 12)) continue;
    out.push({ start: m.start, end: m.end, ordinal: null, anaphoric: false, verb: false, organisation: false });
  }
  MEET_VERB.lastIndex = 0;
  for (const m of clause.matchAll(MEET_VERB)) {
    const start = span.start + m.index;
    if (inSpan(a.attributions, start) || (a.dateline && start < a.dateline.end)) continue;
    if (out.some((t) => start >= t.start && start < t.end) || PASSIVE_BEFORE.test(text.slice(Math.max(0, start - 30), start))) continue;
    out.push({ start, end: start + m[0].length, ordinal: null, anaphoric: false, verb: true, organisation: false });
  }
  for (const v of organisationVerbs(a, span)) {
    if (!out.some((t) => v.start >= t.start && v.start < t.end)) out.push({ ...v, ordinal: null, anaphoric: false, verb: true, organisation: true });
  }
  return out.sort((x, y) => x.start - y.start);
}

/** "the OSCE discussed the standoff", "the members of the OSCE will take up European security". */
const ORGANISATION_VERB = /\b(?:discuss|discusses|discussed|debate|debates|debated|take\s+up|takes\s+up|took\s+up)\b/gi;
const ORGANISATION_VERB_PAST = /^(?:discussed|debated|took\s+up)$/i;
/** What may stand between a subject and its verb: "will", "will then", "is to". */
const AUXILIARIES = /^\s*(?:(?:has|have|had|will|would|is\s+to|was\s+to|to|should|could|may|might|also|then|again|finally|now|only)\s+){0,3}$/i;

/**
 * Verbs of an organisation in session: an organisation (party kind "organisation") as their
 * subject, right before them. Its member states discuss something together: a session of it.
 */
function organisationVerbs(a: SentenceAnalysis, span: Span): Span[] {
  // No organisation named, no subject of these verbs (most sentences): nothing to scan.
  if (!a.mentions.some((x) => x.kind === 'organisation')) return [];
  const clause = a.text.slice(span.start, span.end);
  const out: Span[] = [];
  ORGANISATION_VERB.lastIndex = 0;
  for (const m of clause.matchAll(ORGANISATION_VERB)) {
    const start = span.start + m.index;
    if (inSpan(a.attributions, start) || (a.dateline && start < a.dateline.end)) continue;
    const subject = a.mentions.filter((x) => x.start >= span.start && x.end <= start && x.party !== null && !x.locative && !x.inAttribution).at(-1);
    if (subject?.kind === 'organisation' && AUXILIARIES.test(a.text.slice(subject.end, start))) out.push({ start, end: start + m[0].length });
  }
  return out;
}

/** "X and the other participating states of Y": X with the organisation it belongs to. */
const MEMBERS_OF = /^\s+and\s+(?:the\s+)?(?:other|remaining|fellow)\s+(?:[\p{L}-]+\s+){0,2}(?:states|members|countries|nations|allies|governments)\s+of\s+(?:the\s+)?$/iu;

/** Words between "met" and its object: "met with", "met Russian Foreign Minister", "met the". */
const OBJECT_GAP = /^\s+(?:with\s+)?(?:the\s+|his\s+|her\s+|their\s+|its\s+)?(?:[\p{Lu}][\p{L}.'’-]*\s+){0,4}$/u;

/**
 * The participants of a meeting named by the verb: parties before it (its subject) and, right after
 * it, its object ("Lavrov met Blinken", "met with Ukrainian officials"). null when the sentence
 * does not have that shape ("Russia must meet its obligations").
 */
function verbParties(a: SentenceAnalysis, span: Clause, trigger: Trigger, venues: readonly Venue[]): string[] | null {
  // "The NATO-Russia Council met/will convene": a forum as the subject brings its members.
  const forumSubject = a.mentions.filter((m) => m.start >= span.start && m.end <= trigger.start && !m.inAttribution && !m.inDateline).at(-1);
  if (forumSubject?.forum && !PREPOSITIONS.has(forumSubject.prep) && /^\s*(?:(?:has|have|had|will|would|is\s+to|was\s+to|to|should|could|may|might|also|then|again|finally|now|only)\s+){0,3}$/i.test(a.text.slice(forumSubject.end, trigger.start))) {
    return sortParties(forumSubject.forum.parties);
  }
  const usable = (m: AnalysedMention): boolean =>
    m.start >= span.start && m.end <= span.end && m.party !== null && !m.locative && !m.inAttribution && !m.inDateline &&
    !TOPIC_PREPOSITIONS.has(m.prep) && !venues.some((v) => m.start >= v.span.start && m.end <= v.span.end);
  // The subject: the group of coordinated parties closest before the verb ("Serbia and Kosovo").
  const descriptive = descriptiveClauses(a.text);
  const before = a.mentions.filter((m) => usable(m) && m.end <= trigger.start && !inSpan(descriptive, m.start));
  const subjects: string[] = [];
  for (let i = before.length - 1; i >= 0; i--) {
    const m = before[i];
    if (!m) break;
    subjects.push(m.party ?? '');
    // "Russia and the other member states of the OSCE met": the members' organisation joins the subject.
    const previous = before[i - 1];
    const membersOf = previous && MEMBERS_OF.test(a.text.slice(previous.end, m.start));
    if (!m.coordinated && !membersOf) break;
  }
  const objects: string[] = [];
  for (const m of a.mentions) {
    if (!usable(m) || m.start < trigger.end) continue;
    if (objects.length === 0 ? !OBJECT_GAP.test(a.text.slice(trigger.end, m.start)) : !m.coordinated) break;
    objects.push(m.party ?? '');
  }
  // An organisation in session: its subject only ("NATO discussed Russia's proposals" is no meeting with Russia).
  if (trigger.organisation) return subjects.length > 0 ? sortParties(subjects) : null;
  const parties = sortParties([...subjects, ...objects]);
  if (parties.length >= 2) return parties;
  // "the two sides will meet again", "…, and agreed to meet again": participants named before.
  const elliptical = span.coordinate && subjects.length === 0 && objects.length === 0;
  return elliptical || PARTICIPANTS.test(a.text.slice(span.start, trigger.start)) ? parties : null;
}

interface Clause extends Span {
  /** Joined to its neighbour by "and", "while", ";" …: may share its verb ("…, and on 13 January – talks with X"). */
  coordinate: boolean;
  /** The piece holding the trigger, before trigger-less neighbours were merged into it. */
  core: Span;
}

const LIST_OF_MEETINGS =
  /(?:,\s+then|,?\s+(?:followed\s+by|continued\s+with|ended\s+with|closed\s+with|concluded\s+with|and\s+(?:then\s+)?(?:ended|closed|concluded|finished|continued)\s+with))\s+|\s+and\s+(?:then\s+)?(?:to\s+|with\s+|by\s+)?(?=(?:the\s+|a\s+)?(?:[\p{Lu}][\p{L}.-]*\s+|strategic\s+|stability\s+|security\s+){1,4}(?:talks|meeting|session|council|dialogue|consultations)\b)/giu;

/** Splits a sentence into clauses at ", while", ", and", ", when", "; " … keeping only those with a trigger. */
function roundClauses(a: SentenceAnalysis): Clause[] {
  const text = a.text;
  /** hard: the pieces on either side stay apart even when one names no round. */
  const cuts: { at: number; coordinate: boolean; hard?: boolean }[] = [{ at: 0, coordinate: false }];
  for (const m of text.matchAll(/,\s+(?:(while|whereas|but|and|as\s+well\s+as)|when|where|which|who)\s+|;\s+|\s+(and)\s+(?=(?:agreed|decided|plan|planned|promised|pledged|will|expect|are\s+(?:due|set|expected)|said\s+they\s+would)\b)/gi)) {
    cuts.push({ at: m.index, coordinate: m[1] !== undefined || m[2] !== undefined || m[0].startsWith(';') });
  }
  // A list of meetings ("talks in X on D1, followed by the council meeting in Y on D2 and the
  // session in Z on D3"; "began with …, continued with … and ended with …"): one clause per meeting.
  // "then" lists only after a comma: "the council will then convene" is one clause.
  for (const m of text.matchAll(LIST_OF_MEETINGS)) {
    if (!cuts.some((c) => Math.abs(c.at - m.index) < 3)) cuts.push({ at: m.index, coordinate: true });
  }
  // "A day after X and Y met in Geneva, Z …", "the session came two days after X and Y met": the
  // event a day offset introduces is a clause of its own, dated from the rest of the sentence.
  for (const o of findDayOffsets(text)) {
    if (o.from !== 'complement' || inSpan(a.attributions, o.start)) continue;
    const leading = text.slice(a.dateline?.end ?? 0, o.start).trim() === '';
    const at = leading ? text.indexOf(', ', o.end) : o.start;
    if (at <= 0) continue;
    const existing = cuts.find((c) => Math.abs(c.at - at) < 3);
    if (existing) existing.hard = true;
    else cuts.push({ at, coordinate: false, hard: true });
  }
  cuts.sort((x, y) => x.at - y.at);
  cuts.push({ at: text.length, coordinate: false });
  const pieces: (Clause & { hardStart: boolean })[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]?.at ?? 0;
    const end = cuts[i + 1]?.at ?? text.length;
    pieces.push({ start, end, coordinate: cuts[i]?.coordinate === true || cuts[i + 1]?.coordinate === true, core: { start, end }, hardStart: cuts[i]?.hard === true });
  }
  const merged: Clause[] = [];
  const hasTrigger = (s: Span): boolean =>
    mentionsRound(text.slice(s.start, s.end)) || a.mentions.some((m) => m.forum !== null && m.start >= s.start && m.end <= s.end) || organisationVerbs(a, s).length > 0;
  for (const { hardStart, ...piece } of pieces) {
    const last = hardStart ? undefined : merged.at(-1);
    if (last && !hasTrigger(piece)) last.end = piece.end;
    else if (last && !hasTrigger(last)) {
      last.end = piece.end;
      last.coordinate ||= piece.coordinate;
      last.core = { ...piece.core };
    } else merged.push({ ...piece, core: { ...piece.core } });
  }
  return merged;
}

const VENUE = /\b(?:in|at)\s+(?:the\s+)?((?:[A-Z][\p{L}'’-]+)(?:\s+[A-Z][\p{L}'’-]+){0,3}(?:\s+(?:region|province|oblast|district|area|capital))?(?:(?:,\s+|\s+of\s+)[A-Z][\p{L}'’-]+)?)/gu;
const NOT_VENUE_WORD = /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|A|An|This|That|Today|Tomorrow|Yesterday|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|His|Her|Their|Its|Our)$/;
const AFTER_VENUE_OK = /^(?:$|[,.;:!?)"”’–—-]|\s+(?:(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+days?|the\s+(?:following|next|previous|same)\s+day|on|in|at|for|early|late|next|this|last|from|to|and|with|after|before|between|during|where|which|that|who|as|later|soon|today|tomorrow|amid|over|about|until|when|while|by|under|was|were|is|are|will|would|has|have|had|could|should|may|might|ended|began|collapsed|broke|resumed|continued|lasted|took|opened|closed)\b)/;

interface Venue {
  name: string;
  span: Span;
}

function findVenues(a: SentenceAnalysis, span: Span): Venue[] {
  const text = a.text;
  const out: Venue[] = [];
  const clause = text.slice(span.start, span.end);
  VENUE.lastIndex = 0;
  for (const m of clause.matchAll(VENUE)) {
    const name = m[1] ?? '';
    const start = span.start + m.index + m[0].length - name.length;
    const end = start + name.length;
    if (inSpan(a.attributions, start) || (a.dateline && start < a.dateline.end)) continue;
    const firstWord = name.split(/\s+/)[0] ?? '';
    if (NOT_VENUE_WORD.test(firstWord)) continue;
    if (!AFTER_VENUE_OK.test(text.slice(end))) continue; // "in the Ukraine conflict": a modifier, not a place
    const mentions = a.mentions.filter((x) => x.start >= start && x.end <= end);
    // A party's own name is a venue only as a country ("talks in Belarus"), never an organisation or an adjective.
    if (mentions.some((x) => x.via === 'demonym' || x.via === 'official' || x.via === 'forum')) continue;
    if (mentions.length === 1 && mentions[0]?.start === start && mentions[0].end === end && mentions[0].via === 'alias') continue;
    out.push({ name, span: { start, end } });
  }
  for (const m of a.mentions) {
    if (m.start < span.start || m.end > span.end || !m.locative || m.inAttribution || m.prep !== 'to') continue;
    if (!out.some((v) => m.start >= v.span.start && m.end <= v.span.end)) out.push({ name: m.text, span: { start: m.start, end: m.end } });
  }
  return out;
}

const distance = (a: Span, b: Span): number => (a.end <= b.start ? b.start - a.end : b.end <= a.start ? a.start - b.end : 0);
const nearest = <T>(items: readonly T[], spanOf: (x: T) => Span, target: Span): T | undefined =>
  [...items].sort((x, y) => distance(spanOf(x), target) - distance(spanOf(y), target))[0];

const EXCLUDED_DATE_BEFORE = new Set(['said', 'says', 'told', 'added', 'reported', 'reports', 'announced', 'wrote', 'since', 'a', 'an', 'noted', 'stated']);

/** A date inside a "since …" phrase: "since the outbreak of the war in". */
const SINCE_PHRASE = /\bsince\s+(?:the\s+|a\s+|an\s+|their\s+|its\s+)?(?:[\p{L}'’-]+\s+){0,5}(?:in|on|of)?\s*$/iu;

function tenseOf(kind: CueKind | null): Tense {
  if (kind === 'held' || kind === 'concluded') return 'past';
  if (kind === 'future') return 'future';
  return 'unknown';
}

/** Verbs whose "that" opens a complement ("said that the talks begin on Monday"), not a relative clause. */
const COMPLEMENT_TAKER = /^(?:said|says|say|told|tells|announced|announces|confirmed|confirms|agreed|agree|agrees|expected|expects|expect|hoped|hopes|believed|believes|stated|added|noted|insisted|insists|warned|warns|argued|suggested|reported|indicated|clear|so|such|now|than|thought|know|knew|known|stressed|explained|signalled|signaled|promised|pledged|decided|assured|learned|show|showed|shows|means|meant)$/i;

/**
 * "the channel that the two governments revived this year", "Rau, who chairs the OSCE this year":
 * a date inside a relative clause about something other than the talks dates that thing.
 */
function inRelativeClause(text: string, from: number, at: number, attributions: readonly Span[]): boolean {
  const before = text.slice(from, at);
  const m = /([\p{L}.'’-]+)(,?)\s+(that|which|who|whom|whose)\s+[^,;:()]*$/u.exec(before);
  if (!m) return false;
  // "said at a news conference on Monday that …": the attribution's "that" opens what was said.
  if (inSpan(attributions, from + m.index + m[0].search(/\s(?:that|which|who|whom|whose)\s/u) + 1)) return false;
  const antecedent = m[1] ?? '';
  if (TALK_NOUN.test(antecedent)) return false;
  if (m[3]?.toLowerCase() === 'that' && !m[2]) {
    // "that" with no comma relates a noun phrase only: "the channel on arms control that …", not "Recall that …".
    if (COMPLEMENT_TAKER.test(antecedent)) return false;
    const lead = before.slice(0, m.index).split(/\s+/).filter(Boolean).slice(-4);
    if (!lead.some((w) => /^(?:the|a|an|its|their|his|her|our|this|these|those|every|each)$/i.test(w))) return false;
  }
  return true;
}

function usableDates(a: SentenceAnalysis, span: Span, findDates: DateFinder, tense: Tense): FoundDate[] {
  return findDates(a.text.slice(span.start, span.end), tense)
    .map((d) => ({ ...d, start: d.start + span.start, end: d.end + span.start }))
    .filter((d) => !inSpan(a.attributions, d.start) && !(a.dateline && d.start < a.dateline.end) && !EXCLUDED_DATE_BEFORE.has(d.before))
    // "the first talks since the outbreak of war in February 2022": the date of what came before.
    .filter((d) => !SINCE_PHRASE.test(a.text.slice(Math.max(span.start, d.start - 50), d.start)))
    .filter((d) => !inRelativeClause(a.text, span.start, d.start, a.attributions));
}

/** ", who chairs the OSCE this year,": a comma-bounded relative clause describing someone, not a participant. */
function descriptiveClauses(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(/,\s+(?:who|whose|which)\s+[^,;]*,/gi)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/** Quotations: '"…"' and '“…”'. */
function quotations(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(/“[^”]*”|"[^"]*"/g)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

function roundParties(a: SentenceAnalysis, span: Span, venues: readonly Venue[], trigger: Span): { parties: string[]; forum: string | null } {
  const descriptive = descriptiveClauses(a.text);
  // What a speaker is quoted as saying ('"… like NATO's Article 5," X told reporters after talks
  // with Y') names no participant of talks the narration reports outside the quotation.
  const otherQuotes = quotations(a.text).filter((q) => !(trigger.start >= q.start && trigger.start < q.end));
  const inClause = (m: AnalysedMention): boolean =>
    m.start >= span.start && m.end <= span.end && !m.inAttribution && !m.inDateline && !inSpan(descriptive, m.start) && !inSpan(otherQuotes, m.start);
  const forumMention = a.mentions.find((m) => inClause(m) && m.forum !== null);
  if (forumMention?.forum) return { parties: sortParties(forumMention.forum.parties), forum: forumMention.forum.name };
  const parties = a.mentions
    .filter(inClause)
    .filter((m) => m.party !== null && !m.locative && !TOPIC_PREPOSITIONS.has(m.prep))
    .filter((m) => !venues.some((v) => m.start >= v.span.start && m.end <= v.span.end))
    .map((m) => m.party ?? '');
  return { parties: sortParties(parties), forum: null };
}

function finaliseStatus(status: RoundStatus, date: DateRef | null): RoundStatus {
  if (status === 'announced' || status === 'scheduled') return date?.precision === 'day' ? 'scheduled' : 'announced';
  return status;
}

function evidenceScore(a: SentenceAnalysis, d: Pick<RoundDraft, 'ordinal' | 'date' | 'dateInferred' | 'venue'>): number {
  const datePoints = !d.date || d.dateInferred ? 0 : d.date.precision === 'day' ? 3 : d.date.precision === 'month' ? 2 : 1;
  return (a.sentence.terminated && !a.sentence.heading ? 4 : 0) + (d.ordinal !== null ? 1 : 0) + datePoints + (d.venue ? 1 : 0);
}

/** The one party, besides `except`, that every round has (null when there is none or more than one). */
function commonParty(rounds: readonly { parties: readonly string[] }[], except: string): string | null {
  const [first, ...rest] = rounds;
  if (!first) return null;
  const shared = first.parties.filter((p) => p !== except && rest.every((r) => r.parties.includes(p)));
  return shared.length === 1 ? (shared[0] ?? null) : null;
}

const sameParties = (x: readonly string[], y: readonly string[]): boolean => x.length === y.length && x.every((p, i) => p === y[i]);
const subsetOf = (x: readonly string[], y: readonly string[]): boolean => x.every((p) => y.includes(p));

function compatible(r: RoundDraft, ordinal: number | null, date: DateRef | null): boolean {
  if (r.ordinal !== null && ordinal !== null && r.ordinal !== ordinal) return false;
  if (r.ordinal !== null && r.ordinal === ordinal) return true;
  const a = r.dateInferred ? null : r.date?.start;
  return datesCompatible(a, date?.start);
}

export interface RoundContext {
  /** null: an undated article (no day is "today"; dates the text does not place stay unresolved). */
  publishedAt: string | null;
  /** Analyses of every sentence, in article order. */
  analyses: readonly SentenceAnalysis[];
}

/** What one clause says about a round, before it is placed among the article's rounds. */
interface ClauseReading {
  primary: Trigger;
  clauseText: string;
  /** null: the clause names a round without saying anything about its state ("Welcome to the 8th round"). */
  status: RoundStatus | null;
  tense: Tense;
  ordinal: number | null;
  date: DateRef | null;
  dateInferred: boolean;
  venue: string | null;
  own: { parties: string[]; forum: string | null };
  /** The clause announces a further round ("will meet again"): it cannot be one already held. */
  fresh: boolean;
  outcome: NegotiationOutcome | null;
  /** Whether the status came from a cue of the clause's own or was inferred. */
  cue: RoundCue;
}

/** "talks on the war in Gaza": a place inside the topic phrase (no verb or relative word in between). */
const TOPIC_BEFORE_PLACE = /\b(?:on|about|over|regarding|concerning)\b(?:(?!\b(?:that|which|who|were|was|is|are|had|has|have|been|will|would|scheduled|set|planned|due|held)\b).)*$/i;
const MOVED_TO = /^\s+(?:\w+\s+){0,2}?(?:to|until|till)\s+$/i;
/** A round said to come after another: "meet again", "another round", "the next session". */
const FRESH = /\b(?:again|another|next|new|fresh|further)\b/i;

interface SentenceFacts {
  publishedAt: string | null;
  findDates: DateFinder;
  /** Cues of coordinate clauses, shared by elliptical ones ("…, and on 13 January – talks with X"). */
  sentenceCues: readonly Cue[];
  roundClauseCount: number;
  /** The date of the round the article told about last (the anchor of "two days later"). */
  recentDate: () => DateRef | null;
}

/**
 * Dates a clause gets from day offsets. "The council met two days later": two days after the
 * last day told before (in the sentence, else the article's latest round). "A day after X and Y
 * met in Geneva, diplomats were preparing on Tuesday …": X and Y met a day before the day of the
 * rest of the sentence (or, when that names a round without a day, of the latest round).
 */
function offsetDates(a: SentenceAnalysis, span: Span, primary: Trigger, facts: SentenceFacts, tense: Tense): FoundDate[] {
  const offsets = findDayOffsets(a.text.slice(span.start, span.end));
  if (offsets.length === 0) return [];
  const told = usableDates(a, { start: 0, end: a.text.length }, facts.findDates, tense).filter((d) => d.date.precision === 'day');
  const recent = facts.recentDate();
  const out: FoundDate[] = [];
  for (const o of offsets) {
    const start = span.start + o.start;
    const end = span.start + o.end;
    if (inSpan(a.attributions, start)) continue;
    let day: string | null = null;
    if (o.from === 'told') {
      const before = told.filter((d) => d.end <= start).at(-1)?.date.start ?? (recent?.precision === 'day' ? (recent.end ?? recent.start) : null);
      day = before ? addDays(before, o.days) : null;
    } else if (start < primary.start) {
      const rest = `${a.text.slice(0, span.start)} ${a.text.slice(span.end)}`;
      const outside = told.find((d) => d.start < span.start || d.start >= span.end)?.date.start;
      const main = outside ?? (mentionsRound(rest) && recent?.precision === 'day' ? recent.start : null);
      day = main ? addDays(main, -o.days) : null;
    }
    if (day) out.push({ start, end, before: '', date: { text: a.text.slice(start, end), start: day, end: null, precision: 'day' } });
  }
  return out;
}

/** A talks noun as the occasion of something else: "during the talks", "at a meeting", "after talks". */
const OCCASION_BEFORE = /\b(?:during|at|after|following|amid|on\s+the\s+(?:sidelines|margins)\s+of)\s+(?:(?:the|a|an|their|his|her|its|[\p{L}'’-]+['’]s)\s+)?(?:[\p{L}-]+\s+){0,3}$/iu;

/**
 * The tense of the verb an occasion phrase belongs to: the first verb after it when the phrase
 * opens its clause ("At a meeting in June, Trump agreed …"), else the nearest verb before it
 * ("… said after talks in Istanbul"). "has decided" is past; a modal ("should be found") is ahead.
 */
function occasionTense(a: SentenceAnalysis, span: Span, phraseStart: number, triggerEnd: number): { tense: 'past' | 'future' | null; speaker: Span | null } {
  const groups = sentenceSyntax(a.text).groups.filter((g) => g.start >= span.start && g.end <= span.end && !inSpan(a.attributions, g.start) && g.modal !== 'to' && (g.tense !== 'nonfinite' || g.modal !== null));
  const comma = a.text.slice(triggerEnd, span.end).search(/[,;]/);
  const opensClause = /^\s*$|[,;:]\s*$|\bthat\s*$/.test(a.text.slice(span.start, phraseStart));
  // The speaker's verb, when the occasion is where they spoke ("said on Friday after talks in Osaka").
  const spoken = sentenceSyntax(a.text).groups.filter((g) => g.start >= span.start && g.end <= phraseStart && inSpan(a.attributions, g.start) && g.tense !== 'nonfinite');
  const verb =
    opensClause && comma >= 0 ? groups.find((g) => g.start > triggerEnd + comma) : ([...groups].reverse().find((g) => g.end <= phraseStart) ?? spoken.at(-1));
  if (!verb) return { tense: null, speaker: null };
  const speaker = a.attributions.find((s) => verb.start >= s.start && verb.start < s.end) ?? null;
  if (verb.tense === 'future' || (verb.modal !== null && verb.modal !== 'would')) return { tense: 'future', speaker };
  if (verb.tense === 'past' || (verb.tense === 'present' && verb.perfect)) return { tense: 'past', speaker };
  return { tense: null, speaker };
}

/** The text of a span with the parts inside `spans` blanked out. */
function outsideSpans(text: string, span: Span, spans: readonly Span[]): string {
  let out = text.slice(span.start, span.end);
  for (const s of spans) {
    const from = Math.max(s.start, span.start) - span.start;
    const to = Math.min(s.end, span.end) - span.start;
    if (to > from) out = out.slice(0, from) + ' '.repeat(to - from) + out.slice(to);
  }
  return out;
}

/** Applies the rule families (trigger, exclusions, status cue, ordinal, venue, parties, date) to a clause. */
function readClause(a: SentenceAnalysis, span: Clause, facts: SentenceFacts): ClauseReading | null {
  const clauseText = a.text.slice(span.start, span.end);
  const triggers = findTriggers(a, span);
  const primary = triggers.find((t) => t.ordinal !== null) ?? triggers.find((t) => !t.anaphoric) ?? triggers[0];
  if (!primary) return null;
  const triggerSpan = { start: primary.start, end: primary.end };
  // A veto word in a merged follow-on clause ("…, and X promised written answers") says nothing
  // about the meeting the trigger's own clause reports.
  // Where the speaker spoke ("said at a news conference that …") says nothing about the meeting reported.
  if (NOT_A_ROUND.test(outsideSpans(a.text, span.core, a.attributions)) || DENIAL.test(a.text.slice(0, primary.start))) return null;
  // "offered talks", "ready for a meeting": one side's wish. Not "an offer made during the talks".
  const wishWindow = a.text.slice(Math.max(span.start, primary.start - 45), primary.start);
  const wish = ONE_SIDED.exec(wishWindow);
  if (wish && !/\b(?:during|at|after|following|amid|in)\s/i.test(wishWindow.slice(wish.index + wish[0].length))) return null;

  const cues = findCues(a.text, span, a.attributions);
  // When the talks are the subject and the clause ends on "postponed"/"called off"/"ended", that
  // last verb is the main one ("talks that were due on Sunday have been postponed").
  const lastCue = cues.at(-1);
  const terminalLast = lastCue && lastCue.start > primary.end && (lastCue.kind === 'postponed' || lastCue.kind === 'cancelled' || lastCue.kind === 'concluded');
  const cue = (terminalLast ? lastCue : nearest(cues, (c) => c, triggerSpan)) ?? (span.coordinate ? nearest(facts.sentenceCues, (c) => c, triggerSpan) : undefined);
  const outcome = findOutcome(a.text, span, a.attributions)?.outcome ?? null;
  let cueStrength: RoundCue = cue !== undefined && cues.includes(cue) ? 'explicit' : 'inferred';
  const negationWindow = a.text.slice(Math.max(span.start, Math.min(primary.start, cue?.start ?? primary.start) - 30), Math.max(primary.end, cue?.end ?? primary.end));
  // "made no progress", "without a deal" judge the round; they do not deny it.
  // "The sixth round will not take place" calls off a round the text names definitely; "X and Y will
  // not meet" or "talks will not take place" with nothing known of them reports no round.
  if (cue?.offSchedule && cue.kind === 'cancelled' && (primary.verb || (primary.ordinal === null && !primary.anaphoric))) return null;
  if (!cue?.offSchedule && NEGATION.test(negationWindow.replace(OUTCOME, ' ').replace(/\b(?:no|without)\s+(?:a\s+)?(?:progress|breakthrough|results?|agreement|deal|ceasefire)\b/gi, ' '))) return null;

  const overall = new RegExp(`\\b(${ORDINAL_PATTERN})\\s+overall\\b`, 'i').exec(clauseText);
  const ordinal = overall?.[1] ? ordinalValue(overall[1]) : primary.ordinal;

  let kind: CueKind | null = cue?.kind ?? null;
  // "during talks between X and Y", "at a meeting with Xi in late June, Trump agreed …": the round
  // is the occasion of the main verb, over when that verb is past, ahead when it is future.
  const occasion = OCCASION_BEFORE.exec(a.text.slice(Math.max(span.start, primary.start - 40), primary.start));
  // "said yesterday after talks in Istanbul": the day the speaker spoke dates the talks they came from.
  let occasionSpeaker: Span | null = null;
  // Without any cue the occasion must name its participants ("during talks between X and Y").
  const namesParticipants = /^\s+(?:between|with)\s/i.test(a.text.slice(primary.end, primary.end + 10));
  // A cue right after the talks, in their own clause ("after talks that ended on Friday"), stays theirs.
  const ownCue = cue !== undefined && cue.start > primary.end && !/[,;]/.test(a.text.slice(primary.end, cue.start));
  if (occasion && !primary.verb && (cue ? !ownCue : namesParticipants)) {
    const reading = occasionTense(a, span, primary.start - occasion[0].length, primary.end);
    if (reading.tense === 'past') kind = 'held';
    else if (reading.tense === 'future') kind = 'future';
    if (reading.tense) cueStrength = 'inferred';
    occasionSpeaker = reading.tense ? reading.speaker : null;
  }
  // An organisation's verb tells its own time: "discussed" (held), "will discuss" (future).
  if (primary.organisation) {
    cueStrength = 'inferred';
    if (ORGANISATION_VERB_PAST.test(a.text.slice(primary.start, primary.end))) kind = 'held';
    else if (FUTURE_PREFIX.test(a.text.slice(Math.max(span.start, primary.start - 40), primary.start))) kind = 'future';
  }
  if (!kind && ordinal !== null) {
    // An ordinal round without a cue takes the clause's tense, attributions ("…, Mora added") left out.
    let rest = '';
    for (let i = span.start; i < span.end; i++) rest += inSpan(a.attributions, i) ? ' ' : (a.text[i] ?? '');
    rest = rest.replace(/\b(?:round|rounds)\b/gi, '');
    if (/\b(?:will|would|next|upcoming|to\s+be)\b/i.test(rest)) kind = 'future';
    else if (/\b(?:had|was|were|did|has\s+been|have\s+been|\w{3,}ed)\b/i.test(rest)) kind = 'held';
    cueStrength = 'inferred';
  }

  // Places inside the topic ("talks on the war in Gaza") are not where the talks are.
  const venues = findVenues(a, span).filter((v) => !(v.span.start > primary.end && TOPIC_BEFORE_PLACE.test(a.text.slice(primary.end, v.span.start))));
  const venue = nearest(venues, (v) => v.span, triggerSpan)?.name ?? null;
  let own = roundParties(a, span, venues, triggerSpan);
  if (primary.verb) {
    const participants = verbParties(a, span, primary, venues);
    if (!participants) return null;
    // An organisation discussing something is a session only where it meets ("in Vienna").
    if (primary.organisation && venues.length === 0) return null;
    own = { parties: participants, forum: own.forum };
  }

  // A clause that says nothing about the round's state only enriches another: no date needed.
  if (!kind) return { primary, clauseText, status: null, tense: 'unknown', ordinal, date: null, dateInferred: false, venue, own, fresh: false, outcome, cue: cueStrength };

  // A plan told in the past is dated in the year closest to the report, not pushed ahead of it.
  let tense = cue?.pastPlan && kind === 'future' ? 'unknown' : tenseOf(kind);
  const offsets = offsetDates(a, span, primary, facts, tense);
  // "preparing on Tuesday for the session": a day inside the cue dates the cue, not the round.
  const outsideCues = (d: FoundDate): boolean => !cues.some((c) => d.start >= c.start && d.end <= c.end);
  const inPurpose = (d: FoundDate): boolean => cue?.purposeFrom === undefined || d.start >= cue.purposeFrom;
  const candidates = [...usableDates(a, span, facts.findDates, tense).filter(outsideCues).filter(inPurpose), ...offsets];
  let found = nearest(candidates, (d) => d, triggerSpan);
  // "The dialogue, which began with a dinner on Sunday, wrapped up on Monday": the day of the
  // ending is the one next to "wrapped up"; the day next to "began" opens the round.
  if (terminalLast && lastCue.kind === 'concluded') {
    const ending = nearest(candidates, (d) => d, lastCue);
    const opening = cues.find((c) => c.inProgress && c.kind === 'held' && c.end <= lastCue.start);
    const opened = opening ? nearest(candidates.filter((d) => d !== ending && d.end <= lastCue.start), (d) => d, opening) : undefined;
    if (ending && opened?.date.precision === 'day' && ending.date.precision === 'day') {
      const days = daysBetween(opened.date.start, ending.date.start);
      found = days > 0 && days <= MAX_ROUND_SPAN_DAYS ? { ...ending, date: { ...ending.date, start: opened.date.start, end: ending.date.start } } : ending;
    } else if (ending) found = ending;
  }
  // A clause dated from another event takes no date from the rest of the sentence.
  if (!found && findDayOffsets(clauseText).length === 0 && facts.roundClauseCount <= 1) found = nearest(usableDates(a, { start: 0, end: a.text.length }, facts.findDates, tense).filter(outsideCues).filter(inPurpose), (d) => d, triggerSpan);
  // "postponed until May 20", "moved to March 3": the round's date is now the new one.
  if (kind === 'postponed' && cue) {
    const moved = usableDates(a, span, facts.findDates, 'future').find((d) => d.start >= cue.end && MOVED_TO.test(a.text.slice(cue.end, d.start)));
    if (moved) found = moved;
  }
  const today = facts.publishedAt === null ? null : isoDay(referenceInstant(facts.publishedAt));
  // "begins on 10 January" read before that day is future, whatever the verb's tense.
  if (found && kind === 'held' && cue?.inProgress && found.date.precision === 'day' && today !== null && found.date.start > today) {
    kind = 'future';
    tense = 'future';
  }
  // "X said late yesterday that the talks had broken off": a round over when it was reported is
  // dated by the day of the report, when nothing else dates it.
  const perfectCue = cue !== undefined && /^(?:had|has|have)\s/i.test(a.text.slice(cue.start, cue.end));
  const reportedOver = (kind === 'held' || kind === 'concluded') && perfectCue ? (a.attributions.find((s) => s.end <= primary.start && s.start <= (a.dateline?.end ?? 0)) ?? null) : null;
  const speakerSpan = occasionSpeaker ?? reportedOver;
  if (!found && speakerSpan) {
    const spokenAt = speakerSpan;
    found = facts.findDates(a.text.slice(spokenAt.start, spokenAt.end), 'past').map((d) => ({ ...d, start: d.start + spokenAt.start, end: d.end + spokenAt.start })).find((d) => d.date.precision === 'day');
  }
  let date: DateRef | null = found?.date ?? null;
  let dateInferred = false;
  // "have concluded their first round", "has met": just over at the report, so its day.
  const presentPerfect = cue !== undefined && (/^(?:has|have)\s/i.test(a.text.slice(cue.start, cue.end)) || /\b(?:has|have)\s+(?:now\s+|just\s+|finally\s+)?$/i.test(a.text.slice(Math.max(0, cue.start - 20), cue.start)));
  if (!date && (kind === 'held' || kind === 'concluded') && presentPerfect && today !== null) {
    date = { text: a.text.slice(cue.start, cue.end), start: today, end: null, precision: 'day' };
    dateInferred = true;
  }
  // "Talks began" dates the round to the publication day, when there is one.
  if (!date && kind === 'held' && cue?.inProgress && today !== null) {
    date = { text: a.text.slice(cue.start, cue.end), start: today, end: null, precision: 'day' };
    dateInferred = true;
  }
  const status = finaliseStatus(kind === 'future' ? 'announced' : kind, date);
  const fresh = FRESH.test(a.text.slice(Math.max(span.start, primary.start - 30), Math.min(span.end, primary.end + 12)));
  return { primary, clauseText, status, tense, ordinal, date, dateInferred, venue, own, fresh, outcome, cue: cueStrength };
}

/** Finds the rounds an article reports, merged within the article. */
export function extractRounds(ctx: RoundContext): ExtractedRound[] {
  const drafts: RoundDraft[] = [];
  const findDates = createDateFinder(ctx.publishedAt);
  const today = ctx.publishedAt === null ? null : isoDay(referenceInstant(ctx.publishedAt));
  let clock = 0;
  // A round whose parties are only named later ("Talks … were postponed. Israel and Hamas were to
  // attend the talks."): kept for the next sentence's anaphoric mention.
  let pending: { draft: Omit<RoundDraft, 'touched'>; sentence: number } | null = null;
  const mostRecent = (): RoundDraft | undefined => [...drafts].sort((x, y) => y.touched - x.touched)[0];

  const merge = (target: RoundDraft, src: Omit<RoundDraft, 'touched'>): void => {
    if (target.date?.precision === 'day' && src.date?.precision === 'day' && !src.dateInferred && !target.dateInferred && continuesRound(target, src.status, src.date)) {
      target.date = { ...target.date, end: src.date.start };
      src = { ...src, date: null };
    }
    target.forum ??= src.forum;
    target.ordinal ??= src.ordinal;
    if (target.dateInferred && src.date && !src.dateInferred && datesCompatible(target.date?.start, src.date.start)) {
      target.date = src.date;
      target.dateInferred = false;
    } else if (!src.dateInferred || !target.date) {
      const chosen = morePrecise(target.date, src.date);
      if (chosen !== target.date) {
        target.date = chosen;
        target.dateInferred = src.dateInferred;
      }
    }
    target.venue ??= src.venue;
    target.mediators = sortParties([...new Set([...target.mediators, ...src.mediators])]);
    target.outcome ??= src.outcome;
    if (src.cue === 'explicit') target.cue = 'explicit';
    target.partiesFrom = betterPartySource(target.partiesFrom, src.partiesFrom);
    target.bodySentence ||= src.bodySentence;
    if (STATUS_RANK[src.status] > STATUS_RANK[target.status]) target.status = src.status;
    target.status = finaliseStatus(target.status, target.date);
    if (src.evidenceScore > target.evidenceScore) {
      target.evidence = src.evidence;
      target.evidenceScore = src.evidenceScore;
    }
    target.touched = ++clock;
  };

  // "They met on Monday and will meet again next week": a further round is not the one held.
  const absorbs = (target: RoundDraft, status: RoundStatus, fresh: boolean): boolean =>
    !(fresh && (status === 'announced' || status === 'scheduled') && STATUS_RANK[target.status] >= STATUS_RANK.held);

  const add = (draft: Omit<RoundDraft, 'touched'>, mode: 'create' | 'merge-only', fresh = false): void => {
    const candidates = drafts.filter((r) => sameParties(r.parties, draft.parties) && compatible(r, draft.ordinal, draft.date) && absorbs(r, draft.status, fresh));
    const sameOrdinal = candidates.find((r) => r.ordinal !== null && r.ordinal === draft.ordinal);
    // A dated report goes to the round with a date it fits before a round without any date.
    const sameDate = draft.date && !draft.dateInferred ? candidates.filter((r) => r.date !== null && !r.dateInferred) : [];
    const byRecency = (list: RoundDraft[]): RoundDraft | undefined => [...list].sort((x, y) => y.touched - x.touched)[0];
    const target = sameOrdinal ?? byRecency(sameDate) ?? byRecency(candidates);
    if (target) merge(target, draft);
    else if (mode === 'create') drafts.push({ ...draft, touched: ++clock });
  };

  /** Borrows participants (and, for "the meeting", its date and place) from the previous sentences. */
  const fromContext = (a: SentenceAnalysis, parties: string[], tense: Tense): { parties: string[]; date: DateRef | null; venue: string | null } => {
    let found = parties;
    for (let back = 1; back <= 2 && found.length < 2; back++) {
      const prev = ctx.analyses[a.sentence.index - back];
      if (!prev) break;
      for (const p of prev.mentions.filter((m) => m.parties.length > 0 && !m.locative && !m.inDateline).flatMap((m) => m.parties)) {
        if (found.length < 2 && !found.includes(p)) found = sortParties([...found, p]);
      }
      if (found.length >= 2) {
        const prevDate = findDates(prev.text, tense).find((d) => !(prev.dateline && d.start < prev.dateline.end));
        const prevVenue = prev.mentions.find((m) => m.locative && m.party !== null && m.prep === 'in');
        return { parties: found, date: prevDate?.date ?? null, venue: prevVenue?.text ?? null };
      }
    }
    return { parties: found, date: null, venue: null };
  };

  // Full sentences first; headlines and other unterminated lines may only confirm what the body says.
  const ordered = [...ctx.analyses.filter((a) => a.sentence.terminated && !a.sentence.heading), ...ctx.analyses.filter((a) => !a.sentence.terminated || a.sentence.heading)];
  for (const a of ordered) {
    const fragment = !a.sentence.terminated || a.sentence.heading;
    const clauses = roundClauses(a);
    const facts: SentenceFacts = {
      publishedAt: ctx.publishedAt,
      findDates,
      sentenceCues: clauses.filter((c) => c.coordinate).flatMap((c) => findCues(a.text, c, a.attributions)),
      roundClauseCount: clauses.filter((c) => findTriggers(a, c).length > 0).length,
      recentDate: () => mostRecent()?.date ?? null,
    };
    // Parties of the round an earlier clause of this sentence named, for elliptical coordinate
    // clauses ("X and Y met on Monday and agreed to meet again").
    let sentenceParties: string[] | null = null;
    for (const span of clauses) {
      const reading = readClause(a, span, facts);
      if (!reading) continue;
      const { primary, status, own, ordinal, date, fresh } = reading;
      const recentRound = mostRecent();
      const recent = recentRound && (!status || absorbs(recentRound, status, fresh)) ? recentRound : undefined;
      // Mentions without a status only enrich the round they refer to ("Welcome to the 8th round").
      if (!status) {
        if (recent && ordinal !== null && recent.ordinal === null && subsetOf(own.parties, recent.parties) && !fragment) recent.ordinal = ordinal;
        // "The talks are dead": what the negotiation came to, told of the round just reported.
        if (recent && reading.outcome && subsetOf(own.parties, recent.parties)) recent.outcome ??= reading.outcome;
        continue;
      }
      const clauseMediators = mediatorParties(a.text, a.mentions.filter((m) => m.start >= span.start && m.end <= span.end));
      const draftWith = (parties: string[], partiesFrom: PartySource = 'named'): Omit<RoundDraft, 'touched'> => {
        const d = {
          parties,
          partiesFrom,
          outcome: reading.outcome,
          cue: reading.cue,
          bodySentence: !fragment,
          status,
          forum: own.forum,
          ordinal,
          date,
          dateInferred: reading.dateInferred,
          venue: reading.venue,
          evidence: { sentence: a.text, start: a.sentence.start, end: a.sentence.end },
          mediators: sortParties([...clauseMediators]),
        };
        return { ...d, evidenceScore: evidenceScore(a, d) };
      };
      if (primary.anaphoric && pending && pending.sentence === a.sentence.index - 1 && own.parties.length >= 2) {
        const combined: RoundDraft = { ...draftWith(own.parties), touched: 0 };
        merge(combined, { ...pending.draft, parties: own.parties });
        const { touched: _touched, ...draft } = combined;
        add(draft, 'create');
        pending = null;
        continue;
      }
      const participation = PARTICIPATION.test(reading.clauseText);
      const continues = recent !== undefined && continuesRound(recent, status, date);
      // "The session lasted four hours", naming neither its day nor a party, cannot be a round
      // still ahead at publication ("talks at the start of the new year"): it is some other session
      // (a news conference).
      const aheadOfReport = recent?.date?.start != null && today !== null && !recent.dateInferred && recent.date.start > today.slice(0, recent.date.start.length);
      if (aheadOfReport && !date && STATUS_RANK[status] >= STATUS_RANK.held && own.parties.length === 0 && !a.speaker) continue;
      // "the negotiations", "the talks" refer back to the latest round, whoever else the clause names
      // (a host: "Blinken will host the negotiations"), unless it names a whole other pair of parties.
      // "At a ceremony in Doha, Qatar's foreign minister opened the negotiations, flanked by …": the
      // talks of that same day, whoever hosts or attends them (they sit in, as mediators).
      const sameDay = date !== null && date.precision === 'day' && recent?.date?.precision === 'day' && recent.date.start === date.start;
      if (primary.anaphoric && recent && (compatible(recent, ordinal, date) || continues) && (subsetOf(own.parties, recent.parties) || participation || own.parties.length < 2 || sameDay)) {
        merge(recent, draftWith(recent.parties, 'context'));
        if (sameDay && !participation && recent.forum === null && recent.parties.length >= 2) {
          recent.mediators = sortParties([...new Set([...recent.mediators, ...own.parties.filter((p) => !recent.parties.includes(p))])]);
        }
        // An official attending a forum's session ("Sherman, who took part in the council's session")
        // sits among its members: the forum's parties stay as they are.
        // Others joining a session of two sides ("delegations from X and Y joined the session") sit in
        // on it: the round keeps them, as mediators, and the track stays the two sides'.
        if (participation && recent.forum === null) {
          const joining = own.parties.filter((p) => !recent.parties.includes(p));
          if (recent.parties.length >= 2) recent.mediators = sortParties([...new Set([...recent.mediators, ...joining])]);
          else recent.parties = sortParties([...recent.parties, ...own.parties]);
        }
        continue;
      }
      let parties = own.parties;
      let partiesFrom: PartySource = 'named';
      if (parties.length < 2 && span.coordinate && sentenceParties && subsetOf(parties, sentenceParties)) parties = sentenceParties;
      // "The two sides will meet again", "the next round of the dialogue": the parties of the latest round.
      if (parties.length < 2 && recentRound && subsetOf(parties, recentRound.parties) && (fresh || PARTICIPANTS.test(reading.clauseText))) {
        parties = recentRound.parties;
        partiesFrom = 'context';
      }
      if (parties.length < 2 && a.speaker && !parties.includes(a.speaker)) {
        parties = sortParties([...parties, a.speaker]);
        partiesFrom = 'speaker';
      }
      if (parties.length < 2 && recent && subsetOf(parties, recent.parties) && compatible(recent, ordinal, date)) {
        merge(recent, draftWith(recent.parties, 'context'));
        continue;
      }
      // "the OSCE meeting", "the OSCE discussed the standoff": an organisation in session meets the
      // party all the other rounds of the article have in common (Russia, after its talks with the
      // United States and with NATO).
      const alone = parties.length === 1 ? parties[0] : undefined;
      if (alone && a.mentions.some((m) => m.party === alone && m.kind === 'organisation')) {
        const counterpart = commonParty(drafts, alone);
        if (counterpart) {
          parties = sortParties([alone, counterpart]);
          partiesFrom = 'context';
        }
      }
      // The organisation's verb names no counterpart of its own: none borrowed from mere mentions either.
      if (primary.organisation && parties.length < 2) continue;
      let inherited: { date: DateRef | null; venue: string | null } = { date: null, venue: null };
      if (parties.length < 2 && !fragment && (own.parties.length >= 1 || PARTICIPANTS.test(reading.clauseText))) {
        const context = fromContext(a, parties, reading.tense);
        parties = context.parties;
        inherited = context;
        partiesFrom = 'context';
      }
      if (parties.length < 2) {
        if (!fragment && !primary.anaphoric) pending = { draft: draftWith(parties, partiesFrom), sentence: a.sentence.index };
        continue;
      }
      const draft = draftWith(parties, partiesFrom);
      sentenceParties = parties;
      if (fresh) inherited = { date: null, venue: null };
      if (!draft.date && inherited.date) {
        draft.date = inherited.date;
        draft.status = finaliseStatus(draft.status, draft.date);
      }
      draft.venue ??= inherited.venue;
      add(draft, fragment ? 'merge-only' : 'create', fresh);
    }
  }
  return drafts.map((d) => {
    // The sides are the parties that are not mediators; a round keeps its two sides even when the
    // text gives one of them a mediator's cue and names no other.
    const principals = d.parties.filter((p) => !d.mediators.includes(p));
    const sides = principals.length >= 2 ? principals : d.parties;
    return {
    parties: sides,
    mediators: d.mediators.filter((p) => !sides.includes(p)),
    forum: d.forum,
    ordinal: d.ordinal,
    status: finaliseStatus(d.status, d.date),
    date: d.date,
    venue: d.venue,
    evidence: d.evidence,
    // A round still ahead cannot be what the negotiation came to: such a cue tells of something earlier.
    outcome: STATUS_RANK[d.status] >= STATUS_RANK.postponed ? d.outcome : null,
    confidence: roundConfidence({
      cue: d.cue,
      bodySentence: d.bodySentence,
      parties: d.partiesFrom,
      date: d.date?.precision ?? null,
      dateInferred: d.dateInferred,
      ordinal: d.ordinal !== null,
      venue: d.venue !== null,
    }),
    };
  });
}
