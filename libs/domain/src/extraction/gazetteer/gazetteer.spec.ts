import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_GAZETTEER_DATA, GazetteerError, createGazetteer, getDefaultGazetteer, parseGazetteerExtension } from './gazetteer.js';

const gazetteer = getDefaultGazetteer();
const parties = (text: string): (string | null)[] => gazetteer.findMentions(text).map((m) => m.party);

describe('gazetteer', () => {
  it('resolves names, aliases, demonyms and metonyms to canonical parties', () => {
    assert.deepEqual(parties('The Kremlin and Washington'), ['Russia', 'United States']);
    assert.deepEqual(parties('U.S. and Russian officials met NATO'), ['United States', 'Russia', 'NATO']);
    assert.deepEqual(parties('the alliance told Kyiv and Americans'), ['NATO', 'Ukraine', 'United States']);
    assert.deepEqual(parties('Brussels, Beijing, Tehran, Cairo and Minsk'), ['European Union', 'China', 'Iran', 'Egypt', 'Belarus']);
  });

  it('resolves officials, by full name and by surname, to their party and role', () => {
    const mentions = gazetteer.findMentions('Sergei Lavrov spoke after Blinken and Stoltenberg; Zelenskyy listened.');
    assert.deepEqual(
      mentions.map((m) => [m.text, m.party, m.official?.role]),
      [
        ['Sergei Lavrov', 'Russia', 'foreign minister'],
        ['Blinken', 'United States', 'secretary of state'],
        ['Stoltenberg', 'NATO', 'secretary general'],
        ['Zelenskyy', 'Ukraine', 'president'],
      ],
    );
  });

  it('prefers the longest match: a forum over its member names', () => {
    const [forum, ...rest] = gazetteer.findMentions('a meeting of the Russia-NATO Council');
    assert.equal(rest.length, 0);
    assert.equal(forum?.forum?.name, 'NATO-Russia Council');
    assert.deepEqual(forum.parties, ['NATO', 'Russia']);
  });

  it('respects case and word boundaries: "us" is a pronoun, "Russian" is not "Russia", "USD" is not "US"', () => {
    assert.deepEqual(parties('let us trade USD'), []);
    const [m] = gazetteer.findMentions('Russian envoys');
    assert.deepEqual([m?.text, m?.via], ['Russian', 'demonym']);
    assert.deepEqual(parties('WASHINGTON, Dec 27'), ['United States']);
  });

  it('compares curly and straight apostrophes as one', () => {
    const custom = createGazetteer({ parties: [{ name: 'Freedonia', kind: 'state', aliases: ["Freedonia's cabinet", 'N’Fredville'] }] });
    const found = (text: string) => custom.findMentions(text).map((m) => [m.text, m.via]);
    assert.deepEqual(found('Freedonia’s cabinet met'), [['Freedonia’s cabinet', 'alias']]);
    assert.deepEqual(found("N'Fredville and N’Fredville"), [["N'Fredville", 'alias'], ['N’Fredville', 'alias']]);
  });

  it('marks possessives', () => {
    const [m] = gazetteer.findMentions("Moscow's demands");
    assert.equal(m?.possessive, true);
  });

  it('canonicalParty folds aliases', () => {
    assert.equal(gazetteer.canonicalParty('the Kremlin'), 'Russia');
    assert.equal(gazetteer.canonicalParty('USA'), 'United States');
    assert.equal(gazetteer.canonicalParty('Atlantis'), null);
  });

  it('categorises demand texts by keywords, earlier categories first', () => {
    assert.equal(gazetteer.categoryOf('NATO must not admit new members'), 'enlargement');
    assert.equal(gazetteer.categoryOf('no military bases in former Soviet republics'), 'deployments');
    assert.equal(gazetteer.categoryOf('a permanent ceasefire and the release of hostages'), 'ceasefire');
    assert.equal(gazetteer.categoryOf('lift all sanctions'), 'sanctions');
    assert.equal(gazetteer.categoryOf('legal guarantees of its security'), 'guarantees');
    assert.equal(gazetteer.categoryOf('a joint statement'), null);
  });

  it('a category is that of the keyword found first; at one position, the category listed first', () => {
    const custom = createGazetteer(undefined, {
      ...DEFAULT_GAZETTEER_DATA,
      demandCategories: [
        { id: 'empty', keywords: [] },
        { id: 'storm', keywords: ['red sky'] },
        { id: 'colour', keywords: ['red*', 'blue'] },
        { id: 'sea', keywords: ['sea', 'blue water'] },
      ],
    });
    assert.equal(custom.categoryOf('blue water under a red sky'), 'colour'); // "blue" comes first
    assert.equal(custom.categoryOf('a red sky at night'), 'storm'); // "red sky" and "red*" tie: listed first
    assert.equal(custom.categoryOf('reddish water by the sea'), 'colour');
    assert.equal(custom.categoryOf('the blues of the seas'), 'colour'); // plural of a whole word
    assert.equal(custom.categoryOf('a bluebird over the seashore'), null); // whole words only
    assert.equal(custom.categoryOf('BLUE WATER'), 'colour');
  });

  it('categorises withdrawals by their verb, whatever is withdrawn', () => {
    assert.equal(gazetteer.categoryOf('Armenia roll back its positions to the 2020 line'), 'withdrawal');
    assert.equal(gazetteer.categoryOf('a rollback of the alliance presence'), 'withdrawal');
    assert.equal(gazetteer.categoryOf('Azerbaijan remove its troops from the corridor'), 'withdrawal');
    assert.equal(gazetteer.categoryOf('remove their forces from the buffer zone'), 'withdrawal');
    assert.equal(gazetteer.categoryOf('Serbia de-escalate along the boundary line'), 'withdrawal');
    // "remove" alone is not a withdrawal: removing sanctions is about sanctions.
    assert.equal(gazetteer.categoryOf('remove all sanctions on oil exports'), 'sanctions');
    // Troops without a verb of withdrawal stay a deployment.
    assert.equal(gazetteer.categoryOf('no troops in the demilitarised zone'), 'deployments');
  });

  it('nuclear weapons, like other weapons, are a deployment; the nuclear category is the programme', () => {
    assert.equal(gazetteer.categoryOf('keep its nuclear weapons at home'), 'deployments');
    assert.equal(gazetteer.categoryOf('no nuclear arms in neighbouring states'), 'deployments');
    assert.equal(gazetteer.categoryOf('cap enrichment at 3.67 percent'), 'nuclear');
    assert.equal(gazetteer.categoryOf('open its nuclear sites to inspectors'), 'nuclear');
  });

  it('moving further east or eastwards is an enlargement', () => {
    assert.equal(gazetteer.categoryOf('the bloc must not move further east'), 'enlargement');
    assert.equal(gazetteer.categoryOf('no eastward push of the bloc'), 'enlargement');
    assert.equal(gazetteer.categoryOf('the bloc stop moving eastwards'), 'enlargement');
  });

  it('createGazetteer merges user data: new parties, officials and aliases', () => {
    const custom = createGazetteer({
      parties: [
        { name: 'Freedonia', kind: 'state', demonyms: ['Freedonian'], metonyms: ['Fredville'] },
        { name: 'Russia', kind: 'state', aliases: ['RF'] },
      ],
      officials: [{ name: 'Rufus Firefly', party: 'Freedonia', role: 'leader' }],
      places: ['Lakeside'],
    });
    assert.deepEqual(
      custom.findMentions('Firefly and the Freedonian envoy met RF officials in Lakeside').map((m) => m.party),
      ['Freedonia', 'Freedonia', 'Russia', null],
    );
    assert.ok(custom.findMentions('the Kremlin').some((m) => m.party === 'Russia'), 'base aliases are kept');
    assert.equal(DEFAULT_GAZETTEER_DATA.parties.find((p) => p.name === 'Russia')?.aliases?.includes('RF'), false, 'the default data is not mutated');
  });

  it('rejects malformed extensions and dangling references with GazetteerError', () => {
    assert.throws(() => parseGazetteerExtension({ parties: [{ name: '' }] }), GazetteerError);
    assert.throws(() => createGazetteer({ officials: [{ name: 'Nobody', party: 'Atlantis', role: 'x' }] }), (e: unknown) => e instanceof GazetteerError && /Atlantis/.test(e.message));
  });
});

describe('gazetteer: lookup by token', () => {
  it('finds plural demonyms, dotted aliases and multi-word names at word starts only', () => {
    assert.deepEqual(parties('Russians and Ukrainians met U.S. envoys from the Islamic Republic of Iran'), ['Russia', 'Ukraine', 'United States', 'Iran']);
    assert.deepEqual(parties('Prussian archives; USAID staff'), []);
  });

  it('is unaffected by case only where the data says so', () => {
    assert.deepEqual(parties('the Alliance and THE KREMLIN'), ['NATO', 'Russia']);
    assert.deepEqual(parties('america'), []);
  });
});
