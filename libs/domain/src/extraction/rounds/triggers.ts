// Round rules, family 2: triggers and clauses. What names a session (a talks noun, the verb "meet", a forum, an
// organisation in session), the participants of a meeting named by its verb, and how a sentence listing
// several meetings is cut into clauses.
import { type AnalysedMention, type SentenceAnalysis, type Span, inSpan } from '../analysis.js';
import { findDayOffsets } from '../../text/dates.js';
import { CARDINALS, ORDINAL_PATTERN, PREPOSITIONS, TOPIC_PREPOSITIONS, TRIGGER, mentionsTalks, ordinalValue } from '../lexicon.js';
import { sortParties } from '../../events/ids.js';

import type { Venue } from './venues.js';

export interface Trigger {
  start: number;
  end: number;
  ordinal: number | null;
  anaphoric: boolean;
  /** The verb "meet": a round only when its participants are the subject and object (see verbParties). */
  verb: boolean;
  /** A verb of an organisation in session ("the OSCE discussed …"): its subject is the organisation. */
  organisation: boolean;
}

export const PARTICIPANTS = /\b(?:two|three|four|both|the|all)\s+(?:(?:two|three|four|five|guarantor|warring|negotiating)\s+)?(?:sides|leaders|delegations|parties|countries|nations|states|governments|teams|negotiators|presidents|ministers)\b/i;

