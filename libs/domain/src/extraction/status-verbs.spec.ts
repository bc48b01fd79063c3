import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractArticle } from './extractor.js';
import { verbCue } from './status-verbs.js';
import { sentenceSyntax, tokenise, verbGroups } from './syntax.js';

const groupsOf = (text: string) => verbGroups(tokenise(text)).map((g) => ({ text: text.slice(g.start, g.end), lemma: g.lemma, tense: g.tense, modal: g.modal, negated: g.negated }));
const cuesOf = (text: string) =>
  sentenceSyntax(text)
    .groups.map((g) => verbCue(g, text.slice(g.end, g.end + 40)))
    .filter((c) => c !== null)
    .map((c) => ({ text: text.slice(c.start, c.end), kind: c.kind, inProgress: c.inProgress }));

describe('syntax: tokens and verb groups', () => {
  it('keeps offsets into the sentence', () => {
    const text = 'Envoys from Ruritania  and Osterlich met, briefly.';
    for (const t of tokenise(text)) assert.equal(text.slice(t.start, t.end), t.text);
  });

  it('groups auxiliaries, adverbs and particles with their verb', () => {
    assert.deepEqual(groupsOf('The negotiations had finally broken off.'), [{ text: 'had finally broken off', lemma: 'break off', tense: 'past', modal: null, negated: false }]);
    assert.deepEqual(groupsOf('The summit will not take place.'), [{ text: 'will not take place', lemma: 'take place', tense: 'future', modal: 'will', negated: true }]);
    assert.deepEqual(groupsOf('The session is still ongoing.')[0], { text: 'is still ongoing', lemma: 'be ongoing', tense: 'present', modal: null, negated: false });
  });

  it('reads a compound adjective as no verb', () => {
    assert.deepEqual(groupsOf('A closed-door session'), []);
  });
});

describe('status verbs', () => {
  it('reads the state of a round from verbs in any tense', () => {
    assert.deepEqual(cuesOf('The two delegations are meeting in Lisbon.'), [{ text: 'are meeting', kind: 'held', inProgress: true }]);
    assert.deepEqual(cuesOf('Their meeting will happen next week.'), [{ text: 'will happen', kind: 'future', inProgress: false }]);
    assert.deepEqual(cuesOf('The dialogue has wrapped up.'), [{ text: 'has wrapped up', kind: 'concluded', inProgress: false }]);
    assert.deepEqual(cuesOf('The round was deferred.'), [{ text: 'was deferred', kind: 'postponed', inProgress: false }]);
    assert.deepEqual(cuesOf('The summit was scrapped.'), [{ text: 'was scrapped', kind: 'cancelled', inProgress: false }]);
  });

  it('reads a planned round that will not happen as planned as postponed', () => {
    assert.deepEqual(cuesOf('The peace talks will not take place as planned.')[0], { text: 'will not take place', kind: 'postponed', inProgress: false });
    // Not as planned at all: called off (the extractor keeps it only for a round the text knows).
    assert.deepEqual(cuesOf('The peace talks will not take place.'), [{ text: 'will not take place', kind: 'cancelled', inProgress: false }]);
  });

  it('says nothing for hypotheticals, gerunds, catenatives and bare presents', () => {
    assert.deepEqual(cuesOf('The talks could collapse.'), []);
    assert.deepEqual(cuesOf('They spoke about ending the war.'), []);
    assert.deepEqual(cuesOf('They continue to engage both sides.'), []);
    assert.deepEqual(cuesOf('Nothing moves before the talks resume.'), []);
  });
});

describe('round status from the verb analysis (extractor)', () => {
  const rounds = (body: string, publishedAt = '2030-03-02') => extractArticle({ title: 'T', url: null, publishedAt, body }).rounds.map((r) => [r.parties.join('/'), r.status, r.date?.start ?? null]);

  it('finds a round whose verb no pattern lists', () => {
    assert.deepEqual(rounds('The summit between Germany and Japan will happen on March 9.'), [['Germany/Japan', 'scheduled', '2030-03-09']]);
    assert.deepEqual(rounds('The round of talks between Germany and Japan is still ongoing in Vienna.'), [['Germany/Japan', 'held', '2030-03-02']]);
  });

  it('a known round that will not take place is cancelled; talks nobody announced that will not happen are no round', () => {
    assert.deepEqual(rounds('The second round of talks between Germany and Japan will not take place on Sunday.').map((r) => r[1]), ['cancelled']);
    assert.deepEqual(rounds('Germany and Japan will not meet on Sunday.'), []);
  });

  it('reads a negated planned round as postponed, not as no round', () => {
    assert.deepEqual(rounds('Talks between Germany and Japan will not take place as planned this weekend.').map((r) => r[1]), ['postponed']);
  });
});
