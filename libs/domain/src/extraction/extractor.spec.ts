import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXTRACTOR_VERSION, type ExtractedRound, extractArticle } from './extractor.js';

const extract = (body: string, publishedAt = '2022-01-05', title = 'Untitled') => extractArticle({ title, url: null, publishedAt, body });
const rounds = (body: string, publishedAt?: string) => extract(body, publishedAt).rounds;
const brief = (r: ExtractedRound | undefined) => r && { parties: r.parties, status: r.status, date: r.date?.start ?? null, precision: r.date?.precision ?? null, ordinal: r.ordinal, venue: r.venue };

describe('extractArticle: rounds', () => {
  it('has a version', () => {
    assert.match(EXTRACTOR_VERSION, /^rules-\d+\.\d+\.\d+$/);
  });

  it('announced: a future round with a month-level date, parties from "talks with X" and the speaker', () => {
    const [r, ...rest] = rounds('Hungarian-born envoy aside, Russian Foreign Minister Sergei Lavrov said on Wednesday he expects talks with the United States to start in January.', '2021-12-22');
    assert.equal(rest.length, 0);
    assert.deepEqual(brief(r), { parties: ['Russia', 'United States'], status: 'announced', date: '2022-01', precision: 'month', ordinal: null, venue: null });
  });

  it('scheduled: a future round with a day, a venue, and the attribution date ignored', () => {
    const [r] = rounds('Iranian and European negotiators will hold talks in Vienna on Feb. 8, an EU spokesperson said on Monday.', '2022-01-31');
    assert.deepEqual(brief(r), { parties: ['European Union', 'Iran'], status: 'scheduled', date: '2022-02-08', precision: 'day', ordinal: null, venue: 'Vienna' });
  });

  it('held: past tense, weekday resolved backwards from publication', () => {
    // 2022-03-05 is a Saturday; "Thursday" is 2022-03-03.
    const [r] = rounds('Delegations from Russia and Ukraine met for a second round of talks in Belarus on Thursday.', '2022-03-05');
    assert.deepEqual(brief(r), { parties: ['Russia', 'Ukraine'], status: 'held', date: '2022-03-03', precision: 'day', ordinal: 2, venue: 'Belarus' });
  });

  it('held: "began" without a date means the day of publication', () => {
    const [r] = rounds('The meeting of the NATO-Russia Council began in Brussels.', '2022-01-12');
    assert.equal(r?.status, 'held');
    assert.equal(r.forum, 'NATO-Russia Council');
    assert.deepEqual([r.date?.start, r.date?.precision, r.venue], ['2022-01-12', 'day', 'Brussels']);
  });

  it('concluded, postponed, cancelled', () => {
    assert.equal(rounds('Talks between Serbia and Kosovo ended without agreement on Tuesday.')[0]?.status, 'concluded');
    assert.equal(rounds('Talks between Israel and Hamas that were due on Sunday have been postponed, officials said.', '2024-02-10')[0]?.status, 'postponed');
    assert.equal(rounds('The summit between China and the United States was called off on Friday.')[0]?.status, 'cancelled');
  });

  it('ordinals: words and numbers, but not relative ones ("first … in two years")', () => {
    assert.equal(rounds('China and the United States agreed to hold a 13th round of trade consultations in Washington early next month.', '2019-09-05')[0]?.ordinal, 13);
    const [r] = rounds('The first meeting of the NATO-Russia Council in over two years took place in Brussels on Wednesday.', '2022-01-12');
    assert.equal(r?.ordinal, null);
    assert.equal(r.status, 'held');
  });

  it('dates relative to publication: "early next month", "next year", "in January"', () => {
    const [trade] = rounds('China and the United States agreed to hold a 13th round of trade consultations in Washington early next month.', '2019-09-05');
    assert.deepEqual([trade?.date?.start, trade?.date?.precision, trade?.status, trade?.venue], ['2019-10', 'month', 'announced', 'Washington']);
    const [year] = rounds('Ukraine and Russia plan to hold a new round of negotiations next year.', '2021-11-20');
    assert.deepEqual([year?.date?.start, year?.date?.precision], ['2022', 'year']);
  });

  it('merges mentions of the same round within an article, keeping the most precise date and the ordinal', () => {
    const body = [
      'Lavrov said on Wednesday he expects talks with the United States to begin in January.',
      '"The first round will be held at the very beginning of next year between our negotiators and the Americans," Lavrov said.',
    ].join('\n\n');
    const result = rounds(body, '2021-12-22');
    assert.equal(result.length, 1);
    assert.deepEqual(brief(result[0]), { parties: ['Russia', 'United States'], status: 'announced', date: '2022-01', precision: 'month', ordinal: 1, venue: null });
  });

  it('splits coordinated rounds in one sentence', () => {
    const result = rounds('Russia and NATO are set for talks on Jan. 12, while a meeting between Russia and the OSCE is planned for Jan. 13.', '2021-12-27');
    assert.deepEqual(result.map((r) => [r.parties.join('/'), r.status, r.date?.start]), [
      ['NATO/Russia', 'scheduled', '2022-01-12'],
      ['OSCE/Russia', 'scheduled', '2022-01-13'],
    ]);
  });

  it('"the talks" refers back to the round already found', () => {
    const body = 'Armenian and Azerbaijani diplomats began talks in Washington on Monday. The talks ended on Thursday.';
    const result = rounds(body, '2023-05-05');
    assert.equal(result.length, 1);
    assert.equal(result[0]?.status, 'concluded');
    assert.deepEqual(result[0].parties, ['Armenia', 'Azerbaijan']);
  });

  it('topics and places are not parties', () => {
    const [r] = rounds('Negotiators from Israel and Egypt will meet in Cairo on March 3 for talks on the war in Gaza and the crisis over Lebanon.', '2024-02-20');
    assert.deepEqual(r?.parties, ['Egypt', 'Israel']);
    assert.equal(r.venue, 'Cairo');
  });

  it('not rounds: phone calls, written responses, one-sided offers, negations, summaries, generic mentions', () => {
    const none = [
      'U.S. Secretary of State Antony Blinken held phone talks with EU foreign policy chief Josep Borrell on Tuesday.',
      'The United States delivered its written responses to Russia as part of the negotiations.',
      'Russia is ready to hold talks with the United States in Geneva as early as Saturday.',
      'Turkey has offered to host talks between Moscow and Kyiv.',
      'Russia and Ukraine did not agree to hold a new round of talks.',
      'The Kremlin said there were no plans for a new round of negotiations with Ukraine.',
      'Delegations from Ukraine and Russia have had two rounds of talks since February.',
      'Lavrov warned Washington against dragging out any negotiations.',
      'The ruble slid during the session, extending a fall that began in October.',
    ];
    for (const sentence of none) assert.deepEqual(rounds(sentence), [], sentence);
  });

  it('a headline alone cannot create a round, but confirms one from the body', () => {
    const body = '# Russia and NATO to hold talks on January 12\n\nRussia and NATO will hold talks on January 12 in Brussels.';
    const result = extract(body, '2022-01-05').rounds;
    assert.equal(result.length, 1);
    assert.equal(result[0]?.evidence.sentence, 'Russia and NATO will hold talks on January 12 in Brussels.');
    assert.deepEqual(extract('# Russia and NATO to hold talks on January 12', '2022-01-05').rounds, []);
  });

  it('evidence offsets point into the body', () => {
    const body = 'Intro line without talks.\n\nSerbian and Kosovar leaders will hold talks in Brussels on December 12.';
    const [r] = rounds(body, '2023-12-05');
    assert.ok(r);
    assert.equal(body.slice(r.evidence.start, r.evidence.end), 'Serbian and Kosovar leaders will hold talks in Brussels on December 12.');
  });
});

