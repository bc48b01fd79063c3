import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { ServiceUnreachableError } from '../db/prisma-client.js';
import { LogRecordTooLargeError } from '../log/event-log.js';
import { ProblemError, problemHeadersOf, toProblem } from './problem.js';

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
    const latin1 = Object.assign(new Error('unsupported charset "LATIN1"'), { type: 'charset.unsupported', status: 415 });
    assert.deepEqual([toProblem(latin1).status, toProblem(latin1).code], [415, 'unsupported-media-type']);
  });

  it('answers 503 for an unreachable dependency and hides internal errors', () => {
    assert.equal(toProblem(new ServiceUnreachableError('Kafka', 'k:9092', 'down')).status, 503);
    assert.equal(toProblem(new NotFoundException()).code, 'not-found');
    const internal = toProblem(new Error('secret detail'));
    assert.equal(internal.status, 500);
    assert.equal(JSON.stringify(internal).includes('secret'), false);
  });
});

describe('dependency failures and refused values', () => {
  const prismaError = (code: string, cause: Record<string, unknown>) =>
    Object.assign(new Error('Invalid `prisma.article.findUnique()` invocation'), { name: 'PrismaClientKnownRequestError', code, meta: { driverAdapterError: { name: 'DriverAdapterError', cause } } });

  it('answers 503 dependency-unavailable with Retry-After for a database that cannot be reached', () => {
    const down = prismaError('P1001', { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 1 });
    const problem = toProblem(down);
    assert.deepEqual([problem.status, problem.code], [503, 'dependency-unavailable']);
    assert.deepEqual(problemHeadersOf(down, problem), { 'Retry-After': '5' });
    assert.equal(toProblem(prismaError('P2010', { kind: 'postgres', originalCode: '57P01' })).status, 503);
    assert.equal(toProblem(Object.assign(new Error('x'), { name: 'PrismaClientInitializationError' })).status, 503);
  });

  it('answers 400 invalid-characters when PostgreSQL refuses a value (NUL)', () => {
    const nul = prismaError('P2039', { kind: 'postgres', originalCode: '22021', code: '22021' });
    assert.deepEqual([toProblem(nul).status, toProblem(nul).code], [400, 'invalid-characters']);
  });

  it('answers 503 for kafkajs errors and 422 events-too-large for records the broker refuses', () => {
    const kafka = Object.assign(new Error('Connection error: connect ECONNREFUSED'), { name: 'KafkaJSConnectionError' });
    assert.equal(toProblem(kafka).status, 503);
    assert.equal(problemHeadersOf(new ServiceUnreachableError('Kafka', 'k:9092', 'down'), toProblem(new ServiceUnreachableError('Kafka', 'k:9092', 'down')))?.['Retry-After'], '5');
    assert.deepEqual([toProblem(new LogRecordTooLargeError('too large')).status, toProblem(new LogRecordTooLargeError('too large')).code], [422, 'events-too-large']);
  });

  it('keeps a problem error its own headers', () => {
    const problem = new ProblemError(401, 'unauthorized', 'Key needed', undefined, undefined, { 'WWW-Authenticate': 'Bearer' });
    assert.deepEqual(problemHeadersOf(problem, toProblem(problem)), { 'WWW-Authenticate': 'Bearer' });
    assert.equal(problemHeadersOf(new Error('x'), toProblem(new Error('x'))), undefined);
  });
});
