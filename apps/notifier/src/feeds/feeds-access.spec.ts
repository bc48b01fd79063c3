// Who may read the feeds and who may redeliver, as the process's ApiKeyGuard decides from the
// controllers' own metadata: the feeds are open unless PUBLIC_READ=false, redelivery is admin only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { apiKeyOf, ApiKeyGuard, ProblemError, type AuthConfig } from '@talkwatch/infra';
import { DeliveriesController } from '../delivery/deliveries.controller.js';
import { FeedsController } from './feeds.controller.js';

const ingest = 'ingest-key-'.padEnd(40, 'i');
const admin = 'admin-key-'.padEnd(40, 'a');
const auth: AuthConfig = { keys: [apiKeyOf(ingest, ['ingest']), apiKeyOf(admin, ['admin'])], publicRead: true };

function contextFor(controller: object, handler: string, authorization?: string): ExecutionContext {
  const request = { headers: authorization === undefined ? {} : { authorization } };
  const prototype = (controller as { prototype: Record<string, unknown> }).prototype;
  assert.equal(typeof prototype[handler], 'function', `${handler} is a route of the controller`);
  return {
    getHandler: () => prototype[handler],
    getClass: () => controller,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

function status(guard: ApiKeyGuard, context: ExecutionContext): number {
  try {
    return guard.canActivate(context) ? 200 : 0;
  } catch (error) {
    return error instanceof ProblemError ? error.status : 500;
  }
}

const feeds = ['allChanges', 'trackChanges', 'allRounds', 'trackRounds'];

describe('access to the feeds and to redelivery', () => {
  it('opens every feed without a key by default', () => {
    const guard = new ApiKeyGuard(new Reflector(), auth);
    for (const handler of feeds) assert.equal(status(guard, contextFor(FeedsController, handler)), 200, handler);
  });

  it('asks any valid key for the feeds with PUBLIC_READ=false', () => {
    const guard = new ApiKeyGuard(new Reflector(), { ...auth, publicRead: false });
    for (const handler of feeds) {
      assert.equal(status(guard, contextFor(FeedsController, handler)), 401, handler);
      assert.equal(status(guard, contextFor(FeedsController, handler, `Bearer ${ingest}`)), 200, handler);
    }
  });

  it('lets only an admin key redeliver', () => {
    const guard = new ApiKeyGuard(new Reflector(), auth);
    assert.equal(status(guard, contextFor(DeliveriesController, 'redeliver')), 401);
    assert.equal(status(guard, contextFor(DeliveriesController, 'redeliver', `Bearer ${ingest}`)), 403);
    assert.equal(status(guard, contextFor(DeliveriesController, 'redeliver', `Bearer ${admin}`)), 200);
  });
});
