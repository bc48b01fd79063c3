// An article's sentences as the extractor reads them (headline marked, the article's own officials
// and parties in the gazetteer, each sentence analysed), with the features of each: the input of
// the learned sentence classifiers, at training time and at run time alike.
import type { ArticleInput } from '../../text/article.js';
import { splitSentences } from '../../text/sentences.js';
import { createDateFinder } from '../../text/dates.js';
import { normaliseForComparison } from '../../events/ids.js';
import { analyseSentence, type SentenceAnalysis } from '../analysis.js';
import { type Gazetteer, getDefaultGazetteer } from '../gazetteer/gazetteer.js';
import { discoverEntities, withLocalEntities } from '../officials.js';
import { sentenceFeatures } from './features.js';

export interface FeaturedSentence {
  analysis: SentenceAnalysis;
  features: string[];
}

/** The analyses the extractor makes of an article's sentences (see extractor.ts), with their features. */
export function featuredSentences(article: ArticleInput, gazetteer: Gazetteer = getDefaultGazetteer()): FeaturedSentence[] {
  const title = normaliseForComparison(article.title);
  const sentences = splitSentences(article.body).map((s) => (title && normaliseForComparison(s.text) === title ? { ...s, heading: true } : s));
  const articleGazetteer = withLocalEntities(gazetteer, discoverEntities(sentences, gazetteer));
  const findDates = createDateFinder(article.publishedAt);
  return sentences.map((s) => {
    const analysis = analyseSentence(s, articleGazetteer);
    return { analysis, features: sentenceFeatures(analysis, { findDates, sentenceCount: sentences.length }) };
  });
}
