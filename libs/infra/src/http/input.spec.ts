import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultYearRange } from '../config/env.js';
import { badCharactersInJson, calendarDateProblem, checkId, checkPath, findBadCharacter } from './input.js';
import { ProblemError } from './problem.js';

describe('findBadCharacter', () => {
  it('finds NUL and other C0 controls, but lets tabs and line breaks through in text', () => {
    assert.deepEqual(findBadCharacter('ab\u0000c', 'text'), { index: 2, reason: 'control-character', codePoint: 0 });
    assert.equal(findBadCharacter('a\u001Bb', 'text')?.codePoint, 0x1b);
    assert.equal(findBadCharacter('a\u007Fb', 'text')?.reason, 'control-character');
    assert.equal(findBadCharacter('line one\r\n\tline two', 'text'), undefined);
    // C1 controls come with text mis-decoded from Windows-1252: harmless, accepted in text.
    assert.equal(findBadCharacter('it\u0092s', 'text'), undefined);
  });

  it('refuses every control character in a single-line value (path, query, key)', () => {
    assert.equal(findBadCharacter('a\tb', 'line')?.codePoint, 9);
    assert.equal(findBadCharacter('a\nb', 'line')?.codePoint, 10);
    assert.equal(findBadCharacter('it\u0092s', 'line')?.codePoint, 0x92);
  });

  it('finds unpaired surrogates and accepts pairs', () => {
    assert.equal(findBadCharacter('emoji \uD83D\uDE00 ok', 'text'), undefined);
    assert.deepEqual(findBadCharacter('x\uD800y', 'text'), { index: 1, reason: 'unpaired-surrogate', codePoint: 0xd800 });
    assert.deepEqual(findBadCharacter('\uDC00', 'text'), { index: 0, reason: 'unpaired-surrogate', codePoint: 0xdc00 });
    assert.equal(findBadCharacter('end \uD83D', 'text')?.index, 4);
    // The first problem is reported, whichever kind it is.
    assert.equal(findBadCharacter('\uD800 \u0000', 'text')?.reason, 'unpaired-surrogate');
    assert.equal(findBadCharacter('\u0000 \uD800', 'text')?.reason, 'control-character');
  });
});

describe('badCharactersInJson', () => {
  it('names each bad string by its field path, keys included', () => {
    const errors = badCharactersInJson({ title: 'a\u0000', trackIds: ['ok', 'b\uD800'], nested: { 'k\u0001': 1 }, n: 3, t: true, z: null });
    assert.deepEqual(
      errors.map((e) => e.field),
      ['title', 'trackIds.1', 'nested key "k\\u0001"'],
    );
    assert.deepEqual(badCharactersInJson({ body: 'Tabs\tand\nlines are text.' }), []);
    assert.deepEqual(badCharactersInJson(undefined), []);
  });

  it('walks a deeply nested body without recursion', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    assert.equal(badCharactersInJson(deep).length, 1);
  });
});

describe('checkPath', () => {
  it('answers 400 malformed-url for percent-encoding that is not UTF-8, invalid-characters for a control character', () => {
    assert.equal(checkPath('/talks/russia--united-states'), undefined);
    assert.equal(checkPath('/talks/caf%C3%A9'), undefined);
    assert.equal(checkPath('/talks/a%E0b')?.code, 'malformed-url');
    assert.equal(checkPath('/talks/%ED%A0%80')?.code, 'malformed-url');
    const nul = checkPath('/talks/a%00b');
    assert.deepEqual([nul?.status, nul?.code], [400, 'invalid-characters']);
  });
});

describe('checkId', () => {
  it('takes ids up to 256 characters and answers 400 invalid-id beyond', () => {
    assert.equal(checkId('a'.repeat(256)), 'a'.repeat(256));
    assert.throws(() => checkId('a'.repeat(257), 'track id'), (e: unknown) => e instanceof ProblemError && e.status === 400 && e.code === 'invalid-id');
  });
});

describe('calendarDateProblem', () => {
  const ok = (text: string) => calendarDateProblem(text, defaultYearRange) === undefined;
  it('accepts dates and date-times of days that exist', () => {
    for (const text of ['2022-02-28', '2024-02-29', '2000-02-29', '2022-01-10T10:00', '2022-01-10T10:00:00Z', '2022-01-10T10:00:00.123+05:30', '2022-01-10 10:00:00+0100', '1900-01-01', '2100-12-31']) {
      assert.ok(ok(text), text);
    }
  });

  it('refuses impossible days and times, which Date.parse would roll over', () => {
    for (const text of ['2022-02-30', '2023-02-29', '1900-02-29', '2022-04-31', '2022-13-01', '2022-00-10', '2022-01-00', '2022-01-10T24:00', '2022-01-10T10:60', '2022-01-10T10:00:61Z', '2022-01-10T10:00+25:00']) {
      assert.equal(ok(text), false, text);
    }
  });

  it('refuses what is not ISO 8601 and years outside the range (1900-2100 unless configured)', () => {
    for (const text of ['yesterday', '22-01-10', '2022-1-10', '2022-01-10T10', '', ' 2022-01-10']) assert.equal(ok(text), false, text);
    assert.match(calendarDateProblem('0000-01-01', defaultYearRange) ?? '', /1900 to 2100/);
    assert.match(calendarDateProblem('9999-12-31', defaultYearRange) ?? '', /1900 to 2100/);
    assert.equal(calendarDateProblem('1850-06-01', { min: 1800, max: 1899 }), undefined);
  });
});
