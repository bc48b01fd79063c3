// Responses (acceptances, rejections, counter-proposals) and the demand cues they rely on, in
// sentences written for these tests.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractArticle } from './extractor.js';

const extract = (body: string, publishedAt = '2023-05-03') => extractArticle({ title: 'Untitled', url: null, publishedAt, body });
const responses = (body: string) =>
  (extract(body).responses ?? []).map((r) => ({ by: r.by, to: r.to, kind: r.kind, text: r.text, demand: r.demand?.text ?? null }));
const demands = (body: string) => extract(body).demands.map((d) => [d.by, d.addressedTo.join('/'), d.text, d.category]);

describe('extractArticle: responses', () => {
  it('a rejection "as unacceptable", the proposal\'s owner from its adjective', () => {
    assert.deepEqual(responses('Russia rejected the U.S. proposal as unacceptable.'), [
      { by: 'Russia', to: ['United States'], kind: 'rejected', text: 'the United States proposal', demand: null },
    ]);
  });

  it('"the demand" in a later sentence is linked to the demand the article reported', () => {
    assert.deepEqual(responses('Russia demanded that NATO withdraw its forces from Eastern Europe. NATO rejected the demand on Friday.'), [
      { by: 'NATO', to: ['Russia'], kind: 'rejected', text: 'the demand', demand: 'NATO withdraw its forces from Eastern Europe' },
    ]);
  });

  it('a rejection followed by a counter-proposal: both answer the same demand', () => {
    assert.deepEqual(responses('Israel refused Hamas\'s demand for a permanent ceasefire and instead proposed a temporary pause in fighting.'), [
      { by: 'Israel', to: ['Hamas'], kind: 'rejected', text: 'Hamas\'s demand for a permanent ceasefire', demand: 'a permanent ceasefire' },
      { by: 'Israel', to: ['Hamas'], kind: 'counter-proposal', text: 'a temporary pause in fighting', demand: 'a permanent ceasefire' },
    ]);
  });

  it('"… was a non-starter": the speaker rejects the demand the sentence states', () => {
    assert.deepEqual(responses('Ukraine said Moscow\'s demand that it give up territory was a non-starter.'), [
      { by: 'Ukraine', to: ['Russia'], kind: 'rejected', text: 'Russia\'s demand that it give up territory', demand: 'it give up territory' },
    ]);
  });

  it('"…, a condition Kyiv called a non-starter" rejects the demand just stated', () => {
    const body = 'Russia demanded that Ukraine withdraw its forces from four regions, a condition Kyiv called a non-starter.';
    assert.deepEqual(responses(body), [
      { by: 'Ukraine', to: ['Russia'], kind: 'rejected', text: 'Ukraine withdraw its forces from four regions', demand: 'Ukraine withdraw its forces from four regions' },
    ]);
    assert.deepEqual(demands(body), [['Russia', 'Ukraine', 'Ukraine withdraw its forces from four regions', 'withdrawal']]);
  });

  it('acceptance of a mediator\'s proposal; a counter-proposal with its content', () => {
    assert.deepEqual(responses('Hamas accepted an Egyptian proposal for a six-week truce, its spokesman said.'), [
      { by: 'Hamas', to: ['Egypt'], kind: 'accepted', text: 'an Egyptian proposal for a six-week truce', demand: null },
    ]);
    assert.deepEqual(responses('Moscow offered a counter-proposal calling for a phased withdrawal of foreign troops.'), [
      { by: 'Russia', to: [], kind: 'counter-proposal', text: 'a phased withdrawal of foreign troops', demand: null },
    ]);
  });

  it('agreeing to a request accepts the demand it states', () => {
    assert.deepEqual(responses('Washington agreed to Moscow\'s request for a meeting of foreign ministers.'), [
      { by: 'United States', to: ['Russia'], kind: 'accepted', text: 'Russia\'s request for a meeting of foreign ministers', demand: 'a meeting of foreign ministers' },
    ]);
  });

  it('"refused to <verb>" answers a demand; refusing to comment does not', () => {
    assert.deepEqual(responses('Ukraine refused to withdraw troops from the front line.').map((r) => [r.by, r.kind, r.text]), [['Ukraine', 'rejected', 'withdraw troops from the front line']]);
    assert.deepEqual(responses('Russia refused to comment on the report.'), []);
  });

  it('not responses: denials of claims, hypothetical or negated acceptance, accepting goods', () => {
    for (const sentence of [
      'The Kremlin rejected the accusations as baseless.',
      'Ukraine would accept a ceasefire only if Russian troops left.',
      'Israel has not accepted the plan.',
      'Ukraine accepted a shipment of tanks from Germany.',
      'NATO agreed to boost its presence on the eastern flank.',
    ]) {
      assert.deepEqual(responses(sentence), [], sentence);
    }
  });
});

describe('extractArticle: more demand cues', () => {
  it('"wants X to …", "asked X to …", "pressed X to …": the object is addressed', () => {
    assert.deepEqual(demands('Kremlin spokesman Dmitry Peskov said Moscow wants Washington to guarantee that Ukraine will never join NATO.'), [
      // A guarantee that X is about X: the category is what is guaranteed.
      ['Russia', 'United States', 'guarantee that Ukraine will never join NATO', 'enlargement'],
    ]);
    assert.deepEqual(demands('The EU asked Serbia and Kosovo to implement the agreement without delay.'), [['European Union', 'Kosovo/Serbia', 'implement the agreement without delay', null]]);
    assert.deepEqual(demands('Washington pressed Beijing to rein in North Korea.'), [['United States', 'China', 'rein in North Korea', null]]);
  });

  it('"wants" a thing only when the thing is one a party can grant; "asked reporters to" is no demand', () => {
    assert.deepEqual(demands('Russia wants security guarantees from Ukraine.'), [['Russia', 'Ukraine', 'security guarantees', 'guarantees']]);
    assert.deepEqual(demands('Investors want clarity from the central bank before the elections in Turkey.'), []);
    assert.deepEqual(demands('The minister asked reporters to wait for the statement.'), []);
  });

  it('a progressive verb is a cue ("is seeking"); coordinated verb phrases are split', () => {
    assert.deepEqual(demands('Russia is seeking a ban on NATO deployments near its borders.'), [['Russia', 'NATO', 'a ban on NATO deployments near its borders', 'deployments']]);
    assert.deepEqual(demands('Kyiv has called on Moscow to agree to an immediate ceasefire and withdraw its forces.'), [
      ['Ukraine', 'Russia', 'agree to an immediate ceasefire', 'ceasefire'],
      ['Ukraine', 'Russia', 'withdraw its forces', 'withdrawal'],
    ]);
    assert.deepEqual(demands('Azerbaijan has demanded that Armenia withdraw its troops from the region and recognise its borders.'), [
      ['Azerbaijan', 'Armenia', 'Armenia withdraw its troops from the region', 'withdrawal'],
      ['Azerbaijan', 'Armenia', 'Armenia recognise its borders', null],
    ]);
  });

  it('the category is the one whose keyword comes first', () => {
    assert.deepEqual(demands('Israel demanded the release of all hostages before any lasting truce.').map((d) => d[3]), ['prisoner-exchange']);
  });

  it('appeals for calm are not demands', () => {
    assert.deepEqual(demands('Germany called for calm after the incident.'), []);
  });
});
