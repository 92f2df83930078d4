// Character classes of Python's tokenizer, by UTF-16 code unit, and CPython's messages for
// characters that cannot start a token.

export function isIdentStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c >= 0x80;
}

export function isIdentChar(c: number): boolean {
  return isIdentStart(c) || (c >= 0x30 && c <= 0x39);
}

export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

export function isQuote(c: number): boolean {
  return c === 0x27 || c === 0x22;
}

/** Is text[from, to) a string prefix (r, b, u, f, rb, br, rf, fr in any case)? */
export function isStringPrefix(text: string, from: number, to: number): boolean {
  const a = text.charCodeAt(from) | 0x20;
  if (to - from === 1) return a === 0x72 || a === 0x62 || a === 0x75 || a === 0x66;
  if (to - from !== 2) return false;
  const b = text.charCodeAt(from + 1) | 0x20;
  return (a === 0x72 && (b === 0x62 || b === 0x66)) || ((a === 0x62 || a === 0x66) && b === 0x72);
}

const XID_START = /^\p{XID_Start}$/u;
const XID_CONTINUE = /^\p{XID_Continue}$/u;
const NON_PRINTABLE = /^[\p{Cc}\p{Cf}\p{Zs}\p{Zl}\p{Zp}\p{Co}\p{Cn}\p{Cs}]$/u;

/** The first character of text[from, to) that no identifier may hold there, or -1. */
export function badIdentifierChar(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    if (text.charCodeAt(i) < 0x80) continue;
    const cp = text.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    if (!(i === from ? XID_START.test(ch) : XID_CONTINUE.test(ch))) return i;
    if (cp > 0xffff) i++;
  }
  return -1;
}

function hex4(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}

/** CPython's message for the character at text[i], which cannot be (part of) a token. */
export function invalidCharacter(text: string, i: number): { message: string; length: number } {
  const code = text.codePointAt(i) ?? 0;
  const ch = String.fromCodePoint(code);
  if (code === 0) return { message: 'source code cannot contain null bytes', length: 1 };
  if (code < 0x20 || code === 0x7f || (code >= 0x80 && NON_PRINTABLE.test(ch))) {
    return { message: `invalid non-printable character U+${hex4(code)}`, length: ch.length };
  }
  if (code < 0x80) return { message: 'invalid syntax', length: 1 };
  return { message: `invalid character '${ch}' (U+${hex4(code)})`, length: ch.length };
}

/** NFKC, as CPython compares identifiers; only non-ASCII names can change. */
export function normalizeName(raw: string): string {
  for (let i = 0; i < raw.length; i++) if (raw.charCodeAt(i) >= 0x80) return raw.normalize('NFKC');
  return raw;
}
