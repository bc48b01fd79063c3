import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArticleInput } from '../text/article.js';
import { eventsFromArticle } from './article-events.js';
import { talkEventSchema } from './events.js';
import { EXTRACTOR_VERSION } from '../extraction/extractor.js';

const article: ArticleInput = {
  title: 'Envoys to meet in January',
  url: 'https://example.org/envoys',
  publishedAt: '2021-12-22',
  body: [
    'Russian Foreign Minister Sergei Lavrov said on Wednesday he expects talks with the United States to begin in January.',
    'Moscow has demanded legal guarantees of its security from the United States and NATO.',
    'Lavrov said separate talks between Russia and NATO are planned for January as well.',
  ].join('\n\n'),
};

describe('eventsFromArticle', () => {
  const events = eventsFromArticle({ articleId: 'a1', article, observedAt: '2021-12-22T10:00:00Z' });

  it('produces schema-valid RoundReported and DemandReported events', () => {
    for (const e of events) assert.equal(talkEventSchema.safeParse(e).success, true, e.id);
    assert.deepEqual(
      events.map((e) => [e.type, e.data.trackId]),
      [
        ['RoundReported', 'russia--united-states'],
        ['RoundReported', 'nato--russia'],
        ['DemandReported', 'nato--russia'],
        ['DemandReported', 'russia--united-states'],
      ],
    );
  });

  it('derives ids from the article and the fact, so the same article gives the same ids', () => {
    assert.deepEqual(
      events.map((e) => e.id),
      eventsFromArticle({ articleId: 'a1', article, observedAt: '2022-06-01T00:00:00Z' }).map((e) => e.id),
    );
    assert.equal(events[0]?.id, 'a1:round:russia--united-states:2022-01');
    assert.equal(new Set(events.map((e) => e.id)).size, events.length);
    assert.match(events[2]?.id ?? '', /^a1:demand:nato--russia:russia:[0-9a-f]{8}$/);
  });

  it('fills the track reference and the metadata', () => {
    const round = events[0];
    assert.ok(round?.type === 'RoundReported');
    assert.deepEqual(round.data, {
      trackId: 'russia--united-states',
      trackName: 'Russia – United States',
      parties: ['Russia', 'United States'],
      forum: null,
      ordinal: null,
      status: 'announced',
      date: { text: 'January', start: '2022-01', end: null, precision: 'month' },
      venue: null,
      mediators: [],
      outcome: null,
      // An explicit cue ("expects … to begin"), the speaker as one party, a month: 0.75.
      confidence: 0.75,
    });
    assert.deepEqual(round.metadata, {
      articleId: 'a1',
      source: {
        articleId: 'a1',
        url: 'https://example.org/envoys',
        title: 'Envoys to meet in January',
        publishedAt: '2021-12-22',
        sentence: 'Russian Foreign Minister Sergei Lavrov said on Wednesday he expects talks with the United States to begin in January.',
        start: 0,
        end: 117,
      },
      extractorVersion: EXTRACTOR_VERSION,
      occurredAt: '2021-12-22',
      observedAt: '2021-12-22T10:00:00Z',
    });
  });

  it('puts a demand addressed to two parties on both bilateral tracks, with the same text', () => {
    const demands = events.filter((e) => e.type === 'DemandReported');
    assert.deepEqual(
      demands.map((e) => [e.data.trackName, e.data.by, e.data.addressedTo.join('/'), e.data.text, e.data.category]),
      [
        ['NATO – Russia', 'Russia', 'NATO/United States', 'legal guarantees of its security', 'guarantees'],
        ['Russia – United States', 'Russia', 'NATO/United States', 'legal guarantees of its security', 'guarantees'],
      ],
    );
  });

  it('returns no events for an article without facts', () => {
    assert.deepEqual(eventsFromArticle({ articleId: 'a2', article: { ...article, body: 'The ruble fell on Monday.' }, observedAt: '2022-01-01' }), []);
  });
  it('puts a response on the track of the responder and the party it answers, linked to the demand', () => {
    const article: ArticleInput = {
      title: 'Washington answers',
      url: null,
      publishedAt: '2022-01-26',
      body: 'Russia demanded that NATO must not admit new members. The United States rejected the demand as a non-starter, officials said on Wednesday.',
    };
    const responses = eventsFromArticle({ articleId: 'resp', article, observedAt: '2022-01-26T12:00:00Z' }).filter((e) => e.type === 'ResponseReported');
    assert.equal(responses.length, 1);
    const [response] = responses;
    assert.ok(response?.type === 'ResponseReported');
    assert.equal(response.data.trackId, 'russia--united-states');
    assert.equal(response.data.by, 'United States');
    assert.equal(response.data.kind, 'rejected');
    assert.deepEqual(response.data.demand?.by, 'Russia');
    assert.equal(talkEventSchema.safeParse(response).success, true);
  });
});
