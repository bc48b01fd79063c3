import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays, datesCompatible, findDates, findDayOffsets, formatDateRef } from './dates.js';

const first = (text: string, publishedAt: string | null, tense: Parameters<typeof findDates>[2] = 'future') => findDates(text, publishedAt, tense)[0]?.date;

describe('findDates', () => {
  it('keeps the precision of the text: month, day, year', () => {
    assert.deepEqual(first('talks will begin in January', '2021-12-22'), { text: 'January', start: '2022-01', end: null, precision: 'month' });
    assert.deepEqual(first('talks on Jan. 10', '2021-12-27'), { text: 'Jan. 10', start: '2022-01-10', end: null, precision: 'day' });
    assert.deepEqual(first('at the very beginning of next year', '2021-12-22'), { text: 'at the very beginning of next year', start: '2022', end: null, precision: 'year' });
    assert.deepEqual(first('early next month', '2019-09-05'), { text: 'early next month', start: '2019-10', end: null, precision: 'month' });
    assert.equal(first('a deal in 2025', '2024-03-01')?.start, '2025');
  });

  it('resolves weekdays by tense: the last one for past events, the next one for future ones', () => {
    // 2022-03-05 is a Saturday.
    assert.equal(first('will take place on Monday', '2022-03-05', 'future')?.start, '2022-03-07');
    assert.equal(first('met on Thursday', '2022-03-05', 'past')?.start, '2022-03-03');
    assert.equal(first('met on Saturday', '2022-03-05', 'past')?.start, '2022-03-05');
  });

  it('takes the closest year for a month and day without one', () => {
    assert.equal(first('on February 28', '2022-03-03', 'past')?.start, '2022-02-28');
    assert.equal(first('on December 27', '2021-12-23')?.start, '2021-12-27');
  });

  it('without a publication date keeps relative dates unresolved, with their words', () => {
    const unresolved = (text: string) => ({ text, start: null, end: null, precision: 'unknown' });
    assert.deepEqual(first('will meet on Tuesday', null), unresolved('on Tuesday'));
    assert.deepEqual(first('will meet next Tuesday', null, 'future'), unresolved('next Tuesday'));
    assert.deepEqual(first('talks will resume next month', null), unresolved('next month'));
    assert.deepEqual(first('a summit later this year', null), unresolved('this year'));
    assert.deepEqual(first('they met yesterday', null, 'past'), unresolved('yesterday'));
    assert.deepEqual(first('talks at the start of the new year', null), unresolved('at the start of the new year'));
    // A day and month without a year: the year would be a guess.
    assert.deepEqual(first('the envoys met on 12 March', null, 'past'), unresolved('on 12 March'));
    assert.deepEqual(first('talks in March', null), unresolved('March'));
  });

  it('without a publication date still resolves what the text places by itself', () => {
    assert.deepEqual(first('the envoys met on 12 March 2024', null, 'past'), { text: 'on 12 March 2024', start: '2024-03-12', end: null, precision: 'day' });
    assert.deepEqual(first('talks in March 2024', null), { text: 'March 2024', start: '2024-03', end: null, precision: 'month' });
    assert.deepEqual(first('a deal in 2025', null), { text: 'in 2025', start: '2025', end: null, precision: 'year' });
    // Tense never moves a date the text placed itself.
    assert.equal(first('will meet on January 5, 2020', null, 'future')?.start, '2020-01-05');
  });

  it('reads no weekday in a lower-case word ("sat down")', () => {
    assert.deepEqual(findDates('the envoys sat down in Geneva', '2022-01-05', 'past'), []);
  });

  it('ignores clock times and durations', () => {
    assert.deepEqual(findDates('at 10 am for about three hours, for ten weeks', '2022-01-05', 'future'), []);
  });

  it('reports offsets and the word before each expression', () => {
    const [d] = findDates('the spokesperson said Monday', '2021-12-27', 'past');
    assert.equal(d?.before, 'said');
    assert.equal(d.start, 22);
  });
});

