import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { splitSentences } from './sentences.js';
import { referenceSplitSentences } from './sentences.reference.js';

const texts = (body: string): string[] => splitSentences(body).map((s) => s.text);

describe('splitSentences', () => {
  it('does not split after abbreviations, titles, months or initials', () => {
    const body = 'Mr. Novak met Dr. Ferreira at St. Mark’s on Jan. 10 with Wendy R. Sherman. The U.S. envoy left.';
    assert.deepEqual(texts(body), ['Mr. Novak met Dr. Ferreira at St. Mark’s on Jan. 10 with Wendy R. Sherman.', 'The U.S. envoy left.']);
  });

  it('splits after U.S. when a new sentence clearly starts', () => {
    assert.deepEqual(texts('Talks were held with the U.S. The delegations then left.'), ['Talks were held with the U.S.', 'The delegations then left.']);
  });

  it('keeps quotations with their attribution and splits after closing quotes', () => {
    const body = '"We are ready," the envoy said. "Are you?" she asked. “Yes.” He nodded.';
    assert.deepEqual(texts(body), ['"We are ready," the envoy said.', '"Are you?" she asked.', '“Yes.”', 'He nodded.']);
  });

  it('treats headings and unterminated lines as separate, unterminated items', () => {
    const sentences = splitSentences('# Headline here\n\nCaption without a stop\nReal sentence one. Real two.');
    assert.deepEqual(
      sentences.map((s) => [s.text, s.heading, s.terminated]),
      [
        ['Headline here', true, false],
        ['Caption without a stop', false, false],
        ['Real sentence one.', false, true],
        ['Real two.', false, true],
      ],
    );
  });

  it('joins soft-wrapped lines that continue a sentence in lower case', () => {
    const body = 'The delegations agreed to\nmeet again next week. Then they left.';
    const sentences = splitSentences(body);
    assert.equal(sentences[0]?.text, 'The delegations agreed to meet again next week.');
    assert.equal(body.slice(sentences[0].start, sentences[0].end), 'The delegations agreed to\nmeet again next week.');
  });

  it('reports offsets into the raw body for every sentence', () => {
    const body = '  First [linked](http://x.org) one.\n\n_Second_ one!';
    for (const s of splitSentences(body)) {
      const raw = body.slice(s.start, s.end).replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[_*]/g, '');
      assert.equal(raw, s.text);
    }
    assert.equal(splitSentences(body).length, 2);
  });

  it('does not split decimals or times', () => {
    assert.deepEqual(texts('It starts at 12.00 Moscow time and costs 3.5 million.'), ['It starts at 12.00 Moscow time and costs 3.5 million.']);
  });
});

describe('splitSentences, linear', () => {
  // Pieces the splitter and the Markdown cleaner react to, so that random bodies hit every rule.
  const pieces = [
    'a', 'B', 'The', 'Mr', 'U.S', 'e.g', 'R', '12', ' ', ' ', '  ', '\n', '\n\n', '\t', '\r', '\u2028', '\u00a0', '.', '.', '!', '?', '…',
    '"', '“', '”', '’', "'", ')', '(', ']', '[', '\\', '<', '>', '/', '!', '#', '# ', '- ', '> ', '1. ', '*', '_', '`', '—', 'http', 'https',
    '://', 'x.org', '](', '[a](b)', '<a href="x">', '</b>', '<https://x.org>', '![i](p.png)', 'é', 'Ä', '\uD83D\uDE00',
  ];
  const body = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((parts) => parts.join(''));

  it('finds exactly what the regular-expression splitter it replaces found', () => {
    fc.assert(
      fc.property(body, (text) => {
        assert.deepEqual(splitSentences(text), referenceSplitSentences(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('splits 336 KB of short sentences in one paragraph, and lines of "[" or "<", in linear time', () => {
    const long = (unit: string, bytes: number): string => unit.repeat(Math.ceil(bytes / unit.length));
    for (const text of [long('The envoy spoke. ', 336_000), long('[', 336_000), long('<a', 336_000), long('![', 336_000), long('<http://', 336_000), '.'.repeat(336_000) + 'x']) {
      const started = performance.now();
      splitSentences(text);
      const ms = performance.now() - started;
      // The quadratic splitter took 12 s and more on each of these; linear, they take ~0.1 s.
      assert.ok(ms < 3000, `${JSON.stringify(text.slice(0, 20))}…: ${Math.round(ms)} ms`);
    }
    assert.equal(splitSentences(long('The envoy spoke. ', 336_000)).length, 19_765);
  });
});
