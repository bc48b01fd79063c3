// Hard cases for the rules, in sentences written for these tests: relative dates, negation,
// reported speech, postponements and cancellations, contacts that are not rounds, meetings named
// by a verb, and near-miss stories that must yield nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ExtractedRound, extractArticle } from './extractor.js';

const extract = (body: string, publishedAt: string) => extractArticle({ title: 'Untitled', url: null, publishedAt, body });
const rounds = (body: string, publishedAt: string) => extract(body, publishedAt).rounds;
const brief = (r: ExtractedRound | undefined) => r && [r.parties.join('/'), r.status, r.date?.start ?? null, r.date?.precision ?? null, r.venue];

describe('hard cases: relative dates', () => {
  // 2023-03-08 is a Wednesday.
  it('"on Monday" in a future clause is the coming Monday', () => {
    assert.deepEqual(brief(rounds('Serbian and Kosovar negotiators will meet in Brussels on Monday.', '2023-03-08')[0]), ['Kosovo/Serbia', 'scheduled', '2023-03-13', 'day', 'Brussels']);
  });

  it('"next Tuesday" is the Tuesday of next week', () => {
    assert.deepEqual(brief(rounds('Envoys of Armenia and Azerbaijan are due to hold talks next Tuesday in Washington.', '2023-03-08')[0]), ['Armenia/Azerbaijan', 'scheduled', '2023-03-14', 'day', 'Washington']);
  });

  it('"at the very beginning of next year" is the year, kept as written', () => {
    const [r] = rounds('Iran and the European Union plan to resume negotiations at the very beginning of next year.', '2021-11-20');
    assert.deepEqual([r?.status, r?.date?.start, r?.date?.precision, r?.date?.text], ['announced', '2022', 'year', 'at the very beginning of next year']);
  });

  it('"Jan. 10" read in late December is next January', () => {
    assert.deepEqual(brief(rounds('Officials from Russia and the United States will sit down for talks in Geneva on Jan. 10.', '2021-12-28')[0]), ['Russia/United States', 'scheduled', '2022-01-10', 'day', 'Geneva']);
  });

  it('"later this month" is the month of publication', () => {
    const [r] = rounds('Israel and Hamas are expected to hold another round of indirect talks later this month.', '2023-05-03');
    assert.deepEqual([r?.status, r?.date?.start, r?.date?.precision], ['announced', '2023-05', 'month']);
  });

  it('a month and day without a year follows the tense: future dates do not fall in the past', () => {
    assert.equal(rounds('The leaders of Armenia and Azerbaijan are due to meet in Granada on October 5.', '2023-02-10')[0]?.date?.start, '2023-10-05');
    assert.equal(rounds('Armenian and Azerbaijani envoys met in Prague on December 28.', '2023-01-04')[0]?.date?.start, '2022-12-28');
  });
});

describe('hard cases: negation and reported speech', () => {
  it('negated or denied meetings are not rounds', () => {
    for (const sentence of [
      'Russia and Ukraine did not agree to meet again.',
      'There are no plans for talks between Russia and Ukraine, the Kremlin said.',
      'Russian and Ukrainian officials have not met since the spring.',
      'The prime minister said he would not meet Hamas under any circumstances.',
    ]) {
      assert.deepEqual(rounds(sentence, '2023-05-03'), [], sentence);
    }
  });

  it('"made no progress" judges a round that took place; it does not deny it', () => {
    const [r] = rounds('Talks between Russian and Ukrainian diplomats in Antalya on Thursday made no progress on a ceasefire, Kuleba said.', '2022-03-10');
    assert.deepEqual(brief(r), ['Russia/Ukraine', 'held', '2022-03-10', 'day', 'Antalya']);
  });

  it('reported speech: the speaker is a party, the reported future is the round\'s status', () => {
    assert.deepEqual(brief(rounds('Lavrov said talks with the United States would begin in June.', '2023-05-03')[0]), ['Russia/United States', 'announced', '2023-06', 'month', null]);
  });
});

