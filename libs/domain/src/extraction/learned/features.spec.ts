import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArticleInput } from '../../text/article.js';
import { featuredSentences } from './article-sentences.js';

const article = (body: string, publishedAt: string | null = '2024-03-01'): ArticleInput => ({ title: 'A headline of our own', url: null, publishedAt, body });
const featuresOf = (body: string, publishedAt?: string | null): string[][] => featuredSentences(article(body, publishedAt)).map((s) => s.features);

describe('learned: sentence features', () => {
  it('reads a past meeting of two sides: cue class with its tense, two parties, a dated day', () => {
    const [f] = featuresOf('Yesterday negotiators from Chile and Peru met in Geneva on 3 March to discuss fishing rights.');
    assert.ok(f);
    for (const name of ['rv:held', 'rv:held:past', 'vg:past', 'parties:2', 'parties:2+', 'date', 'date:day', 'place', 'first', 'w:meet', 'w:discuss']) {
      assert.ok(f.includes(name), `${name} in ${f.join(' ')}`);
    }
  });

  it('tells a future, negated session and a one-sided wish', () => {
    const [future, wish] = featuresOf('The summit will not take place next month. Chile offered to host talks with Peru.');
    assert.ok(future?.includes('rv:held:future') && future.includes('rv:held:negated') && future.includes('vg:modal:will'));
    assert.ok(wish?.includes('lex:one-sided') && wish.includes('parties:2+'));
  });

  it('keeps proper nouns out of the words: a name is a name, not a lexical feature', () => {
    const [f] = featuresOf('Envoy Ramirez spoke to reporters in Lima.');
    assert.ok(f?.includes('pos:propn'));
    assert.ok(!f?.some((name) => name === 'w:ramirez' || name === 'w:lima'));
  });

  it('names the demand categories whose keywords the sentence holds', () => {
    const [f] = featuresOf('Peru demanded that Chile withdraw its troops and agree to a ceasefire.');
    assert.ok(f?.includes('dc:withdrawal') && f.includes('dc:ceasefire'));
  });

  it('is the same for the same sentence, sorted and without duplicates', () => {
    const body = 'Chile and Peru will hold a second round of talks in Quito on Friday.';
    const [a] = featuresOf(body);
    const [b] = featuresOf(body);
    assert.deepEqual(a, b);
    assert.deepEqual(a, [...new Set(a)].sort());
  });
});
