// Rules for rounds named across clauses and sentences, in sentences written for these tests:
// officials coordinated with their titles, meetings dated relative to other meetings ("two days
// later", "a day after they met"), meetings named by verbs, lists of meetings of one organisation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseSentence } from './analysis.js';
import { type ExtractedRound, extractArticle } from './extractor.js';
import { getDefaultGazetteer } from './gazetteer/gazetteer.js';
import { splitSentences } from '../text/sentences.js';

const rounds = (body: string, publishedAt: string): ExtractedRound[] => extractArticle({ title: 'Untitled', url: null, publishedAt, body }).rounds;
const brief = (r: ExtractedRound | undefined) => r && [r.parties.join('/'), r.status, r.date?.start ?? null, r.venue];
const briefs = (body: string, publishedAt: string) => rounds(body, publishedAt).map(brief);

describe('coordinated officials with their titles', () => {
  it('"X and Foreign Minister Y": the title does not break the coordination', () => {
    const [s] = splitSentences('Secretary of State Antony Blinken and Foreign Minister Sergei Lavrov spoke.');
    const mentions = s ? analyseSentence(s, getDefaultGazetteer()).mentions : [];
    assert.deepEqual(mentions.map((m) => [m.party, m.coordinated]), [['United States', false], ['Russia', true]]);
  });

  it('both officials of "X and Foreign Minister Y will meet" are the parties', () => {
    // 2023-03-08 is a Wednesday.
    assert.deepEqual(briefs('Prime Minister Albin Kurti and President Aleksandar Vucic will meet in Brussels on Friday.', '2023-03-08'), [['Kosovo/Serbia', 'scheduled', '2023-03-10', 'Brussels']]);
    assert.deepEqual(briefs('Foreign Minister Ararat Mirzoyan and Azerbaijani Foreign Minister Jeyhun Bayramov met in Washington on Monday.', '2023-03-08'), [['Armenia/Azerbaijan', 'held', '2023-03-06', 'Washington']]);
  });
});

describe('lists of meetings', () => {
  it('"will then convene" is one clause; ", then" starts the next meeting of a list', () => {
    // 2023-03-08 is a Wednesday.
    assert.deepEqual(briefs('The NATO-Russia Council will then convene in Brussels on Friday.', '2023-03-08'), [['NATO/Russia', 'scheduled', '2023-03-10', 'Brussels']]);
    assert.deepEqual(briefs('Serbian and Kosovar negotiators will meet in Brussels on Monday, then Armenian and Azerbaijani envoys will meet in Washington on Friday.', '2023-03-08'), [
      ['Kosovo/Serbia', 'scheduled', '2023-03-13', 'Brussels'],
      ['Armenia/Azerbaijan', 'scheduled', '2023-03-10', 'Washington'],
    ]);
  });
});

describe('meetings dated from other meetings', () => {
  // 2023-03-08 is a Wednesday.
  it('"two days later" counts from the meeting told before, not from the publication date', () => {
    const body = 'Serbian and Kosovar negotiators met in Brussels on March 1. Armenian and Azerbaijani envoys held talks in Washington two days later.';
    assert.deepEqual(briefs(body, '2023-03-08'), [
      ['Kosovo/Serbia', 'held', '2023-03-01', 'Brussels'],
      ['Armenia/Azerbaijan', 'held', '2023-03-03', 'Washington'],
    ]);
  });

  it('"the following day" counts from the day told earlier in the sentence', () => {
    const body = 'The envoy will travel to Brussels for the NATO-Russia Council on Monday, March 13, and then to Washington for talks between Armenia and Azerbaijan the following day.';
    assert.deepEqual(briefs(body, '2023-03-08'), [
      ['NATO/Russia', 'scheduled', '2023-03-13', 'Brussels'],
      ['Armenia/Azerbaijan', 'scheduled', '2023-03-14', 'Washington'],
    ]);
  });

  it('"a day after X and Y met, …": X and Y met a day before the rest of the sentence', () => {
    const body = 'A day after Armenian and Azerbaijani envoys met in Washington, their ministers flew home on Tuesday.';
    assert.deepEqual(briefs(body, '2023-03-08'), [['Armenia/Azerbaijan', 'held', '2023-03-06', 'Washington']]);
  });

  it('"the session came two days after X and Y met": dated from the session told before', () => {
    const body = 'The NATO-Russia Council met in Brussels on Wednesday. The council session came two days after Russian and American diplomats sat down in Geneva.';
    assert.deepEqual(briefs(body, '2023-03-08'), [
      ['NATO/Russia', 'held', '2023-03-08', 'Brussels'],
      ['Russia/United States', 'held', '2023-03-06', 'Geneva'],
    ]);
  });
});

