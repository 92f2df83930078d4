// Python string literals as written: prefix letters (r, b, u, f and their combinations), one or
// three quotes, and the body. Decoding applies escapes the way CPython does; an escape CPython
// keeps as written (`\d`, an unknown `\N{...}` name) stays as written, since the interpreter
// only needs the value of literal strings such as layer names and activations.

export interface LiteralShape {
  readonly raw: boolean;
  readonly bytes: boolean;
  readonly format: boolean;
  /** Offset of the first body character (after prefix and opening quotes). */
  readonly bodyStart: number;
  /** Offset just past the last body character (before the closing quotes, if any). */
  readonly bodyEnd: number;
}

/** Where the body of the literal text[from, to) is, and what its prefix says. */
export function literalShape(text: string, from: number, to: number): LiteralShape {
  let raw = false;
  let bytes = false;
  let format = false;
  let i = from;
  for (; i < to; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if (c === 0x72) raw = true;
    else if (c === 0x62) bytes = true;
    else if (c === 0x66) format = true;
    else if (c !== 0x75) break;
  }
  const quote = text.charCodeAt(i);
  const long = i + 2 < to && text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote;
  const q = long ? 3 : 1;
  const bodyStart = Math.min(i + q, to);
  let bodyEnd = to;
  // An unterminated literal (lezer ends it at the line break or end of text) has no closing quotes.
  if (to - bodyStart >= q) {
    let closed = true;
    for (let k = 1; k <= q; k++) if (text.charCodeAt(to - k) !== quote) closed = false;
    if (closed && !(q === 1 && text.charCodeAt(to - 2) === 0x5c && !isEscapedBackslash(text, bodyStart, to - 2))) bodyEnd = to - q;
  }
  return { raw, bytes, format, bodyStart, bodyEnd };
}

/** Is the backslash at `at` itself escaped by an odd run of backslashes before it? */
function isEscapedBackslash(text: string, from: number, at: number): boolean {
  let n = 0;
  for (let i = at - 1; i >= from && text.charCodeAt(i) === 0x5c; i--) n++;
  return n % 2 === 1;
}

export interface Decoded {
  readonly value: string;
  readonly problem?: string;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/**
 * The value of text[from, to) as the body of a literal. `format`: the text is a literal part of
 * an f-string, where `{{` and `}}` stand for one brace. Line breaks become `\n` (CPython reads
 * source with universal newlines).
 */
export function decodeBody(text: string, from: number, to: number, raw: boolean, bytes: boolean, format: boolean): Decoded {
  let plain = true;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c || c === 0x0d || (format && (c === 0x7b || c === 0x7d)) || (bytes && c > 0x7f)) {
      plain = false;
      break;
    }
  }
  if (plain) return { value: text.slice(from, to) };

  let out = '';
  let problem: string | undefined;
  let i = from;
  let runStart = from;
  const flush = (end: number): void => {
    if (end > runStart) out += text.slice(runStart, end);
  };
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 0x0d) {
      flush(i);
      out += '\n';
      i += text.charCodeAt(i + 1) === 0x0a && i + 1 < to ? 2 : 1;
      runStart = i;
    } else if (format && (c === 0x7b || c === 0x7d) && text.charCodeAt(i + 1) === c && i + 1 < to) {
      flush(i + 1);
      i += 2;
      runStart = i;
    } else if (bytes && c > 0x7f) {
      problem ??= 'bytes can only contain ASCII literal characters';
      i++;
    } else if (c === 0x5c && !raw && i + 1 < to) {
      flush(i);
      const r = decodeEscape(text, i, to, bytes);
      out += r.value;
      if (r.problem) problem ??= r.problem;
      i = r.end;
      runStart = i;
    } else {
      i++;
    }
  }
  flush(to);
  return { value: out, problem };
}

interface Escape {
  readonly value: string;
  readonly end: number;
  readonly problem?: string;
}

/** The escape starting with the backslash at text[at]. */
function decodeEscape(text: string, at: number, to: number, bytes: boolean): Escape {
  const ch = text[at + 1];
  const simple = SIMPLE_ESCAPES[ch];
  if (simple !== undefined) return { value: simple, end: at + 2 };
  if (ch === '\n') return { value: '', end: at + 2 };
  if (ch === '\r') return { value: '', end: text[at + 2] === '\n' && at + 2 < to ? at + 3 : at + 2 };
  if (ch >= '0' && ch <= '7') {
    let end = at + 1;
    while (end < to && end < at + 4 && text[end] >= '0' && text[end] <= '7') end++;
    const code = parseInt(text.slice(at + 1, end), 8);
    return { value: String.fromCharCode(bytes ? code & 0xff : code), end };
  }
  if (ch === 'x') return hexEscape(text, at, to, 2, 'x');
  if (!bytes && ch === 'u') return hexEscape(text, at, to, 4, 'u');
  if (!bytes && ch === 'U') return hexEscape(text, at, to, 8, 'U');
  if (!bytes && ch === 'N' && text[at + 2] === '{') {
    const close = text.indexOf('}', at + 3);
    if (close > 0 && close < to) {
      const name = text.slice(at + 3, close);
      const known = UNICODE_NAMES[name.toUpperCase()];
      return { value: known ?? text.slice(at, close + 1), end: close + 1 };
    }
    return { value: text.slice(at, at + 2), end: at + 2, problem: "(unicode error) 'unicodeescape' codec can't decode bytes: malformed \\N character escape" };
  }
  // An unknown escape keeps its backslash (CPython warns, but the value is `\` + the character).
  return { value: text.slice(at, at + 2), end: at + 2 };
}

function hexEscape(text: string, at: number, to: number, digits: number, letter: string): Escape {
  const start = at + 2;
  let end = start;
  while (end < to && end < start + digits && /[0-9a-fA-F]/.test(text[end])) end++;
  if (end - start < digits) {
    return {
      value: text.slice(at, end),
      end,
      problem: `(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\${letter}${'X'.repeat(digits)} escape`,
    };
  }
  const code = parseInt(text.slice(start, end), 16);
  if (code > 0x10ffff) return { value: text.slice(at, end), end, problem: "(unicode error) 'unicodeescape' codec can't decode bytes: illegal Unicode character" };
  return { value: String.fromCodePoint(code), end };
}

/** A few names seen in real code; any other `\N{...}` keeps its text (the value rarely matters here). */
const UNICODE_NAMES: Record<string, string> = {
  'BULLET': '\u2022',
  'DEGREE SIGN': '\u00b0',
  'EM DASH': '\u2014',
  'EN DASH': '\u2013',
  'GREEK SMALL LETTER ALPHA': '\u03b1',
  'HORIZONTAL ELLIPSIS': '\u2026',
  'MULTIPLICATION SIGN': '\u00d7',
  'NO-BREAK SPACE': '\u00a0',
  'RIGHTWARDS ARROW': '\u2192',
  'SPACE': ' ',
};
