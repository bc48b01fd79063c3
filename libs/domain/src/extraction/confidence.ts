// How strongly the evidence supports an extracted fact, in [0, 1]: one pure function per fact
// kind, over what the rules already know when they produce it (which cue fired, where the parties
// came from, how precise the date is). Additive weights, so that a score can be read back into its
// reasons; each kind's weights add up to 1 for the best evidence. The figures are a ranking of
// evidence, not a calibrated probability: a round at 0.9 is better attested than one at 0.5.
import type { DatePrecision } from '../events/events.js';

/** How the status of a round was read. */
export type RoundCue =
  /** A status verb or phrase of the round's own clause ("met", "were postponed", "will hold"). */
  | 'explicit'
  /**
   * Inferred: a cue borrowed from a coordinate clause, the tense of the verb the talks are the
   * occasion of ("said after talks in Geneva"), the tense of an ordinal's clause, an organisation's verb.
   */
  | 'inferred';

/** Where the parties of a fact came from. */
export type PartySource =
  /** Named in the fact's own clause or sentence. */
  | 'named'
  /** One of them is the speaker of reported speech ("Lavrov said talks would begin…"). */
  | 'speaker'
  /** Borrowed from context: earlier sentences, the latest round, a pronoun's antecedent. */
  | 'context';

export interface RoundEvidence {
  cue: RoundCue;
  /** A full body sentence supports it, not only a headline or an unterminated line. */
  bodySentence: boolean;
  parties: PartySource;
  /** The date's precision; null: no date. An inferred date (the publication day of "talks began") counts as none. */
  date: DatePrecision | null;
  dateInferred: boolean;
  ordinal: boolean;
  venue: boolean;
}

const ROUND_CUE: Record<RoundCue, number> = { explicit: 0.35, inferred: 0.15 };
const ROUND_PARTIES: Record<PartySource, number> = { named: 0.25, speaker: 0.15, context: 0.05 };
const DATE: Record<DatePrecision, number> = { day: 0.15, month: 0.1, year: 0.05, unknown: 0.02 };

const score = (x: number): number => Math.round(Math.min(1, Math.max(0, x)) * 100) / 100;

/**
 * A round: base 0.05; cue explicit 0.35 / inferred 0.15; a body sentence 0.1; parties named 0.25 /
 * with the speaker 0.15 / from context 0.05; date day 0.15 / month 0.1 / year 0.05 / unresolved
 * 0.02; ordinal 0.05; venue 0.05.
 */
export function roundConfidence(e: RoundEvidence): number {
  const date = e.date === null || e.dateInferred ? 0 : DATE[e.date];
  return score(0.05 + ROUND_CUE[e.cue] + (e.bodySentence ? 0.1 : 0) + ROUND_PARTIES[e.parties] + date + (e.ordinal ? 0.05 : 0) + (e.venue ? 0.05 : 0));
}

/** How a demand was cued. */
export type DemandCue =
  /** A demanding verb: "demanded", "insists that", "called on X to", "urged X to". */
  | 'verb'
  /** A demand noun with its owner: "Moscow's demands", "its call for". */
  | 'noun'
  /** An enumeration after "in particular", "including" in a sentence about demands. */
  | 'list'
  /** A modal in reported speech: "saying the alliance must not …". */
  | 'modal';

export interface DemandEvidence {
  cue: DemandCue;
  /** The demanding party: named in the sentence, the speaker, or resolved from a pronoun or earlier sentences. */
  by: PartySource;
  /** The addressee is named by the demand's own words or construction; false: taken from the rest of the sentence or the previous demand. */
  addresseeNamed: boolean;
}

const DEMAND_CUE: Record<DemandCue, number> = { verb: 0.4, noun: 0.35, list: 0.25, modal: 0.2 };
const DEMAND_BY: Record<PartySource, number> = { named: 0.35, speaker: 0.25, context: 0.1 };

/** A demand: cue verb 0.4 / noun 0.35 / list 0.25 / modal 0.2; party named 0.35 / speaker 0.25 / resolved 0.1; addressee named 0.15 / inferred 0.05; 0.1 for the body sentence it always comes from. */
export function demandConfidence(e: DemandEvidence): number {
  return score(0.1 + DEMAND_CUE[e.cue] + DEMAND_BY[e.by] + (e.addresseeNamed ? 0.15 : 0.05));
}

/** How a response was cued. */
export type ResponseCue =
  /** A verb of answering: "rejected", "accepted", "agreed to", "refused to withdraw". */
  | 'verb'
  /** A verdict: "called the plan unacceptable", "… was a non-starter", "…, a condition X rejected". */
  | 'verdict'
  /** "counter-proposal", "proposed instead". */
  | 'counter';

export interface ResponseEvidence {
  cue: ResponseCue;
  by: PartySource;
  /** Linked to a demand the article reports. */
  linked: boolean;
}

const RESPONSE_CUE: Record<ResponseCue, number> = { verb: 0.4, verdict: 0.3, counter: 0.3 };

/** A response: cue verb 0.4 / verdict or counter 0.3; responder named 0.35 / speaker 0.25 / resolved 0.1; linked to a demand 0.15; 0.1 for the body sentence. */
export function responseConfidence(e: ResponseEvidence): number {
  return score(0.1 + RESPONSE_CUE[e.cue] + DEMAND_BY[e.by] + (e.linked ? 0.15 : 0));
}

/** The better of two party sources (named over speaker over context). */
export function betterPartySource(a: PartySource, b: PartySource): PartySource {
  return ROUND_PARTIES[a] >= ROUND_PARTIES[b] ? a : b;
}
