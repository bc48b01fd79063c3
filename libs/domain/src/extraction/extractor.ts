// The extractor: an article in, the rounds and demands it reports out. Rule-based and
// deterministic; each rule family lives in its own module (rounds, demands, responses) over a
// shared sentence analysis, so that later versions can improve one family at a time.
import type { ArticleInput } from '../text/article.js';
import { analyseSentence } from './analysis.js';
import type { Extraction } from './types.js';
import { extractDemands } from './demands.js';
import { extractResponses } from './responses.js';
import { extractRounds } from './rounds.js';
import { withGovernmentSides } from './government-sides.js';
import { withRoundCounterparts } from './demand-addressees.js';
import { type Gazetteer, getDefaultGazetteer } from './gazetteer/gazetteer.js';
import { normaliseForComparison } from '../events/ids.js';
import { discoverEntities, withLocalEntities } from './officials.js';
import { splitSentences } from '../text/sentences.js';
import { type SentenceModel, sentencesToRelax } from './learned/round-recall.js';

/** Bumped whenever the rules change what they extract. */
export const EXTRACTOR_VERSION = 'rules-0.6.0';

export type { Evidence, ExtractedDemand, ExtractedResponse, ExtractedRound, Extraction, ResponseKind } from './types.js';

export interface ExtractOptions {
  /**
   * The learned recall booster for rounds (extraction/learned/round-recall.ts): sentences the rules
   * skipped that the round-sentence model is confident of are read again with relaxed rules.
   */
  learnedRoundRecall?: boolean;
  /** The round-sentence model the booster uses (default: the shipped round-sentence.model.json). */
  roundSentenceModel?: SentenceModel;
}

/** Whether the learned recall booster runs when the caller does not say. */
export const LEARNED_ROUND_RECALL_DEFAULT = false;

/** Extracts the rounds and demands an article reports. Pure: same article, same result. */
export function extractArticle(article: ArticleInput, gazetteer: Gazetteer = getDefaultGazetteer(), options: ExtractOptions = {}): Extraction {
  const title = normaliseForComparison(article.title);
  // A body line repeating the title is the headline: it may confirm a fact, never state a new one.
  const sentences = splitSentences(article.body).map((s) => (title && normaliseForComparison(s.text) === title ? { ...s, heading: true } : s));
  // Officials and parties the article introduces itself ("Foreign Minister Jane Doe of Ruritania").
  const articleGazetteer = withLocalEntities(gazetteer, discoverEntities(sentences, gazetteer));
  const analyses = sentences.map((s) => analyseSentence(s, articleGazetteer));
  let rounds = extractRounds({ publishedAt: article.publishedAt, analyses });
  if (options.learnedRoundRecall ?? LEARNED_ROUND_RECALL_DEFAULT) {
    const relaxed = sentencesToRelax(analyses, rounds, article.publishedAt, options.roundSentenceModel);
    if (relaxed.size > 0) rounds = extractRounds({ publishedAt: article.publishedAt, analyses, relaxed });
  }
  const demands = withRoundCounterparts(extractDemands({ analyses, gazetteer: articleGazetteer }), rounds);
  return withGovernmentSides(
    {
      rounds,
      demands,
      responses: extractResponses({ analyses, gazetteer: articleGazetteer, demands }),
    },
    articleGazetteer,
  );
}