describe('status cues', () => {
  // 2023-03-06 is a Monday.
  it('"preparing for" a session: the session lies ahead, the day of the preparing is not its day', () => {
    assert.deepEqual(briefs('Diplomats were preparing on Monday for a session of the NATO-Russia Council on Thursday.', '2023-03-06'), [['NATO/Russia', 'scheduled', '2023-03-09', null]]);
    assert.deepEqual(briefs('Diplomats were preparing on Monday for the NATO-Russia Council.', '2023-03-06'), [['NATO/Russia', 'announced', null, null]]);
  });

  it('"will follow": a meeting announced after another', () => {
    assert.deepEqual(briefs("Belgrade's talks with Kosovo will follow in Brussels on Thursday, the ministry said.", '2023-03-06'), [['Kosovo/Serbia', 'scheduled', '2023-03-09', 'Brussels']]);
  });
});

describe('the day of an ending', () => {
  // 2023-03-08 is a Wednesday.
  it('"which began on Monday, ended on Tuesday": the round runs from the opening to the ending', () => {
    const [r] = rounds('The Serbia-Kosovo dialogue, which began with a dinner on Monday, ended on Tuesday evening.', '2023-03-08');
    assert.deepEqual([r?.status, r?.date?.start, r?.date?.end], ['concluded', '2023-03-06', '2023-03-07']);
  });

  it('an opening more than a few days before the ending is another meeting: the day next to the ending', () => {
    const [r] = rounds('The Serbia-Kosovo dialogue, which began on March 1, ended on Tuesday.', '2023-03-08');
    assert.deepEqual([r?.status, r?.date?.start, r?.date?.end], ['concluded', '2023-03-07', null]);
  });
});

describe('a session that cannot be the round ahead', () => {
  it('"the session lasted four hours", naming no day and no party, does not hold a round still to come', () => {
    const body = 'The president said talks between Serbia and Kosovo would take place in Brussels in April. The marathon session lasted almost four hours.';
    assert.deepEqual(briefs(body, '2023-03-08'), [['Kosovo/Serbia', 'announced', '2023-04', 'Brussels']]);
  });

  it('a session reported after the round\'s day still updates it', () => {
    const body = 'Talks between Serbia and Kosovo took place in Brussels on Monday. The marathon session lasted almost four hours.';
    assert.deepEqual(briefs(body, '2023-03-08'), [['Kosovo/Serbia', 'held', '2023-03-06', 'Brussels']]);
  });
});

describe('meetings named by a verb', () => {
  it('"sit down" and "spent hours" with two parties as subject are meetings', () => {
    // 2023-03-08 is a Wednesday.
    assert.deepEqual(briefs('The envoy will lead the delegation when Serbian and Kosovar officials sit down in Brussels on Monday.', '2023-03-08'), [['Kosovo/Serbia', 'scheduled', '2023-03-13', 'Brussels']]);
    assert.deepEqual(briefs('Armenian and Azerbaijani diplomats spent almost six hours in Washington on Monday.', '2023-03-08'), [['Armenia/Azerbaijan', 'held', '2023-03-06', 'Washington']]);
  });

  it('one party spending hours somewhere is no meeting', () => {
    assert.deepEqual(briefs('Serbian officials spent hours in Brussels on Monday.', '2023-03-08'), []);
  });
});

describe('an organisation in session', () => {
  // 2023-03-08 is a Wednesday.
  const before = 'Serbian and Russian envoys met in Belgrade on Monday. The NATO-Russia Council met in Brussels on Tuesday.';

  it('"the African Union discussed X in Addis Ababa": a session, with the party the other rounds share', () => {
    assert.deepEqual(briefs(`${before} The African Union discussed the crisis in Addis Ababa on Wednesday.`, '2023-03-08').at(-1), ['African Union/Russia', 'held', '2023-03-08', 'Addis Ababa']);
    assert.deepEqual(briefs(`${before} Russia and the other members of the African Union will take up the crisis in Addis Ababa on Friday.`, '2023-03-08').at(-1), ['African Union/Russia', 'scheduled', '2023-03-10', 'Addis Ababa']);
  });

  it('a coordinate clause of its own: it does not join the meeting of the first clause', () => {
    const body = 'Serbian and Russian envoys met in Belgrade on Monday. NATO and Russia held a council meeting in Brussels on Tuesday, and the African Union discussed the crisis in Addis Ababa on Wednesday.';
    assert.deepEqual(briefs(body, '2023-03-08'), [
      ['Russia/Serbia', 'held', '2023-03-06', 'Belgrade'],
      ['NATO/Russia', 'held', '2023-03-07', 'Brussels'],
      ['African Union/Russia', 'held', '2023-03-08', 'Addis Ababa'],
    ]);
  });

  it('no session without a place, none with the party it discusses, none without a shared counterpart', () => {
    assert.deepEqual(briefs(`${before} The African Union discussed the crisis on Wednesday.`, '2023-03-08').length, 2);
    assert.deepEqual(briefs("NATO discussed Russia's proposals in Brussels on Wednesday.", '2023-03-08'), []);
    assert.deepEqual(briefs('Serbian and Kosovar envoys met in Brussels on Monday. The African Union discussed the crisis in Addis Ababa on Wednesday.', '2023-03-08').length, 1);
  });
});
