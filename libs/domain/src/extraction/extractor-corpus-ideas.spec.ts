// Rules added after the multi-outlet security-talks corpus, each checked on sentences written for
// these tests: a reporting clause after a meeting, follow-on clauses, forums as subjects, members
// of an organisation, lists of meetings, relative clauses, contacts that are not rounds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ExtractedRound, extractArticle } from './extractor.js';

const rounds = (body: string, publishedAt: string) => extractArticle({ title: 'Untitled', url: null, publishedAt, body }).rounds;
const brief = (r: ExtractedRound | undefined) => r && [r.parties.join('/'), r.status, r.date?.start ?? null, r.venue];

describe('corpus ideas: rounds', () => {
  // 2023-03-08 is a Wednesday.
  it('a reporting clause after the meeting does not swallow it', () => {
    assert.deepEqual(
      brief(rounds('Serbian President Aleksandar Vucic will meet Kosovo Prime Minister Albin Kurti in Ohrid on Saturday, the EU mediator said on Wednesday, as pressure mounts on both.', '2023-03-08')[0]),
      ['Kosovo/Serbia', 'scheduled', '2023-03-11', 'Ohrid'],
    );
  });

  it('a trigger-less follow-on clause does not veto the meeting ("…, and X promised written answers")', () => {
    const found = rounds('Armenian and Azerbaijani envoys met in Prague on Monday, and Baku promised to send a written reply within days.', '2023-03-08');
    assert.deepEqual(brief(found[0]), ['Armenia/Azerbaijan', 'held', '2023-03-06', 'Prague']);
  });

  it('a forum as the subject of "met" or "will convene" is a round of its members', () => {
    assert.deepEqual(brief(rounds('The NATO-Russia Council met in Brussels on Tuesday.', '2023-03-08')[0]), ['NATO/Russia', 'held', '2023-03-07', 'Brussels']);
    assert.deepEqual(brief(rounds('The NATO-Russia Council will convene in Brussels on Friday.', '2023-03-08')[0]), ['NATO/Russia', 'scheduled', '2023-03-10', 'Brussels']);
  });

  it('"X and the other member states of Y met" is X with Y', () => {
    assert.deepEqual(brief(rounds('Russia and the other participating states of the OSCE met in Vienna on Tuesday.', '2023-03-08')[0]), ['OSCE/Russia', 'held', '2023-03-07', 'Vienna']);
  });

  it('a relative clause about a chair names no party of the round and dates nothing', () => {
    const found = rounds('Russia and the other participating states of the OSCE met in Vienna on Tuesday. Maltese Foreign Minister Ian Borg, who chairs the OSCE this year, opened the session with a warning.', '2023-03-08');
    assert.deepEqual(found.map((r) => r.parties.join('/')), ['OSCE/Russia']);
    assert.equal(found[0]?.date?.start, '2023-03-07');
  });

  it('a list of meetings yields one round per meeting, each with its own date and venue', () => {
    const found = rounds('The leaders agreed on a calendar: talks between Russia and the United States in Geneva on March 20, followed by the NATO-Russia Council meeting in Brussels on March 22.', '2023-03-08');
    assert.deepEqual(found.map(brief), [
      ['Russia/United States', 'scheduled', '2023-03-20', 'Geneva'],
      ['NATO/Russia', 'scheduled', '2023-03-22', 'Brussels'],
    ]);
  });

  it('"began with …, continued with …" splits at each meeting', () => {
    const found = rounds('The week began with talks between Russia and the United States in Geneva on Monday and ended with the NATO-Russia Council in Brussels on Tuesday.', '2023-03-08');
    assert.deepEqual(found.map((r) => [r.parties.join('/'), r.date?.start, r.venue]), [
      ['Russia/United States', '2023-03-06', 'Geneva'],
      ['NATO/Russia', '2023-03-07', 'Brussels'],
    ]);
  });

  it('officials facing reporters (a news, press or media conference or briefing) is no round', () => {
    for (const event of ['a news conference', 'a joint year-end news conference', 'a press conference', 'a media conference', 'a news briefing', 'a joint press availability']) {
      assert.deepEqual(rounds(`Armenian and Azerbaijani officials met at ${event} in Prague on Monday.`, '2023-03-08'), [], event);
    }
    // The same sentence without the reporters is a meeting of the two.
    assert.deepEqual(brief(rounds('Armenian and Azerbaijani officials met in Prague on Monday.', '2023-03-08')[0]), ['Armenia/Azerbaijan', 'held', '2023-03-06', 'Prague']);
  });

  it('a video conference of one side is no round', () => {
    assert.deepEqual(rounds('NATO defence ministers held an emergency video conference on Tuesday ahead of next week\'s meetings with Russia.', '2023-03-08'), []);
  });
});

describe('corpus ideas: dates', () => {
  it('"at the start of the new year", said in December, is the coming year', () => {
    const [r] = rounds('The first talks between Russia and the United States will take place in Geneva at the start of the new year.', '2021-12-20');
    assert.deepEqual([r?.status, r?.date?.start, r?.date?.precision], ['announced', '2022', 'year']);
  });

  it('a date inside a relative clause about something else is not the round\'s', () => {
    const [r] = rounds('Russia and the United States will hold talks within the dialogue, the channel on arms control that the two governments revived this year.', '2021-12-20');
    assert.equal(r?.date, null);
  });

  it('"that" after a complement verb still dates the talks', () => {
    const [r] = rounds('Recall that Russia and the United States will hold talks in Geneva on January 10.', '2021-12-20');
    assert.equal(r?.date?.start, '2022-01-10');
  });
});
