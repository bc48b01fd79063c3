import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArticleRecord } from './contract.js';
import { fitWidths, formatArticle, formatTable, truncate } from './table.js';

const evidence = { sentence: 'A sentence.', start: 0, end: 11 };

const record: ArticleRecord = {
  file: 'example.md',
  article: { title: 'Envoys agree to meet again', url: 'https://example.org/envoys', publishedAt: '2023-05-03T08:00:00Z' },
  rounds: [
    { parties: ['Russia', 'Ukraine'], mediators: [], ordinal: 2, status: 'concluded', date: { text: 'on Tuesday', start: '2023-05-02', end: null, precision: 'day' }, venue: 'Istanbul', evidence, outcome: 'breakdown', confidence: 0.95 },
    { parties: ['Russia', 'Ukraine'], mediators: [], ordinal: null, status: 'announced', date: null, venue: null, evidence, outcome: null, confidence: 0.5 },
  ],
  demands: [
    {
      by: 'Ukraine',
      addressedTo: ['Russia'],
      text: 'withdraw its forces from every occupied region before any ceasefire is agreed by the two sides',
      category: 'withdrawal',
      evidence,
      confidence: 0.9,
    },
  ],
  responses: [],
};

describe('truncate', () => {
  it('keeps short text, cuts long text with an ellipsis within the width', () => {
    assert.equal(truncate('Geneva', 6), 'Geneva');
    assert.equal(truncate('Belovezhskaya Pushcha', 10), 'Belovezhs…');
    assert.equal(truncate('two words', 5), 'two…', 'no space before the ellipsis');
    assert.equal(truncate('abc', 0), '');
  });

  it('counts an accented letter written as two code points as one', () => {
    assert.equal(truncate('Ele\u0301onore', 8), 'Ele\u0301onore');
  });
});

describe('fitWidths', () => {
  it('leaves columns alone when they fit, else shrinks the widest first, never below the minimum', () => {
    assert.deepEqual(fitWidths([10, 5], [4, 4], 40), [10, 5]);
    assert.deepEqual(fitWidths([30, 10, 8], [6, 6, 6], 40), [18, 10, 8]);
    assert.deepEqual(fitWidths([30, 30], [6, 6], 20), [9, 9]);
    assert.deepEqual(fitWidths([30, 30], [20, 20], 20), [20, 20], 'overflows rather than going below the minimum');
  });
});

describe('formatTable', () => {
  it('aligns columns under their headers with no trailing spaces', () => {
    assert.deepEqual(formatTable(['A', 'LONGER'], [['xx', 'y'], ['x', 'yyyyy']], 80), ['  A   LONGER', '  xx  y', '  x   yyyyy']);
  });

  it('fits the width, truncating the widest column', () => {
    const lines = formatTable(['BY', 'TEXT'], [['Russia', 'a demand that is far too long to fit in a narrow terminal window']], 40);
    assert.ok(lines.every((l) => l.length <= 40), lines.join('\n'));
    assert.match(lines[1] ?? '', /…$/);
  });
});

describe('formatArticle', () => {
  it('prints a header, then rounds and demands as tables fitted to the width', () => {
    const text = formatArticle(record, 80);
    const lines = text.trimEnd().split('\n');
    assert.deepEqual(lines.slice(0, 4), ['Envoys agree to meet again  (2023-05-03, example.md)', 'https://example.org/envoys', '', 'Rounds (2)']);
    assert.match(lines[4] ?? '', /^ {2}PARTIES +STATUS +DATE +VENUE +ORDINAL +CONF$/);
    assert.match(lines[5] ?? '', /^ {2}Russia – Ukraine +concluded, breakdown +2023-05-02 +Istanbul +2 +0\.95$/);
    assert.match(lines[6] ?? '', /^ {2}Russia – Ukraine +announced +– +– +– +0\.50$/);
    assert.ok(lines.includes('Demands (1)'));
    assert.ok(lines.every((l) => l.length <= 80), text);
    const demand = lines.at(-1) ?? '';
    assert.match(demand, /^ {2}Ukraine → Russia +withdrawal +0\.90 +withdraw .*…$/);
    assert.ok(!text.includes('Responses'), 'no responses section when there are none');
  });

  it('says so when there is nothing', () => {
    const text = formatArticle({ ...record, article: { ...record.article, url: null }, rounds: [], demands: [] }, 100);
    assert.equal(text, 'Envoys agree to meet again  (2023-05-03, example.md)\n\nNo rounds\n\nNo demands\n');
  });
});
