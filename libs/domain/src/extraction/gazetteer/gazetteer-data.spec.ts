// The default gazetteer data (gazetteer/*.json): that it validates, that the generated countries
// file is what the generator makes, that no name is claimed twice, and that the sides it adds are
// found in text of our own while risky words stay unmatched.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { extractArticle } from '../extractor.js';
import { DEFAULT_GAZETTEER_DATA, GazetteerError, createGazetteer, gazetteerDataSchema, getDefaultGazetteer, parseGazetteerExtension } from './gazetteer.js';

const gazetteer = getDefaultGazetteer();
const mentions = (text: string): [string, string | null, string][] => gazetteer.findMentions(text).map((m) => [m.text, m.party, m.via]);
const parties = (text: string): (string | null)[] => gazetteer.findMentions(text).map((m) => m.party);
const party = (name: string) => DEFAULT_GAZETTEER_DATA.parties.find((p) => p.name === name);

describe('gazetteer data: files', () => {
  it('validates as GazetteerData, with every reference resolved', () => {
    assert.doesNotThrow(() => gazetteerDataSchema.parse(DEFAULT_GAZETTEER_DATA));
    assert.doesNotThrow(() => createGazetteer());
    assert.ok(DEFAULT_GAZETTEER_DATA.parties.filter((p) => p.kind === 'state').length > 190, 'every state');
  });

  it('countries.json is what scripts/build-gazetteer.mjs generates from the pinned dataset', async () => {
    const generator = (await import(new URL('../../../../../scripts/build-gazetteer.mjs', import.meta.url).href)) as {
      buildCountries(): unknown;
      serialise(data: unknown): string;
    };
    const committed = readFileSync(new URL('../../../src/extraction/gazetteer/data/countries.json', import.meta.url), 'utf8');
    assert.equal(generator.serialise(generator.buildCountries()), committed, 'run npm run gazetteer:build and commit the result');
  });

  it('keeps the canonical names the tracks already use, with the press names as aliases', () => {
    for (const name of ['United States', 'Russia', 'United Kingdom', 'Turkey', 'North Korea', 'South Korea', 'Iran', 'Syria', 'European Union', 'NATO', 'P5+1']) {
      assert.ok(party(name), name);
    }
    assert.ok(party('Democratic Republic of the Congo')?.aliases?.includes('DRC'));
    assert.ok(party('Democratic Republic of the Congo')?.aliases?.includes('Congo-Kinshasa'));
    assert.ok(party('Turkey')?.aliases?.includes('Türkiye'));
    assert.ok(party('Ivory Coast')?.aliases?.includes("Côte d'Ivoire"));
    assert.equal(party('Kosovo')?.kind, 'state');
    assert.equal(party('Palestine')?.kind, 'state');
    assert.equal(party('Greenland')?.kind, 'territory');
  });

  it('no name, alias, demonym, metonym, surname or place names two different things', () => {
    const owners = new Map<string, Set<string>>();
    // Keys as the matcher compares them: single capitalised words as written, anything else in lower case.
    const claim = (surface: string, owner: string): void => {
      const s = surface.replaceAll('’', "'");
      const key = !/\s/.test(s) && /\p{Lu}/u.test(s) ? s : s.toLowerCase();
      owners.set(key, (owners.get(key) ?? new Set()).add(owner));
    };
    for (const p of DEFAULT_GAZETTEER_DATA.parties) for (const s of [p.name, ...(p.aliases ?? []), ...(p.demonyms ?? []), ...(p.metonyms ?? [])]) claim(s, `party ${p.name}`);
    for (const o of DEFAULT_GAZETTEER_DATA.officials) {
      const names = [o.name, ...(o.aliases ?? [])];
      for (const s of names) claim(s, `party ${o.party}`);
      if (o.surnameAlias !== false) for (const s of names) if (/\s/.test(s)) claim(s.split(/\s+/).at(-1) ?? s, `party ${o.party}`);
    }
    for (const f of DEFAULT_GAZETTEER_DATA.forums) for (const s of [f.name, ...(f.aliases ?? [])]) claim(s, `forum ${f.name}`);
    for (const p of DEFAULT_GAZETTEER_DATA.places) claim(p, 'place');
    const shared = [...owners].filter(([, who]) => who.size > 1).map(([s, who]) => `${s}: ${[...who].join(', ')}`);
    assert.deepEqual(shared, []);
  });

  it('gives every official a role and the years of it, and non-state sides their country', () => {
    const lavrov = DEFAULT_GAZETTEER_DATA.officials.find((o) => o.name === 'Sergei Lavrov');
    assert.deepEqual([lavrov?.role, lavrov?.from, lavrov?.to], ['foreign minister', 2004, null]);
    assert.equal(DEFAULT_GAZETTEER_DATA.officials.find((o) => o.name === 'Antony Blinken')?.to, 2025);
    for (const o of DEFAULT_GAZETTEER_DATA.officials) assert.ok(typeof o.from === 'number' && o.to !== undefined, o.name);
    assert.deepEqual([party('M23')?.kind, party('M23')?.country], ['armed-group', 'Democratic Republic of the Congo']);
  });
});

