// Markdown-to-text cleaning that remembers, for every character kept, where it came from, so that
// sentences found in the clean text can be reported with offsets into the original body.

export interface CleanText {
  /** The text with links, emphasis, images, escapes and heading markers removed. Newlines kept. */
  text: string;
  /** map[i] is the offset in the source of text[i]; map[text.length] is the source length. */
  map: number[];
  /** Clean-text offsets of the lines that were Markdown headings ("# Title"). */
  headingLines: { start: number; end: number }[];
}

const IMAGE = /!\[[^\]\n]*\]\([^)\n]*\)/y;
const LINK = /\[((?:\\.|[^\]\n])*)\]\((?:[^()\n]|\([^)\n]*\))*\)/y;
const AUTOLINK = /<(https?:\/\/[^>\s]+)>/y;
const HTML_TAG = /<\/?[a-zA-Z][^>\n]*>/y;
const HEADING = / {0,3}#{1,6}[ \t]+/y;
const BULLET = / {0,3}(?:[-*+]|\d{1,3}[.)])[ \t]+/y;
const BLOCKQUOTE = / {0,3}>[ \t]?/y;

/** Matches a sticky pattern at position `at` of source. */
function matchAt(pattern: RegExp, source: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(source);
}

export function cleanMarkdown(source: string): CleanText {
  let text = '';
  const map: number[] = [];
  const headingLines: { start: number; end: number }[] = [];
  let headingStart: number | null = null;
  const emit = (ch: string, at: number): void => {
    text += ch;
    map.push(at);
  };
  // Link text may itself contain escapes and emphasis: clean it recursively, offsets shifted.
  const emitInline = (inner: string, offset: number): void => {
    const sub = cleanMarkdown(inner);
    for (let k = 0; k < sub.text.length; k++) emit(sub.text[k] ?? '', offset + (sub.map[k] ?? 0));
  };
  let i = 0;
  let lineStart = true;
  while (i < source.length) {
    const ch = source[i] ?? '';
    if (lineStart) {
      lineStart = false;
      const heading = matchAt(HEADING, source, i);
      const bullet = matchAt(BULLET, source, i);
      const quote = matchAt(BLOCKQUOTE, source, i);
      if (heading) {
        headingStart = text.length;
        i += heading[0].length;
        continue;
      }
      if (bullet ?? quote) {
        i += (bullet ?? quote)?.[0].length ?? 0;
        continue;
      }
    }
    if (ch === '\n') {
      if (headingStart !== null) headingLines.push({ start: headingStart, end: text.length });
      headingStart = null;
      emit('\n', i);
      i += 1;
      lineStart = true;
      continue;
    }
    // Inline markup starts with one of a few characters: try the patterns only there.
    const image = ch === '!' ? matchAt(IMAGE, source, i) : null;
    if (image) {
      i += image[0].length;
      continue;
    }
    const link = ch === '[' ? matchAt(LINK, source, i) : null;
    if (link) {
      emitInline(link[1] ?? '', i + 1);
      i += link[0].length;
      continue;
    }
    const autolink = ch === '<' ? matchAt(AUTOLINK, source, i) : null;
    if (autolink) {
      const url = autolink[1] ?? '';
      for (let k = 0; k < url.length; k++) emit(url[k] ?? '', i + 1 + k);
      i += autolink[0].length;
      continue;
    }
    const tag = ch === '<' ? matchAt(HTML_TAG, source, i) : null;
    if (tag) {
      i += tag[0].length;
      continue;
    }
    if (ch === '\\' && /[\\`*_{}[\]()#+\-.!<>]/.test(source[i + 1] ?? '')) {
      emit(source[i + 1] ?? '', i + 1);
      i += 2;
      continue;
    }
    if (ch === '*' || ch === '`') {
      i += 1;
      continue;
    }
    if (ch === '_') {
      const before = source[i - 1];
      const after = source[i + 1];
      const intraWord = before !== undefined && after !== undefined && /[\p{L}\p{N}]/u.test(before) && /[\p{L}\p{N}]/u.test(after);
      if (!intraWord) {
        i += 1;
        continue;
      }
    }
    emit(ch, i);
    i += 1;
  }
  if (headingStart !== null) headingLines.push({ start: headingStart, end: text.length });
  map.push(source.length);
  return { text, map, headingLines };
}
