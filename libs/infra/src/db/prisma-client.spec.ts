// Which failed queries mean "the database cannot serve this right now" (503) and which are bugs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyDatabaseError } from './prisma-client.js';

describe('classifyDatabaseError', () => {
  it('counts a transaction that could not start in time as unavailable (the one embedded connection was busy)', () => {
    assert.equal(classifyDatabaseError({ name: 'PrismaClientKnownRequestError', code: 'P2028', message: 'Transaction API error: Unable to start a transaction in the given time.' }), 'unavailable');
  });

  it('leaves a unique violation to the caller', () => {
    assert.equal(classifyDatabaseError({ name: 'PrismaClientKnownRequestError', code: 'P2002' }), undefined);
  });
});
