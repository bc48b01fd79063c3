import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { highlight } from './evidence.ts';

const marked = (sentence: string, terms: (string | null)[]) =>
  highlight(sentence, terms)
    .filter((s) => s.evidence)
    .map((s) => s.text);

describe('highlight', () => {
  it('marks every term, whatever its case, and keeps the sentence whole', () => {
    const sentence = 'The two sides will meet in Brussels on 14 March, officials in brussels said.';
    const segments = highlight(sentence, ['Brussels', 'on 14 March']);
    assert.equal(segments.map((s) => s.text).join(''), sentence);
    assert.deepEqual(marked(sentence, ['Brussels', 'on 14 March']), ['Brussels', 'on 14 March', 'brussels']);
  });

  it('merges overlapping terms into one mark, the longer one winning', () => {
    assert.deepEqual(marked('Talks in Geneva resumed.', ['Geneva', 'in Geneva']), ['in Geneva']);
  });

  it('ignores missing, blank and one-letter terms', () => {
    assert.deepEqual(highlight('A short sentence.', [null, '', ' ', 'a']), [{ text: 'A short sentence.', evidence: false }]);
  });
});
