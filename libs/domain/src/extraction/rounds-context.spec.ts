// Rounds a sentence tells of without naming the sides, sessions counted from another one, and
// sessions whose host or convener is not a side. Every story here is written for these tests.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ExtractedRound, extractArticle } from './extractor.js';

const rounds = (body: string, publishedAt = '2031-05-14') => extractArticle({ title: 'Untitled', url: null, publishedAt, body }).rounds;
const brief = (r: ExtractedRound) => [r.parties.join('/'), r.status, r.date?.start ?? null, r.ordinal];
const sides = (r: ExtractedRound) => [r.parties.join('/'), r.mediators.join('/')];

describe('a story about one negotiation: sessions told without names are its sessions', () => {
  it('"the fourth round will be held in Lima" belongs to the only sides the story has', () => {
    const body =
      'Chile and Peru closed a third round of border talks in Quito on Tuesday. ' +
      'The fourth round will be held in Lima between August 3 and August 9, a statement said. ' +
      'The previous session, in Santiago in March, ended without a map.';
    const found = rounds(body);
    assert.deepEqual(
      found.map(brief).sort((x, y) => String(x[2]).localeCompare(String(y[2]))),
      [
        ['Chile/Peru', 'concluded', '2031-03', 2],
        ['Chile/Peru', 'concluded', '2031-05-13', 3],
        ['Chile/Peru', 'scheduled', '2031-08-03', 4],
      ],
    );
  });

  it('with two negotiations in the story, a nameless session is no one\'s', () => {
    const body = 'Chile and Peru held border talks in Quito on Tuesday. Bolivia and Paraguay met in Asuncion on Monday. A fourth round will be held in June.';
    assert.deepEqual(rounds(body).map((r) => r.parties.join('/')).sort(), ['Bolivia/Paraguay', 'Chile/Peru']);
  });

  it('bare "negotiations" in a sentence of background are not a session', () => {
    const body = 'Chile and Peru held border talks in Quito on Tuesday. Negotiations have dragged on for years.';
    assert.equal(rounds(body).length, 1);
  });

  it('"this round" with a date of its own that does not fit the reported one adds nothing', () => {
    const body = 'Chile and Peru opened a new round of border talks in Quito on Tuesday. This round of technical and legal consultations is planned for Thursday and Friday.';
    assert.equal(rounds(body).length, 1);
  });
});

describe('the sides named by a count', () => {
  it('"the three nations" are the three the sentence before listed', () => {
    const body = 'Chile, Peru and Bolivia will hold a new round of water talks in Quito in June. At their most recent meeting in March, the three nations failed to agree on quotas.';
    assert.deepEqual(rounds(body).map(brief)[1], ['Bolivia/Chile/Peru', 'held', '2031-03', null]);
  });
});

describe('sessions counted from another', () => {
  it('"the previous round" after the seventh is the sixth, a session of its own', () => {
    const body = 'The seventh round of talks between Chile and Peru opened in Quito on Tuesday. At the previous round, held on March 2-4, the two sides set up working groups.';
    const found = rounds(body).map(brief);
    assert.deepEqual(found, [
      ['Chile/Peru', 'held', '2031-05-13', 7],
      ['Chile/Peru', 'held', '2031-03-02', 6],
    ]);
  });

  it('"in the previous round in March" takes the sides of the numbered round, not of a mention in passing', () => {
    const body =
      'The fifth round of talks between Chile and Peru began in Quito on Tuesday. In the previous round in March, the two sides discussed fishing rights off Ecuador.';
    assert.deepEqual(rounds(body).map(brief)[1], ['Chile/Peru', 'held', '2031-03', 4]);
  });

  it('"a previous round" with no number to count from is simply over', () => {
    const body = 'Chile and Peru concluded border talks in Quito on Tuesday. A previous round in Lima in January produced a prisoner swap.';
    assert.deepEqual(rounds(body).map(brief)[1], ['Chile/Peru', 'held', '2031-01', null]);
  });
});

