import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractArticle } from './extractor.js';
import { type RoundEvidence, demandConfidence, responseConfidence, roundConfidence } from './confidence.js';

const best: RoundEvidence = { cue: 'explicit', bodySentence: true, parties: 'named', date: 'day', dateInferred: false, ordinal: true, venue: true };

describe('confidence: the scores', () => {
  it('the best evidence of each kind scores 1, and every score lies in [0, 1]', () => {
    assert.equal(roundConfidence(best), 1);
    assert.equal(demandConfidence({ cue: 'verb', by: 'named', addresseeNamed: true }), 1);
    assert.equal(responseConfidence({ cue: 'verb', by: 'named', linked: true }), 1);
    const weakest = roundConfidence({ cue: 'inferred', bodySentence: false, parties: 'context', date: null, dateInferred: false, ordinal: false, venue: false });
    assert.ok(weakest > 0 && weakest < 0.5, String(weakest));
  });

  it('a round: each piece of missing evidence lowers it, the cue and the parties most', () => {
    const without = (change: Partial<RoundEvidence>): number => roundConfidence({ ...best, ...change });
    assert.ok(without({ cue: 'inferred' }) < without({ parties: 'speaker' }));
    assert.ok(without({ parties: 'context' }) < without({ parties: 'speaker' }));
    // Day > month > year > none; a date inferred from "began" counts as none.
    const byDate = [without({ date: 'day' }), without({ date: 'month' }), without({ date: 'year' }), without({ date: null })];
    assert.deepEqual([...byDate].sort((a, b) => b - a), byDate);
    assert.equal(without({ dateInferred: true }), without({ date: null }));
    assert.ok(without({ bodySentence: false }) < 1 && without({ ordinal: false }) < 1 && without({ venue: false }) < 1);
  });

  it('a demand: an explicit verb over a modal, a named party over one resolved from context', () => {
    assert.ok(demandConfidence({ cue: 'modal', by: 'named', addresseeNamed: true }) < demandConfidence({ cue: 'verb', by: 'named', addresseeNamed: true }));
    assert.ok(demandConfidence({ cue: 'verb', by: 'context', addresseeNamed: true }) < demandConfidence({ cue: 'verb', by: 'speaker', addresseeNamed: true }));
    assert.ok(demandConfidence({ cue: 'verb', by: 'named', addresseeNamed: false }) < 1);
  });
});

describe('confidence of extracted facts', () => {
  const extract = (body: string, publishedAt = '2031-03-08') => extractArticle({ title: 'T', url: null, publishedAt, body });

  it('a round named with both parties, an explicit verb, a day and a venue beats one inferred from context', () => {
    const [full] = extract('Germany and Japan will hold talks in Vienna on March 12.').rounds;
    assert.equal(full?.confidence, 0.95);
    const [vague] = extract('Germany and Japan disagree about fishing rights. The two sides will hold talks next year.').rounds;
    assert.deepEqual(vague?.parties, ['Germany', 'Japan']);
    assert.ok(vague.confidence < full.confidence, String(vague.confidence));
  });

  it('a demand with a demanding verb and a named party beats a modal in reported speech', () => {
    const { demands } = extract(
      'Japan demanded that Germany lift its tariffs on steel. The German minister said on Monday that Japan must open its rice market.',
    );
    const verb = demands.find((d) => d.by === 'Japan');
    const modal = demands.find((d) => d.by === 'Germany');
    assert.ok(verb && modal, JSON.stringify(demands));
    assert.ok(modal.confidence < verb.confidence, `${modal.confidence} < ${verb.confidence}`);
  });

  it('every fact extracted carries a confidence in [0, 1]', () => {
    const x = extract(
      'Germany and Japan met in Vienna on Monday. Japan demanded that Germany lift its tariffs on steel. Germany rejected the demand to lift its tariffs on steel.',
    );
    const all = [...x.rounds, ...x.demands, ...(x.responses ?? [])];
    assert.ok(x.rounds.length > 0 && x.demands.length > 0 && (x.responses ?? []).length > 0, JSON.stringify(x));
    for (const fact of all) assert.ok(fact.confidence >= 0 && fact.confidence <= 1, String(fact.confidence));
  });
});
