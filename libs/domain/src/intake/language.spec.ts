import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractorReads } from './language.js';

describe('extractorReads', () => {
  it('has the extractor read English and what could not be told, not the other languages', () => {
    assert.deepEqual(['en', null, 'fr', 'ru'].map(extractorReads), [true, true, false, false]);
  });
});
