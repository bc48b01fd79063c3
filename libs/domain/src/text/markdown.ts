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

const HEADING = / {0,3}#{1,6}[ \t]+/y;
const BULLET = / {0,3}(?:[-*+]|\d{1,3}[.)])[ \t]+/y;
const BLOCKQUOTE = / {0,3}>[ \t]?/y;

/** Matches a sticky pattern at position `at` of source. */
function matchAt(pattern: RegExp, source: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(source);
}

// Inline markup is matched in time linear in the source. A sticky regular expression tried at
// every "[" or "<" scans to the end of the line each time (quadratic on a line of "[[[["), so each
// pattern is answered from tables built once, right to left, that give for every position the
// next character of a set or where a match starting there ends. They reproduce exactly what the
// expressions these patterns were written as would match (sentences.spec.ts compares the two):
//   image    !\[[^\]\n]*\]\([^)\n]*\)
//   link     \[((?:\\.|[^\]\n])*)\]\((?:[^()\n]|\([^)\n]*\))*\)
//   autolink <(https?:\/\/[^>\s]+)>
//   tag      <\/?[a-zA-Z][^>\n]*>

const NONE = -1;
const isLineTerminator = (c: number): boolean => c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
// What \s matches (WhiteSpace and LineTerminator of ECMAScript).
const isSpace = (c: number): boolean =>
  (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
const isAsciiLetter = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const [NL, BACKSLASH, OPEN_BRACKET, CLOSE_BRACKET, OPEN_PAREN, CLOSE_PAREN, GT, SLASH] = [0x0a, 0x5c, 0x5b, 0x5d, 0x28, 0x29, 0x3e, 0x2f];

/** Tables over one source string, each built on first use. */
class InlineTables {
  private readonly built = new Map<string, Int32Array>();

  constructor(private readonly source: string) {}

  private code(i: number): number {
    return i < this.source.length ? this.source.charCodeAt(i) : NONE;
  }

  private table(name: string, build: (t: Int32Array, n: number) => void): Int32Array {
    let t = this.built.get(name);
    if (!t) {
      t = new Int32Array(this.source.length + 2);
      build(t, this.source.length);
      this.built.set(name, t);
    }
    return t;
  }

  /** t[i] = the first position >= i whose character is in the set, or the source length. */
  private nextOf(name: string, inSet: (c: number) => boolean): Int32Array {
    return this.table(name, (t, n) => {
      t[n] = n;
      t[n + 1] = n;
      for (let i = n - 1; i >= 0; i--) t[i] = inSet(this.source.charCodeAt(i)) ? i : (t[i + 1] ?? n);
    });
  }

  private at(t: Int32Array, i: number): number {
    return t[Math.min(i, this.source.length)] ?? this.source.length;
  }

  /** End (exclusive) of the image starting with "!" at i, or NONE. */
  image(i: number): number {
    if (this.code(i + 1) !== OPEN_BRACKET) return NONE;
    const close = this.at(this.nextOf('] or nl', (c) => c === CLOSE_BRACKET || c === NL), i + 2);
    if (this.code(close) !== CLOSE_BRACKET || this.code(close + 1) !== OPEN_PAREN) return NONE;
    const paren = this.at(this.nextOf(') or nl', (c) => c === CLOSE_PAREN || c === NL), close + 2);
    return this.code(paren) === CLOSE_PAREN ? paren + 1 : NONE;
  }

  /**
   * u[p] = where "(?:[^()\n]|\([^)\n]*\))*\)" matching from p ends (exclusive), or NONE. The
   * alternatives start with different characters, so there is one way to match at most.
   */
  private linkUrl(): Int32Array {
    const nextParen = this.nextOf(') or nl', (c) => c === CLOSE_PAREN || c === NL);
    return this.table('link url', (u, n) => {
      u[n] = NONE;
      u[n + 1] = NONE;
      for (let p = n - 1; p >= 0; p--) {
        const c = this.source.charCodeAt(p);
        if (c === NL) u[p] = NONE;
        else if (c === CLOSE_PAREN) u[p] = p + 1;
        else if (c === OPEN_PAREN) {
          const q = this.at(nextParen, p + 1);
          u[p] = this.code(q) === CLOSE_PAREN ? (u[q + 1] ?? NONE) : NONE;
        } else u[p] = u[p + 1] ?? NONE;
      }
    });
  }

  /**
   * r[p] = the "]" that ends the link text when "(?:\\.|[^\]\n])*" starts at p, or NONE: what
   * the expression's backtracking finds first. At a backslash it tries the escape (skip two) before
   * the backslash alone; at "]" it can only leave the loop, which succeeds when a URL follows.
   */
  private linkText(): Int32Array {
    const url = this.linkUrl();
    return this.table('link text', (r, n) => {
      r[n] = NONE;
      r[n + 1] = NONE;
      for (let p = n - 1; p >= 0; p--) {
        const c = this.source.charCodeAt(p);
        if (c === NL) r[p] = NONE;
        else if (c === CLOSE_BRACKET) r[p] = this.code(p + 1) === OPEN_PAREN && (url[p + 2] ?? NONE) !== NONE ? p : NONE;
        else if (c === BACKSLASH && p + 1 < n && !isLineTerminator(this.source.charCodeAt(p + 1))) {
          const escaped = r[p + 2] ?? NONE;
          r[p] = escaped !== NONE ? escaped : (r[p + 1] ?? NONE);
        } else r[p] = r[p + 1] ?? NONE;
      }
    });
  }

  /** The link starting with "[" at i: its text's end and the match's end (exclusive), or undefined. */
  link(i: number): { textEnd: number; end: number } | undefined {
    const close = this.linkText()[i + 1] ?? NONE;
    if (close === NONE) return undefined;
    return { textEnd: close, end: this.linkUrl()[close + 2] ?? NONE };
  }

  /** The autolink starting with "<" at i: its URL's end and the match's end, or undefined. */
  autolink(i: number): { urlEnd: number; end: number } | undefined {
    if (!this.source.startsWith('http', i + 1)) return undefined;
    let p = i + 5;
    if (this.code(p) === 0x73) p += 1; // https
    if (!this.source.startsWith('://', p)) return undefined;
    const first = p + 3;
    const stop = this.at(this.nextOf('> or space', (c) => c === GT || isSpace(c)), first);
    return stop > first && this.code(stop) === GT ? { urlEnd: stop, end: stop + 1 } : undefined;
  }

  /** End (exclusive) of the HTML tag starting with "<" at i, or NONE. */
  tag(i: number): number {
    let p = i + 1;
    if (this.code(p) === SLASH) p += 1;
    if (!isAsciiLetter(this.code(p))) return NONE;
    const close = this.at(this.nextOf('> or nl', (c) => c === GT || c === NL), p + 1);
    return this.code(close) === GT ? close + 1 : NONE;
  }
}

// Link text is cleaned again for its own markup; a link nested (through escapes) deeper than this
// keeps its text as it is, so that nesting cannot make the work quadratic or the stack overflow.
const maxLinkNesting = 8;

export function cleanMarkdown(source: string, depth = 0): CleanText {
  let text = '';
  const map: number[] = [];
  const headingLines: { start: number; end: number }[] = [];
  let headingStart: number | null = null;
  const tables = new InlineTables(source);
  const emit = (ch: string, at: number): void => {
    text += ch;
    map.push(at);
  };
  // Link text may itself contain escapes and emphasis: clean it recursively, offsets shifted.
  const emitInline = (inner: string, offset: number): void => {
    if (depth >= maxLinkNesting) {
      for (let k = 0; k < inner.length; k++) emit(inner[k] ?? '', offset + k);
      return;
    }
    const sub = cleanMarkdown(inner, depth + 1);
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
    const image = ch === '!' ? tables.image(i) : NONE;
    if (image !== NONE) {
      i = image;
      continue;
    }
    const link = ch === '[' ? tables.link(i) : undefined;
    if (link) {
      emitInline(source.slice(i + 1, link.textEnd), i + 1);
      i = link.end;
      continue;
    }
    const autolink = ch === '<' ? tables.autolink(i) : undefined;
    if (autolink) {
      for (let k = i + 1; k < autolink.urlEnd; k++) emit(source[k] ?? '', k);
      i = autolink.end;
      continue;
    }
    const tag = ch === '<' ? tables.tag(i) : NONE;
    if (tag !== NONE) {
      i = tag;
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
