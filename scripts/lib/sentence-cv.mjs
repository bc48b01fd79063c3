// Leave-one-negotiation-out cross-validation of the learned sentence classifiers against the rules,
// on the datasets of sentence-dataset.mjs. Each fold holds out the articles whose first negotiation
// is the fold's and trains on the articles that share no negotiation with it (an article about two
// negotiations is in neither side of the other one's fold). Thresholds are chosen inside the
// training side only, by the same leave-one-negotiation-out split of it (nested), never on the
// held-out fold.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const learned = await import(path.join(root, 'libs/domain/dist/extraction/learned/logistic.js'));

export const { DEFAULT_TRAIN_OPTIONS, trainBinary, binaryProbability, trainSoftmax, softmaxLabel } = learned;

/** Counts of a set of predicted sentences against a task's labels (optional labels count neither way). */
export function counts(rows, task, predicted) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  rows.forEach((r, i) => {
    const y = r[task];
    if (y.optional) return;
    if (predicted[i] && y.positive) tp++;
    else if (predicted[i]) fp++;
    else if (y.positive) fn++;
  });
  return { tp, fp, fn };
}
export const add = (a, b) => ({ tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn });
export function prf({ tp, fp, fn }) {
  const p = tp + fp ? tp / (tp + fp) : 1;
  const r = tp + fn ? tp / (tp + fn) : 1;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

/** The systems compared: each turns a sentence's facts into a prediction, given its thresholds. */
export function systems(task) {
  const ruleHit = (r) => r.rules[task];
  const ruleConfidence = (r) => r.rules[`${task}Confidence`];
  return {
    rules: { grid: [{}], predict: (r) => ruleHit(r) },
    model: { grid: [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8].map((t) => ({ t })), predict: (r, p, { t }) => p >= t },
    // The model removes the rules' weakly supported sentences it does not believe in.
    veto: {
      grid: [0.4, 0.5, 0.6, 0.7, 0.8, 0.9].flatMap((c) => [0.02, 0.05, 0.1, 0.2, 0.3].map((v) => ({ c, v }))),
      predict: (r, p, { c, v }) => ruleHit(r) && !(ruleConfidence(r) < c && p < v),
    },
    // The model adds sentences the rules skipped, when it is confident and the sentence names two sides.
    boost: {
      grid: [0.5, 0.6, 0.7, 0.8, 0.9, 0.95].map((b) => ({ b })),
      predict: (r, p, { b }) => ruleHit(r) || (p >= b && r.partyCount >= 2),
    },
  };
}

/** Articles of a fold and the articles training may use for it. */
export function split(rows, fold) {
  const test = rows.filter((r) => r.fold === fold);
  const train = rows.filter((r) => r.fold !== fold && !r.negotiations.includes(fold));
  return { test, train };
}

const example = (task) => (r) => ({ features: r.features, label: r[task].positive });
const trainable = (task) => (r) => !r[task].optional;

/** Out-of-fold probabilities for `rows` by leave-one-negotiation-out inside them. */
export function outOfFold(rows, task, options) {
  const p = new Map();
  for (const fold of [...new Set(rows.map((r) => r.fold))]) {
    const { test, train } = split(rows, fold);
    const model = trainBinary(train.filter(trainable(task)).map(example(task)), options);
    for (const r of test) p.set(r, binaryProbability(model, r.features));
  }
  return rows.map((r) => p.get(r) ?? 0);
}

/** The grid point with the best F1 (ties: the first, i.e. the most conservative listed). */
export function choose(system, rows, task, probabilities) {
  let best = system.grid[0];
  let bestF1 = -1;
  for (const params of system.grid) {
    const predicted = rows.map((r, i) => system.predict(r, probabilities[i], params));
    const f1 = prf(counts(rows, task, predicted)).f1;
    if (f1 > bestF1 + 1e-9) [best, bestF1] = [params, f1];
  }
  return best;
}

/** Runs the cross-validation of one task. Returns per-fold counts per system and the chosen parameters. */
export function crossValidate(rows, task, options = DEFAULT_TRAIN_OPTIONS) {
  const folds = [...new Set(rows.map((r) => r.fold))];
  const all = systems(task);
  const result = [];
  for (const fold of folds) {
    const { test, train } = split(rows, fold);
    const inner = outOfFold(train, task, options);
    const model = trainBinary(train.filter(trainable(task)).map(example(task)), options);
    const probabilities = test.map((r) => binaryProbability(model, r.features));
    const row = { fold, articles: new Set(test.map((r) => r.file)).size, trainArticles: new Set(train.map((r) => r.file)).size, systems: {} };
    for (const [name, system] of Object.entries(all)) {
      const params = choose(system, train, task, inner);
      const predicted = test.map((r, i) => system.predict(r, probabilities[i], params));
      row.systems[name] = { params, ...counts(test, task, predicted) };
    }
    if (task === 'round') row.status = statusCounts(train, test, probabilities, model, options);
    result.push(row);
  }
  return result;
}

/** Status accuracy on the fold's labelled round sentences: the rules' status and the softmax's. */
function statusCounts(train, test, _probabilities, _model, options) {
  const labelled = (r) => r.round.positive && r.round.statuses.length > 0;
  const softmax = trainSoftmax(train.filter(labelled).map((r) => ({ features: r.features, label: r.round.statuses[0] })), options);
  let n = 0;
  let model = 0;
  let bothN = 0;
  let rulesRight = 0;
  let modelRightOnRules = 0;
  for (const r of test.filter(labelled)) {
    n++;
    const predicted = softmaxLabel(softmax, r.features);
    if (r.round.statuses.includes(predicted)) model++;
    if (r.rules.round && r.rules.roundStatus) {
      bothN++;
      if (r.round.statuses.includes(r.rules.roundStatus)) rulesRight++;
      if (r.round.statuses.includes(predicted)) modelRightOnRules++;
    }
  }
  return { n, model, bothN, rulesRight, modelRightOnRules };
}

/** Paired bootstrap over folds: how often system `a` beats `b` in micro F1 when the folds are resampled. */
export function bootstrap(result, a, b, samples = 2000, seed = 11) {
  let s = seed >>> 0;
  const random = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const deltas = [];
  for (let k = 0; k < samples; k++) {
    let ca = { tp: 0, fp: 0, fn: 0 };
    let cb = { tp: 0, fp: 0, fn: 0 };
    for (let i = 0; i < result.length; i++) {
      const fold = result[Math.floor(random() * result.length)];
      ca = add(ca, fold.systems[a]);
      cb = add(cb, fold.systems[b]);
    }
    deltas.push(prf(ca).f1 - prf(cb).f1);
  }
  deltas.sort((x, y) => x - y);
  return { low: deltas[Math.floor(samples * 0.025)], high: deltas[Math.floor(samples * 0.975)], wins: deltas.filter((d) => d > 0).length / samples };
}

/**
 * The round-sentence model as the booster ships it, fitted on `rows`: weights trained on all of
 * them, the threshold chosen on their leave-one-negotiation-out probabilities.
 */
export function fitRoundModel(rows, options = DEFAULT_TRAIN_OPTIONS) {
  const task = 'round';
  const weights = trainBinary(rows.filter(trainable(task)).map(example(task)), options);
  const { b: threshold } = choose(systems(task).boost, rows, task, outOfFold(rows, task, options));
  return { format: 'talkwatch-binary-logistic/1', task: 'round-sentence', threshold, minParties: 2, bias: weights.bias, weights: weights.weights };
}
