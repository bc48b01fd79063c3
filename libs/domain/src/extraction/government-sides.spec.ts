import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractArticle } from './extractor.js';
import { createGazetteer } from './gazetteer/gazetteer.js';

const extract = (body: string, gazetteer = createGazetteer()) => extractArticle({ title: 'T', url: null, publishedAt: '2031-05-12', body }, gazetteer);

describe('government sides', () => {
  it('a state facing an armed group of its own country is its government side', () => {
    const rounds = extract('Colombia and the ELN resumed peace talks in Havana on Monday.').rounds;
    assert.deepEqual(rounds.map((r) => r.parties), [['Colombian government', 'ELN']]);
  });

  it('an opposition of the country makes the state its government; the capital as metonym too', () => {
    const rounds = extract('Representatives of Caracas and the Venezuelan opposition met in Barbados on Tuesday.').rounds;
    assert.ok(rounds[0]?.parties.includes('Venezuelan opposition'), JSON.stringify(rounds));
  });

  it('a state beside its own government side is that one side: no round of one', () => {
    assert.deepEqual(extract('The Colombian president said he would be in Havana on Friday to oversee the closing day of negotiations with the Colombian government team.').rounds, []);
  });

  it('two states stay states; a state beside a non-state side of another country stays a state', () => {
    assert.deepEqual(extract('Japan and Canada held talks in Geneva on Friday.').rounds.map((r) => r.parties), [['Canada', 'Japan']]);
    assert.deepEqual(extract('Qatar and the Taliban held talks in Doha on Friday.').rounds.map((r) => r.parties), [['Qatar', 'Taliban']]);
  });

  it('a demand of the state on its insurgents is the government\'s', () => {
    const demands = extract('Ethiopia demanded that the TPLF disarm before any talks.').demands;
    assert.deepEqual(demands.map((d) => [d.by, d.addressedTo.join('/')]), [['Ethiopian government', 'TPLF']]);
  });

  it('without a government side in the data the state keeps its name', () => {
    const gazetteer = createGazetteer({ parties: [{ name: 'Ruritanian Liberation Army', kind: 'armed-group', country: 'Ruritania' }, { name: 'Ruritania', kind: 'state' }] });
    assert.deepEqual(extract('Ruritania and the Ruritanian Liberation Army held talks in Geneva on Friday.', gazetteer).rounds.map((r) => r.parties), [['Ruritania', 'Ruritanian Liberation Army']]);
  });
});

describe('a bare "the opposition"', () => {
  it('beside one country\'s state or government is that country\'s opposition (from the data)', () => {
    const rounds = extract('Talks between the Venezuelan government and the opposition resumed in Mexico City on Friday.').rounds;
    assert.ok(rounds[0]?.parties.includes('Venezuelan opposition'), JSON.stringify(rounds));
  });

  it('without a country whose opposition the data knows, it names nobody', () => {
    assert.deepEqual(extract('The opposition and the government of Japan met in Osaka on Friday.').rounds.flatMap((r) => r.parties).filter((p) => /opposition/i.test(p)), []);
  });
});

describe('a demonym and the body it qualifies', () => {
  it('"The Syrian government and the opposition met": one mention each, coordinated as subjects of "met"', () => {
    const rounds = extract('The Syrian government and the opposition met in Astana on Tuesday.').rounds;
    assert.deepEqual(rounds.map((r) => r.parties), [['Syria', 'Syrian opposition']]);
  });
});

describe('a bare "the government"', () => {
  it('beside a non-state side of one country is that country\'s government side', () => {
    const rounds = extract('A planned meeting between the government and the ELN in Havana was scuttled.').rounds;
    assert.deepEqual(rounds.map((r) => [r.parties, r.status]), [[['Colombian government', 'ELN'], 'cancelled']]);
  });
});