describe('hard cases: postponements and cancellations', () => {
  it('a postponed round keeps its first date when the new one is vague…', () => {
    assert.deepEqual(brief(rounds('Talks between Serbia and Kosovo set for Tuesday were postponed to next week.', '2023-05-03')[0]), ['Kosovo/Serbia', 'postponed', '2023-05-02', 'day', null]);
  });

  it('…and takes the new date when the text gives one', () => {
    const [r] = rounds('The talks between Serbia and Kosovo that had been planned for Friday were postponed until May 20.', '2023-05-03');
    assert.deepEqual(brief(r), ['Kosovo/Serbia', 'postponed', '2023-05-20', 'day', null]);
  });

  it('cancelled rounds, with the place the talks were to be held', () => {
    assert.deepEqual(brief(rounds('A meeting between Israeli and Hamas negotiators scheduled for Thursday in Cairo has been cancelled.', '2023-05-03')[0]), ['Hamas/Israel', 'cancelled', '2023-05-04', 'day', 'Cairo']);
    assert.equal(rounds('A planned meeting between Blinken and Lavrov in Geneva was cancelled after the vote.', '2022-02-10')[0]?.status, 'cancelled');
  });
});

describe('hard cases: what is not a round', () => {
  it('phone calls, letters, written responses and meetings of one side', () => {
    for (const sentence of [
      'Putin and Scholz spoke by phone on Tuesday about the crisis.',
      'Blinken sent a letter to Lavrov on Monday setting out the U.S. position.',
      'Washington handed Moscow a written response to its proposals on Wednesday.',
      'Macron and Scholz met in Paris on Tuesday to coordinate their position on Ukraine.',
      'The proposal met with resistance from Germany and France.',
      'Russia\'s demands were met with scepticism in Washington.',
      'Zelensky said he was prepared to meet Putin at any time.',
    ]) {
      assert.deepEqual(rounds(sentence, '2023-05-03'), [], sentence);
    }
  });

  it('near-miss stories (markets, troop movements, gas flows) yield nothing at all', () => {
    const body = [
      'The ruble fell sharply on Monday as investors fretted over the outcome of talks between Russia and the United States.',
      'Russia moved more troops toward the border with Ukraine on Tuesday, satellite images showed.',
      'Gas flows from Russia to Germany through the pipeline dropped on Wednesday, the operator said.',
      'Analysts said investors should stay cautious until the picture became clearer.',
    ].join('\n\n');
    assert.deepEqual(extract(body, '2023-05-03'), { rounds: [], demands: [], responses: [] });
  });
});

describe('hard cases: meetings named by a verb', () => {
  it('"X and Y met", "X met Y", "the two sides will meet again"', () => {
    assert.deepEqual(brief(rounds('Delegations from Serbia and Kosovo met in Brussels on Monday under EU auspices.', '2022-02-10')[0]), ['Kosovo/Serbia', 'held', '2022-02-07', 'day', 'Brussels']);
    assert.deepEqual(brief(rounds('Lavrov is expected to meet his Turkish counterpart in Ankara on Thursday.', '2023-05-03')[0]), ['Russia/Turkey', 'scheduled', '2023-05-04', 'day', 'Ankara']);
    const both = rounds('Russian and Ukrainian delegations held talks in Istanbul on Tuesday and agreed to meet again next month.', '2023-05-03');
    assert.deepEqual(both.map(brief), [
      ['Russia/Ukraine', 'held', '2023-05-02', 'day', 'Istanbul'],
      ['Russia/Ukraine', 'announced', '2023-06', 'month', null],
    ]);
  });

  it('a further round is not merged into the one already held', () => {
    const result = rounds('Talks between Russia and Ukraine in Istanbul ended on Tuesday. The two sides will meet again next week.', '2022-02-10');
    assert.deepEqual(result.map((r) => [r.parties.join('/'), r.status]), [
      ['Russia/Ukraine', 'concluded'],
      ['Russia/Ukraine', 'announced'],
    ]);
  });

  it('a host of "the negotiations" does not make a new round', () => {
    const body = 'Armenian and Azerbaijani diplomats will resume peace talks in Washington on Monday. Blinken will host the negotiations, which are expected to last several days.';
    assert.deepEqual(rounds(body, '2023-04-28').map(brief), [['Armenia/Azerbaijan', 'scheduled', '2023-05-01', 'day', 'Washington']]);
  });
});