describe('extractArticle: demands', () => {
  const demands = (body: string, publishedAt?: string) => extract(body, publishedAt).demands.map((d) => ({ by: d.by, to: d.addressedTo, text: d.text, category: d.category }));

  it('splits a coordinated modal demand and names the alliance canonically', () => {
    const result = demands('Last week, Moscow presented its demands, saying the alliance must not admit new members or establish military bases in former Soviet states.');
    assert.deepEqual(result, [
      { by: 'Russia', to: ['NATO'], text: 'NATO must not admit new members', category: 'enlargement' },
      { by: 'Russia', to: ['NATO'], text: 'NATO must not establish military bases in former Soviet states', category: 'deployments' },
    ]);
  });

  it('verb cues: the demanding party from the subject or a pronoun, addressees from "from X and Y"', () => {
    const body = 'Russia has been accused of massing troops. It denies the claims and has demanded legal guarantees of its security from the United States and NATO, demanding the alliance halt its expansion.';
    assert.deepEqual(demands(body), [
      { by: 'Russia', to: ['NATO', 'United States'], text: 'legal guarantees of its security', category: 'guarantees' },
      { by: 'Russia', to: ['NATO'], text: 'NATO halt its expansion', category: 'enlargement' },
    ]);
  });

  it('"demanded that A and that B" gives two demands', () => {
    const body = 'Moscow sent a draft treaty to NATO. It demanded that missile deployments be limited and that NATO countries renounce further enlargement.';
    assert.deepEqual(
      demands(body).map((d) => [d.by, d.text, d.category]),
      [
        ['Russia', 'missile deployments be limited', 'deployments'],
        ['Russia', 'NATO countries renounce further enlargement', 'enlargement'],
      ],
    );
  });

  it('a list of demands after "the demands include", attributed to the previous subject', () => {
    const body = 'Hamas repeated its position on Saturday. The demands include a permanent ceasefire, the withdrawal of Israeli forces and an exchange of prisoners, the statement said.';
    assert.deepEqual(
      demands(body, '2024-04-06').map((d) => [d.by, d.text, d.category, d.to.join('/')]),
      [
        ['Hamas', 'a permanent ceasefire', 'ceasefire', 'Israel'],
        ['Hamas', 'the withdrawal of Israeli forces', 'withdrawal', 'Israel'],
        ['Hamas', 'an exchange of prisoners', 'prisoner-exchange', 'Israel'],
      ],
    );
  });

  it('a possessed appeal is a demand of the possessor', () => {
    assert.deepEqual(demands('NATO on Friday turned down Zelenskiy’s appeal to create a no-fly zone over Ukraine.'), [
      { by: 'Ukraine', to: ['NATO'], text: 'create a no-fly zone over Ukraine', category: 'ceasefire' },
    ]);
  });

  it('"urged X to …" addresses X; "called for" is a demand of the subject', () => {
    assert.deepEqual(demands('The Taliban urged Washington to unfreeze Afghan central bank reserves.'), [
      { by: 'Taliban', to: ['United States'], text: 'unfreeze Afghan central bank reserves', category: null },
    ]);
    assert.deepEqual(demands('Iran called for the lifting of all U.S. sanctions.').map((d) => [d.by, d.text, d.category]), [['Iran', 'the lifting of all United States sanctions', 'sanctions']]);
  });

  it('not demands: analysts\' advice, joint undertakings, talk arrangements, a resolution\'s wording, noun "demands to X"', () => {
    const none = [
      'Analysts said investors must brace for more volatility.',
      'According to a Russian document, Moscow and the alliance should work together to avoid crises.',
      '"The first round should be bilateral contact between our negotiators and American ones," Lavrov said.',
      'Hamas welcomed a UN resolution calling for a ceasefire.',
      'Moscow presented its demands to the United States and NATO last week.',
      'Lavrov said he expects negotiations on Moscow\'s security demands to begin in January.',
    ];
    for (const sentence of none) assert.deepEqual(demands(sentence), [], sentence);
  });

  it('de-duplicates the same demand within an article', () => {
    const body = 'Russia demanded legal guarantees from NATO. Russia again demanded legal guarantees from NATO.';
    assert.equal(demands(body).length, 1);
  });
});

describe('extractArticle: near misses', () => {
  it('a markets story yields nothing', () => {
    const body = [
      'The ruble fell to its weakest level in a year on Monday as fears of conflict in Ukraine grew.',
      'Western governments have threatened sanctions, and Turkey has offered to help broker a solution.',
      'The Moscow index lost six percent during the session, extending a slide that began in late October.',
    ].join('\n\n');
    assert.deepEqual(extract(body, '2022-01-24'), { rounds: [], demands: [], responses: [] });
  });

  it('a troop-movement story yields nothing', () => {
    const body = [
      'NATO allies are sending ships and fighter jets to eastern Europe to reinforce the alliance\'s eastern flank.',
      '"NATO will continue to take all necessary measures to protect and defend all allies," Stoltenberg said.',
      'Denmark will send a frigate to the Baltic Sea, the organization said.',
    ].join('\n\n');
    assert.deepEqual(extract(body, '2022-01-25'), { rounds: [], demands: [], responses: [] });
  });
});
