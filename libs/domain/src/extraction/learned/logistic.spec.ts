import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Example, type TrainOptions, binaryProbability, softmaxLabel, softmaxProbabilities, trainBinary, trainSoftmax } from './logistic.js';

const options: TrainOptions = { epochs: 60, learningRate: 0.3, l2: 1e-4, minCount: 1, seed: 3, positiveWeight: 1 };

// Toy data of our own: "talks" marks the positive class, "weather" the negative; "noise" is on both sides.
const toy: Example<boolean>[] = [
  { features: ['bias', 'talks', 'noise'], label: true },
  { features: ['bias', 'talks'], label: true },
  { features: ['bias', 'talks', 'date'], label: true },
  { features: ['bias', 'weather', 'noise'], label: false },
  { features: ['bias', 'weather'], label: false },
  { features: ['bias', 'weather', 'date'], label: false },
  { features: ['bias', 'markets'], label: false },
];

describe('learned: binary logistic regression', () => {
  it('separates what its features separate', () => {
    const model = trainBinary(toy, options);
    assert.ok(binaryProbability(model, ['bias', 'talks']) > 0.7);
    assert.ok(binaryProbability(model, ['bias', 'weather']) < 0.3);
    assert.ok((model.weights.talks ?? 0) > 0 && (model.weights.weather ?? 0) < 0);
  });

  it('gives the same weights for the same examples and seed, whatever their order', () => {
    assert.deepEqual(trainBinary(toy, options), trainBinary(toy, options));
    const reversed = trainBinary([...toy].reverse(), options);
    // Another order of the same examples is another run of SGD: close weights, same decisions.
    assert.ok(binaryProbability(reversed, ['bias', 'talks']) > 0.7);
  });

  it('leaves out features rarer than minCount, and ignores unknown ones when scoring', () => {
    const model = trainBinary(toy, { ...options, minCount: 2 });
    assert.equal(model.weights.markets, undefined);
    assert.equal(binaryProbability(model, ['bias', 'talks', 'never-seen']), binaryProbability(model, ['bias', 'talks']));
  });

  it('counts a repeated feature once', () => {
    const model = trainBinary(toy, options);
    assert.equal(binaryProbability(model, ['talks', 'talks']), binaryProbability(model, ['talks']));
  });
});

describe('learned: softmax', () => {
  const statuses: Example<string>[] = [
    { features: ['bias', 'vg:future'], label: 'announced' },
    { features: ['bias', 'vg:future', 'date:day'], label: 'announced' },
    { features: ['bias', 'vg:past'], label: 'held' },
    { features: ['bias', 'vg:past', 'date:day'], label: 'held' },
    { features: ['bias', 'rv:cancelled'], label: 'cancelled' },
  ];

  it('picks the label its features point to, with probabilities that sum to one', () => {
    const model = trainSoftmax(statuses, options);
    assert.deepEqual(model.labels, ['announced', 'cancelled', 'held']);
    assert.equal(softmaxLabel(model, ['bias', 'vg:future']), 'announced');
    assert.equal(softmaxLabel(model, ['bias', 'vg:past']), 'held');
    assert.equal(softmaxLabel(model, ['bias', 'rv:cancelled']), 'cancelled');
    const p = softmaxProbabilities(model, ['bias', 'vg:past']);
    assert.ok(Math.abs(p.reduce((s, v) => s + v, 0) - 1) < 1e-9);
  });
});
