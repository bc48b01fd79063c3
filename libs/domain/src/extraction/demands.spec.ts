// Demand rules (who demands, of whom, what), in sentences written for these tests.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractArticle } from './extractor.js';

const categories = (body: string): [string, string | null][] =>
  extractArticle({ title: 'Untitled', url: null, publishedAt: '2023-05-03', body }).demands.map((d) => [d.text, d.category]);
const demands = (body: string): [string, string, string][] =>
  extractArticle({ title: 'Untitled', url: null, publishedAt: '2023-05-03', body }).demands.map((d) => [d.by, d.addressedTo.join('/'), d.text]);

describe('extractArticle: demands', () => {
  it('"…, and it demands …": the pronoun is the party of the clause before, not a party named in between', () => {
    assert.deepEqual(demands('Azerbaijan insists that Armenia never host foreign troops, and it demands that Armenia hand over its maps of minefields.'), [
      ['Azerbaijan', 'Armenia', 'Armenia never host foreign troops'],
      ['Azerbaijan', 'Armenia', 'Armenia hand over its maps of minefields'],
    ]);
  });

  it('"…, and it asks …" ends the first demand: the second is not glued to it', () => {
    const found = demands('Israel wants a guarantee that Hamas will disarm, and it asks Egypt to close the tunnels under the border.');
    assert.deepEqual(found, [
      ['Israel', 'Hamas', 'a guarantee that Hamas will disarm'],
      ['Israel', 'Egypt', 'close the tunnels under the border'],
    ]);
  });

  it('"…, and Tehran demands …": a new subject opens a new demand of its own', () => {
    assert.deepEqual(demands('The E3 called for full inspections, and Iran demanded that all sanctions be lifted.'), [
      ['E3', 'Iran', 'full inspections'],
      ['Iran', 'E3', 'all sanctions be lifted'],
    ]);
  });

  it('"asked X not to …" keeps the negation; "to the east" does not open an object-control demand', () => {
    assert.deepEqual(demands('China asked Japan not to send warships near its coast.'), [['China', 'Japan', 'not to send warships near its coast']]);
    assert.deepEqual(demands('Serbia wants a pledge that Kosovo will not expand to the north.'), [['Serbia', 'Kosovo', 'a pledge that Kosovo will not expand to the north']]);
  });

  it('a verb followed straight by "to the …" had its object before it: no demand', () => {
    assert.deepEqual(demands('The minister will not bring the written reply Iran has demanded to the Vienna meeting.'), []);
  });

  it('"including Moscow\'s call to …" in a speaker\'s list is the possessor\'s demand, not the speaker\'s', () => {
    const found = demands('Blinken said Washington had rejected proposals that were non-starters, including Moscow\'s call to close NATO\'s door to new members.');
    assert.ok(found.every(([by]) => by === 'Russia'), JSON.stringify(found));
    assert.ok(found.some(([, , text]) => /door to new members/.test(text)), JSON.stringify(found));
  });

  it('insisting on how the talks are arranged (tracks, format, venue) is no demand', () => {
    assert.deepEqual(demands('Washington insisted on separate tracks that would give Ukraine and the European Union a seat.'), []);
    assert.deepEqual(demands('Russia insisted on a different venue in a neutral country.'), []);
    // A thing a party can grant stays a demand, whatever noun opens it.
    assert.deepEqual(demands('Kyiv insisted on a timetable for the withdrawal of Russian troops.').map(([by]) => by), ['Ukraine']);
  });

  it('a bare "and" inside a relative clause does not split the demand', () => {
    assert.deepEqual(demands('Iran demanded guarantees that would bind the United States and the E3 for years.'), [
      ['Iran', 'E3/United States', 'guarantees that would bind the United States and the E3 for years'],
    ]);
  });

  it('a party\'s "proposals for" something ask for it; other proposals are no demand', () => {
    assert.deepEqual(demands('Israel turned down Hamas\'s proposals for a prisoner exchange.').map(([by, , text]) => [by, text]), [['Hamas', 'a prisoner exchange']]);
    assert.deepEqual(demands('Qatar welcomed the proposal to hold another meeting.'), []);
  });

  it('"guarantees that X will not A and will not B": one demand per promise, each about what is promised', () => {
    assert.deepEqual(categories('Iran demanded guarantees that the United States will not reimpose sanctions and will not abandon the deal again.'), [
      ['guarantees that the United States will not reimpose sanctions', 'sanctions'],
      ['guarantees that the United States will not abandon the deal again', null],
    ]);
    assert.deepEqual(categories('Russia demanded a pledge that NATO would never deploy missiles in Ukraine.'), [['a pledge that NATO would never deploy missiles in Ukraine', 'deployments']]);
    assert.deepEqual(categories('Russia demanded legally binding security guarantees.'), [['legally binding security guarantees', 'guarantees']]);
  });

  it('the object of the demanded verb is acted upon, not addressed', () => {
    // The mediators are asked to act; Armenia is what they act upon; the EU's sphere names the EU.
    assert.deepEqual(demands('Azerbaijan insisted that the mediators stop drawing Armenia into the EU\'s sphere.'), [
      ['Azerbaijan', 'European Union', 'the mediators stop drawing Armenia into the European Union\'s sphere'],
    ]);
    // Nobody is named who would act: no party is addressed.
    assert.deepEqual(demands('Russia demanded an end to arming Ukraine.'), [['Russia', '', 'an end to arming Ukraine']]);
    assert.deepEqual(demands('Serbia called on the envoys to stop courting Kosovo.'), [['Serbia', '', 'stop courting Kosovo']]);
    // The subject of the demanded clause is still the one asked; a party after a preposition or an article is no object.
    assert.deepEqual(demands('Hamas demanded that Egypt stop helping Israel.'), [['Hamas', 'Egypt', 'Egypt stop helping Israel']]);
    assert.deepEqual(demands('Russia demanded the withdrawal of Ukrainian forces.'), [['Russia', 'Ukraine', 'the withdrawal of Ukrainian forces']]);
    // A possessor is no object ("close NATO's door" asks NATO); the demanding verb itself is not the demanded one.
    assert.deepEqual(demands('Russia demanded a pledge to close NATO\'s door to new members.'), [['Russia', 'NATO', 'a pledge to close NATO\'s door to new members']]);
    assert.deepEqual(demands('Iran rejected the offer, demanding Israel stop building settlements.'), [['Iran', 'Israel', 'Israel stop building settlements']]);
  });

  it('"X never be admitted into Y": Y, who would admit, is addressed', () => {
    assert.deepEqual(demands('Russia insists that Moldova never be admitted into the European Union.'), [['Russia', 'European Union', 'Moldova never be admitted into the European Union']]);
  });
});

