// An as-of fold in slices gives what one fold gives, and lets other work run in between.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventsFromArticle, foldTrack, type TalkEvent } from '@talkwatch/domain';
import { foldYielding } from './talks.query.js';

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function trackEvents(count: number): TalkEvent[] {
  const events: TalkEvent[] = [];
  for (let n = 0; events.length < count; n++) {
    const body = `Serbia and Kosovo will hold a new round of talks in Brussels on ${months[n % 12] ?? 'May'} ${1 + 2 * (Math.floor(n / 12) % 14)}, officials said.`;
    events.push(...eventsFromArticle({ articleId: `a${n}`, article: { title: `Report ${n}`, url: null, publishedAt: `${1990 + Math.floor(n / 168)}-01-01`, body }, observedAt: '2026-01-01T00:00:00Z' }));
  }
  return events.slice(0, count);
}

describe('foldYielding', () => {
  it('folds to the same state and changes as foldTrack, yielding to the event loop between slices', async () => {
    const events = trackEvents(250);
    assert.equal(new Set(events.map((e) => e.data.trackId)).size, 1);
    let ranMeanwhile = 0;
    const ticker = setInterval(() => (ranMeanwhile += 1), 0);
    const sliced = await foldYielding(events);
    clearInterval(ticker);
    assert.deepEqual(sliced, foldTrack(events));
    assert.ok(ranMeanwhile > 0, 'other callbacks ran during the fold');
  });
});
