import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractArticle } from './extractor.js';
import { findOutcome } from './outcomes.js';

const outcomeOf = (text: string) => findOutcome(text, { start: 0, end: text.length })?.outcome ?? null;

describe('outcomes: what a negotiation as a whole came to', () => {
  it('reads a settlement: an agreement signed or reached, talks concluded successfully or declared over', () => {
    for (const text of [
      'Ruritania and Osterlich signed a peace agreement in Lisbon on Friday.',
      'After twelve hours of talks, an accord between the two governments was reached.',
      'Negotiators have hammered out a ceasefire deal overnight.',
      'The deal struck between the two sides in Oslo ended decades of war.',
      'The negotiations concluded successfully on Sunday.',
      'The talks ended with a comprehensive settlement.',
      'The mediators declared the talks over.',
    ]) assert.equal(outcomeOf(text), 'agreement', text);
  });

  it('reads a breakdown: broken off, collapsed, walked out of, dead', () => {
    for (const text of [
      'The talks are dead, the president said.',
      'The negotiations broke down in May.',
      'Osterlich broke off the talks after the shelling.',
      'The delegation walked out of the negotiations on Tuesday.',
      'The peace process has collapsed.',
      'The government called off the dialogue with the rebels.',
      'The talks fell apart last week.',
    ]) assert.equal(outcomeOf(text), 'breakdown', text);
  });

  it('reads a suspension of the talks as a whole', () => {
    assert.equal(outcomeOf('The facilitators suspended the talks until further notice.'), 'suspension');
    assert.equal(outcomeOf('The negotiations were put on hold after the attack.'), 'suspension');
  });

  it('says nothing of a round that ended, or of a session called off', () => {
    assert.equal(outcomeOf('The talks ended on Friday evening.'), null);
    assert.equal(outcomeOf('The round wrapped up in Geneva.'), null);
    assert.equal(outcomeOf('The meeting was called off.'), null);
    assert.equal(outcomeOf('The summit broke up without a joint statement.'), null);
  });

  it('says nothing of what is denied, negated, hoped for or only possible', () => {
    for (const text of [
      'The envoy said the talks had not broken down.',
      'The ministry denied that the negotiations had collapsed.',
      'The talks could collapse at any moment.',
      'The talks were on the verge of collapse.',
      'The delegation threatened to walk out of the talks.',
      'Both sides hope to sign a deal before summer.',
      'They failed to reach an agreement.',
      'The talks ended without a deal.',
      'No agreement was signed.',
      'The fighting will go on until an agreement is reached.',
    ]) assert.equal(outcomeOf(text), null, text);
  });

  it('says nothing of agreements that settle only the talks themselves, part of them, or belong to the past', () => {
    for (const text of [
      'They reached an agreement to meet again in March.',
      'The session ended with a preliminary agreement on a prisoner exchange.',
      'The talks aim to revive the 2015 nuclear deal.',
      'It is the first round since the two leaders agreed a truce in December.',
      'The talks resumed in June after being suspended in May.',
    ]) assert.equal(outcomeOf(text), null, text);
  });

  it('does not read attributions', () => {
    const text = 'The talks will resume on Monday, said the envoy who broke off the negotiations last year.';
    const attribution = { start: text.indexOf('said'), end: text.length };
    assert.equal(findOutcome(text, { start: 0, end: text.length }, [attribution]), null);
  });
});

describe('outcomes in extracted rounds', () => {
  const rounds = (body: string, publishedAt = '2031-03-08') =>
    extractArticle({ title: 'T', url: null, publishedAt, body }).rounds.map((r) => [r.parties.join('/'), r.status, r.outcome]);

  it('a round that merely ended tells no outcome', () => {
    assert.deepEqual(rounds('Talks between Germany and Japan ended in Vienna on Friday.'), [['Germany/Japan', 'concluded', null]]);
  });

  it('a round whose talks broke down tells a breakdown', () => {
    assert.deepEqual(rounds('Talks between Germany and Japan broke down in Vienna on Friday.'), [['Germany/Japan', 'concluded', 'breakdown']]);
  });

  it('the talks of a round declared dead in the next sentence', () => {
    assert.deepEqual(rounds('Germany and Japan met in Vienna on Friday. The German minister said afterwards that the talks were dead.'), [['Germany/Japan', 'held', 'breakdown']]);
  });

  it('a round still ahead carries no outcome: what the clause tells is of the past', () => {
    assert.deepEqual(rounds('Talks between Germany and Japan, which collapsed in May, will resume in Vienna on March 20.').map((r) => r[2]), [null]);
  });
});