describe('date helpers', () => {
  it('datesCompatible is containment, formatDateRef is human', () => {
    assert.equal(datesCompatible('2022-01', '2022-01-10'), true);
    assert.equal(datesCompatible('2022-01-10', '2022-01-12'), false);
    assert.equal(datesCompatible(null, '2022-01-12'), true);
    assert.equal(formatDateRef({ start: '2022-01-10' }), '10 January 2022');
    assert.equal(formatDateRef({ start: '2022-01' }), 'January 2022');
    assert.equal(formatDateRef({ start: '2022' }), '2022');
  });
});

describe('findDates: relative expressions', () => {
  // 2023-05-01 is a Monday.
  it('"next Tuesday" is the Tuesday of next week, whatever the tense', () => {
    assert.equal(first('talks next Tuesday', '2023-05-01', 'future')?.start, '2023-05-09');
  });

  it('"later this month" and "by the end of the month" are the month', () => {
    assert.deepEqual(first('later this month', '2023-05-01'), { text: 'this month', start: '2023-05', end: null, precision: 'month' });
    assert.deepEqual([first('by the end of the month', '2023-05-01')?.start, first('by the end of the month', '2023-05-01')?.precision], ['2023-05', 'month']);
  });

  it('a date without a year moves with the tense: next October for the future, last December for the past', () => {
    assert.equal(first('will meet on October 5', '2023-02-10', 'future')?.start, '2023-10-05');
    assert.equal(first('met on December 28', '2023-01-04', 'past')?.start, '2022-12-28');
    assert.equal(first('in March', '2023-02-10', 'past')?.start, '2022-03');
    assert.equal(first('on January 5', '2023-01-09', 'future')?.start, '2023-01-05', 'within a week stays put');
  });

  it('drops punctuation the parser swallowed', () => {
    assert.equal(first('on Monday, a negotiator said', '2023-05-03', 'future')?.text, 'on Monday');
  });
});

describe('findDayOffsets: days counted from another event', () => {
  it('reads the count and the direction', () => {
    const offsets = (text: string) => findDayOffsets(text).map((o) => [text.slice(o.start, o.end), o.days, o.from]);
    assert.deepEqual(offsets('The council met two days later.'), [['two days later', 2, 'told']]);
    assert.deepEqual(offsets('They left the following day, and returned three days earlier than planned.'), [['the following day', 1, 'told'], ['three days earlier', -3, 'told']]);
    assert.deepEqual(offsets('A day after the envoys met, the ministers spoke.'), [['A day after', 1, 'complement']]);
    assert.deepEqual(offsets('The dinner came a day before the formal session.'), [['a day before', -1, 'complement']]);
    assert.deepEqual(offsets('They met again the day after.'), [['the day after', 1, 'told']]);
  });

  it('is no date counted from the publication date', () => {
    assert.deepEqual(findDates('the council met two days later', '2022-01-05', 'past'), []);
    assert.deepEqual(findDates('a day after the envoys met', '2022-01-05', 'past'), []);
  });

  it('addDays crosses months and years', () => {
    assert.equal(addDays('2021-12-31', 1), '2022-01-01');
    assert.equal(addDays('2022-03-01', -1), '2022-02-28');
  });
});

describe('weeks', () => {
  // 2024-08-17 is a Saturday; 2019-07-25 a Thursday.
  it('"next week" is the month the coming week begins in, kept with its words', () => {
    assert.deepEqual(first('they will meet again next week', '2024-08-17'), { text: 'next week', start: '2024-08', end: null, precision: 'month' });
    // The week of 29 July 2019 begins in July, though it ends in August.
    assert.equal(first('negotiators will meet face to face next week', '2019-07-25')?.start, '2019-07');
  });

  it('"in two weeks", "within a week", "a week ago", "last week"', () => {
    assert.equal(first('they will return for more talks in two weeks', '2019-10-06')?.start, '2019-10');
    assert.equal(first('a deal is expected within a week', '2024-01-29')?.start, '2024-02');
    assert.equal(first('the envoys met a week ago', '2024-03-04', 'past')?.start, '2024-02');
    assert.equal(first('the envoys met last week', '2024-03-06', 'past')?.start, '2024-02');
  });

  it('an undated article leaves a week unresolved', () => {
    assert.equal(first('they will meet again next week', null)?.start ?? null, null);
  });
});

describe('weeks counted back', () => {
  it('"ten weeks ago" is the month of that day', () => {
    assert.equal(first('the sides last met ten weeks ago', '2022-01-05', 'past')?.start, '2021-10');
  });
});
