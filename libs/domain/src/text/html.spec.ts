import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseArticleText } from './article.js';
import { extractArticle } from '../extraction/extractor.js';
import { htmlToText, looksLikeHtml } from './html.js';
import { splitSentences } from './sentences.js';

// A page of our own: navigation, a script and a style, an inline SVG with its own title, entities,
// a list, a line break, a table and a <time> element.
const PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Lakeland &amp; Hillmark envoys to meet</title>
  <style>p { color: red; }</style>
  <script>window.track("Lakeland and Hillmark met in Oslo");</script>
</head>
<body>
  <svg viewBox="0 0 10 10"><title>Logo</title><path d="M0 0"/></svg>
  <noscript>Enable JavaScript to read Lakeland news.</noscript>
  <article>
    <h1>Envoys of Lakeland &amp; Hillmark to&nbsp;meet</h1>
    <p class="byline">By A.&nbsp;Writer<br>Staff reporter</p>
    <p><time datetime="2031-04-09T06:30:00Z">9 April 2031</time></p>
    <p>Lakeland&#39;s envoy said the talks were &ldquo;overdue&rdquo;.
       Both sides will meet in Oslo on Friday.</p>
    <ul>
      <li>first point without a stop</li>
      <li>second point</li>
    </ul>
    <table><tr><th>Day</th><th>Venue</th></tr><tr><td>Friday</td><td>Oslo</td></tr></table>
    <template><p>Hidden template text.</p></template>
    <iframe src="https://example.org/ad">Ad text</iframe>
  </article>
</body>
</html>`;

describe('htmlToText', () => {
  it('decodes entities, drops scripts, styles and other invisible content, and keeps the visible text', () => {
    const { text } = htmlToText(PAGE);
    assert.ok(text.includes("Lakeland's envoy said the talks were “overdue”. Both sides will meet in Oslo on Friday."), text);
    assert.ok(text.includes('Envoys of Lakeland & Hillmark to meet'));
    for (const hidden of ['window.track', 'color: red', 'Enable JavaScript', 'Logo', 'Hidden template', 'Ad text', '<', '&amp;']) {
      assert.ok(!text.includes(hidden), `${hidden} should not be in the text`);
    }
  });

  it('makes block elements, list items, line breaks and table rows paragraph boundaries', () => {
    const { text } = htmlToText(PAGE);
    const paragraphs = text.split('\n\n');
    assert.deepEqual(paragraphs, [
      'Envoys of Lakeland & Hillmark to meet',
      'By A. Writer',
      'Staff reporter',
      '9 April 2031',
      "Lakeland's envoy said the talks were “overdue”. Both sides will meet in Oslo on Friday.",
      'first point without a stop',
      'second point',
      'Day Venue',
      'Friday Oslo',
    ]);
    // Each list item is its own sentence, even without a full stop and in lower case.
    const sentences = splitSentences(text).map((s) => s.text);
    assert.ok(sentences.includes('first point without a stop'));
    assert.ok(sentences.includes('second point'));
  });

  it('takes the title from <title> (not an SVG title), else the first <h1>, and the date from <time>', () => {
    assert.deepEqual([htmlToText(PAGE).title, htmlToText(PAGE).publishedAt], ['Lakeland & Hillmark envoys to meet', '2031-04-09T06:30:00Z']);
    const fragment = htmlToText('<div><h1>Only <em>a</em> heading</h1><p>Text.</p><time datetime="2031-01-02">then</time><time datetime="2031-05-06">later</time></div>');
    assert.deepEqual([fragment.title, fragment.publishedAt], ['Only a heading', '2031-01-02']);
  });

  it('prefers article:published_time over a <time> element', () => {
    const html = '<head><meta property="article:published_time" content="2031-03-01"></head><body><p><time datetime="2031-03-05">5 March</time></p></body>';
    assert.equal(htmlToText(html).publishedAt, '2031-03-01');
  });

  it('keeps the lines of <pre> and joins inline elements without spaces of their own', () => {
    assert.equal(htmlToText('<p>One<b>word</b> and <a href="#">a link</a>.</p><pre>line one\nline two</pre>').text, 'Oneword and a link.\n\nline one\n\nline two');
  });

  it('tells HTML bodies from Markdown and plain text', () => {
    assert.ok(looksLikeHtml('<!doctype html><p>x</p>'));
    assert.ok(looksLikeHtml('  <p>Paragraph</p>'));
    assert.ok(looksLikeHtml('<div class="story">x</div>'));
    assert.ok(!looksLikeHtml('# Heading\n\nText with <b>inline</b> HTML.'));
    assert.ok(!looksLikeHtml('Plain text < 5 and > 3.'));
    assert.ok(!looksLikeHtml('<https://example.org/autolink>'));
    assert.ok(!looksLikeHtml('<b>Update:</b> the envoys met.\n\nA second paragraph.'), 'Markdown opening with inline HTML');
  });
});

describe('an HTML article read end to end', () => {
  it('stores the converted text, and evidence offsets point into it', () => {
    const html = '<article><h1>Serbia and Kosovo to resume talks</h1>'
      + '<p>Serbia and Kosovo will resume talks in Brussels on 14&nbsp;May&nbsp;2031, <em>the EU</em> said.</p>'
      + '<p>Serbia demanded that Kosovo lift the tariffs &mdash; a long-standing request.</p></article>';
    const article = parseArticleText(html);
    assert.equal(article.title, 'Serbia and Kosovo to resume talks');
    assert.ok(!article.body.includes('<'), 'the body is text');
    const { rounds, demands } = extractArticle(article);
    const [round] = rounds;
    assert.ok(round, 'a round');
    assert.deepEqual([round.parties, round.status, round.date?.start, round.venue], [['Kosovo', 'Serbia'], 'scheduled', '2031-05-14', 'Brussels']);
    assert.equal(article.body.slice(round.evidence.start, round.evidence.end), 'Serbia and Kosovo will resume talks in Brussels on 14 May 2031, the EU said.');
    assert.equal(round.evidence.sentence, article.body.slice(round.evidence.start, round.evidence.end));
    for (const demand of demands) assert.equal(article.body.slice(demand.evidence.start, demand.evidence.end), demand.evidence.sentence);
  });
});
