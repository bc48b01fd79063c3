// The learned recall booster for rounds: after the rules, the sentences they made no round of are
// scored by the round-sentence classifier (round-sentence.model.json, trained by
// scripts/train-sentence-model.mjs); those naming two sides that it is confident of are handed back
// to the round rules, which read them with their vetoes on wishes, contacts and negation lifted
// (RoundContext.relaxed). The rules still decide whether there is a round, its parties, status and
// date: the model only says where to look again.
import { z } from 'zod';
import modelJson from './round-sentence.model.json' with { type: 'json' };
import type { SentenceAnalysis } from '../analysis.js';
import { mentionsTalks } from '../lexicon.js';
import type { ExtractedRound } from '../types.js';
import { createDateFinder } from '../../text/dates.js';
import { binaryProbability } from './logistic.js';
import { sentenceFeatures } from './features.js';

const SentenceModelSchema = z.object({
  format: z.literal('talkwatch-binary-logistic/1'),
  task: z.literal('round-sentence'),
  threshold: z.number().min(0).max(1),
  minParties: z.number().int().min(0),
  bias: z.number(),
  weights: z.record(z.string(), z.number()),
});

export type SentenceModel = z.infer<typeof SentenceModelSchema>;

/** The shipped model, validated once when the module loads. */
export const ROUND_SENTENCE_MODEL: SentenceModel = SentenceModelSchema.parse(modelJson);

/** Distinct sides a sentence names (not places, not the dateline). */
export function sidesNamed(a: SentenceAnalysis): number {
  return new Set(a.mentions.filter((m) => m.party !== null && !m.locative && !m.inDateline).map((m) => m.party)).size;
}

/** A session word or the verb "meet": without one the round rules find nothing to read. */
const MEETING_WORD = /\b(?:meet|meets|met|meeting|convene|convenes|convened)\b/i;

/**
 * The sentences to read again with relaxed rules: not the evidence of any round the rules found,
 * naming at least `minParties` sides and a session, and scored at least `threshold` by the model.
 */
export function sentencesToRelax(
  analyses: readonly SentenceAnalysis[],
  rounds: readonly ExtractedRound[],
  publishedAt: string | null,
  model: SentenceModel = ROUND_SENTENCE_MODEL,
): Set<number> {
  const evidence = new Set(rounds.map((r) => r.evidence.start));
  const findDates = createDateFinder(publishedAt);
  const out = new Set<number>();
  for (const a of analyses) {
    if (evidence.has(a.sentence.start) || sidesNamed(a) < model.minParties) continue;
    if (!mentionsTalks(a.text) && !MEETING_WORD.test(a.text)) continue;
    const features = sentenceFeatures(a, { findDates, sentenceCount: analyses.length });
    if (binaryProbability(model, features) >= model.threshold) out.add(a.sentence.index);
  }
  return out;
}