describe('demands: subjects and lists read from the sentence structure', () => {
  it('a relative clause about the subject does not lend its parties to the subject', () => {
    const found = demands('Japan, which fought Canada over fishing rights in 2019, wants Canada to guarantee open access to its ports.');
    assert.deepEqual(found.map((d) => d[0]), ['Japan']);
  });

  it('"with X insisting …": the party right before the verb demands', () => {
    const found = demands('The talks ended with Japan insisting on the removal of all Canadian tariffs.');
    assert.deepEqual(found.map((d) => [d[0], d[2]]), [['Japan', 'the removal of all Canadian tariffs']]);
  });

  it('"X insists that …, demands …, and seeks …": each verb a demand of X', () => {
    const found = demands('Japan insists that Canada reopen its consulate, demands guarantees for its fishing fleet, and seeks clarity on the quotas.');
    assert.deepEqual(found.map((d) => [d[0], d[2]]), [
      ['Japan', 'Canada reopen its consulate'],
      ['Japan', 'guarantees for its fishing fleet'],
      ['Japan', 'clarity on the quotas'],
    ]);
  });

  it('an aside between dashes does not end a demand; "as well as" and noun phrases joined by "and" are items', () => {
    const found = demands('Japan is demanding the lifting of all tariffs – including those on cars – as well as an inspection regime for the fishing grounds and written guarantees that Canada will not reimpose them.');
    assert.deepEqual(found.map((d) => d[2]), [
      'the lifting of all tariffs',
      'an inspection regime for the fishing grounds',
      'written guarantees that Canada will not reimpose them',
    ]);
  });

  it('"Canadian and Japanese fishing rights" stays one item: "and" between modifiers joins no noun phrases', () => {
    assert.deepEqual(demands('Japan is demanding respect for Canadian and Japanese fishing rights.').map((d) => d[2]), ['respect for Canadian and Japanese fishing rights']);
  });
});

