// Sentence splitting over Markdown/plain-text article bodies. Sentences carry their clean text
// (links and emphasis stripped, whitespace collapsed) and their offsets in the ORIGINAL body.
import { cleanMarkdown } from './markdown.js';

export interface Sentence {
  /** Position in the article (0-based). */
  index: number;
  /** Block (paragraph, heading or line) the sentence belongs to. */
  block: number;
  /** Clean text: Markdown removed, whitespace collapsed. */
  text: string;
  /** Offsets into the body string given to splitSentences: body.slice(start, end) is the raw sentence. */
  start: number;
  end: number;
  /** A Markdown heading ("# ..."). */
  heading: boolean;
  /** Ends with terminal punctuation; headlines, captions and cut-off text do not. */
  terminated: boolean;
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

// Work is linear in the body: each line, boundary and word is looked at a bounded number of times.
// (Regular expressions anchored at the end of ever longer prefixes made a long paragraph
// quadratic: 12 s for 336 KB of short sentences.)
const isPunct = (c: string | undefined): boolean => c === '.' || c === '!' || c === '?' || c === '…';
const isCloser = (c: string | undefined): boolean => c === '"' || c === '”' || c === '’' || c === ')' || c === ']';
const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);
const STARTS_SENTENCE = /[\p{Lu}\p{N}"“‘'(/[—–-]/uy;
const OPENING_WORD = /["“‘']?(\p{L}+)/uy;

interface Block {
  start: number;
  end: number;
  heading: boolean;
}

function blocksOf(text: string, headingLines: readonly { start: number; end: number }[]): Block[] {
  const headingStarts = new Set(headingLines.map((h) => h.start));
  const blocks: Block[] = [];
  let current: Block | null = null;
  // The trimmed text of the current block's last line: whether the block ends a sentence.
  let lastLine = '';
  let at = 0;
  for (const line of text.split('\n')) {
    const start = at;
    const end = at + line.length;
    at = end + 1;
    const content = line.trim();
    if (!content) {
      if (current) blocks.push(current);
      current = null;
      continue;
    }
    const heading = headingStarts.has(start);
    if (current && !heading && !current.heading) {
      // A soft-wrapped line continues its paragraph only when the previous line did not end a
      // sentence and this one starts in lower case; otherwise a line break separates items.
      if (!TERMINAL.test(lastLine) && /^[\p{Ll}]/u.test(content)) {
        current.end = end;
        lastLine = content;
        continue;
      }
    }
    if (current) blocks.push(current);
    current = { start, end, heading };
    lastLine = content;
  }
  if (current) blocks.push(current);
  return blocks;
}

/**
 * Whether the sentence ends at `punctEnd` (after its punctuation and closing quotes) when the
 * next one would start at `nextStart`; `blockStart` bounds how far back the last word is read.
 */
function isSplitPoint(text: string, blockStart: number, blockEnd: number, punctEnd: number, nextStart: number): boolean {
  if (nextStart >= blockEnd) return false;
  STARTS_SENTENCE.lastIndex = nextStart;
  if (!STARTS_SENTENCE.test(text)) return false;
  // The punctuation mark before the closing quotes and brackets.
  let mark = punctEnd - 1;
  while (mark > blockStart && isCloser(text[mark])) mark--;
  if (text[mark] !== '.') return true;
  // The word the period ends: the characters back to the previous space.
  let wordStart = mark;
  while (wordStart > blockStart && !isSpace(text[wordStart - 1])) wordStart--;
  const word = text.slice(wordStart, mark);
  const bare = word.replace(/^["“‘'([]+/, '');
  const lower = bare.toLowerCase();
  if (ABBREVIATIONS.has(lower)) {
    return false;
  }
  if (/^\p{Lu}$/u.test(bare)) return false; // an initial: "Wendy R. Sherman"
  if (/^(?:\p{L}\.)+\p{L}$/u.test(bare)) {
    // U.S., U.N., E.U.: ambiguous; split only before a typical sentence opener.
    OPENING_WORD.lastIndex = nextStart;
    const nextWord = OPENING_WORD.exec(text)?.[1] ?? '';
    return SENTENCE_STARTERS.has(nextWord);
  }
  return true;
}

/**
 * Candidate boundaries in text[start, end): a run of terminal punctuation, the closing quotes and
 * brackets after it, then white space. What /[.!?…]+["”’)\]]*(\s+)/g would find, in one pass.
 */
function* boundariesIn(text: string, start: number, end: number): Generator<{ punctEnd: number; nextStart: number }> {
  let i = start;
  while (i < end) {
    if (!isPunct(text[i])) {
      i++;
      continue;
    }
    while (i < end && isPunct(text[i])) i++;
    while (i < end && isCloser(text[i])) i++;
    const punctEnd = i;
    while (i < end && isSpace(text[i])) i++;
    if (i > punctEnd) yield { punctEnd, nextStart: i };
  }
}
/** Splits a body into sentences; offsets point into `body` itself. */
export function splitSentences(body: string): Sentence[] {
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
    let sentenceStart = block.start;
    for (const { punctEnd, nextStart } of boundariesIn(text, block.start, block.end)) {
      if (isSplitPoint(text, block.start, block.end, punctEnd, nextStart)) {
        push(sentenceStart, punctEnd, blockIndex, block.heading);
        sentenceStart = nextStart;
      }
    }
    push(sentenceStart, block.end, blockIndex, block.heading);
  });
  return sentences;
}
