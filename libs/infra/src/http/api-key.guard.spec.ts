import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiKeyOf, type AuthConfig } from '../config/api-keys.js';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AlwaysOpen, ApiKeyGuard, RequireScope, checkApiKey, readAccessMiddleware } from './api-key.guard.js';
import { ProblemError } from './problem.js';

const ingest = 'ingest-key-'.padEnd(40, 'i');
const admin = 'admin-key-'.padEnd(40, 'a');
const auth: AuthConfig = { keys: [apiKeyOf(ingest, ['ingest']), apiKeyOf(admin, ['admin'])], publicRead: true };

describe('checkApiKey', () => {
  it('answers 401 with WWW-Authenticate: Bearer when no key is sent', () => {
    for (const header of [undefined, '', 'Basic dXNlcjpwYXNz', 'Bearer', 'Bearer ']) {
      const problem = checkApiKey(auth, header, 'ingest');
      assert.equal(problem?.status, 401, String(header));
      assert.equal(problem.code, 'unauthorized');
      assert.equal(problem.headers?.['WWW-Authenticate'], 'Bearer realm="talkwatch"');
    }
  });

  it('answers 401 invalid_token for an unknown key, 403 insufficient_scope for the wrong scope', () => {
    const unknown = checkApiKey(auth, `Bearer ${'z'.repeat(40)}`, 'admin');
    assert.equal(unknown?.status, 401);
    assert.match(unknown.headers?.['WWW-Authenticate'] ?? '', /error="invalid_token"/);
    const wrong = checkApiKey(auth, `Bearer ${ingest}`, 'admin');
    assert.equal(wrong?.status, 403);
    assert.equal(wrong.code, 'forbidden');
    assert.match(wrong.headers?.['WWW-Authenticate'] ?? '', /error="insufficient_scope", scope="admin"/);
    assert.equal(JSON.stringify(wrong).includes(ingest), false, 'the key is not echoed');
  });

  it('lets a key with the scope through, and any key when no scope is needed', () => {
    assert.equal(checkApiKey(auth, `Bearer ${ingest}`, 'ingest'), undefined);
    assert.equal(checkApiKey(auth, `bearer ${admin}`, 'admin'), undefined);
    assert.equal(checkApiKey(auth, `Bearer ${ingest}`, undefined), undefined);
  });
});

class ExampleController {
  read(): void {}
  @RequireScope('admin')
  write(): void {}
  @AlwaysOpen()
  health(): void {}
}

function contextFor(handler: keyof ExampleController, authorization?: string): ExecutionContext {
  const request = { headers: authorization === undefined ? {} : { authorization } };
  return {
    // Nest hands guards the method itself, as here.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    getHandler: () => ExampleController.prototype[handler],
    getClass: () => ExampleController,
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

describe('ApiKeyGuard', () => {
  it('keeps reads open by default and asks a key of the scope for writes', () => {
    const guard = new ApiKeyGuard(new Reflector(), auth);
    assert.equal(status(guard, contextFor('read')), 200);
    assert.equal(status(guard, contextFor('write')), 401);
    assert.equal(status(guard, contextFor('write', `Bearer ${ingest}`)), 403);
    assert.equal(status(guard, contextFor('write', `Bearer ${admin}`)), 200);
  });

  it('with PUBLIC_READ=false asks any valid key for reads, but never for health', () => {
    const guard = new ApiKeyGuard(new Reflector(), { ...auth, publicRead: false });
    assert.equal(status(guard, contextFor('read')), 401);
    assert.equal(status(guard, contextFor('read', `Bearer ${ingest}`)), 200);
    assert.equal(status(guard, contextFor('health')), 200);
  });
});

describe('readAccessMiddleware (/docs)', () => {
  function run(publicRead: boolean, authorization?: string) {
    const answer: { status?: number; headers: Record<string, string>; body?: string; next: boolean } = { headers: {}, next: false };
    const response = {
      setHeader: (name: string, value: string) => {
        answer.headers[name] = value;
      },
      status(code: number) {
        answer.status = code;
        return this;
      },
      type() {
        return this;
      },
      send(body: string) {
        answer.body = body;
        return this;
      },
    };
    const request = { headers: authorization === undefined ? {} : { authorization }, originalUrl: '/docs/openapi.json' };
    readAccessMiddleware({ ...auth, publicRead })(request as never, response as never, () => {
      answer.next = true;
    });
    return answer;
  }

  it('lets everyone read the docs by default, and only key holders with PUBLIC_READ=false', () => {
    assert.equal(run(true).next, true);
    const refused = run(false);
    assert.deepEqual([refused.next, refused.status, refused.headers['WWW-Authenticate']], [false, 401, 'Bearer realm="talkwatch"']);
    assert.match(refused.body ?? '', /"code":"unauthorized"/);
    assert.equal(run(false, `Bearer ${ingest}`).next, true);
  });
});
