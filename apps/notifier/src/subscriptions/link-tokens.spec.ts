import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LinkTokens } from './link-tokens.js';

const tokens = new LinkTokens('a-server-secret-of-at-least-32-characters');

describe('LinkTokens', () => {
  it('gives back the subscription a token was signed for', () => {
    assert.equal(tokens.verify('unsubscribe', tokens.sign('unsubscribe', 'sub_1')), 'sub_1');
  });

  it('refuses a token for another purpose, another secret, another id or a changed signature', () => {
    const token = tokens.sign('unsubscribe', 'sub_1');
    assert.equal(tokens.verify('confirm', token), undefined);
    assert.equal(new LinkTokens('another-server-secret-of-32-characters!').verify('unsubscribe', token), undefined);
    const [, mac] = token.split('.');
    assert.equal(tokens.verify('unsubscribe', `${Buffer.from('sub_2').toString('base64url')}.${mac}`), undefined);
    assert.equal(tokens.verify('unsubscribe', `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`), undefined);
    assert.equal(tokens.verify('unsubscribe', 'garbage'), undefined);
  });
});
