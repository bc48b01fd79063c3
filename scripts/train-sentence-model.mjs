// Trains the learned round-sentence classifier on the labelled corpus and writes its weights as a
// JSON data file of libs/domain (extraction/learned/round-sentence.model.json). Deterministic: the
// same corpus and code give the same file (a fixed shuffling seed, weights rounded). The datasets
// are built in memory (scripts/lib/sentence-dataset.mjs) and never written: they hold article text.
// The decision threshold is chosen as the cross-validation chooses it: on leave-one-negotiation-out
// probabilities of the training corpus, for the recall booster (rules, plus the sentences the
// model is sure of that name two sides).
// Usage: npm run -s train:sentences [-- CORPUS_DIR] [--out FILE] [--check]
//   --check  exit 1 when the file on disk differs from what training gives (nothing written)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSentenceDataset } from './lib/sentence-dataset.mjs';
import { DEFAULT_TRAIN_OPTIONS, fitRoundModel } from './lib/sentence-cv.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const valueOf = (flag) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : null);
const check = args.includes('--check');
const corpus = path.resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--out') ?? path.join(root, '../shared/corpus/dev'));
const out = path.resolve(valueOf('--out') ?? path.join(root, 'libs/domain/src/extraction/learned/round-sentence.model.json'));
if (!existsSync(path.join(corpus, 'labels.json'))) {
  console.error(`train-sentence-model: no labels.json in ${corpus}`);
  process.exit(2);
}

const task = 'round';
const { sentences, articles } = await buildSentenceDataset(corpus);
const usable = sentences.filter((r) => !r[task].optional);
const fitted = fitRoundModel(sentences, DEFAULT_TRAIN_OPTIONS);
const model = {
  about: [
    'Learned round-sentence classifier: the probability that a sentence reports a round of talks. A logistic regression over the features of extraction/learned/features.ts, trained by scripts/train-sentence-model.mjs (npm run train:sentences) on the labelled dev corpus; do not edit by hand.',
    'Used as a recall booster (extraction/learned/round-recall.ts): a sentence the rules made no round of, naming two sides and a session, with a probability of at least `threshold` is read again by the round rules with their vetoes lifted and, without a status cue, the status of its tense.',
  ],
  format: fitted.format,
  task: fitted.task,
  threshold: fitted.threshold,
  minParties: fitted.minParties,
  trainedOn: { articles: articles.length, sentences: usable.length, positives: usable.filter((r) => r[task].positive).length },
  options: DEFAULT_TRAIN_OPTIONS,
  bias: fitted.bias,
  weights: fitted.weights,
};
const text = `${JSON.stringify(model, null, 1)}\n`;
if (check) {
  const same = existsSync(out) && readFileSync(out, 'utf8') === text;
  console.log(same ? `${path.relative(root, out)} is what training gives` : `${path.relative(root, out)} differs from what training gives: run npm run train:sentences`);
  process.exit(same ? 0 : 1);
}
writeFileSync(out, text);
console.log(`wrote ${path.relative(root, out)}: ${Object.keys(model.weights).length} weights, threshold ${model.threshold}, trained on ${model.trainedOn.sentences} sentences (${model.trainedOn.positives} positive) of ${articles.length} articles`);
