import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProblemError } from '@talkwatch/infra';
import { loadNotifierConfig } from '../config.js';
import { EventStreamLimiter } from './event-stream-limiter.js';

const limiter = () => new EventStreamLimiter(loadNotifierConfig({ EVENT_STREAMS_PER_CLIENT: '2', EVENT_STREAMS_MAX: '3' }));
const refusal = (status: number, code: string) => (error: unknown) => error instanceof ProblemError && error.status === status && error.code === code && error.headers?.['Retry-After'] === '10';

describe('EventStreamLimiter', () => {
  it('refuses a client its third stream (429) and anyone a fourth in all (503)', () => {
    const streams = limiter();
    const a1 = streams.acquire('10.0.0.1');
    streams.acquire('10.0.0.1');
    assert.throws(() => streams.acquire('10.0.0.1'), refusal(429, 'too-many-streams'));
    streams.acquire('10.0.0.2');
    assert.throws(() => streams.acquire('10.0.0.3'), refusal(503, 'stream-capacity-reached'));
    assert.equal(streams.open, 3);
    a1();
    streams.acquire('10.0.0.3');
    assert.equal(streams.open, 3);
  });

  it('counts a stream released twice once', () => {
    const streams = limiter();
    const release = streams.acquire('10.0.0.1');
    release();
    release();
    assert.equal(streams.open, 0);
    streams.acquire('10.0.0.1');
    streams.acquire('10.0.0.1');
    assert.throws(() => streams.acquire('10.0.0.1'), refusal(429, 'too-many-streams'));
  });

  it('defaults to 10 per client and 500 in all', () => {
    assert.deepEqual(loadNotifierConfig({}).eventStreams, { perClient: 10, total: 500 });
  });
});