describe('hard cases: officials the gazetteer does not know', () => {
  it('"Foreign Minister Jane Doe of Ruritania" and "Ruritanian Foreign Minister Jane Doe"', () => {
    assert.deepEqual(rounds('Foreign Minister Jane Doe of Ruritania met Lavrov in Geneva on Tuesday for talks.', '2023-05-03')[0]?.parties, ['Ruritania', 'Russia']);
    assert.deepEqual(rounds('Ruritanian Foreign Minister Jane Doe and Lavrov held talks in Geneva on Tuesday.', '2023-05-03')[0]?.parties, ['Ruritania', 'Russia']);
  });

  it('an unknown official of a known party speaks for it later in the article', () => {
    const body = 'Russian Deputy Foreign Minister Ivan Petrov arrived in Geneva on Sunday. Petrov said talks with the United States would start on Monday.';
    assert.deepEqual(brief(rounds(body, '2023-05-06')[0]), ['Russia/United States', 'scheduled', '2023-05-08', 'day', null]);
  });
});

describe('hard cases: who sent whom, and where the speaker spoke', () => {
  it('"officials from X and Y" are sent by X and Y: capitals after them are parties, not places', () => {
    assert.deepEqual(brief(rounds('Expert-level talks between officials from Tokyo and Ottawa broke down on Saturday.', '2031-05-12')[0]), ['Canada/Japan', 'concluded', '2031-05-10', 'day', null]);
  });

  it('a capital after "in" or "to" stays a venue', () => {
    assert.deepEqual(brief(rounds('Japan and Canada will hold talks in Ottawa on Friday.', '2031-05-12')[0]), ['Canada/Japan', 'scheduled', '2031-05-16', 'day', 'Ottawa']);
  });

  it('the news conference a speaker spoke at is not the meeting the speaker announced, nor its date', () => {
    const body = 'A spokesman said at a news conference on Monday that a Japanese delegation will travel on Wednesday to Ottawa for talks with Canada.';
    assert.deepEqual(brief(rounds(body, '2031-05-12')[0]), ['Canada/Japan', 'scheduled', '2031-05-14', 'day', 'Ottawa']);
  });
});

describe('hard cases: a round as the occasion of something else', () => {
  it('"during talks between X and Y" after a past main verb: the talks were held', () => {
    const body = 'Canada has dropped its tariff plan, a minister said on Friday after an offer during talks between Canadian and Japanese negotiators in Osaka.';
    assert.deepEqual(brief(rounds(body, '2031-05-12')[0])?.slice(0, 2), ['Canada/Japan', 'held']);
  });

  it('"at a meeting with X in June, Y agreed …": held, not a round agreed for next June', () => {
    assert.deepEqual(brief(rounds('At a meeting with the Japanese prime minister in late April, the Canadian leader agreed to lift the duties.', '2031-05-12')[0]), ['Canada/Japan', 'held', '2031-04', 'month', null]);
  });

  it('an occasion naming no participants and no cue is no round ("at its next board meeting")', () => {
    assert.deepEqual(rounds('Traders said the Bank of Japan was likely to raise rates at its next board meeting in June.', '2031-05-12'), []);
  });
});

describe('hard cases: a round reported over, dated by its report', () => {
  it('"X said late yesterday that the talks had broken off": the day of the report dates the end', () => {
    const body = 'A Japanese negotiator said late yesterday that fishing talks between officials from Tokyo and Ottawa had broken off.';
    assert.deepEqual(brief(rounds(body, '2031-05-12')[0])?.slice(0, 3), ['Canada/Japan', 'concluded', '2031-05-11']);
  });

  it('"said on Tuesday that the first round held with X …" keeps the first round undated by the report', () => {
    const body = 'On Tuesday, Japan said it was too early to judge the first round of talks held with Canada.';
    assert.equal(rounds(body, '2031-05-14')[0]?.date, null);
  });
});

