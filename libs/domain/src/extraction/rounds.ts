// Rules that find rounds of talks: a session noun ("talks", "round", "meeting"…), the parties
// around it, a status cue, a date, a venue, an ordinal. The rule families live in rounds/ (cues,
// triggers and clauses, venues, occasions); this module reads a clause with them (readClause) and
// places each reading among the article's rounds (extractRounds: merging, anaphora, context).
import { type AnalysedMention, type SentenceAnalysis, type Span, inSpan } from './analysis.js';
import { type DateFinder, type FoundDate, type Tense, addDays, createDateFinder, datesCompatible, findDayOffsets, isoDay, morePrecise, referenceInstant } from '../text/dates.js';
import type { DateRef, NegotiationOutcome, RoundStatus } from '../events/events.js';
import type { Evidence, ExtractedRound } from './types.js';
import { DENIAL, NEGATION, NOT_A_ROUND, ONE_SIDED, ORDINAL_PATTERN, TOPIC_PREPOSITIONS, ordinalValue } from './lexicon.js';
import { sortParties } from '../events/ids.js';
import { MAX_ROUND_SPAN_DAYS, continuesRound, daysBetween } from '../projection/round-continuation.js';
import { mediatorParties } from './mediators.js';
import { type PartySource, type RoundCue, betterPartySource, roundConfidence } from './confidence.js';
import { findOutcome } from './outcomes.js';
import { type Cue, type CueKind, FUTURE_PREFIX, OUTCOME, TALK_NOUN, findCues } from './rounds/cues.js';
import { type Clause, type Trigger, ORGANISATION_VERB_PAST, PARTICIPANTS, descriptiveClauses, findTriggers, mentionsRound, roundClauses, triggerDeterminer, verbParties } from './rounds/triggers.js';
import { type Venue, findVenues } from './rounds/venues.js';
import { OCCASION_BEFORE, occasionTense } from './rounds/occasions.js';
import { tenseStatus } from './learned/relaxed-status.js';

const PARTICIPATION = /\b(?:attend|attends|attended|join|joins|joined|participate|participates|participated|take\s+part|took\s+part|along\s+with)\b/i;

/** "cancelled them", "called it off", "postponed them": a pronoun for the talks just told of. */
const CALLED_OFF_PRONOUN = /\b(?:(cancel(?:l)?ed|scrapped|postponed|delayed|suspended|deferred|put\s+off)\s+(?:them|it)|called\s+(?:them|it)\s+off)\b/i;

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
  /** Told as the session after one that just ended ("set to meet again next week"): nothing already over joins it. */
  further?: boolean;
}

const STATUS_RANK: Record<RoundStatus, number> = { announced: 1, scheduled: 2, postponed: 3, cancelled: 4, held: 5, concluded: 6 };

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
    // "the first talks since the trade war began in March 2029": the date of what came before.
    .filter((d) => !SINCE_PHRASE.test(a.text.slice(Math.max(span.start, d.start - 50), d.start)))
    .filter((d) => !inRelativeClause(a.text, span.start, d.start, a.attributions))
    // "the March 23 Movement": a date inside a party's name dates nothing.
    .filter((d) => !a.mentions.some((m) => d.start < m.end && m.start < d.end))
    // "last week's signing": a date in the possessive dates the noun it qualifies ("Monday's talks" do date a round).
    .filter((d) => {
      const possessed = /^['’]s?\s+((?:[\p{L}-]+\s*){1,3})/u.exec(a.text.slice(d.end));
      return !possessed || (possessed[1] ?? '').split(/\s+/).some((w) => TALK_NOUN.test(w));
    });
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
  // "a meeting between the government and the rebels in Doha", "the round of talks between X and Y
  // negotiators, which could open the way to other talks": the phrase after "between" names who
  // meets, and nobody else the clause mentions joins them.
  const between = betweenPhrase(a.text, trigger, span);
  if (between) {
    // "…, with the participation of X" / "joined by X": X takes part as well.
    const joined = /\b(?:with\s+the\s+participation\s+of|joined\s+by|together\s+with)\s/i.exec(a.text.slice(between.end, span.end));
    const inPhrase = (m: AnalysedMention): boolean =>
      (m.start >= between.start && m.end <= between.end) || (joined !== null && m.start >= between.end + joined.index && m.end <= span.end && !/[;]/.test(a.text.slice(between.end + joined.index, m.start)));
    const named = a.mentions.filter((m) => inPhrase(m) && m.party !== null && !m.inAttribution);
    const forum = named.find((m) => m.forum !== null)?.forum;
    if (forum) return { parties: sortParties(forum.parties), forum: forum.name };
    const parties = sortParties([...new Set(named.filter((m) => !m.locative).map((m) => m.party ?? ''))]);
    if (parties.length >= 2) return { parties, forum: null };
  }
  const forumMention = a.mentions.find((m) => inClause(m) && m.forum !== null);
  if (forumMention?.forum) return { parties: sortParties(forumMention.forum.parties), forum: forumMention.forum.name };
  const parties = a.mentions
    .filter(inClause)
    .filter((m) => m.party !== null && !m.locative && !TOPIC_PREPOSITIONS.has(m.prep))
    .filter((m) => !venues.some((v) => m.start >= v.span.start && m.end <= v.span.end))
    .map((m) => m.party ?? '');
  return { parties: sortParties(parties), forum: null };
}

