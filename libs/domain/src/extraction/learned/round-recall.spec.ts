import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArticleInput } from '../../text/article.js';
import { extractArticle } from '../extractor.js';
import { DEFAULT_GAZETTEER_DATA } from '../gazetteer/gazetteer.js';
import { featuredSentences } from './article-sentences.js';
import { ROUND_SENTENCE_MODEL, type SentenceModel, sentencesToRelax } from './round-recall.js';
import { tenseStatus } from './relaxed-status.js';

const article = (body: string): ArticleInput => ({ title: 'A headline of our own', url: null, publishedAt: '2024-05-02', body });

// A hand-made model that believes every sentence mentioning a one-sided offer reports a round.
const believesOffers: SentenceModel = { format: 'talkwatch-binary-logistic/1', task: 'round-sentence', threshold: 0.5, minParties: 2, bias: -5, weights: { 'lex:one-sided': 10 } };

describe('learned: the shipped round-sentence model', () => {
  it('is valid data with a threshold and weights', () => {
    assert.ok(ROUND_SENTENCE_MODEL.threshold > 0 && ROUND_SENTENCE_MODEL.threshold <= 1);
    assert.ok(Object.keys(ROUND_SENTENCE_MODEL.weights).length > 100);
    // Proper nouns are no features: no word weight names a party or official the gazetteer knows.
    const names = [...DEFAULT_GAZETTEER_DATA.parties.flatMap((p) => [p.name, ...(p.demonyms ?? [])]), ...DEFAULT_GAZETTEER_DATA.officials.map((o) => o.name.split(' ').at(-1) ?? '').filter((surname) => surname.length > 4)];
    const named = names.map((n) => `w:${n.toLowerCase()}`).filter((w) => w in ROUND_SENTENCE_MODEL.weights);
    assert.deepEqual(named, []);
  });
});

describe('learned: the round recall booster', () => {
  const body = 'Chile offered to hold talks with Peru in Quito on 6 May. Chile and Peru met in Lima on 1 May.';

  it('picks the sentences the rules made no round of, that name two sides and a session, and that the model believes', () => {
    const sentences = featuredSentences(article(body)).map((s) => s.analysis);
    const rules = extractArticle(article(body), undefined, { learnedRoundRecall: false });
    // The rules keep the meeting in Lima and leave out the offer.
    assert.deepEqual(rules.rounds.map((r) => r.date?.start), ['2024-05-01']);
    assert.deepEqual([...sentencesToRelax(sentences, rules.rounds, '2024-05-02', believesOffers)], [0]);
    assert.deepEqual([...sentencesToRelax(sentences, rules.rounds, '2024-05-02', { ...believesOffers, threshold: 1 })], []);
    assert.deepEqual([...sentencesToRelax(sentences, rules.rounds, '2024-05-02', { ...believesOffers, minParties: 3 })], []);
  });

  it('has the rules read a flagged sentence with the vetoes lifted, and changes nothing when off', () => {
    const off = extractArticle(article(body));
    const on = extractArticle(article(body), undefined, { learnedRoundRecall: true, roundSentenceModel: believesOffers });
    assert.equal(off.rounds.length, 1);
    assert.deepEqual(
      on.rounds.map((r) => [r.parties.join('/'), r.status, r.date?.start]),
      [['Chile/Peru', 'scheduled', '2024-05-06'], ['Chile/Peru', 'held', '2024-05-01']].sort((a, b) => String(b[2]).localeCompare(String(a[2]))),
    );
  });

  it('lets a model that believes nothing leave the rules as they are', () => {
    const none: SentenceModel = { ...believesOffers, weights: {} };
    assert.deepEqual(extractArticle(article(body), undefined, { learnedRoundRecall: true, roundSentenceModel: none }), extractArticle(article(body)));
  });
});

describe('learned: the status of a relaxed clause without a cue', () => {
  const whole = (text: string) => ({ start: 0, end: text.length });
  it('reads the tense of its verbs', () => {
    const future = 'Chile will send envoys to Peru for more discussions.';
    const past = 'Chile sent envoys to Peru for more discussions.';
    assert.equal(tenseStatus(future, whole(future), []), 'future');
    assert.equal(tenseStatus(past, whole(past), []), 'held');
    assert.equal(tenseStatus('More discussions between Chile and Peru', whole('More discussions between Chile and Peru'), []), null);
  });

  it('leaves out the verbs of an attribution', () => {
    const text = 'More discussions with Peru, the ministry said.';
    assert.equal(tenseStatus(text, whole(text), [{ start: text.indexOf(', the'), end: text.length }]), null);
  });
});
