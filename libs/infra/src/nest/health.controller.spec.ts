import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProblemError } from '../http/problem.js';
import { HealthController } from './health.controller.js';
import { Readiness } from './readiness.js';

describe('HealthController.ready', () => {
  it('answers the checks and the components\' counters', async () => {
    const readiness = new Readiness();
    readiness.report('projection', () => ({ state: 'ok', detail: 'consuming', counts: { deadLettered: 2 } }));
    const answer = await new HealthController([{ name: 'database', check: () => Promise.resolve() }], readiness).ready();
    assert.deepEqual(answer, { status: 'ok', checks: { database: 'ok', projection: 'consuming' }, details: { projection: { deadLettered: 2 } } });
  });

  it('is unready as problem+json that names what failed, and keeps the counters', async () => {
    const readiness = new Readiness();
    readiness.report('projection', () => ({ state: 'ok', counts: { deadLettered: 0 } }));
    const controller = new HealthController([{ name: 'database', check: () => Promise.reject(new Error('connection refused')) }], readiness);
    const error = await controller.ready().then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof ProblemError);
    assert.equal(error.status, 503);
    assert.equal(error.code, 'not-ready');
    assert.deepEqual(error.extra, { checks: { database: 'connection refused', projection: 'ok' }, details: { projection: { deadLettered: 0 } } });
    assert.equal(error.headers?.['Retry-After'], '5');
  });
});
