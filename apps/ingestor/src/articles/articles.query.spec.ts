import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProblemError } from '@talkwatch/infra';
import { decodeCursor, encodeCursor, statusOf } from './articles.query.js';

describe('articles query helpers', () => {
  it('round-trips a page cursor and refuses one it did not make with 400 invalid-cursor', () => {
    const cursor = { receivedAt: new Date('2030-03-01T08:00:01.123Z'), id: '0123456789abcdef0123456789abcdef' };
    assert.deepEqual(decodeCursor(encodeCursor(cursor)), cursor);
    for (const bad of ['', 'x', Buffer.from('not-a-date|abc').toString('base64url'), Buffer.from('2030-03-01T08:00:00Z|../etc').toString('base64url')]) {
      assert.throws(
        () => decodeCursor(bad),
        (error: unknown) => error instanceof ProblemError && error.status === 400 && error.code === 'invalid-cursor',
        JSON.stringify(bad),
      );
    }
  });

  it('names the status from what happened to the article', () => {
    assert.equal(statusOf({ skippedReason: 'unsupported-language', loggedAt: null }), 'stored');
    assert.equal(statusOf({ skippedReason: null, loggedAt: null }), 'extracted');
    assert.equal(statusOf({ skippedReason: null, loggedAt: new Date() }), 'published');
  });
});
