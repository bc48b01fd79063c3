import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProblemError } from '@talkwatch/infra';
import { parseArticleBody } from './article-body.js';

const problemFields = (input: unknown): string[] => {
  try {
    parseArticleBody(input);
  } catch (error) {
    assert.ok(error instanceof ProblemError);
    assert.equal(error.status, 422);
    return ((error.extra as { errors?: { field: string }[] } | undefined)?.errors ?? []).map((e) => e.field).sort();
  }
  assert.fail('expected a 422 problem');
};

describe('POST /articles body', () => {
  it('accepts an article without publishedAt (or with null) as undated', () => {
    const body = { title: 'Envoys to meet', body: 'The envoys will meet on Tuesday.' };
    assert.deepEqual(parseArticleBody(body), { title: 'Envoys to meet', url: null, publishedAt: null, dateFallback: null, body: body.body });
    assert.equal(parseArticleBody({ ...body, publishedAt: null }).publishedAt, null);
    assert.equal(parseArticleBody({ ...body, publishedAt: '2031-04-09' }).publishedAt, '2031-04-09');
  });

  it('takes dateFallback "receivedAt" and nothing else', () => {
    assert.equal(parseArticleBody({ title: 'T', body: 'Text.', dateFallback: 'receivedAt' }).dateFallback, 'receivedAt');
    assert.deepEqual(problemFields({ title: 'T', body: 'Text.', dateFallback: 'now' }), ['dateFallback']);
  });

  it('converts an HTML body to the text it stores; the markup gives a missing title and date', () => {
    const html = '<html><head><title>Envoys to meet</title></head><body><p>The envoys&nbsp;will meet.</p><ul><li>one</li><li>two</li></ul>'
      + '<p><time datetime="2031-04-09T06:00:00Z">today</time></p><script>x()</script></body></html>';
    assert.deepEqual(parseArticleBody({ body: html }), {
      title: 'Envoys to meet',
      url: null,
      publishedAt: '2031-04-09T06:00:00Z',
      dateFallback: null,
      body: 'The envoys will meet.\n\none\n\ntwo\n\ntoday',
    });
    // What the client gives wins over the markup.
    const given = parseArticleBody({ title: 'Given', publishedAt: '2031-04-10', body: html });
    assert.deepEqual([given.title, given.publishedAt], ['Given', '2031-04-10']);
  });

  it('keeps a Markdown or text body exactly as sent (so the article id does not change)', () => {
    const body = 'First *line*.\r\nSecond <b>line</b>.';
    assert.equal(parseArticleBody({ title: 'T', body }).body, body);
  });

  it('needs a title unless the HTML gives one, and lists every problem', () => {
    assert.deepEqual(problemFields({ body: 'Plain text.' }), ['title']);
    assert.deepEqual(problemFields({ title: '', publishedAt: 'yesterday', body: 'x' }), ['publishedAt', 'title']);
    assert.deepEqual(problemFields({ title: 'T', body: '<div><script>only()</script></div>' }), ['body']);
  });

  it('takes only publication dates that exist, in the years 1900-2100 unless configured', () => {
    const article = { title: 'T', body: 'Text.' };
    for (const publishedAt of ['2022-02-30', '2023-02-29', '2022-01-10T25:00', '0000-01-01', '9999-12-31', '1899-12-31T23:59:59Z']) {
      assert.deepEqual(problemFields({ ...article, publishedAt }), ['publishedAt'], publishedAt);
    }
    assert.equal(parseArticleBody({ ...article, publishedAt: '2024-02-29' }).publishedAt, '2024-02-29');
    assert.equal(parseArticleBody({ ...article, publishedAt: '1850-01-01' }, { min: 1800, max: 2100 }).publishedAt, '1850-01-01');
    // Checked even when another field is wrong, so that every problem is listed at once.
    assert.deepEqual(problemFields({ ...article, url: 'ftp://x', publishedAt: '2022-02-30' }), ['publishedAt', 'url']);
  });

  it('refuses an impossible date in the markup, unless publishedAt overrides it', () => {
    const html = '<html><head><title>Envoys</title><meta property="article:published_time" content="0000-01-01T00:00:00Z"></head><body><p>The envoys will meet.</p></body></html>';
    assert.deepEqual(problemFields({ body: html }), ['body']);
    assert.equal(parseArticleBody({ body: html, publishedAt: '2022-01-10' }).publishedAt, '2022-01-10');
  });
});