/** "with the delegations set to meet again", "with talks due to resume": a further session, after the one the clause ends. */
const MEET_AGAIN = /\bwith\s+(?:[\p{L}-]+\s+){1,3}(?:set|due|expected|scheduled|poised)\s+to\s+(?:meet\s+again|reconvene|resume)\b/u;
const MET_STATUSES: ReadonlySet<RoundStatus> = new Set(['held', 'concluded']);

/** What ends the noun phrase after "between": a clause boundary, a verb, or a preposition of place, time or topic. */
const BETWEEN_END = /[,;:()\u2013\u2014]|\s-\s|\b(?:in|on|at|over|about|to|for|amid|after|before|since|during|when|as|which|that|who|was|were|is|are|will|would|could|can|may|might|has|have|had|kicked|began|begins|started|starts|ended|ends|resumed|resume|opened|opens|took|takes|held)\b/i;

/** The span of "between X and Y" right after the trigger ("talks between …", "round of the talks between …"), or null. */
function betweenPhrase(text: string, trigger: Span, span: Span): Span | null {
  const after = text.slice(trigger.end, span.end);
  const m = /^(?:\s+(?:of|the|talks|negotiations|dialogue|meetings?|\w+-level|direct|indirect))*\s+between\s+/i.exec(after);
  if (!m) return null;
  const start = trigger.end + m[0].length;
  const rest = text.slice(start, span.end);
  // The second side follows "and"; the phrase ends at the first boundary after it.
  const and = /\band\b/i.exec(rest);
  if (!and) return null;
  const tail = rest.slice(and.index + and[0].length);
  const stop = BETWEEN_END.exec(tail);
  return { start, end: start + and.index + and[0].length + (stop ? stop.index : tail.length) };
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
  /**
   * Sentences (indices) a learned classifier believes report a round although the rules made none
   * of them (extraction/learned/): read with the vetoes on wishes, contacts and negation lifted.
   * Empty or absent: the rules alone.
   */
  relaxed?: ReadonlySet<number>;
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
/** The trigger with the words just before it ("the next round", "a previous session"), inside its clause. */
const triggerPhrase = (text: string, span: Span, t: Span): string => text.slice(Math.max(span.start, t.start - 25), t.end);

/** +1 for "the next round", -1 for "the previous session", 0 for anything else. */
function relativeStep(phrase: string): number {
  if (/\b(?:next|following|subsequent)\s+(?:[\p{L}-]+\s+){0,2}?(?:round|session)\b/iu.test(phrase)) return 1;
  if (/\b(?:previous|preceding|prior)\s+(?:[\p{L}-]+\s+){0,2}?(?:round|session)\b/iu.test(phrase)) return -1;
  return 0;
}
/** Words that single out one session: "the next round", "a previous meeting", "the latest talks". */
const ROUND_REFERENCE = /\b(?:next|previous|upcoming|forthcoming|new|fresh|another|latest|earlier|prior|preceding|most\s+recent|last)\b/i;
/** The same, for a session already over. */
const PAST_REFERENCE = /\b(?:previous|earlier|prior|preceding|most\s+recent|last)\s+(?:[\p{L}-]+\s+){0,2}?(?:round|session|meeting|talks|negotiations|discussions|cycle)\b/iu;

interface SentenceFacts {
  publishedAt: string | null;
  findDates: DateFinder;
  /** Cues of coordinate clauses, shared by elliptical ones ("…, and on 13 January – talks with X"). */
  sentenceCues: readonly Cue[];
  roundClauseCount: number;
  /** The date of the round the article told about last (the anchor of "two days later"). */
  recentDate: () => DateRef | null;
  /** The sentence is one of RoundContext.relaxed. */
  relaxed: boolean;
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
  // A trigger that names who meets ("a meeting between X and Y") is the clause's round before one that does not.
  // So is one a determiner singles out ("the next round", "the previous session") before a bare
  // "dialogue" or "talks" the clause also names.
  const referenced = (t: Trigger): boolean => ROUND_REFERENCE.test(triggerPhrase(a.text, span, t));
  // And one a verb of status governs ("X and Y held talks in Stockholm, aiming to lay the groundwork
  // for a meeting between their leaders"): the talks held, not the meeting hoped for.
  const cues = findCues(a.text, span, a.attributions);
  const governing = cues.filter((c) => c.kind === 'held' || c.kind === 'concluded');
  const governed = (t: Trigger): boolean => governing.some((c) => c.end <= t.start && t.start - c.end <= 30 && !/[,;:()]/.test(a.text.slice(c.end, t.start)));
  const primary =
    triggers.find((t) => t.ordinal !== null) ??
    triggers.find((t) => !t.verb && governed(t)) ??
    triggers.find((t) => !t.anaphoric && betweenPhrase(a.text, t, span) !== null) ??
    triggers.find((t) => referenced(t)) ??
    triggers.find((t) => !t.anaphoric) ??
    triggers[0];
  if (!primary) return null;
  const triggerSpan = { start: primary.start, end: primary.end };
  // A veto word in a merged follow-on clause ("…, and X promised written answers") says nothing
  // about the meeting the trigger's own clause reports.
  // Where the speaker spoke ("said at a news conference that …") says nothing about the meeting reported.
  if (!facts.relaxed && (NOT_A_ROUND.test(outsideSpans(a.text, span.core, a.attributions)) || DENIAL.test(a.text.slice(0, primary.start)))) return null;
  // "offered talks", "ready for a meeting": one side's wish. Not "an offer made during the talks".
  const wishWindow = a.text.slice(Math.max(span.start, primary.start - 45), primary.start);
  const wish = ONE_SIDED.exec(wishWindow);
  if (!facts.relaxed && wish && !/\b(?:during|at|after|following|amid|in)\s/i.test(wishWindow.slice(wish.index + wish[0].length))) return null;

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
  if (!facts.relaxed && !cue?.offSchedule && NEGATION.test(negationWindow.replace(OUTCOME, ' ').replace(/\b(?:no|without)\s+(?:a\s+)?(?:progress|breakthrough|results?|agreement|deal|ceasefire)\b/gi, ' '))) return null;

  const overall = new RegExp(`\\b(${ORDINAL_PATTERN})\\s+overall\\b`, 'i').exec(clauseText);
  const ordinal = overall?.[1] ? ordinalValue(overall[1]) : primary.ordinal;

  let kind: CueKind | null = cue?.kind ?? null;
  // "during talks between X and Y", "at a meeting in Osaka in April, the envoy agreed …": the round
  // is the occasion of the main verb, over when that verb is past, ahead when it is future.
  const occasion = OCCASION_BEFORE.exec(a.text.slice(Math.max(span.start, primary.start - 40), primary.start));
  // "said yesterday after talks in Istanbul": the day the speaker spoke dates the talks they came from.
  let occasionSpeaker: Span | null = null;
  // Without any cue the occasion must name its participants ("during talks between X and Y").
  // ("X and Y failed to agree during talks in Washington": the clause names them before the occasion.)
  const sidesBefore = new Set(a.mentions.filter((m) => m.start >= span.start && m.end <= primary.start && m.party !== null && !m.locative && !m.inAttribution).map((m) => m.party));
  // ("a meeting co-chaired by X and Y", "talks attended by X and Y", "a session involving X and Y".)
  const namesParticipants = /^\s+(?:between|with|involving|(?:co-chaired|attended)\s+by)\s/i.test(a.text.slice(primary.end, primary.end + 20)) || sidesBefore.size >= 2;
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
  // "X and Y signed a declaration in Doha": the signing (a past form) is a session held.
  if (!kind && primary.verb && /^(?:signed|inked)$/i.test(a.text.slice(primary.start, primary.end))) {
    kind = 'held';
    cueStrength = 'inferred';
  }
  // "a previous round in Geneva led to a swap": a round referred to as earlier is over, unless the
  // clause looks ahead ("the last round will be held next week").
  if (!kind && PAST_REFERENCE.test(triggerPhrase(a.text, span, primary)) && !/\b(?:will|would|shall|to\s+be|next|upcoming)\b/i.test(clauseText)) {
    kind = 'held';
    cueStrength = 'inferred';
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

  // A sentence the learned model flagged (RoundContext.relaxed) takes its clause's tense instead.
  if (!kind && facts.relaxed) {
    kind = tenseStatus(a.text, span, a.attributions);
    cueStrength = 'inferred';
  }
  // A clause that says nothing about the round's state only enriches another: no date needed.
  if (!kind) return { primary, clauseText, status: null, tense: 'unknown', ordinal, date: null, dateInferred: false, venue, own, fresh: false, outcome, cue: cueStrength };

  // A plan told in the past is dated in the year closest to the report, not pushed ahead of it.
  let tense = cue?.pastPlan && kind === 'future' ? 'unknown' : tenseOf(kind);
  const offsets = offsetDates(a, span, primary, facts, tense);
  // "preparing on Tuesday for the session": a day inside the cue dates the cue, not the round.
  const outsideCues = (d: FoundDate): boolean => !cues.some((c) => d.start >= c.start && d.end <= c.end);
  const inPurpose = (d: FoundDate): boolean => cue?.purposeFrom === undefined || d.start >= cue.purposeFrom;
  // "agreed on Saturday to hold talks … on Monday": the day right after the verb that governs the
  // talks dates that verb (when the clause gives the talks a day of their own).
  const datesVerb = (d: FoundDate): boolean =>
    cues.some((c) => c.end <= d.start && /^\s*$/.test(a.text.slice(c.end, d.start).replace(/\b(?:on|late|early|last|this)\b/gi, ''))) && /^\s*,?\s+to\s+\p{L}/u.test(a.text.slice(d.end, d.end + 12));
  const clauseDates = [...usableDates(a, span, facts.findDates, tense).filter(outsideCues).filter(inPurpose), ...offsets];
  const candidates = clauseDates.some((d) => !datesVerb(d)) ? clauseDates.filter((d) => !datesVerb(d)) : clauseDates;
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
    // (A vague new date, "to next week", does not replace the day it was due.)
    if (moved && (moved.date.precision === 'day' || found?.date.precision !== 'day')) found = moved;
  }
  const today = facts.publishedAt === null ? null : isoDay(referenceInstant(facts.publishedAt));
  // "begins on 10 January" read before that day is future, whatever the verb's tense.
  // (So is any session dated after the report: "was held to prepare the round that begins on 15 January".)
  if (found && (kind === 'held' || kind === 'concluded') && found.date.precision === 'day' && today !== null && found.date.start > today) {
    kind = 'future';
    tense = 'future';
  }
  // "talks would start in Jeddah on Saturday", read that Saturday: they are under way.
  // (A finite future only: "departed on Sunday to resume talks" still looks ahead.)
  const startVerb =
    cue !== undefined && /\b(?:start|begin|open|resume|kick\s+off|commence)\b/i.test(a.text.slice(cue.start, cue.end)) && /\b(?:will|would|shall)\s+(?:\w+\s+)?$/i.test(a.text.slice(Math.max(0, cue.start - 20), cue.start));
  if (found && kind === 'future' && startVerb && found.date.precision === 'day' && today !== null && found.date.start === today && !cue.pastPlan) {
    kind = 'held';
    tense = 'past';
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

/**
 * The one negotiation a story is about, when every round it names has the same sides: what a round
 * told of without names ("the next round", "the previous session in Caracas") belongs to.
 */
function articleSides(drafts: readonly RoundDraft[]): { parties: string[]; mediators: string[] } | null {
  const named = drafts.filter((d) => d.partiesFrom === 'named');
  const sidesOf = (d: RoundDraft): string[] => {
    const principals = d.parties.filter((p) => !d.mediators.includes(p));
    return principals.length >= 2 ? principals : d.parties;
  };
  const first = named[0];
  if (!first) return null;
  const parties = sidesOf(first);
  if (!named.every((d) => sameParties(sidesOf(d), parties))) return null;
  return { parties, mediators: sortParties([...new Set(named.flatMap((d) => d.mediators.filter((m) => !parties.includes(m))))]) };
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
  // Rounds a sentence tells of without naming anyone ("The fourth round will be held in Caracas in
  // August", "the previous round ended without a deal"): in a story about one negotiation they are
  // that negotiation's (see articleSides); otherwise no one's.
  const orphans: { draft: Omit<RoundDraft, 'touched'>; anaphoric: boolean }[] = [];
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
    // A status read only from the clause's tense ("commented on the sixth round") does not undo
    // one a cue stated ("the sixth round … will not take place").
    const weakOverStated = src.cue === 'inferred' && target.cue === 'explicit' && (target.status === 'cancelled' || target.status === 'postponed');
    if (STATUS_RANK[src.status] > STATUS_RANK[target.status] && !weakOverStated) target.status = src.status;
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

  const ahead = (status: RoundStatus): boolean => status === 'announced' || status === 'scheduled';
  const add = (draft: Omit<RoundDraft, 'touched'>, mode: 'create' | 'merge-only', fresh = false): void => {
    // The same parties; or, where one report gives no date, some of them: "X, Y and the UN will hold
    // talks" and "delegations from X, Y, Z and the UN will meet in Istanbul on July 13".
    const related = (r: RoundDraft): boolean =>
      sameParties(r.parties, draft.parties) ||
      // (Two sides and a third are another format than the two alone: a subset of two stays apart.)
      ((r.date === null || draft.date === null) && ahead(r.status) && ahead(draft.status) && Math.min(r.parties.length, draft.parties.length) >= 3 &&
        (subsetOf(draft.parties, r.parties) || subsetOf(r.parties, draft.parties)));
    // "The ministers will meet on 27 June. Technical teams held talks this week": what is over is not
    // a round still ahead of the report.
    const stillAhead = (r: RoundDraft): boolean => r.date?.precision === 'day' && !r.dateInferred && today !== null && r.date.start > today && ahead(r.status);
    const candidates = drafts.filter(
      (r) => related(r) && compatible(r, draft.ordinal, draft.date) && absorbs(r, draft.status, fresh) && !((r.further || stillAhead(r)) && MET_STATUSES.has(draft.status)),
    );
    const sameOrdinal = candidates.find((r) => r.ordinal !== null && r.ordinal === draft.ordinal);
    // A dated report goes to the round with a date it fits before a round without any date.
    const sameDate = draft.date && !draft.dateInferred ? candidates.filter((r) => r.date !== null && !r.dateInferred) : [];
    const byRecency = (list: RoundDraft[]): RoundDraft | undefined => [...list].sort((x, y) => y.touched - x.touched)[0];
    const target = sameOrdinal ?? byRecency(sameDate) ?? byRecency(candidates);
    if (target) {
      if (!subsetOf(draft.parties, target.parties)) target.parties = sortParties([...new Set([...target.parties, ...draft.parties])]);
      merge(target, draft);
    } else if (mode === 'create') drafts.push({ ...draft, touched: ++clock });
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
  // The sentence that last told of a round: "… were to hold talks on May 20. However, Canada
  // cancelled them …" calls off that round through a pronoun.
  let lastRoundSentence = -2;
  let lastRound: RoundDraft | undefined;
  for (const a of ordered) {
    const fragment = !a.sentence.terminated || a.sentence.heading;
    const clauses = roundClauses(a);
    const calledOff = !fragment && a.sentence.index === lastRoundSentence + 1 && lastRound ? CALLED_OFF_PRONOUN.exec(a.text) : null;
    if (calledOff && lastRound && ahead(lastRound.status) && !clauses.some((c) => findTriggers(a, c).length > 0)) {
      lastRound.status = /^(?:postpon|delay|put|push|suspend|defer)/i.test(calledOff[1] ?? '') ? 'postponed' : 'cancelled';
      lastRound.touched = ++clock;
    }
    const before = clock;
    const facts: SentenceFacts = {
      publishedAt: ctx.publishedAt,
      findDates,
      sentenceCues: clauses.filter((c) => c.coordinate).flatMap((c) => findCues(a.text, c, a.attributions)),
      roundClauseCount: clauses.filter((c) => findTriggers(a, c).length > 0).length,
      recentDate: () => mostRecent()?.date ?? null,
      relaxed: ctx.relaxed?.has(a.sentence.index) === true,
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
      // "the previous round", "the next round", told after the seventh: the sixth, the eighth, of
      // the same sides.
      const step = ordinal === null ? relativeStep(triggerPhrase(a.text, span, primary)) : 0;
      const anchor = step === 0 ? undefined : [...drafts].filter((d) => d.ordinal !== null && (subsetOf(own.parties, d.parties) || subsetOf(d.parties, own.parties) || PARTICIPANTS.test(reading.clauseText))).sort((x, y) => y.touched - x.touched)[0];
      const stepped = anchor?.ordinal != null && anchor.ordinal + step >= 1 ? anchor.ordinal + step : null;
      if (primary.anaphoric && stepped === null && pending && pending.sentence === a.sentence.index - 1 && own.parties.length >= 2) {
        // "Talks between Iran and world powers resumed. Diplomats from A, B and C gathered for the
        // negotiations": the side the first sentence named, and those the second lists.
        const together = sortParties([...new Set([...pending.draft.parties, ...own.parties])]);
        const combined: RoundDraft = { ...draftWith(together), touched: 0 };
        const claimed = orphans.findIndex((o) => o.draft === pending?.draft);
        if (claimed >= 0) orphans.splice(claimed, 1);
        merge(combined, { ...pending.draft, parties: together });
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
      // "At a ceremony in Oslo, Norway's foreign minister opened the negotiations, beside envoys of …": the
      // talks of that same day, whoever hosts or attends them (they sit in, as mediators).
      const sameDay = date !== null && date.precision === 'day' && recent?.date?.precision === 'day' && recent.date.start === date.start;
      if (primary.anaphoric && stepped === null && recent && (compatible(recent, ordinal, date) || continues) && (subsetOf(own.parties, recent.parties) || participation || own.parties.length < 2 || sameDay)) {
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
      // Mediators of the round whose sides this clause borrows ("the two sides will meet again").
      let borrowedMediators: string[] = [];
      // (Whoever else the clause mentions: "the previous round focused on the withdrawal from Afghanistan".)
      if (anchor && stepped !== null) {
        parties = anchor.parties;
        partiesFrom = 'context';
        borrowedMediators = anchor.mediators;
      }
      if (parties.length < 2 && span.coordinate && sentenceParties && subsetOf(parties, sentenceParties)) parties = sentenceParties;
      // "The two sides will meet again", "the next round of the dialogue": the parties of the latest round.
      if (parties.length < 2 && recentRound && subsetOf(parties, recentRound.parties) && (fresh || PARTICIPANTS.test(reading.clauseText))) {
        parties = recentRound.parties;
        partiesFrom = 'context';
        borrowedMediators = recentRound.mediators;
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
        const orphan = draftWith(parties, partiesFrom);
        if (!fragment && !primary.anaphoric) pending = { draft: orphan, sentence: a.sentence.index };
        // Only a session the words single out ("the fourth round", "the previous session", "a meeting
        // in Astana"); bare "negotiations" in a story about them tell of no session in particular.
        const determiner = triggerDeterminer(a.text, primary.start, span.start);
        const specific = primary.ordinal !== null || ROUND_REFERENCE.test(triggerPhrase(a.text, span, primary)) || determiner === 'a' || determiner === 'an';
        if (!fragment && !primary.verb && !primary.organisation && (specific || primary.anaphoric)) orphans.push({ draft: orphan, anaphoric: !specific });
        continue;
      }
      const draft = draftWith(parties, partiesFrom);
      if (stepped !== null && anchor && sameParties(parties, anchor.parties)) draft.ordinal = stepped;
      if (borrowedMediators.length > 0) draft.mediators = sortParties([...new Set([...draft.mediators, ...borrowedMediators])]);
      sentenceParties = parties;
      if (fresh) inherited = { date: null, venue: null };
      if (!draft.date && inherited.date) {
        draft.date = inherited.date;
        draft.status = finaliseStatus(draft.status, draft.date);
      }
      draft.venue ??= inherited.venue;
      add(draft, fragment ? 'merge-only' : 'create', fresh);
      // "the session adjourned on Tuesday, with both teams due to reconvene in May": the session that
      // ended, and the next one, told in one clause.
      const again = fragment || !MET_STATUSES.has(draft.status) ? null : MEET_AGAIN.exec(reading.clauseText);
      if (again) {
        const from = span.start + again.index + again[0].length;
        const next = usableDates(a, { start: from, end: span.end }, findDates, 'future')[0]?.date ?? null;
        add({ ...draft, status: finaliseStatus('announced', next), date: next, dateInferred: false, ordinal: null, outcome: null, cue: 'explicit', further: true, venue: null }, 'create', true);
      }
    }
    if (clock > before) {
      lastRoundSentence = a.sentence.index;
      lastRound = mostRecent();
    }
  }
  // "The talks were held under the auspices of the UN and the Red Cross": a session only its
  // mediators are named in is the story's negotiation, with them as mediators (or no round at all).
  for (const d of [...drafts]) {
    if (d.parties.some((p) => !d.mediators.includes(p))) continue;
    // The round told of just before: "The talks ended on Saturday. They were held under the auspices of …".
    const host = drafts.filter((r) => r !== d && r.evidence.start <= d.evidence.start && r.parties.some((p) => !r.mediators.includes(p))).sort((x, y) => y.evidence.start - x.evidence.start)[0];
    if (!host) continue;
    drafts.splice(drafts.indexOf(d), 1);
    host.mediators = sortParties([...new Set([...host.mediators, ...d.mediators.filter((m) => !host.parties.includes(m))])]);
  }
  const sides = articleSides(drafts);
  if (sides) {
    for (const { draft: orphan, anaphoric } of orphans) {
      if (!subsetOf(orphan.parties, sides.parties)) continue;
      const draft = { ...orphan, parties: sides.parties, partiesFrom: 'context' as const, mediators: sortParties([...new Set([...orphan.mediators, ...sides.mediators])]) };
      // ("This round is scheduled for Thursday" tells of a round already reported, or of none.)
      add(draft, anaphoric ? 'merge-only' : 'create', FRESH.test(draft.evidence.sentence) && ahead(draft.status));
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
    // A session dated to a day after the report has not taken place yet, whatever verb told of it
    // ("the meeting was held to prepare the round that begins on 15 January").
    status: MET_STATUSES.has(d.status) && d.date?.precision === 'day' && today !== null && d.date.start > today ? 'scheduled' : finaliseStatus(d.status, d.date),
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