describe('hard cases: weekends and purposes', () => {
  // 2031-05-09 is a Friday.
  it('"this weekend" is the coming Saturday and Sunday; "over the weekend" in the past the last ones', () => {
    assert.deepEqual(rounds('Japan and Canada will hold talks in Osaka this weekend.', '2031-05-07')[0]?.date, { text: 'this weekend', start: '2031-05-10', end: '2031-05-11', precision: 'day' });
    assert.deepEqual(rounds('Japan and Canada held talks in Osaka over the weekend.', '2031-05-12')[0]?.date, { text: 'over the weekend', start: '2031-05-10', end: '2031-05-11', precision: 'day' });
  });

  it('"to get the talks started" is a purpose: the round lies ahead, and the main verb\'s day is not its date', () => {
    const [round] = rounds('Canada freed 50 Japanese sailors on Monday to get talks with Japan started.', '2031-05-12');
    assert.deepEqual([round?.status, round?.date], ['announced', null]);
  });
});

describe('hard cases: dates that belong to something else, plans told in the past', () => {
  it('a date inside a "since …" phrase dates what came before, not the round', () => {
    const [round] = rounds('Japan and Canada have concluded their first talks since the trade war began in March 2029.', '2031-05-12');
    assert.deepEqual([round?.status, round?.date?.start], ['concluded', '2031-05-12']);
  });

  it('"had been scheduled for November 20" read in December is last November, not next', () => {
    assert.deepEqual(rounds('Talks between Japan and Canada had been scheduled for November 20.', '2031-12-14')[0]?.date?.start, '2031-11-20');
  });

  it('others who join a session of two sides sit in on it as mediators', () => {
    const [round] = extract('Japan and Canada held talks in Osaka on Friday. Delegations from Norway and Chile took part in the session.', '2031-05-12').rounds;
    assert.deepEqual([round?.parties, round?.mediators], [['Canada', 'Japan'], ['Chile', 'Norway']]);
  });
});

describe('hard cases: statuses that hold', () => {
  it('a round said not to take place stays cancelled when a later clause only mentions it in the past', () => {
    const body = 'The envoy said on Saturday that the sixth round of talks between Japan and Canada, scheduled for Sunday, "will not take place." Canada commented on the sixth round of the talks.';
    assert.equal(rounds(body, '2031-05-10')[0]?.status, 'cancelled');
  });

  it('talks that "would start on Saturday", read that Saturday, are under way; "left on Saturday to resume talks" looks ahead', () => {
    assert.equal(rounds('A Japanese delegation left for Oslo on Saturday to resume talks with Canada.', '2031-05-10')[0]?.status, 'scheduled');
    assert.deepEqual(brief(rounds('Talks between Japan and Canada would start in Oslo on Saturday, officials said.', '2031-05-10')[0])?.slice(0, 3), ['Canada/Japan', 'held', '2031-05-10']);
  });
});

describe('hard cases: a report of what follows', () => {
  it('"After the summit, the office announced that another meeting … will take place": the meeting is reported, not attributed away', () => {
    const body = 'After the summit, the office announced that another meeting between Japan and Canada will take place on June 1.';
    assert.deepEqual(brief(rounds(body, '2031-05-12')[0])?.slice(0, 3), ['Canada/Japan', 'scheduled', '2031-06-01']);
  });
});

