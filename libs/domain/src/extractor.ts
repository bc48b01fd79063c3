// The extractor: an article in, the rounds and demands it reports out. Rule-based and
// deterministic; each rule family lives in its own module (extract-rounds, extract-demands) over a
// shared sentence analysis, so that later versions can improve one family at a time.
import type { ArticleInput } from './article.js';
import { analyseSentence } from './analysis.js';
import type { DateRef, NegotiationOutcome, RoundStatus } from './events.js';
import { extractDemands } from './extract-demands.js';
import { extractResponses } from './extract-responses.js';
import { extractRounds } from './extract-rounds.js';
import { withGovernmentSides } from './extraction/government-sides.js';
import { type Gazetteer, getDefaultGazetteer } from './gazetteer.js';
import { normaliseForComparison } from './ids.js';
import { discoverEntities, withLocalEntities } from './officials.js';
import { splitSentences } from './sentences.js';

/** Bumped whenever the rules change what they extract. */
export const EXTRACTOR_VERSION = 'rules-0.4.0';

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

/** Extracts the rounds and demands an article reports. Pure: same article, same result. */
export function extractArticle(article: ArticleInput, gazetteer: Gazetteer = getDefaultGazetteer()): Extraction {
  const title = normaliseForComparison(article.title);
  // A body line repeating the title is the headline: it may confirm a fact, never state a new one.
  const sentences = splitSentences(article.body).map((s) => (title && normaliseForComparison(s.text) === title ? { ...s, heading: true } : s));
  // Officials and parties the article introduces itself ("Foreign Minister Jane Doe of Ruritania").
  const articleGazetteer = withLocalEntities(gazetteer, discoverEntities(sentences, gazetteer));
  const analyses = sentences.map((s) => analyseSentence(s, articleGazetteer));
  const demands = extractDemands({ analyses, gazetteer: articleGazetteer });
  return withGovernmentSides(
    {
      rounds: extractRounds({ publishedAt: article.publishedAt, analyses }),
      demands,
      responses: extractResponses({ analyses, gazetteer: articleGazetteer, demands }),
    },
    articleGazetteer,
  );
}
