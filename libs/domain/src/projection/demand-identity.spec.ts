import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type WordingNode, clusterWordings, containment, contentTokens, stem } from './demand-identity.js';

const node = (key: string, category: string | null): WordingNode => ({ key, category, tokens: contentTokens(key, ['Russia', 'NATO']) });

describe('demand identity', () => {
  it('content words: stop-words, prepositions and party names dropped, stemmed by truncation', () => {
    assert.deepEqual([...contentTokens('NATO must stop expanding towards Russia', ['NATO', 'Russia'])], ['stop', 'expan']);
    assert.deepEqual([...contentTokens('no further expansion')], ['furth', 'expan']);
  });

  it('stems: a plural "s", "ing" or "ed" goes before truncation, when three letters remain', () => {
    assert.deepEqual(['halting', 'halted', 'halts', 'forces', 'force', 'bring', 'used', 'access'].map(stem), ['halt', 'halt', 'halt', 'force', 'force', 'bring', 'used', 'acces']);
  });

  it('common rewordings of a demand give the same content words', () => {
    const tokens = (text: string): string[] => [...contentTokens(text, ['Israel', 'Hamas'])].sort();
    assert.deepEqual(tokens('Israel must roll back its troops'), tokens('Israel must withdraw its forces'));
    assert.deepEqual(tokens('Israel must pull out its soldiers'), tokens('Israel must withdraw its forces'));
    assert.deepEqual(tokens('Israel must remove its troops'), tokens('Israel must withdraw its forces'));
    assert.deepEqual(tokens('the removal of the checkpoints'), tokens('the withdraw of the checkpoints'));
    assert.deepEqual(tokens('no bases near the frontier'), tokens('no bases near the border'));
    assert.deepEqual(tokens('halt the advance'), tokens('stop the expansion'));
    assert.deepEqual(tokens('written assurances'), tokens('written guarantees'));
    assert.deepEqual(tokens('not set up missile sites'), tokens('not deploy missile sites'));
  });

  it('an uncategorised rewording joins the demand it rewords', () => {
    const nodes = [node('nato stop expanding', 'enlargement'), node('no deployment of missiles near russia s borders', 'deployments'), node('nato halt its advance toward russia', null)];
    assert.deepEqual(clusterWordings(nodes), [['nato halt its advance toward russia', 'nato stop expanding'], ['no deployment of missiles near russia s borders']]);
  });

  it('containment is the shared share of the shorter set', () => {
    assert.equal(containment(new Set(['a', 'b']), new Set(['a', 'c', 'd'])), 0.5);
    assert.equal(containment(new Set(), new Set(['a'])), 0);
  });

  it('clusters are the same whatever the order of the wordings', () => {
    const nodes = [
      node('nato stop expanding', 'enlargement'),
      node('no further nato expansion', 'enlargement'),
      node('legally binding guarantees', 'guarantees'),
      node('binding guarantees in writing', 'guarantees'),
      node('explain its intentions', null),
    ];
    const expected = [['binding guarantees in writing', 'legally binding guarantees'], ['explain its intentions'], ['nato stop expanding', 'no further nato expansion']];
    assert.deepEqual(clusterWordings(nodes), expected);
    assert.deepEqual(clusterWordings([...nodes].reverse()), expected);
  });

  it('an uncategorised wording joins the closest categorised demand and never bridges two categories', () => {
    const nodes = [node('no deployment of strike weapons', 'deployments'), node('no new members', 'enlargement'), node('no strike weapons and no new members', null)];
    const clusters = clusterWordings(nodes);
    assert.equal(clusters.length, 2);
    assert.ok(clusters.every((c) => !(c.includes('no deployment of strike weapons') && c.includes('no new members'))));
  });
});
