import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { ServiceUnreachableError } from '../db/prisma-client.js';
import { ProblemError, toProblem } from './problem.js';

describe('toProblem', () => {
  it('keeps the status, code and extra fields of a domain problem', () => {
    const p = toProblem(new ProblemError(422, 'invalid-article', 'The article is not valid', 'title is required', { errors: [] }));
    assert.deepEqual(p, {
      type: 'https://talkwatch.dev/problems/invalid-article',
      title: 'The article is not valid',
      status: 422,
      code: 'invalid-article',
      detail: 'title is required',
      errors: [],
    });
  });

  it('maps body-parser errors, also when Nest wrapped them', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), { type: 'entity.too.large', status: 413, limit: 10 });
    assert.equal(toProblem(tooLarge).code, 'payload-too-large');
    assert.equal(toProblem(new HttpException('too large', 413, { cause: tooLarge })).status, 413);
    const malformed = Object.assign(new SyntaxError('Unexpected end'), { type: 'entity.parse.failed', status: 400 });
    assert.equal(toProblem(new BadRequestException('bad', { cause: malformed })).code, 'malformed-json');
  });

  it('answers 503 for an unreachable dependency and hides internal errors', () => {
    assert.equal(toProblem(new ServiceUnreachableError('Kafka', 'k:9092', 'down')).status, 503);
    assert.equal(toProblem(new NotFoundException()).code, 'not-found');
    const internal = toProblem(new Error('secret detail'));
    assert.equal(internal.status, 500);
    assert.equal(JSON.stringify(internal).includes('secret'), false);
  });
});
