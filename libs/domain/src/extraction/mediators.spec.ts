import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractArticle } from './extractor.js';

const rounds = (body: string) =>
  extractArticle({ title: 'T', url: null, publishedAt: '2031-05-12', body }).rounds.map((r) => ({ parties: r.parties.join('/'), mediators: r.mediators.join('/') }));

describe('mediators are not sides', () => {
  it('"mediated by X", "X-brokered", "with X mediating": X mediates', () => {
    assert.deepEqual(rounds('Japan and Canada held talks in Geneva on Friday, mediated by Norway.'), [{ parties: 'Canada/Japan', mediators: 'Norway' }]);
    assert.deepEqual(rounds('Norway-brokered talks between Japan and Canada began in Oslo on Monday.'), [{ parties: 'Canada/Japan', mediators: 'Norway' }]);
    assert.deepEqual(rounds('Japan and Canada met in Geneva on Friday, with Norway mediating.'), [{ parties: 'Canada/Japan', mediators: 'Norway' }]);
  });

  it('coordinated mediators share the role ("mediators Norway and Switzerland")', () => {
    assert.deepEqual(rounds('Japan and Canada held talks on Friday hosted by mediators Norway and Switzerland.'), [{ parties: 'Canada/Japan', mediators: 'Norway/Switzerland' }]);
  });

  it('without a cue every named party is a side', () => {
    assert.deepEqual(rounds('Japan, Canada and Norway held talks in Geneva on Friday.'), [{ parties: 'Canada/Japan/Norway', mediators: '' }]);
  });

  it('a round keeps two sides: a mediator cue on one of only two parties leaves both sides', () => {
    assert.deepEqual(rounds('Canada held talks with Japan on Friday, mediated by Norway and Japan.').map((r) => r.parties.split('/').length >= 2), [true]);
  });
});

describe('hosts and guests of the same day\'s session', () => {
  it('"the negotiations" opened by a host that day are the round already reported; host and guests sit in', () => {
    const body = 'Peace talks between the Colombian government and the ELN opened in Havana today. At a ceremony in Havana, Cuban Foreign Minister Ana Perez opened the negotiations, flanked by envoys of Norway and Chile.';
    const found = extractArticle({ title: 'T', url: null, publishedAt: '2031-05-12', body }).rounds;
    assert.deepEqual(found.map((r) => [r.parties, r.mediators]), [[['Colombian government', 'ELN'], ['Chile', 'Cuba', 'Norway']]]);
  });
});
