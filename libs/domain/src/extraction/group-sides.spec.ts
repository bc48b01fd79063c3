import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupSides } from './group-sides.js';
import { getDefaultGazetteer } from './gazetteer/gazetteer.js';
import { eventsFromArticle } from '../events/article-events.js';

const gazetteer = getDefaultGazetteer();

describe('group sides (formats.json groups)', () => {
  it('every member of a group listed is the group', () => {
    assert.deepEqual(groupSides(['China', 'France', 'Germany', 'Iran', 'Russia', 'United Kingdom'], gazetteer), ['Iran', 'P4+1']);
    // With the United States too, the larger group wins.
    assert.deepEqual(groupSides(['China', 'France', 'Germany', 'Iran', 'Russia', 'United Kingdom', 'United States'], gazetteer), ['Iran', 'P5+1']);
    assert.deepEqual(groupSides(['France', 'Germany', 'Iran', 'United Kingdom'], gazetteer), ['E3', 'Iran']);
  });

  it('some members only, or the members among themselves, stay as they are', () => {
    assert.deepEqual(groupSides(['France', 'Germany', 'Iran'], gazetteer), ['France', 'Germany', 'Iran']);
    assert.deepEqual(groupSides(['France', 'Germany', 'United Kingdom'], gazetteer), ['France', 'Germany', 'United Kingdom']);
  });

  it('the events put a round listing the members on the group\'s track', () => {
    const events = eventsFromArticle({
      articleId: 'a1',
      observedAt: '2021-11-30T00:00:00Z',
      article: { title: 'Untitled', url: null, publishedAt: '2021-11-30', body: 'Envoys of Iran, Britain, China, France, Germany and Russia met in Vienna on Monday.' },
    });
    const round = events.find((e) => e.type === 'RoundReported');
    assert.deepEqual(round?.type === 'RoundReported' ? [round.data.trackId, round.data.parties] : null, ['iran--p4-1', ['Iran', 'P4+1']]);
  });
});