describe('demands: what is not a demand, and one report per demand', () => {
  it('"the much sought-after talks" holds no verb "sought"', () => {
    assert.deepEqual(demands('Japan wants the release of all detained sailors ahead of the much sought-after talks with Canada.').map((d) => d[0]), ['Japan']);
    assert.deepEqual(demands('Ahead of the much sought-after talks, Canadian fishermen gathered in the port.'), []);
  });

  it('"those who seek to prolong the conflict" is nobody\'s demand', () => {
    assert.deepEqual(demands('Japan will hold accountable those who seek to prolong the conflict with Canada.'), []);
  });

  it('a noun after a modifier is no verb cue ("put forward unacceptable demands, including …")', () => {
    const found = demands('A Canadian official said Japan put forward "unacceptable demands," including calls for new fishing quotas—demands that went beyond the draft.');
    assert.ok(found.every((d) => !d[2].startsWith(',')), JSON.stringify(found));
  });

  it('a new clause with a first-person subject ends the demand', () => {
    assert.deepEqual(demands('"They wanted all sanctions lifted at once and we could not do that," the Canadian minister said of Japan.').map((d) => d[2]), ['all sanctions lifted at once']);
  });

  it('a noun after "and" is no second verb phrase ("a ceasefire and end to the fighting")', () => {
    assert.deepEqual(demands('Japan urged Canada to agree to a ceasefire and end to the fighting.').map((d) => d[2]), ['agree to a ceasefire and end to the fighting']);
  });

  it('the same demand stated twice in one article is reported once', () => {
    const body = 'Japan demanded the release of 500 detained fishermen before the talks. Japan insisted that the 500 detained fishermen be released first.';
    assert.equal(demands(body).length, 1);
  });
});

describe('demands: conditions, clefts and expletives', () => {
  it('a condition that lifts a refusal of talks is a demand of whoever it names', () => {
    assert.deepEqual(demands('Japan said it has no interest in negotiations with Canada unless Ottawa lifts its tariffs.'), [['Japan', 'Canada', 'Canada lifts its tariffs']]);
  });

  it('a condition without a refusal of talks is no demand', () => {
    assert.deepEqual(demands('Japan will keep buying Canadian wheat until Ottawa lifts its tariffs.'), []);
  });

  it('"What we are demanding from X is that …": the speaker demands it of X', () => {
    const found = demands('"What we are demanding from Canada is that it reopen the fishing grounds," the Japanese envoy Taro Yamada said.');
    assert.deepEqual(found.map((d) => [d[0], d[1]]), [['Japan', 'Canada']]);
  });

  it('"there should be a breakthrough" asks nobody', () => {
    assert.deepEqual(demands('Analysts told Canadian television that there should be a breakthrough on the quotas, Japan said.'), []);
  });
});

describe('demands: joint demanders', () => {
  it('"X and Y call upon the parties to …": a demand of the mediators, neither of them asked', () => {
    const found = demands('Norway and Switzerland call upon the parties to agree to a new ceasefire.');
    assert.deepEqual(found.map((d) => [d[1], d[2]]), [['', 'agree to a new ceasefire']]);
    assert.ok(['Norway', 'Switzerland'].includes(found[0]?.[0] ?? ''));
  });
});