describe('hard cases: groups of delegations, one meeting told twice', () => {
  it('"delegations from X and Y and a delegation from Z will meet" is one group of participants', () => {
    const body = 'Delegations from Japan and Canada and a delegation from the United Nations will meet in Geneva on July 13.';
    assert.deepEqual(brief(rounds(body, '2031-07-08')[0])?.slice(0, 3), ['Canada/Japan/United Nations', 'scheduled', '2031-07-13']);
  });

  it('an undated announcement naming some of the parties of a dated one is the same meeting', () => {
    const body = 'Japan, Canada and the United Nations will hold talks, the minister said. Delegations from Japan, Canada, Norway and the United Nations will meet in Geneva on July 13.';
    assert.deepEqual(rounds(body, '2031-07-08').map((r) => [r.parties.join('/'), r.status, r.date?.start ?? null]), [['Canada/Japan/Norway/United Nations', 'scheduled', '2031-07-13']]);
  });
});

describe('hard cases: called off through a pronoun', () => {
  it('"… were to hold talks on May 20. However, Canada cancelled them …": the round is cancelled', () => {
    const body = 'Japan and Canada were scheduled to hold talks in Osaka on May 20. However, Canada cancelled them in protest at the new tariffs.';
    assert.equal(rounds(body, '2031-05-12')[0]?.status, 'cancelled');
  });

  it('a pronoun two sentences away, or a round already held, is left alone', () => {
    const body = 'Japan and Canada held talks in Osaka on May 10. Canada cancelled them as well as it could.';
    assert.equal(rounds(body, '2031-05-12')[0]?.status, 'held');
  });
});

describe('hard cases: borders are places', () => {
  it('"on the border between X and Y", "at the X-Y border": X and Y name where, not who', () => {
    assert.deepEqual(rounds('Japan and Canada will hold talks on Thursday on the border between Norway and Sweden.', '2031-05-12').map((r) => r.parties), [['Canada', 'Japan']]);
    assert.deepEqual(rounds('Japan and Canada will hold talks on Thursday at the Norway-Sweden border.', '2031-05-12').map((r) => r.parties), [['Canada', 'Japan']]);
  });
});

describe('hard cases: who meets, named after "between"', () => {
  it('"a meeting between X and Y" leaves out the envoy the clause also names', () => {
    const [r] = rounds(
      'The Norwegian envoy, who chairs the process, has pressed for a settlement ever since a planned meeting between the Colombian government and the ELN in Havana was scrapped over a dispute about the agenda.',
      '2022-05-02',
    );
    assert.deepEqual([r?.parties, r?.status, r?.venue], [['Colombian government', 'ELN'], 'cancelled', 'Havana']);
  });

  it('talks mentioned inside a relative clause do not add their sides to the round', () => {
    const [r] = rounds('The third round of talks between the Houthis and Saudi negotiators opened on Sunday, which could pave the way for intra-Yemeni talks later in the year.', '2023-04-10');
    assert.deepEqual([r?.parties, r?.status, r?.date?.start], [['Houthis', 'Saudi Arabia'], 'held', '2023-04-09']);
  });

  it('"with the participation of X" adds X to those the phrase names', () => {
    const [r] = rounds('The next round of negotiations between Serbian and Kosovar negotiators will be held on Monday in Brussels, with the participation of the EU envoy.', '2023-03-08');
    assert.deepEqual(r?.parties, ['European Union', 'Kosovo', 'Serbia']);
  });
});

describe('hard cases: sessions that pause, and the conflict the talks are about', () => {
  it('talks "paused" or "adjourned" on a day ended that session; they were not put off', () => {
    const [r] = rounds('Ceasefire talks between Israel and Hamas in Cairo were paused on Tuesday, with both delegations going home to consult.', '2024-03-07');
    assert.deepEqual(brief(r), ['Hamas/Israel', 'concluded', '2024-03-05', 'day', 'Cairo']);
    const [s] = rounds('Negotiations between Armenia and Azerbaijan in Almaty were adjourned on Friday.', '2024-05-12');
    assert.equal(s?.status, 'concluded');
  });

  it('"the war in X" is where the war is, not where the talks are', () => {
    const [r] = rounds('Fresh talks to end the war in Sudan opened between the Sudanese army and the Rapid Support Forces on Saturday.', '2023-10-29');
    assert.deepEqual([r?.status, r?.venue], ['held', null]);
  });
});

