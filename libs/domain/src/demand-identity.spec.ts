import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type WordingNode, clusterWordings, containment, contentTokens } from './demand-identity.js';

const node = (key: string, category: string | null): WordingNode => ({ key, category, tokens: contentTokens(key, ['Russia', 'NATO']) });

describe('demand identity', () => {
  it('content words: stop-words and party names dropped, stemmed by truncation', () => {
    assert.deepEqual([...contentTokens('NATO must stop expanding towards Russia', ['NATO', 'Russia'])], ['stop', 'expan', 'towar']);
    assert.deepEqual([...contentTokens('no further expansion')], ['furth', 'expan']);
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
