import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ArticleParseError, parseArticleText, parseDateLine, prepareArticle, withDateFallback } from './article.js';
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

  it('an article without any publication date is undated, not refused', () => {
    const article = parseArticleText('# Envoys will talk\n\nThe envoys will meet on Tuesday.');
    assert.deepEqual(article, { title: 'Envoys will talk', url: null, publishedAt: null, body: '# Envoys will talk\n\nThe envoys will meet on Tuesday.' });
    assert.equal(parseArticleText('---\ntitle: T\npublished: ""\n---\nText.').publishedAt, null, 'an empty published value is no date');
    assert.equal(parseArticleText('---\ntitle: T\npublished: ~\n---\nText.').publishedAt, null, 'a YAML null is no date');
  });

  it('dates an undated article by the time it was received only when asked, and records it', () => {
    const asked = { dateFallback: { receivedAt: '2031-06-02T08:30:00.000Z' } };
    const undated = parseArticleText('---\ntitle: T\n---\nText.', {}, asked);
    assert.deepEqual([undated.publishedAt, undated.dateFallback], ['2031-06-02T08:30:00.000Z', 'receivedAt']);
    const dated = parseArticleText('---\ntitle: T\npublished: 2031-05-30\n---\nText.', {}, asked);
    assert.deepEqual([dated.publishedAt, dated.dateFallback], ['2031-05-30', undefined]);
    assert.equal(withDateFallback(dated, '2031-06-02').publishedAt, '2031-05-30');
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

describe('front matter (YAML)', () => {
  it('reads single- and double-quoted values with escapes, comments and unknown keys', () => {
    const raw = [
      '---',
      "title: 'Envoys'' talks: a second round'",
      'url: "https://example.org/a?b=1#c" # the canonical address',
      "published: '2031-04-09'",
      'tags: [talks, geneva]',
      'note: |',
      '  several lines',
      '  of notes',
      '---',
      'Body.',
    ].join('\n');
    assert.deepEqual(parseArticleText(raw), { title: "Envoys' talks: a second round", url: 'https://example.org/a?b=1#c', publishedAt: '2031-04-09', body: 'Body.' });
    assert.equal(parseArticleText('---\ntitle: "A \\"quoted\\" word"\npublished: "2031-04-09 10:15:00+02:00"\n---\nBody.').title, 'A "quoted" word');
    assert.equal(parseArticleText('---\ntitle: T\npublished: "2031-04-09 10:15:00+02:00"\n---\nBody.').publishedAt, '2031-04-09T10:15:00+02:00');
  });

  it('reads a date line as the published value, and keys in any case', () => {
    assert.equal(parseArticleText('---\nTitle: T\nPublished: "April 9, 2031"\n---\nBody.').publishedAt, '2031-04-09');
    assert.equal(parseArticleText('---\ntitle: T\npublishedAt: 2031-04-09T06:00:00Z\n---\nBody.').publishedAt, '2031-04-09T06:00:00Z');
  });

  it('strips a byte order mark and CRLF line endings before reading it', () => {
    const article = parseArticleText('\uFEFF---\r\ntitle: "Ministers meet"\r\npublished: 2031-04-09\r\n---\r\n\r\nFirst.\r\nSecond.\r\n');
    assert.deepEqual(article, { title: 'Ministers meet', url: null, publishedAt: '2031-04-09', body: 'First.\nSecond.' });
  });

  it('takes an empty front matter block as no metadata', () => {
    assert.deepEqual(parseArticleText('---\n---\n# Heading\n\nMarch 3, 2031\n'), { title: 'Heading', url: null, publishedAt: '2031-03-03', body: '# Heading\n\nMarch 3, 2031' });
  });

  it('refuses front matter that is not YAML, or not a mapping, with a typed error', () => {
    assert.throws(() => parseArticleText('---\ntitle: [unclosed\n---\nBody.'), { name: 'ArticleParseError', code: 'article-unparseable', message: /front matter is not valid YAML/ });
    assert.throws(() => parseArticleText('---\n- a\n- b\n---\nBody.'), ArticleParseError);
  });
});

describe('HTML bodies', () => {
  it('become text; the markup gives the title and date when the article has none', () => {
    const raw = '<html><head><title>Envoys to meet</title><meta property="article:published_time" content="2031-04-09T07:00:00Z"></head>'
      + '<body><h1>Envoys to meet</h1><p>The envoys will meet on Friday.</p></body></html>';
    assert.deepEqual(parseArticleText(raw), { title: 'Envoys to meet', url: null, publishedAt: '2031-04-09T07:00:00Z', body: 'Envoys to meet\n\nThe envoys will meet on Friday.' });
    const withFront = parseArticleText(`---\ntitle: Given title\npublished: 2031-04-10\n---\n${raw}`);
    assert.deepEqual([withFront.title, withFront.publishedAt], ['Given title', '2031-04-10']);
  });

  it('prepareArticle converts only HTML and keeps what the client gave', () => {
    const text = { title: 'T', url: null, publishedAt: null, body: 'Plain *Markdown* <b>kept</b> as sent.' };
    assert.deepEqual(prepareArticle(text), text);
    const html = prepareArticle({ body: '<p>First &amp; only.</p><time datetime="not a date">x</time>' });
    assert.deepEqual(html, { title: null, url: null, publishedAt: null, body: 'First & only.\n\nx' });
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
