import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ArticleParseError, parseArticleText, parseDateLine } from './article.js';
import { splitSentences } from './sentences.js';

describe('parseArticleText', () => {
  it('reads YAML front matter and keeps the rest as the body', () => {
    const raw = '---\ntitle: "Talks set for Monday"\nurl: https://example.org/a\npublished: "2022-03-05"\ngroup: x\n---\n\nFirst line.\n';
    const article = parseArticleText(raw);
    assert.deepEqual(article, { title: 'Talks set for Monday', url: 'https://example.org/a', publishedAt: '2022-03-05', body: 'First line.' });
  });

  it('accepts a front-matter date-time and unquoted values', () => {
    const article = parseArticleText('---\ntitle: Plain title\npublished: 2024-04-06T21:45:00Z\n---\nBody.');
    assert.equal(article.title, 'Plain title');
    assert.equal(article.publishedAt, '2024-04-06T21:45:00Z');
    assert.equal(article.url, null);
  });

  it('without front matter finds the heading, a date line and the Original url line', () => {
    const raw = '\n# Envoys Agree to Meet Again\n\nBy [Agency](#)\n\nDecember 22, 2021\n\nThe envoys met.\n\nOriginal url:\n\n<https://example.org/envoys>\n';
    const article = parseArticleText(raw);
    assert.equal(article.title, 'Envoys Agree to Meet Again');
    assert.equal(article.publishedAt, '2021-12-22');
    assert.equal(article.url, 'https://example.org/envoys');
    assert.ok(article.body.startsWith('# Envoys Agree'));
  });

  it('reads day-month-year date lines and an inline Original url', () => {
    const article = parseArticleText('06 April, 2024, 09:45 pm\nText here.\nOriginal url: https://example.org/x');
    assert.equal(article.publishedAt, '2024-04-06');
    assert.equal(article.url, 'https://example.org/x');
  });

  it('uses the fallback only for what the text does not give', () => {
    const article = parseArticleText('Some text without a date.', { publishedAt: '2023-01-02', title: 'Given', url: 'https://example.org/f' });
    assert.deepEqual([article.title, article.publishedAt, article.url], ['Given', '2023-01-02', 'https://example.org/f']);
    const fromText = parseArticleText('# Heading wins\n\nJan 5, 2022\n', { title: 'Given', publishedAt: '2020-01-01' });
    assert.deepEqual([fromText.title, fromText.publishedAt], ['Heading wins', '2022-01-05']);
  });

  it('normalises CRLF line endings so offsets are stable', () => {
    const article = parseArticleText('---\r\ntitle: T\r\npublished: 2022-01-01\r\n---\r\nOne.\r\nTwo.\r\n');
    assert.equal(article.body, 'One.\nTwo.');
  });

  it('throws a typed error when there is no publication date at all', () => {
    assert.throws(() => parseArticleText('No date anywhere.'), { name: 'ArticleParseError', code: 'article-unparseable' });
    assert.throws(() => parseArticleText('No date anywhere.'), ArticleParseError);
  });

  it('sentence offsets point into the body even with Markdown links and emphasis', () => {
    const article = parseArticleText('---\ntitle: T\npublished: 2022-01-01\n---\n**Related:** [Envoys meet](https://example.org/x) in Geneva. Second *point* here.');
    const sentences = splitSentences(article.body);
    assert.equal(sentences.length, 2);
    const [first, second] = sentences;
    assert.equal(first?.text, 'Related: Envoys meet in Geneva.');
    assert.equal(article.body.slice(first.start, first.end), '**Related:** [Envoys meet](https://example.org/x) in Geneva.');
    assert.equal(second?.text, 'Second point here.');
    assert.equal(article.body.slice(second.start, second.end), 'Second *point* here.');
  });
});

describe('parseDateLine', () => {
  it('reads common date-line shapes and rejects prose', () => {
    assert.equal(parseDateLine('December 22, 2021'), '2021-12-22');
    assert.equal(parseDateLine('Jan 5, 2022'), '2022-01-05');
    assert.equal(parseDateLine('February 18, 2022 - 11:16 AMT'), '2022-02-18');
    assert.equal(parseDateLine('2021-12-22'), '2021-12-22');
    assert.equal(parseDateLine('Talks were held on December 22, 2021 in Geneva'), null);
  });
});