describe('gazetteer data: matching', () => {
  it('finds a state unknown before, by name, demonym (also plural) and capital', () => {
    assert.deepEqual(mentions('Colombia sent envoys; Colombian negotiators and two Colombians arrived; Bogotá welcomed it.'), [
      ['Colombia', 'Colombia', 'name'],
      ['Colombian', 'Colombia', 'demonym'],
      ['Colombians', 'Colombia', 'demonym'],
      ['Bogotá', 'Colombia', 'metonym'],
    ]);
    assert.deepEqual(parties('Bogota and Quito'), ['Colombia', 'Ecuador']);
  });

  it('reads a capital after "in" as the venue and elsewhere as its state (its government beside its insurgents)', () => {
    const [round] = extractArticle({ title: 'Untitled', url: null, publishedAt: '2024-03-05', body: 'Colombia and the ELN held a new round of peace talks in Caracas on Monday.' }).rounds;
    assert.deepEqual([round?.parties, round?.venue], [['Colombian government', 'ELN'], 'Caracas']);
    assert.deepEqual(parties('Caracas rejected the proposal.'), ['Venezuela']);
  });

  it('resolves armed groups, oppositions and governments as sides', () => {
    assert.deepEqual(parties('AFC/M23 fighters and the March 23 Movement'), ['M23', 'M23']);
    assert.deepEqual(parties("the Unitary Platform and Venezuela's opposition"), ['Venezuelan opposition', 'Venezuelan opposition']);
    assert.deepEqual(parties('Sudan’s army and the paramilitary Rapid Support Forces'), ['Sudanese Armed Forces', 'Rapid Support Forces']);
    // The whole phrase names the government; the state's name alone stays the state.
    assert.deepEqual(parties('Ethiopia’s federal government and the Tigray authorities, in Ethiopia'), ['Ethiopian government', 'TPLF', 'Ethiopia']);
    assert.deepEqual(parties("Ethiopia's federal government"), ['Ethiopian government']);
    const [round] = extractArticle({ title: 'Untitled', url: null, publishedAt: '2022-11-09', body: 'Talks between the Tigray authorities and Ethiopia’s government resumed in Nairobi on Monday.' }).rounds;
    assert.deepEqual([round?.parties, round?.venue], [['Ethiopian government', 'TPLF'], 'Nairobi']);
  });

  it('finds formats and the officials it adds', () => {
    const [astana] = gazetteer.findMentions('the next meeting in the Astana format');
    assert.deepEqual(astana?.parties, ['Iran', 'Russia', 'Turkey']);
    assert.deepEqual(mentions('Tshisekedi met Kagame'), [
      ['Tshisekedi', 'Democratic Republic of the Congo', 'official'],
      ['Kagame', 'Rwanda', 'official'],
    ]);
  });

  it('does not take risky words for parties', () => {
    assert.deepEqual(parties('Male delegates, Victoria Falls, Georgetown University and Santiago, a reporter'), []);
    assert.deepEqual(parties('Island nations and Latin American leaders met on the South China Sea and the Indian Ocean'), [null, null, null]);
    assert.deepEqual(parties('the release of Palestinian prisoners'), []);
    assert.deepEqual(parties('South Korean Foreign Minister Kim spoke'), ['South Korea']);
    assert.deepEqual(parties('He Lifeng met; he said'), ['China']);
    assert.deepEqual(parties('the Kachin rebels said KIA troops advanced'), []);
  });
});

describe('gazetteer data: extension file', () => {
  it('still merges a JSON extension: a new side with its country, an official with years', () => {
    const json = `{
      "parties": [{ "name": "Northern Front", "kind": "armed-group", "country": "Ruritania", "aliases": ["NF rebels"] },
                  { "name": "Ruritania", "kind": "state", "demonyms": ["Ruritanian"], "metonyms": ["Strelsau"] }],
      "officials": [{ "name": "Rudolf Rassendyll", "party": "Northern Front", "role": "commander", "from": 2020, "to": null }],
      "places": ["Zenda"]
    }`;
    const custom = createGazetteer(parseGazetteerExtension(JSON.parse(json)));
    assert.deepEqual(
      custom.findMentions('Rassendyll of the NF rebels met Strelsau envoys and Colombian observers in Zenda').map((m) => m.party),
      ['Northern Front', 'Northern Front', 'Ruritania', 'Colombia', null],
    );
    assert.equal(custom.party('Northern Front')?.country, 'Ruritania');
  });

  it('rejects years out of order and a country nobody knows', () => {
    assert.throws(() => parseGazetteerExtension({ officials: [{ name: 'A Person', party: 'Russia', role: 'envoy', from: 2020, to: 2019 }] }), GazetteerError);
    assert.throws(() => createGazetteer({ parties: [{ name: 'Some Front', kind: 'armed-group', country: 'Atlantis' }] }), (e: unknown) => e instanceof GazetteerError && /Atlantis/.test(e.message));
  });
});

describe('gazetteer data: formats that name both sides', () => {
  it('"the two Koreas" are North and South Korea', () => {
    const [round] = extractArticle({ title: 'Untitled', url: null, publishedAt: '2031-05-12', body: 'The two Koreas will hold talks in Panmunjom on Friday.' }).rounds;
    assert.deepEqual(round?.parties, ['North Korea', 'South Korea']);
  });
});
