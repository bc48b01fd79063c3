// HTML article bodies as text. The text is what Talkwatch stores and reads: evidence offsets
// point into it, never into the HTML, so a stored article can be re-read without its markup.
//
// - Entities are decoded (htmlparser2); runs of whitespace collapse to one space, as a browser
//   shows them (except inside <pre>).
// - Block elements (p, div, li, h1-h6, br, tr, blockquote, …) end a paragraph: a blank line in the
//   text, so a list item or a table row is never joined to its neighbour's sentence. Table cells
//   are separated by a space.
// - script, style, noscript, template, iframe, svg (and the rest of <head>) are dropped.
// - The title is <title>, else the first <h1>; the publication date is <meta
//   property="article:published_time"> (or itemprop/name datePublished), else the first
//   <time datetime>. Callers use them only when the article gives none of its own.
import { Parser } from 'htmlparser2';

export interface HtmlText {
  text: string;
  title: string | null;
  /** As written in the markup (an ISO 8601 date or date-time is expected; the caller checks). */
  publishedAt: string | null;
}

const DROPPED = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'svg', 'head', 'object', 'embed', 'canvas', 'math']);
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'legend',
  'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);
/** Cells of a row: a space between them, the row itself is a block. */
const CELL = new Set(['td', 'th']);
const PUBLISHED_META = new Set(['article:published_time', 'datepublished', 'og:published_time', 'publishdate', 'pubdate']);
/** Invisible characters that only hint at line breaking. */
const INVISIBLE = /\u00ad|\u200b|\u200c|\u200d|\u2060|\ufeff/g;

/**
 * Whether a body is HTML rather than Markdown or plain text: it opens with a document or block
 * element. Markdown may open with inline HTML ("<b>Update:</b> …") and still rely on its blank
 * lines, which HTML would collapse: that stays Markdown.
 */
export function looksLikeHtml(body: string): boolean {
  return /^\s*(?:<!doctype\s+html|<!--|<(?:html|head|body|meta|title|article|main|section|header|div|p|h[1-6]|ul|ol|table|blockquote|figure)\b[^>]*>)/i.test(body);
}

/** Converts an HTML document or fragment to text (see the decisions at the top). */
export function htmlToText(html: string): HtmlText {
  let text = '';
  /** What separates the next text from the last: nothing, a space, or a paragraph break. */
  let pending: '' | ' ' | '\n\n' = '';
  let dropped = 0;
  let svg = 0;
  let pre = 0;
  let inTitle = false;
  let titleText = '';
  let h1Depth = 0;
  let h1Text = '';
  // Filled by the parser's callbacks (an object, so that the type checker sees them change).
  const found: { title: string | null; h1: string | null; metaDate: string | null; timeDate: string | null } = { title: null, h1: null, metaDate: null, timeDate: null };

  const separate = (sep: ' ' | '\n\n'): void => {
    if (text === '') return;
    if (sep === '\n\n' || pending === '') pending = sep;
  };
  const emit = (chunk: string): void => {
    if (chunk === '') return;
    if (pending !== '' && text !== '') text += pending;
    pending = '';
    text += chunk;
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === 'svg') svg++;
        // An <svg> has <title>s of its own: only the document's counts.
        if (name === 'title' && svg === 0) inTitle = true;
        if (name === 'meta') {
          const key = (attribs.property ?? attribs.itemprop ?? attribs.name ?? '').toLowerCase();
          if (found.metaDate === null && PUBLISHED_META.has(key) && attribs.content) found.metaDate = attribs.content.trim();
        }
        if (DROPPED.has(name)) {
          dropped++;
          return;
        }
        if (dropped > 0) return;
        if (name === 'time' && found.timeDate === null && attribs.datetime) found.timeDate = attribs.datetime.trim();
        if (name === 'h1') h1Depth++;
        if (name === 'pre') pre++;
        if (CELL.has(name)) separate(' ');
        else if (BLOCK.has(name)) separate('\n\n');
      },
      ontext(raw) {
        const data = raw.replace(INVISIBLE, '');
        if (inTitle) titleText += data;
        if (dropped > 0) return;
        if (h1Depth > 0) h1Text += data;
        if (pre > 0) {
          const lines = data.replace(/\r\n?/g, '\n').split('\n');
          lines.forEach((line, i) => {
            if (i > 0) separate('\n\n');
            emit(line.replace(/[ \t\u00a0]+$/, ''));
          });
          return;
        }
        const collapsed = data.replace(/\s+/g, ' ');
        if (collapsed.startsWith(' ')) separate(' ');
        emit(collapsed.trim());
        if (collapsed.endsWith(' ') && collapsed.trim() !== '') separate(' ');
      },
      onclosetag(name) {
        if (name === 'svg') svg = Math.max(0, svg - 1);
        if (name === 'title' && inTitle) {
          inTitle = false;
          found.title ??= titleText.replace(/\s+/g, ' ').trim() || null;
        }
        if (DROPPED.has(name)) {
          dropped = Math.max(0, dropped - 1);
          return;
        }
        if (dropped > 0) return;
        if (name === 'h1' && h1Depth > 0) {
          h1Depth--;
          if (h1Depth === 0) found.h1 ??= h1Text.replace(/\s+/g, ' ').trim() || null;
        }
        if (name === 'pre') pre = Math.max(0, pre - 1);
        if (BLOCK.has(name) && !CELL.has(name)) separate('\n\n');
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return { text: text.replace(/[ \t]+\n/g, '\n').trim(), title: found.title ?? found.h1, publishedAt: found.metaDate ?? found.timeDate };
}
