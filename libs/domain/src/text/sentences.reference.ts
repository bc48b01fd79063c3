// The sentence splitter as it was before it was made linear (regular expressions over ever longer
// prefixes: quadratic on long paragraphs and on runs of "[" or "<"). Kept only as the oracle the
// linear splitter is compared with in sentences.spec.ts; nothing else may use it.
import type { CleanText } from './markdown.js';
import type { Sentence } from './sentences.js';

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

function cleanMarkdown(source: string): CleanText {
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

// Words that end with a period without ending a sentence (compared without the period, lower case).
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'st', 'prof', 'gen', 'lt', 'col', 'capt', 'sgt', 'adm', 'sen', 'rep', 'gov', 'pres', 'amb', 'rev', 'hon',
  'jr', 'sr', 'no', 'nos', 'vs', 'etc', 'inc', 'ltd', 'co', 'corp', 'dept', 'est', 'approx', 'fig', 'vol', 'p', 'pp', 'cf', 'al',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'e.g', 'i.e', 'a.m', 'p.m',
]);
// After an acronym with inner periods (U.S., U.N.), a new sentence starts only with a word like these.
const SENTENCE_STARTERS = new Set([
  'The', 'This', 'That', 'These', 'Those', 'It', 'He', 'She', 'They', 'We', 'I', 'But', 'And', 'In', 'On', 'At', 'A', 'An', 'His', 'Her',
  'Their', 'Its', 'However', 'Meanwhile', 'Earlier', 'Later', 'After', 'Before', 'There', 'Such', 'Some', 'Both', 'When', 'While', 'As',
]);

const TERMINAL = /[.!?…]["”’)\]]*$/;

interface Block {
  start: number;
  end: number;
  heading: boolean;
}

function blocksOf(text: string, headingLines: readonly { start: number; end: number }[]): Block[] {
  const lines: { start: number; end: number }[] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    lines.push({ start: at, end: at + line.length });
    at += line.length + 1;
  }
  const isHeading = (l: { start: number }): boolean => headingLines.some((h) => h.start === l.start);
  const blocks: Block[] = [];
  let current: Block | null = null;
  for (const line of lines) {
    const content = text.slice(line.start, line.end).trim();
    if (!content) {
      if (current) blocks.push(current);
      current = null;
      continue;
    }
    const heading = isHeading(line);
    if (current && !heading && !current.heading) {
      // A soft-wrapped line continues its paragraph only when the previous line did not end a
      // sentence and this one starts in lower case; otherwise a line break separates items.
      const previous = text.slice(current.start, current.end).trimEnd();
      if (!TERMINAL.test(previous) && /^[\p{Ll}]/u.test(content)) {
        current.end = line.end;
        continue;
      }
    }
    if (current) blocks.push(current);
    current = { start: line.start, end: line.end, heading };
  }
  if (current) blocks.push(current);
  return blocks;
}

function isSplitPoint(text: string, punctEnd: number, nextStart: number): boolean {
  const next = text.slice(nextStart);
  if (!/^(?:[\p{Lu}\p{N}"“‘'(/[—–-])/u.test(next)) return false;
  const before = text.slice(0, punctEnd);
  const lastPunct = /[.!?…]["”’)\]]*$/.exec(before);
  if (!lastPunct || !lastPunct[0].startsWith('.')) return true;
  const word = /(\S+)\.["”’)\]]*$/.exec(before)?.[1] ?? '';
  const bare = word.replace(/^["“‘'([]+/, '');
  const lower = bare.toLowerCase();
  if (ABBREVIATIONS.has(lower)) {
    return false;
  }
  if (/^\p{Lu}$/u.test(bare)) return false; // an initial: "Wendy R. Sherman"
  if (/^(?:\p{L}\.)+\p{L}$/u.test(bare)) {
    // U.S., U.N., E.U.: ambiguous; split only before a typical sentence opener.
    const nextWord = /^["“‘']?(\p{L}+)/u.exec(next)?.[1] ?? '';
    return SENTENCE_STARTERS.has(nextWord);
  }
  return true;
}

/** Splits a body into sentences; offsets point into `body` itself. */
export function referenceSplitSentences(body: string): Sentence[] {
  const clean = cleanMarkdown(body);
  // Raw spans include the markup around the clean text ("**Related:**"), not the whitespace.
  const rawSpan = (cs: number, ce: number): { start: number; end: number } => {
    let start = cs > 0 ? (clean.map[cs - 1] ?? 0) + 1 : 0;
    let end = clean.map[ce] ?? body.length;
    while (start < end && /\s/.test(body[start] ?? '')) start++;
    while (end > start && /\s/.test(body[end - 1] ?? '')) end--;
    return { start, end };
  };
  const text = clean.text;
  const sentences: Sentence[] = [];
  const push = (cs: number, ce: number, block: number, heading: boolean): void => {
    while (cs < ce && /\s/.test(text[cs] ?? '')) cs++;
    while (ce > cs && /\s/.test(text[ce - 1] ?? '')) ce--;
    if (ce <= cs) return;
    const sentenceText = text.slice(cs, ce).replace(/\s+/g, ' ');
    if (!/[\p{L}\p{N}]/u.test(sentenceText)) return;
    sentences.push({
      index: sentences.length,
      block,
      text: sentenceText,
      ...rawSpan(cs, ce),
      heading,
      terminated: TERMINAL.test(sentenceText),
    });
  };
  blocksOf(text, clean.headingLines).forEach((block, blockIndex) => {
    const blockText = text.slice(block.start, block.end);
    const boundary = /[.!?…]+["”’)\]]*(\s+)/g;
    let sentenceStart = 0;
    for (let m = boundary.exec(blockText); m; m = boundary.exec(blockText)) {
      const punctEnd = m.index + m[0].length - (m[1]?.length ?? 0);
      const nextStart = m.index + m[0].length;
      if (isSplitPoint(blockText, punctEnd, nextStart)) {
        push(block.start + sentenceStart, block.start + punctEnd, blockIndex, block.heading);
        sentenceStart = nextStart;
      }
    }
    push(block.start + sentenceStart, block.end, blockIndex, block.heading);
  });
  return sentences;
}