describe('hard cases: what a date, a round or a place belongs to', () => {
  it('"last week\'s signing" dates the signing, not the round', () => {
    const [r] = rounds('A new round of talks has begun between Armenia and Azerbaijan to settle the details of last week\'s signing of a border deal.', '2024-05-08');
    assert.deepEqual([r?.status, r?.date?.start], ['held', '2024-05-08']);
  });

  it('"the first round of 1,500 prisoners" and "a new round of sanctions" are no rounds of talks', () => {
    assert.deepEqual(rounds('The decree said the first round of 1,500 prisoners held by Kabul would be freed on Monday.', '2020-03-11'), []);
    assert.deepEqual(rounds('Washington and Beijing braced for a new round of tariffs after the talks.', '2019-05-12').filter((r) => r.date !== null), []);
  });

  it('"sought-after talks" are no occasion "after talks"', () => {
    assert.deepEqual(rounds('The truce between the US and the Taliban called for prisoners to be freed ahead of the much sought-after negotiations.', '2020-03-11'), []);
  });

  it('"X and Y failed to agree during meetings in Washington on Thursday": the meetings were held', () => {
    assert.deepEqual(brief(rounds('China and the United States failed to reach a deal during meetings in Washington on Thursday.', '2019-05-11')[0]), ['China/United States', 'held', '2019-05-09', 'day', 'Washington']);
  });

  it('the outlet that reports ("Qatar\'s Al Araby TV", "Egypt\'s state broadcaster") is not a side', () => {
    const [r] = rounds('Egypt’s state broadcaster said Israel and Hamas negotiators met in Cairo on Sunday.', '2024-04-08');
    assert.deepEqual(r?.parties, ['Hamas', 'Israel']);
  });

  it('a session that adjourned "with both teams due to meet again" later: the session over, and the next one', () => {
    const found = rounds('Truce talks between Israel and Hamas in Cairo adjourned on Friday, with both teams due to meet again next week.', '2024-03-02');
    assert.deepEqual(found.map(brief), [
      ['Hamas/Israel', 'concluded', '2024-03-01', 'day', 'Cairo'],
      ['Hamas/Israel', 'announced', '2024-03', 'month', null],
    ]);
  });
});

describe("hard cases: what an article's other sentences tell", () => {
  it('"agreed on Saturday to hold talks … on Monday": the talks are on Monday', () => {
    // 2025-07-26 is a Saturday.
    assert.deepEqual(brief(rounds('Laos and Vietnam agreed on Saturday to hold talks in Hanoi on Monday.', '2025-07-26')[0]), ['Laos/Vietnam', 'scheduled', '2025-07-28', 'day', 'Hanoi']);
  });

  it('"the two sides will meet again" keeps the mediator of the round it follows as a mediator', () => {
    const found = rounds('Envoys of Sudan and South Sudan met in Addis Ababa on Friday in talks mediated by Ethiopia. The two sides are due to meet again on March 24.', '2024-03-02');
    assert.deepEqual(
      found.map((r) => [r.parties.join('/'), r.mediators.join('/'), r.status]),
      [
        ['South Sudan/Sudan', 'Ethiopia', 'held'],
        ['South Sudan/Sudan', 'Ethiopia', 'scheduled'],
      ],
    );
  });

  it('talks held this week are not the meeting still ahead that the lead announces', () => {
    const found = rounds('The foreign ministers of Kenya and Somalia will meet in Nairobi on June 27. Technical teams from both countries held two days of talks in Mombasa this week.', '2025-06-20');
    assert.deepEqual(found.map((r) => r.status).sort(), ['held', 'scheduled']);
  });

  it('a demand naming no one is made of the other side of the article\'s rounds', () => {
    const { demands } = extract('Saudi and Houthi negotiators met in Muscat on Sunday. The Houthis are demanding the full reopening of the airport.', '2023-04-10');
    assert.deepEqual(demands.map((d) => [d.by, d.addressedTo]), [['Houthis', ['Saudi Arabia']]]);
  });
});
