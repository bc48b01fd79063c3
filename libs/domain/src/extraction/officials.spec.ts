import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getDefaultGazetteer } from './gazetteer/gazetteer.js';
import { discoverEntities, withLocalEntities } from './officials.js';
import { splitSentences } from '../text/sentences.js';

const gazetteer = getDefaultGazetteer();
const discover = (body: string) => discoverEntities(splitSentences(body), gazetteer);

describe('discoverEntities', () => {
  it('an unknown official of a known party, by the party before the role', () => {
    const found = discover('Russian Deputy Foreign Minister Ivan Petrov spoke. Ukraine\'s chief negotiator Olena Marchenko replied.');
    assert.deepEqual(found.officials.map((o) => [o.name, o.party, o.role]), [
      ['Ivan Petrov', 'Russia', 'deputy foreign minister'],
      ['Olena Marchenko', 'Ukraine', 'chief negotiator'],
    ]);
    assert.deepEqual(found.parties, []);
  });

  it('an unknown party from "of X" after the name, or from an unknown demonym', () => {
    assert.deepEqual(discover('Foreign Minister Jane Doe of Ruritania arrived.').parties, [{ name: 'Ruritania', surfaces: ['Ruritania'] }]);
    // The article names the country, so the demonym is matched to it.
    const freedonia = discover('Freedonian Defence Minister Omar Hassan flew to Freedonia City. The Freedonian army said little.');
    assert.deepEqual(freedonia.parties.map((p) => p.name), ['Freedonia']);
    assert.deepEqual(freedonia.officials.map((o) => [o.name, o.party]), [['Omar Hassan', 'Freedonia']]);
  });

  it('ignores known officials, roles without a name, and capitalised words that are not names', () => {
    const found = discover('Russian Foreign Minister Sergei Lavrov spoke. The Ukrainian president said on Monday. Foreign Minister On Tuesday left.');
    assert.deepEqual(found.officials, []);
  });
});

describe('withLocalEntities', () => {
  it('adds the discovered names, surnames and demonyms to the mentions, for this article only', () => {
    const local = withLocalEntities(gazetteer, discover('Ruritanian Foreign Minister Jane Doe met Lavrov.'));
    assert.deepEqual(
      local.findMentions('Doe and Ruritanians met Lavrov').map((m) => [m.text, m.party, m.via]),
      [
        ['Doe', 'Ruritania', 'official'],
        ['Ruritanians', 'Ruritania', 'demonym'],
        ['Lavrov', 'Russia', 'official'],
      ],
    );
    assert.deepEqual(gazetteer.findMentions('Doe and Ruritanians').length, 0);
    assert.equal(withLocalEntities(gazetteer, { officials: [], parties: [] }), gazetteer);
  });
});
