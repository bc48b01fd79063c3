// What the extractor returns: the facts of one article with their evidence. Its own module so
// that the rule families (rounds, demands, responses) and the extractor share the types without
// importing one another.
import type { DateRef, NegotiationOutcome, RoundStatus } from '../events/events.js';

/** The sentence a fact was read from; start/end are offsets into ArticleInput.body. */
export interface Evidence {
  sentence: string;
  start: number;
  end: number;
}

export interface ExtractedRound {
  /** Canonical party names of the sides, sorted (mediators are not sides). */
  parties: string[];
  /** Parties the text names as mediating, facilitating or hosting the round, sorted. */
  mediators: string[];
  forum: string | null;
  ordinal: number | null;
  status: RoundStatus;
  date: DateRef | null;
  venue: string | null;
  evidence: Evidence;
  /**
   * What the round's sentences say of the negotiation as a whole: an agreement that settles it, a
   * breakdown, a suspension (extraction/outcomes.ts); null: nothing. A round that ended is not an outcome.
   */
  outcome: NegotiationOutcome | null;
  /** How strongly the evidence supports the round, in [0, 1] (extraction/confidence.ts). */
  confidence: number;
}

export interface ExtractedDemand {
  by: string;
  addressedTo: string[];
  /** Short normalised statement ("NATO must not admit new members"). */
  text: string;
  /** enlargement, deployments, guarantees, sanctions, ceasefire, prisoner-exchange, … or null. */
  category: string | null;
  evidence: Evidence;
  /** How strongly the evidence supports the demand, in [0, 1] (extraction/confidence.ts). */
  confidence: number;
}

/** accepted: a party agrees to a demand or proposal; rejected: it turns it down; counter-proposal: it answers with its own. */
export type ResponseKind = 'accepted' | 'rejected' | 'counter-proposal';

/** A party's answer to another party's demand or proposal ("Kyiv rejected Moscow's demands as unacceptable"). */
export interface ExtractedResponse {
  /** The responding party. */
  by: string;
  /** The parties whose demand or proposal is answered (may be empty when the text does not say). */
  to: string[];
  kind: ResponseKind;
  /** What is accepted or rejected, or the counter-proposal itself, normalised like demand texts. */
  text: string;
  /**
   * The demand answered, when the text allows linking it: `by` and `text` equal those of one of
   * Extraction.demands (the key DemandReported events are derived from). null otherwise.
   */
  demand: { by: string; text: string } | null;
  evidence: Evidence;
  /** How strongly the evidence supports the response, in [0, 1] (extraction/confidence.ts). */
  confidence: number;
}

export interface Extraction {
  rounds: ExtractedRound[];
  demands: ExtractedDemand[];
  /** Acceptances, rejections and counter-proposals (optional: older callers may build Extraction without it). */
  responses?: ExtractedResponse[];
}