describe('a session dated after the report has not been held', () => {
  it('"held talks in Quito on May 20", read on 14 May: a day after the report is not yet held', () => {
    const found = rounds('The foreign ministers of Chile and Peru held talks in Quito on May 20.').map(brief);
    assert.deepEqual(found, [['Chile/Peru', 'scheduled', '2031-05-20', null]]);
  });
});

describe('hosts, conveners and envoys of a third party are not sides', () => {
  it('"X hosts the talks" and "X is hosting a meeting": X mediates between the two sides', () => {
    assert.deepEqual(rounds('Jordan hosted talks between Chile and Peru on Tuesday.').map(sides), [['Chile/Peru', 'Jordan']]);
    assert.deepEqual(rounds('The EU foreign policy chief, Jane Roe, is hosting a meeting of Chile and Peru in Brussels on Tuesday.').map(sides), [['Chile/Peru', 'European Union']]);
  });

  it('a host who meets only one other side stays a side', () => {
    assert.deepEqual(rounds('Chile hosted talks with Peru in Santiago on Tuesday.').map(sides), [['Chile/Peru', '']]);
  });

  it('an organisation that "will hold talks with" two sides convenes them', () => {
    assert.deepEqual(rounds('The United Nations will hold informal talks with Chile and Peru in New York in June.').map(sides), [['Chile/Peru', 'United Nations']]);
  });

  it('"the EU envoy for the Chile-Peru dialogue" is a mediator', () => {
    const found = rounds('The EU envoy for the Chile-Peru dialogue met delegations of Chile and Peru in Brussels on Tuesday.');
    assert.deepEqual(found.map(sides), [['Chile/Peru', 'European Union']]);
  });

  it('"under the auspices of the United Nations (UN) and the Red Cross": both mediate the round told before', () => {
    const body = 'Talks between Chile and Peru on prisoners ended in Geneva on Saturday. The week of talks was held under the auspices of the United Nations (UN) and the International Committee of the Red Cross (ICRC).';
    assert.deepEqual(rounds(body).map(sides), [['Chile/Peru', 'International Committee of the Red Cross/United Nations']]);
  });
});

describe('durations are not dates', () => {
  it('"interrupted for four years" dates nothing; "resumed in November 2030" does', () => {
    const [r] = rounds('Talks between Chile and Peru, interrupted for four years, resumed in Quito in November 2030.');
    assert.deepEqual(r && brief(r), ['Chile/Peru', 'held', '2030-11', null]);
  });
});

describe('a country that places a town is not a side', () => {
  it('"in Nairobi, the Kenyan capital" and "Moldova\'s capital Chisinau" name venues, not Kenya or Moldova', () => {
    assert.deepEqual(rounds('Chile and Peru will resume talks in Nairobi, the Kenyan capital, on Monday.').map((r) => r.parties.join('/')), ['Chile/Peru']);
    assert.deepEqual(rounds("Chile and Peru held talks in Moldova's capital Chisinau on Tuesday.").map((r) => r.parties.join('/')), ['Chile/Peru']);
  });

  it('"the U.S. Secretary of State" is still the United States', () => {
    assert.deepEqual(rounds('Chile met U.S. Secretary of State John Doe in Lima on Tuesday for talks.').map((r) => r.parties.join('/')), ['Chile/United States']);
  });
});

describe('governments and oppositions from the gazetteer', () => {
  it('a transitional government and "holdout opposition groups" of South Sudan are two sides', () => {
    const [r] = rounds("South Sudan's Transitional Government of National Unity and holdout opposition groups will resume talks in Nairobi on Monday.");
    assert.deepEqual(r?.parties, ['South Sudanese government', 'South Sudanese opposition']);
  });
});