describe('demands: insistence, only-accepting, and a pronoun after its speaker', () => {
  it('"X\'s insistence that …" and "Y saying it will only accept …": one demand each, each its speaker\'s', () => {
    const found = demands("Sticking points include Japan's insistence that peace is possible only if Canada disarms, and Canada saying it will only accept a permanent ceasefire.");
    assert.deepEqual(found.map((d) => [d[0], d[2]]), [
      ['Japan', 'peace is possible only if Canada disarms'],
      ['Canada', 'a permanent ceasefire'],
    ]);
  });

  it('a calling for peace is no demand; a demand that begins with the word "peace" is one', () => {
    assert.deepEqual(demands('Japan called for peace.'), []);
    assert.equal(demands("Japan's insistence that peace requires Canada to withdraw its fleet stalled the talks.").length, 1);
  });
});

describe('demands told with a copula or "advocate"', () => {
  it('"Chile\'s consistent demand has been restoration of …" and "its main demand is the …" state demands', () => {
    assert.deepEqual(demands("Chile's consistent demand has been restoration of the old fishing quotas."), [['Chile', '', 'restoration of the old fishing quotas']]);
    assert.deepEqual(demands('Peru held firm in Quito, and its main demand is the return of the seized trawlers.').map((d) => d[2]), ['the return of the seized trawlers']);
  });

  it('"the demand is unacceptable" states none', () => {
    assert.deepEqual(demands("Chile said Peru's demand is unacceptable."), []);
  });

  it('"the opposition is advocating free elections" is a demand; "advocating for peace, …" is a generic appeal', () => {
    assert.deepEqual(demands('The Venezuelan opposition is advocating free and monitored elections next year.').map((d) => [d[0], d[2]]), [['Venezuelan opposition', 'free and monitored elections next year']]);
    assert.deepEqual(demands('While Chile and Peru are advocating for peace, armed groups on both sides keep buying weapons.'), []);
  });
});

describe('demands: refusals of a deal, lists of demands, the group named by what it is', () => {
  it('"will not agree to a ceasefire unless X guarantees …" and "no permanent truce until X is disarmed" are conditions', () => {
    assert.deepEqual(demands('The ELN says it will not agree to a new ceasefire proposal unless Colombia guarantees the release of its jailed commanders.').map((d) => [d[0], d[1], d[2]]), [
      ['ELN', 'Colombian government', 'Colombia guarantees the release of its jailed commanders'],
    ]);
    assert.deepEqual(demands('Peru said there would be no permanent truce until Chile is disarmed.').map((d) => [d[0], d[2]]), [['Peru', 'Chile is disarmed']]);
  });

  it('"demands that include X" and "its demand for X": the demand is X', () => {
    assert.deepEqual(demands('The rebels answered a list of Peruvian demands that include the handing over of heavy weapons.').map((d) => d[2]), ['the handing over of heavy weapons']);
    assert.deepEqual(demands('Chile kept insisting on its demand for a permanent end to the blockade.').map((d) => d[2]), ['a permanent end to the blockade']);
  });

  it('"the militants want …" in a story about one armed group is that group\'s demand', () => {
    const body = 'The ELN delegation stayed in Havana on Monday. Colombia rejected the plan. Now the guerrillas reportedly want 300 more prisoners released before they go on.';
    assert.deepEqual(demands(body).map((d) => d[0]), ['ELN']);
  });
});

describe('demands: "maintained that"', () => {
  it('"has maintained that X must …" demands X; "maintained that it is open to a deal" does not', () => {
    assert.deepEqual(demands('The ELN has maintained that a bilateral ceasefire must be signed before the next phase.').map((d) => [d[0], d[2]]), [['ELN', 'a bilateral ceasefire must be signed before the next phase']]);
    assert.deepEqual(demands('The ELN has maintained that it is open to a deal with Colombia.'), []);
  });
});
