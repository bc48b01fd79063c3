// A small L2-regularised logistic regression over binary named features, and its multinomial
// (softmax) variant, trained by stochastic gradient descent in a fixed, seeded order: the same
// examples and options give the same weights on every machine. Small enough to read; no library.

/** One training example: the names of the features it has, and its label. */
export interface Example<L> {
  features: readonly string[];
  label: L;
}

export interface TrainOptions {
  /** Passes over the examples. */
  epochs: number;
  /** Initial step; it decays as 1 / (1 + t · decay) over the updates. */
  learningRate: number;
  /** L2 penalty per update (weight decay), applied to the weights the update touches. */
  l2: number;
  /** Features seen in fewer training examples than this are left out of the model. */
  minCount: number;
  /** Seed of the shuffling order. */
  seed: number;
  /** Weight of a positive (binary) example against a negative one: the classes are unbalanced. */
  positiveWeight?: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { epochs: 40, learningRate: 0.2, l2: 1e-4, minCount: 2, seed: 7, positiveWeight: 3 };

export interface BinaryModel {
  bias: number;
  weights: Record<string, number>;
}

export interface SoftmaxModel {
  labels: string[];
  /** One bias and one weight table per label, in `labels` order. */
  biases: number[];
  weights: Record<string, number>[];
}

/** mulberry32: a tiny deterministic generator for the shuffling order. */
function generator(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(n: number, random: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

/** The features kept for training: seen in at least `minCount` examples ("bias" always). */
function vocabulary(examples: readonly Example<unknown>[], minCount: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of examples) for (const name of new Set(e.features)) counts.set(name, (counts.get(name) ?? 0) + 1);
  const names = [...counts].filter(([name, n]) => n >= minCount || name === 'bias').map(([name]) => name).sort();
  return new Map(names.map((name, i) => [name, i]));
}

const indices = (features: readonly string[], vocab: ReadonlyMap<string, number>): number[] => {
  const out: number[] = [];
  for (const name of new Set(features)) {
    const i = vocab.get(name);
    if (i !== undefined) out.push(i);
  }
  return out;
};

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Rounds weights so that the model file stays small and diffs stay readable. */
const rounded = (w: number): number => Math.round(w * 1e5) / 1e5;

function table(vocab: ReadonlyMap<string, number>, w: Float64Array): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, i] of vocab) {
    const value = rounded(w[i] ?? 0);
    if (value !== 0) out[name] = value;
  }
  return out;
}

/** Trains a binary classifier (label true: the positive class). */
export function trainBinary(examples: readonly Example<boolean>[], options: TrainOptions = DEFAULT_TRAIN_OPTIONS): BinaryModel {
  const vocab = vocabulary(examples, options.minCount);
  const rows = examples.map((e) => ({ x: indices(e.features, vocab), y: e.label ? 1 : 0 }));
  const w = new Float64Array(vocab.size);
  let bias = 0;
  const random = generator(options.seed);
  const positiveWeight = options.positiveWeight ?? 1;
  let t = 0;
  const decay = 1 / Math.max(1, rows.length);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const r of shuffled(rows.length, random)) {
      const row = rows[r];
      if (!row) continue;
      let z = bias;
      for (const i of row.x) z += w[i] ?? 0;
      const rate = options.learningRate / (1 + t * decay);
      t++;
      const gradient = (sigmoid(z) - row.y) * (row.y === 1 ? positiveWeight : 1);
      bias -= rate * gradient;
      for (const i of row.x) w[i] = (w[i] ?? 0) * (1 - rate * options.l2) - rate * gradient;
    }
  }
  return { bias: rounded(bias), weights: table(vocab, w) };
}

/** The probability a binary model gives the positive class. */
export function binaryProbability(model: BinaryModel, features: readonly string[]): number {
  let z = model.bias;
  for (const name of new Set(features)) z += model.weights[name] ?? 0;
  return sigmoid(z);
}

/** Trains a multinomial classifier over the labels seen in `examples` (sorted). */
export function trainSoftmax(examples: readonly Example<string>[], options: TrainOptions = DEFAULT_TRAIN_OPTIONS): SoftmaxModel {
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const vocab = vocabulary(examples, options.minCount);
  const rows = examples.map((e) => ({ x: indices(e.features, vocab), y: labels.indexOf(e.label) }));
  const w = labels.map(() => new Float64Array(vocab.size));
  const biases = labels.map(() => 0);
  const random = generator(options.seed);
  let t = 0;
  const decay = 1 / Math.max(1, rows.length);
  const scores = new Float64Array(labels.length);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const r of shuffled(rows.length, random)) {
      const row = rows[r];
      if (!row) continue;
      let max = -Infinity;
      for (let k = 0; k < labels.length; k++) {
        let z = biases[k] ?? 0;
        const wk = w[k] as Float64Array;
        for (const i of row.x) z += wk[i] ?? 0;
        scores[k] = z;
        if (z > max) max = z;
      }
      let sum = 0;
      for (let k = 0; k < labels.length; k++) {
        scores[k] = Math.exp((scores[k] ?? 0) - max);
        sum += scores[k] ?? 0;
      }
      const rate = options.learningRate / (1 + t * decay);
      t++;
      for (let k = 0; k < labels.length; k++) {
        const gradient = (scores[k] ?? 0) / sum - (k === row.y ? 1 : 0);
        biases[k] = (biases[k] ?? 0) - rate * gradient;
        const wk = w[k] as Float64Array;
        for (const i of row.x) wk[i] = (wk[i] ?? 0) * (1 - rate * options.l2) - rate * gradient;
      }
    }
  }
  return { labels, biases: biases.map(rounded), weights: w.map((wk) => table(vocab, wk)) };
}

/** The probabilities a softmax model gives each of its labels, in `labels` order. */
export function softmaxProbabilities(model: SoftmaxModel, features: readonly string[]): number[] {
  const names = [...new Set(features)];
  const z = model.labels.map((_, k) => names.reduce((s, name) => s + (model.weights[k]?.[name] ?? 0), model.biases[k] ?? 0));
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((s, v) => s + v, 0);
  return e.map((v) => v / sum);
}

/** The most probable label of a softmax model. */
export function softmaxLabel(model: SoftmaxModel, features: readonly string[]): string {
  const p = softmaxProbabilities(model, features);
  let best = 0;
  for (let k = 1; k < p.length; k++) if ((p[k] ?? 0) > (p[best] ?? 0)) best = k;
  return model.labels[best] ?? '';
}