describe('the verb an occasion belongs to', () => {
  it('"have agreed to \\"keep talking\\" after the third round on Monday": the round was Monday, and is over', () => {
    const [r] = rounds('Chile and Peru have agreed to "keep talking through diplomatic channels" after the third round of border talks on Monday, both said on Tuesday.');
    assert.deepEqual(r && [r.parties.join('/'), r.status === 'held' || r.status === 'concluded', r.date?.start, r.ordinal], ['Chile/Peru', true, '2031-05-12', 3]);
  });
});

describe('venues', () => {
  it('"the UN mission in Peru" places the mission, not the talks', () => {
    const [r] = rounds('Chile and Peru opened the fourth round of talks on Monday in the presence of the head of the UN Support Mission in Peru.');
    assert.equal(r?.venue, null);
  });
});

describe('officials, delegations and spans of time', () => {
  it('"the US envoy for Peru met with a delegation of Chile": the envoy\'s portfolio is no side; the delegation\'s sender is', () => {
    assert.deepEqual(rounds('The US special envoy for Peru met with a delegation of Chile in Quito on Wednesday.').map((r) => [r.parties.join('/'), r.date?.start]), [['Chile/United States', '2031-05-14']]);
  });

  it('"after a day of talks in Quito" dates nothing by the day it counts', () => {
    const [r] = rounds('The Chilean delegation was back in Santiago on Tuesday after a day of intense talks with Peru in Quito.');
    assert.notEqual(r?.date?.start, '2031-05-15');
  });
});

describe('who chairs and who convenes', () => {
  it('"Chilean and Peruvian officials convened in Lima": they met; "convened" after them makes no mediators', () => {
    assert.deepEqual(rounds('Chilean and Peruvian officials convened in Lima on Monday for talks on the border.').map(sides), [['Chile/Peru', '']]);
  });

  it('"a meeting co-chaired by X and Y" is a session of X and Y, held when the clause is past', () => {
    assert.deepEqual(rounds('The deal was reached during a border committee meeting co-chaired by the Chilean defence minister and his Peruvian counterpart.').map(sides), [['Chile/Peru', '']]);
  });
});

describe('signings and the verb that governs the talks', () => {
  it('"X and Y on Saturday signed a \\"declaration of principles\\" in Lima" is a session of the signers', () => {
    assert.deepEqual(rounds('Chile and Peru on Saturday signed a "declaration of principles" in Lima.').map(brief), [['Chile/Peru', 'held', '2031-05-10', null]]);
  });

  it('"a deal signed between X and Y called for …" is no session', () => {
    assert.deepEqual(rounds('A recent deal signed between Chile and Peru called for a prisoner swap ahead of the much-awaited negotiations.'), []);
  });

  it('a date inside a party\'s name ("the March 23 Movement") dates nothing', () => {
    const [r] = rounds('The Congolese government and the March 23 Movement held talks in Doha.', '2025-07-21');
    assert.notEqual(r?.date?.start, '2025-03-23');
  });

  it('"held talks in Lima on Monday, aiming to prepare a meeting between their leaders": the talks held', () => {
    assert.deepEqual(rounds('Chile and Peru held extended talks in Lima on Monday, aiming to prepare a potential meeting between the Chilean president and Peruvian President Jane Roe.').map(brief)[0], ['Chile/Peru', 'held', '2031-05-12', null]);
  });
});

describe('occasions that last', () => {
  it('"X and Y reached a deal after two days of intense technical talks in Geneva": the talks were held', () => {
    const [r] = rounds('Chile and Peru reached a fishing deal after two days of intense technical talks in Geneva, officials said on Tuesday.');
    assert.deepEqual(r && [r.parties.join('/'), r.status, r.venue], ['Chile/Peru', 'held', 'Geneva']);
  });

  it('"the three European signatories" are the E3 (formats.json)', () => {
    const [r] = rounds('Iran and the three European signatories to the nuclear deal held talks in Istanbul on Friday.', '2031-05-16');
    assert.deepEqual(r?.parties, ['E3', 'Iran']);
  });
});