/** ", who chairs the OSCE this year,": a comma-bounded relative clause describing someone, not a participant. */
export function descriptiveClauses(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(/,\s+(?:who|whose|which)\s+[^,;]*,/gi)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/**
 * "X and Y will meet", "X met Y", "X and Y sat down in Geneva", "X and Y spent eight hours in
 * Geneva": a meeting named by its verb (its participants are then its subject and object).
 */
export const MEET_VERB = /\b(?:meet|meets|met|convene|convenes|convened|reconvene|reconvenes|reconvened|s[ai]ts?\s+down|spen[dt]s?\s+(?:[\w-]+\s+){0,3}?hours)\b/gi;
/**
 * "X and Y signed a declaration of principles in Doha", "the two sides inked a ceasefire deal": a
 * signing is a session of the signers (its parties are the verb's subject, as for "meet").
 */
export const SIGN_VERB = /\b(?:signed|inked)(?=\s+(?:a|an|the|their|its)\s+(?:[\p{L}"“”’'-]+\s+){0,4}?["“‘]?(?:agreement|accord|deal|declaration|treaty|memorandum|ceasefire|truce|pact|protocol)\b)/giu;
/** "demands were met", "to be met with": the verb's other senses come passive. */
export const PASSIVE_BEFORE = /\b(?:was|were|be|been|being|is|are|get|gets|got)\s+(?:\w+\s+)?$/i;

/** Whether text names a session of talks by a noun or by the verb "meet". */
export function mentionsRound(text: string): boolean {
  MEET_VERB.lastIndex = 0;
  SIGN_VERB.lastIndex = 0;
  return mentionsTalks(text) || MEET_VERB.test(text) || SIGN_VERB.test(text);
}

export const MODIFIER = /^(?:[A-Z][\p{L}.’'-]*|[\p{L}]+-[\p{L}-]+|\d[\p{L}\d-]*|security|peace|ceasefire|truce|trade|nuclear|economic|bilateral|trilateral|multilateral|direct|indirect|formal|informal|fresh|new|next|upcoming|planned|extraordinary|urgent|broader|regional|technical|ministerial|strategic|stability|emergency|preliminary|expert|high|level|peace|stage|political|diplomatic|military|further|substantive|official|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|final|last|latest|previous|round|initial|crucial|key|two|one|three)$/u;
export const DETERMINER = /^(?:the|a|an|those|these|this|that|any|no|such|its|their|his|her|our|another|[\p{L}]+['’]s?)$/iu;

export function triggerDeterminer(text: string, start: number, clauseStart: number): string | null {
  const words = text.slice(clauseStart, start).split(/\s+/).filter(Boolean);
  for (let i = words.length - 1, seen = 0; i >= 0 && seen < 5; i--, seen++) {
    const w = (words[i] ?? '').replace(/^[("“‘]+|[)"”’,]+$/g, '');
    if (DETERMINER.test(w)) return w.toLowerCase();
    if (!MODIFIER.test(w)) return null;
  }
  return null;
}

export function findTriggers(a: SentenceAnalysis, span: Span): Trigger[] {
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
    // "the first round of 1,500 prisoners", "a new round of sanctions": a round of something else.
    if (/^rounds?$/.test(phrase) && /^\s+of\s/i.test(after) && !/^\s+of\s+(?:[\p{L}\d.'’,-]+\s+){0,6}?(?:talks|negotiations|consultations|dialogue|meetings?|sessions?|discussions|contacts)\b/iu.test(text.slice(end, end + 100))) continue;
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
  // Meetings and signings named by their verb ("X met Y", "X and Y signed a deal").
  for (const verb of [MEET_VERB, SIGN_VERB]) {
    verb.lastIndex = 0;
    for (const m of clause.matchAll(verb)) {
      const start = span.start + m.index;
      if (inSpan(a.attributions, start) || (a.dateline && start < a.dateline.end)) continue;
      if (out.some((t) => start >= t.start && start < t.end) || PASSIVE_BEFORE.test(text.slice(Math.max(0, start - 30), start))) continue;
      out.push({ start, end: start + m[0].length, ordinal: null, anaphoric: false, verb: true, organisation: false });
    }
  }
  for (const v of organisationVerbs(a, span)) {
    if (!out.some((t) => v.start >= t.start && v.start < t.end)) out.push({ ...v, ordinal: null, anaphoric: false, verb: true, organisation: true });
  }
  return out.sort((x, y) => x.start - y.start);
}

/** "the OSCE discussed the standoff", "the members of the OSCE will take up European security". */
export const ORGANISATION_VERB = /\b(?:discuss|discusses|discussed|debate|debates|debated|take\s+up|takes\s+up|took\s+up)\b/gi;
export const ORGANISATION_VERB_PAST = /^(?:discussed|debated|took\s+up)$/i;
/** What may stand between a subject and its verb: "will", "will then", "is to". */
export const AUXILIARIES = /^\s*(?:(?:has|have|had|will|would|is\s+to|was\s+to|to|should|could|may|might|also|then|again|finally|now|only)\s+){0,3}$/i;

/**
 * Verbs of an organisation in session: an organisation (party kind "organisation") as their
 * subject, right before them. Its member states discuss something together: a session of it.
 */
export function organisationVerbs(a: SentenceAnalysis, span: Span): Span[] {
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
export const MEMBERS_OF = /^\s+and\s+(?:the\s+)?(?:other|remaining|fellow)\s+(?:[\p{L}-]+\s+){0,2}(?:states|members|countries|nations|allies|governments)\s+of\s+(?:the\s+)?$/iu;

/** Words between "met" and its object: "met with", "met Russian Foreign Minister", "met the". */
// ("met with a delegation of the Taliban", "met representatives of the opposition": the people sent by the object.)
export const OBJECT_GAP = /^\s+(?:with\s+)?(?:(?:an?|the)\s+(?:[\p{L}-]+\s+)?(?:delegations?|team|teams|representatives|envoys?|negotiators|officials|leaders?|members)\s+(?:of|from)\s+|(?:delegations?|representatives|envoys|negotiators|officials|leaders|members)\s+(?:of|from)\s+)?(?:the\s+|his\s+|her\s+|their\s+|its\s+)?(?:[\p{Lu}][\p{L}.'’-]*\s+){0,4}$/u;

/**
 * The participants of a meeting named by the verb: parties before it (its subject) and, right after
 * it, its object ("Lavrov met Blinken", "met with Ukrainian officials"). null when the sentence
 * does not have that shape ("Russia must meet its obligations").
 */
export function verbParties(a: SentenceAnalysis, span: Clause, trigger: Trigger, venues: readonly Venue[]): string[] | null {
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

export interface Clause extends Span {
  /** Joined to its neighbour by "and", "while", ";" …: may share its verb ("…, and on 13 January – talks with X"). */
  coordinate: boolean;
  /** The piece holding the trigger, before trigger-less neighbours were merged into it. */
  core: Span;
}

export const LIST_OF_MEETINGS =
  /(?:,\s+then|,?\s+(?:followed\s+by|continued\s+with|ended\s+with|closed\s+with|concluded\s+with|and\s+(?:then\s+)?(?:ended|closed|concluded|finished|continued)\s+with))\s+|\s+and\s+(?:then\s+)?(?:to\s+|with\s+|by\s+)?(?=(?:the\s+|a\s+)?(?:[\p{Lu}][\p{L}.-]*\s+|strategic\s+|stability\s+|security\s+){1,4}(?:talks|meeting|session|council|dialogue|consultations)\b)/giu;

/** Splits a sentence into clauses at ", while", ", and", ", when", "; " … keeping only those with a trigger. */
export function roundClauses(a: SentenceAnalysis): Clause[] {
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
