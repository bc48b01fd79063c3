import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateWebhookSecret, signWebhook, verifyWebhook } from './webhook-signature.js';

describe('Standard Webhooks signatures', () => {
  it('matches the published Standard Webhooks test vector', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const signature = signWebhook(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}');
    assert.equal(signature, 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('verifies its own signature and rejects a changed body, id, secret or an old timestamp', () => {
    const secret = generateWebhookSecret();
    assert.match(secret, /^whsec_[A-Za-z0-9+/]{32}$/);
    const now = 1_800_000_000;
    const body = '{"type":"round.added"}';
    const headers = { id: 'msg_1', timestamp: String(now), signature: signWebhook(secret, 'msg_1', now, body) };
    assert.equal(verifyWebhook(secret, headers, body, now), true);
    assert.equal(verifyWebhook(secret, headers, body + ' ', now), false);
    assert.equal(verifyWebhook(secret, { ...headers, id: 'msg_2' }, body, now), false);
    assert.equal(verifyWebhook(generateWebhookSecret(), headers, body, now), false);
    assert.equal(verifyWebhook(secret, headers, body, now + 301), false);
    // Any of several space-separated signatures may match (key rotation).
    assert.equal(verifyWebhook(secret, { ...headers, signature: `v1,AAAA ${headers.signature}` }, body, now), true);
  });
});
