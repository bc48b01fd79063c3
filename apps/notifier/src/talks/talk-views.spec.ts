// The status API's views attach to each source the copies other outlets ran of its article.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventsFromArticle, foldTrack, type TalkEvent } from '@talkwatch/domain';
import { detail, noCopies, sourceArticleIds, summarize, type CopiesOf, type SyndicatedCopy } from './talk-views.js';

const fold = (articleId: string, body: string, publishedAt: string) =>
  eventsFromArticle({ articleId, article: { title: 'Talks', url: `https://herald.example/${articleId}`, publishedAt, body }, observedAt: '2031-04-01T00:00:00Z' }) as TalkEvent[];

const events = [
  ...fold('a-1', 'Serbia and Kosovo will hold talks in Brussels on 12 April 2031, the European Union said. Kosovo demanded that Serbia recognise its independence.', '2031-04-01'),
  ...fold('a-2', 'Serbia and Kosovo held talks in Brussels on 12 April 2031, the European Union said.', '2031-04-13'),
];
const state = foldTrack(events.filter((e) => e.data.trackId === events[0]?.data.trackId)).state;

const copy: SyndicatedCopy = { outlet: 'courier.example', url: 'https://courier.example/x', title: 'Talks set', receivedAt: '2031-04-01T10:00:00.000Z' };
const copiesOf: CopiesOf = (articleId) => (articleId === 'a-1' ? [copy] : []);

describe('talk views: sources with their syndicated copies', () => {
  it('names every article a view needs: all facts for a track, the last and next rounds for the list', () => {
    assert.deepEqual(sourceArticleIds([state], 'all').sort(), ['a-1', 'a-2']);
    const listed = sourceArticleIds([state], 'last-and-next');
    assert.ok(listed.length > 0 && listed.every((id) => id === 'a-1' || id === 'a-2'));
  });

  it('lists the copies of each source article beside it, in rounds, demands and the list alike', () => {
    const shown = detail(state, copiesOf);
    const sources = [...shown.rounds, ...shown.demands, ...shown.responses].flatMap((f) => f.sources);
    assert.ok(sources.some((s) => s.articleId === 'a-1'));
    for (const source of sources) assert.deepEqual(source.syndicatedBy, source.articleId === 'a-1' ? [copy] : [], source.articleId);
    const round = summarize(state, copiesOf).lastRound ?? summarize(state, copiesOf).nextRound;
    assert.ok(round);
    assert.ok(round.sources.every((s) => s.syndicatedBy.length === (s.articleId === 'a-1' ? 1 : 0)));
  });

  it('shows no copies where none were given', () => {
    assert.ok(detail(state, noCopies).rounds.every((r) => r.sources.every((s) => s.syndicatedBy.length === 0)));
  });
});
