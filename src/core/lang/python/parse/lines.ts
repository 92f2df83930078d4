// A small tokenizer pass that splits the text into logical lines the way CPython's tokenizer
// does (brackets, strings and backslashes join physical lines) and reports the errors that live
// at this level: unclosed, unmatched and mismatched brackets, unterminated strings, characters
// that cannot start a token. lezer reports none of these where CPython does (an unclosed `(`
// swallows the rest of the file), and recovery needs to know which statement a problem belongs
// to, so this pass comes first. It is one loop over the characters, cheap next to the parse.
import type { Span } from '../../../types';
import { looksLikeStatementStart } from './statementStart';

export interface LogicalLine {
  /** Offset of the first token. */
  readonly start: number;
  /** Offset just past the last token (trailing comments and the line break excluded). */
  readonly end: number;
  /** Indentation width with tabs to the next multiple of 8, as CPython and lezer count it. */
  readonly indent: number;
  /** Indentation width with a tab counted as 1 (CPython's check for inconsistent tabs). */
  readonly altIndent: number;
  /** The first word ('if', 'def' after `async`, ...), '@' for a decorator, '' otherwise. */
  readonly keyword: string;
  /** Ends with ':' outside brackets, so an indented block should follow. */
  readonly opensBlock: boolean;
  /** Holds a ':' outside brackets (a compound header without one gets "expected ':'"). */
  readonly hasColon: boolean;
}

export interface LineProblem {
  readonly message: string;
  readonly span: Span;
  /** Index of the logical line the problem breaks. */
  readonly line: number;
}

/**
 * Text lezer should read differently, at the same length: what its grammar lacks but Python
 * has. `255.` and `1.e5` (lezer wants a digit after the point: it reads `1 .e5`, an attribute)
 * become `255 ` and `1e5 `; the parentheses of `with (a as b, c as d):` become spaces.
 */
export interface Rewrite {
  readonly start: number;
  /** Replaces text[start, start + text.length). */
  readonly text: string;
}

export interface LineScan {
  readonly lines: readonly LogicalLine[];
  readonly rewrites: readonly Rewrite[];
  /** At most one problem per logical line: the first the tokenizer meets. */
  readonly problems: readonly LineProblem[];
  /** Offsets where physical lines start (for 1-based line numbers in messages). */
  readonly lineStarts: readonly number[];
}

/** CPython's tokenizer refuses more nested brackets than this ("too many nested parentheses"). */
const MAX_BRACKETS = 200;

const enum Mode {
  Bracket,
  FString,
  Replacement,
  Spec,
}

interface Frame {
  readonly mode: Mode;
  readonly pos: number;
  /** The bracket character, or the quote of an f-string. */
  readonly ch: number;
  readonly long: boolean;
}

/** A line inside an open bracket that looks like the next statement (see recovery). */
interface Cut {
  /** Start of the physical line where the next statement seems to begin. */
  readonly at: number;
  /** End of the last token before it: the broken statement ends there. */
  readonly endBefore: number;
  /** The outermost and innermost brackets open at that point. */
  readonly outer: number;
  readonly inner: Frame;
}

interface LineResult {
  readonly end: number;
  readonly next: number;
  readonly keyword: string;
  readonly opensBlock: boolean;
  readonly hasColon: boolean;
}

const CLOSER_OF: Record<number, number> = { 0x28: 0x29, 0x5b: 0x5d, 0x7b: 0x7d };

/** `bom`: text[0] stands for a byte-order mark (replaced by a space), not indentation. */
export function scanLines(text: string, bom = false): LineScan {
  return new LineScanner(text).run(bom ? 1 : 0);
}

/** 1-based line number of `offset`, given the physical line starts. */
export function lineNumberAt(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

function isIdentStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c >= 0x80;
}

function isIdentChar(c: number): boolean {
  return isIdentStart(c) || (c >= 0x30 && c <= 0x39);
}

function isStringPrefix(word: string): boolean {
  if (word.length === 1) return /^[rRbBuUfF]$/.test(word);
  return word.length === 2 && /^(?:[rR][bBfF]|[bBfF][rR])$/.test(word);
}

const XID_START = /^\p{XID_Start}$/u;
const XID_CONTINUE = /^\p{XID_Continue}$/u;
const NON_PRINTABLE = /^[\p{Cc}\p{Cf}\p{Zs}\p{Zl}\p{Zp}\p{Co}\p{Cn}\p{Cs}]$/u;

function hex4(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}

/** CPython's message for a character that cannot be part of a token. */
function invalidCharacter(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code === 0) return 'source code cannot contain null bytes';
  if (code < 0x80 || NON_PRINTABLE.test(ch)) return code < 0x20 || code === 0x7f || code >= 0x80 ? `invalid non-printable character U+${hex4(code)}` : 'invalid syntax';
  return `invalid character '${ch}' (U+${hex4(code)})`;
}

class LineScanner {
  private readonly lines: LogicalLine[] = [];
  private readonly problems: LineProblem[] = [];
  private readonly lineStarts: number[] = [0];
  private readonly rewrites: Rewrite[] = [];
  private readonly n: number;
  /** Characters scanned so far: cuts re-scan text, so they stop past a bound (no quadratic time). */
  private work = 0;
  /** The current logical line's first problem. */
  private problem: { message: string; span: Span } | null = null;

  constructor(private readonly text: string) {
    this.n = text.length;
  }

  run(first: number): LineScan {
    const t = this.text;
    for (let i = 0; i < this.n; i++) {
      const c = t.charCodeAt(i);
      if (c === 0x0a || (c === 0x0d && t.charCodeAt(i + 1) !== 0x0a)) this.lineStarts.push(i + 1);
    }
    let pos = first;
    while (pos < this.n) {
      let indent = 0;
      let alt = 0;
      let i = pos;
      for (;; i++) {
        const c = t.charCodeAt(i);
        if (c === 0x20) indent++;
        else if (c === 0x09) indent += 8 - (indent % 8);
        else break;
        alt++;
      }
      if (i >= this.n) break;
      const c = t.charCodeAt(i);
      if (c === 0x0a || c === 0x0d || c === 0x23) {
        pos = this.skipLine(i);
        continue;
      }
      this.problem = null;
      const r = this.scanLogical(i, indent);
      this.lines.push({ start: i, end: r.end, indent, altIndent: alt, keyword: r.keyword, opensBlock: r.opensBlock, hasColon: r.hasColon });
      const problem = this.problem as { message: string; span: Span } | null;
      if (problem) this.problems.push({ message: problem.message, span: problem.span, line: this.lines.length - 1 });
      pos = r.next;
    }
    return { lines: this.lines, problems: this.problems, lineStarts: this.lineStarts, rewrites: this.rewrites };
  }

  /** Offset after the line break ending the physical line that holds `i`. */
  private skipLine(i: number): number {
    const t = this.text;
    while (i < this.n) {
      const c = t.charCodeAt(i);
      if (c === 0x0a) return i + 1;
      if (c === 0x0d) return t.charCodeAt(i + 1) === 0x0a ? i + 2 : i + 1;
      i++;
    }
    return i;
  }

  private report(message: string, from: number, to: number): void {
    if (!this.problem) this.problem = { message, span: { start: from, end: Math.min(to, this.n) } };
  }

  /** Scans one logical line whose first token is at `start`. */
  private scanLogical(start: number, indent: number): LineResult {
    const t = this.text;
    const n = this.n;
    const stack: Frame[] = [];
    let brackets = 0;
    let i = start;
    let lastSigEnd = start;
    let colonAtEnd = false;
    let hasColon = false;
    let keyword = '';
    let first = true;
    let wantKeywordAfterAsync = false;
    // `with (`: where that parenthesis opens (-1: not such a line) and closes (-1: not yet).
    let withOpen = -2;
    let withClose = -1;
    const cuts: Cut[] = [];
    // The first line inside the current long string where the next statement seems to begin.
    let stringCut: Cut | null = null;
    // Cutting re-scans the text after the cut; past this much work, lines run to the end instead.
    const budget = (): boolean => this.work < 4 * n + 100_000;
    const finish = (end: number, next: number): LineResult => {
      this.work += i - start;
      return { end, next, keyword, opensBlock: colonAtEnd, hasColon };
    };

    for (;;) {
      if (i >= n) break;
      const top = stack.length > 0 ? stack[stack.length - 1] : null;
      if (top !== null && top.mode === Mode.FString) {
        const r = this.scanStringBody(i, top.ch, top.long, true, top.pos, indent);
        if (r.cut && !stringCut) stringCut = { ...r.cut, inner: top };
        if (r.state === 'closed') {
          stack.pop();
          i = r.pos;
          lastSigEnd = i;
          colonAtEnd = false;
        } else if (r.state === 'brace') {
          stack.push({ mode: Mode.Replacement, pos: r.pos, ch: 0x7b, long: false });
          brackets++;
          i = r.pos + 1;
        } else if (r.state === 'newline') {
          this.report(`unterminated f-string literal (detected at line ${lineNumberAt(this.lineStarts, r.pos)})`, top.pos, r.pos);
          stack.pop();
          i = r.pos;
          lastSigEnd = i;
        } else {
          i = r.pos;
          break;
        }
        continue;
      }
      if (top !== null && top.mode === Mode.Spec) {
        // lezer takes everything but braces as spec text, line breaks and quotes included.
        while (i < n) {
          const c = t.charCodeAt(i);
          if (c === 0x7b || c === 0x7d) break;
          i++;
        }
        if (i >= n) break;
        if (t.charCodeAt(i) === 0x7b) {
          stack.push({ mode: Mode.Replacement, pos: i, ch: 0x7b, long: false });
          brackets++;
        } else {
          stack.pop();
          if (stack.length > 0 && stack[stack.length - 1].mode === Mode.Replacement) {
            stack.pop();
            brackets--;
          }
        }
        i++;
        continue;
      }

      const c = t.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0c) {
        i++;
        continue;
      }
      if (c === 0x0a || c === 0x0d) {
        const next = c === 0x0d && t.charCodeAt(i + 1) === 0x0a ? i + 2 : i + 1;
        if (stack.length === 0) {
          i = next;
          return finish(lastSigEnd, next);
        }
        i = this.continuationLine(next, indent, stack, lastSigEnd, cuts);
        continue;
      }
      if (c === 0x23) {
        while (i < n && t.charCodeAt(i) !== 0x0a && t.charCodeAt(i) !== 0x0d) i++;
        continue;
      }
      if (c === 0x5c) {
        const d = t.charCodeAt(i + 1);
        if (d === 0x0a || d === 0x0d) {
          i += d === 0x0d && t.charCodeAt(i + 2) === 0x0a ? 3 : 2;
        } else {
          this.report('unexpected character after line continuation character', i, i + 1);
          i++;
        }
        continue;
      }

      const tokenStart = i;
      let isString = false;
      let prefixEnd = i;
      if (c === 0x27 || c === 0x22) {
        isString = true;
      } else if (isIdentStart(c)) {
        let j = i + 1;
        while (j < n && isIdentChar(t.charCodeAt(j))) j++;
        const q = t.charCodeAt(j);
        const word = t.slice(i, j);
        if ((q === 0x27 || q === 0x22) && isStringPrefix(word)) {
          isString = true;
          prefixEnd = j;
        } else {
          if (first) keyword = word;
          else if (wantKeywordAfterAsync) keyword = word;
          if ((first || wantKeywordAfterAsync) && word === 'with') withOpen = -1;
          else withOpen = withOpen === -1 ? -2 : withOpen;
          wantKeywordAfterAsync = first && word === 'async';
          this.checkIdentifier(i, j);
          i = j;
        }
      }
      if (isString) {
        wantKeywordAfterAsync = false;
        const prefix = t.slice(tokenStart, prefixEnd).toLowerCase();
        const quote = t.charCodeAt(prefixEnd);
        const long = t.charCodeAt(prefixEnd + 1) === quote && t.charCodeAt(prefixEnd + 2) === quote;
        const bodyStart = prefixEnd + (long ? 3 : 1);
        if (prefix.includes('f')) {
          stack.push({ mode: Mode.FString, pos: tokenStart, ch: quote, long });
          i = bodyStart;
          stringCut = null;
          first = false;
          colonAtEnd = false;
          continue;
        }
        const r = this.scanStringBody(bodyStart, quote, long, false, tokenStart, indent);
        if (r.state === 'closed') {
          i = r.pos;
        } else if (r.state === 'newline') {
          this.report(`unterminated string literal (detected at line ${lineNumberAt(this.lineStarts, r.pos)})`, tokenStart, r.pos);
          i = r.pos;
        } else {
          // End of text inside the string.
          const line = lineNumberAt(this.lineStarts, n);
          this.report(
            long ? `unterminated triple-quoted string literal (detected at line ${line})` : `unterminated string literal (detected at line ${line})`,
            tokenStart,
            Math.min(bodyStart, n),
          );
          i = n;
          if (r.cut && budget()) return finish(r.cut.endBefore, r.cut.at);
          lastSigEnd = n;
          break;
        }
      } else if (i === tokenStart) {
        this.punctuation(c, i, stack);
        // Brackets and quotes aside, one character at a time is enough to find line structure.
        if (c === 0x3a && withClose >= 0 && stack.length === 0 && withClose === lastSigEnd - 1) {
          this.rewrites.push({ start: withOpen, text: ' ' }, { start: withClose, text: ' ' });
        }
        if (withOpen >= 0 && withClose < 0 && (c === 0x29 || c === 0x5d || c === 0x7d) && stack.length === 1 && stack[0].pos === withOpen) withClose = i;
        if (c === 0x28 && withOpen === -1 && stack.length === 0) withOpen = i;
        else if (withOpen === -1) withOpen = -2;
        if (c === 0x28 || c === 0x5b || c === 0x7b) {
          stack.push({ mode: Mode.Bracket, pos: i, ch: c, long: false });
          brackets++;
          if (brackets === MAX_BRACKETS + 1) this.report('too many nested parentheses', i, i + 1);
        } else if (c === 0x29 || c === 0x5d || c === 0x7d) {
          brackets -= this.close(c, i, stack);
        } else if (c === 0x3a && stack.length > 0 && stack[stack.length - 1].mode === Mode.Replacement) {
          stack.push({ mode: Mode.Spec, pos: i, ch: c, long: false });
        } else if (c === 0x21 && stack.length > 0 && stack[stack.length - 1].mode === Mode.Replacement && /[sra]/.test(t[i + 1] ?? '')) {
          i++;
        } else if (c >= 0x30 && c <= 0x39) {
          i = this.skipNumber(i);
          this.floatWithPoint(tokenStart, i);
          i--;
        } else if (c === 0x2e && t.charCodeAt(i + 1) >= 0x30 && t.charCodeAt(i + 1) <= 0x39) {
          i = this.skipNumber(i + 1);
          i--;
        }
        wantKeywordAfterAsync = false;
        if (first && c === 0x40) keyword = '@';
        i++;
      }
      first = false;
      lastSigEnd = i;
      colonAtEnd = c === 0x3a && i === tokenStart + 1 && stack.length === 0;
      if (colonAtEnd) hasColon = true;
    }

    // End of text inside the logical line.
    const top = stack.length > 0 ? stack[stack.length - 1] : null;
    if (top !== null && top.mode === Mode.FString) {
      const line = lineNumberAt(this.lineStarts, n);
      this.report(
        top.long ? `unterminated triple-quoted f-string literal (detected at line ${line})` : `unterminated f-string literal (detected at line ${line})`,
        top.pos,
        top.pos + 1,
      );
      if (stringCut && budget()) return finish(stringCut.endBefore, stringCut.at);
      return finish(n, n);
    }
    let outer: Frame | null = null;
    for (const f of stack) {
      if (f.mode === Mode.Bracket || f.mode === Mode.Replacement) {
        outer = f;
        break;
      }
    }
    if (outer !== null) {
      const cut = budget() ? cuts.find((k) => k.outer === outer.pos) : undefined;
      let inner: Frame = outer;
      if (cut) inner = cut.inner;
      else for (const f of stack) if (f.mode === Mode.Bracket || f.mode === Mode.Replacement) inner = f;
      this.report(`'${String.fromCharCode(inner.ch)}' was never closed`, inner.pos, inner.pos + 1);
      if (cut) return finish(cut.endBefore, cut.at);
    }
    return finish(lastSigEnd, n);
  }

  /**
   * At the start of a physical line inside brackets: skips its indentation, and notes it as a
   * possible end of a statement whose bracket is never closed (see statementStart.ts).
   */
  private continuationLine(lineStart: number, indent: number, stack: readonly Frame[], endBefore: number, cuts: Cut[]): number {
    const t = this.text;
    let cols = 0;
    let i = lineStart;
    for (;; i++) {
      const c = t.charCodeAt(i);
      if (c === 0x20) cols++;
      else if (c === 0x09) cols += 8 - (cols % 8);
      else break;
    }
    if (cols <= indent && i < this.n && looksLikeStatementStart(t, i, false)) {
      let outer: Frame | null = null;
      let inner: Frame | null = null;
      for (const f of stack) {
        if (f.mode !== Mode.Bracket && f.mode !== Mode.Replacement) continue;
        outer ??= f;
        inner = f;
      }
      if (outer && inner) cuts.push({ at: lineStart, endBefore, outer: outer.pos, inner });
    }
    return i;
  }

  /** Checks the characters of an identifier that CPython would refuse. */
  private checkIdentifier(from: number, to: number): void {
    const t = this.text;
    for (let i = from; i < to; i++) {
      if (t.charCodeAt(i) < 0x80) continue;
      const cp = t.codePointAt(i) ?? 0;
      const ch = String.fromCodePoint(cp);
      const ok = i === from ? XID_START.test(ch) : XID_CONTINUE.test(ch);
      if (!ok) {
        this.report(invalidCharacter(ch), i, i + ch.length);
        return;
      }
      if (cp > 0xffff) i++;
    }
  }

  private punctuation(c: number, i: number, stack: readonly Frame[]): void {
    if (c === 0x24 || c === 0x3f || c === 0x60) {
      this.report('invalid syntax', i, i + 1);
    } else if (c === 0x21) {
      const next = this.text.charCodeAt(i + 1);
      const inReplacement = stack.length > 0 && stack[stack.length - 1].mode === Mode.Replacement;
      if (next !== 0x3d && !inReplacement) this.report('invalid syntax', i, i + 1);
    } else if (c < 0x20 || c === 0x7f) {
      this.report(invalidCharacter(String.fromCharCode(c)), i, i + 1);
    }
  }

  /** A closing bracket at `i`; returns how many bracket frames it closed. */
  private close(c: number, i: number, stack: Frame[]): number {
    const top = stack.length > 0 ? stack[stack.length - 1] : null;
    const ch = String.fromCharCode(c);
    if (top === null) {
      this.report(`unmatched '${ch}'`, i, i + 1);
      return 0;
    }
    if (top.mode === Mode.Replacement) {
      if (c === 0x7d) {
        stack.pop();
        return 1;
      }
      this.report(`f-string: unmatched '${ch}'`, i, i + 1);
      return 0;
    }
    stack.pop();
    if (CLOSER_OF[top.ch] !== c) {
      const open = String.fromCharCode(top.ch);
      const openLine = lineNumberAt(this.lineStarts, top.pos);
      const here = lineNumberAt(this.lineStarts, i);
      const where = openLine === here ? '' : ` on line ${openLine}`;
      this.report(`closing parenthesis '${ch}' does not match opening parenthesis '${open}'${where}`, i, i + 1);
    }
    return 1;
  }

  /** `1.`, `1.e5`, `2.j`: a float lezer cannot read; the point moves to the end as a space. */
  private floatWithPoint(from: number, to: number): void {
    const literal = this.text.slice(from, to);
    if (/^\d[\d_]*\.(?:[eE][+-]?\d[\d_]*)?[jJ]?$/.test(literal)) {
      this.rewrites.push({ start: from, text: literal.replace('.', '') + ' ' });
    }
  }

  private skipNumber(i: number): number {
    const t = this.text;
    while (i < this.n) {
      const c = t.charCodeAt(i);
      if (isIdentChar(c) || c === 0x2e) {
        i++;
      } else if ((c === 0x2b || c === 0x2d) && (t.charCodeAt(i - 1) | 0x20) === 0x65 && /[0-9.]/.test(t[i - 2] ?? '')) {
        i++;
      } else {
        break;
      }
    }
    return i;
  }

  /**
   * Scans a string body from `i` up to its closing quotes ('closed', pos after them), a line
   * break that ends a one-line string ('newline', pos at the break), an f-string's `{`
   * ('brace', pos at it) or the end of the text ('eof'). Inside a long string it notes the
   * first line that looks like the next statement, for when the string is never closed.
   */
  private scanStringBody(
    i: number,
    quote: number,
    long: boolean,
    format: boolean,
    stringStart: number,
    indent: number,
  ): { state: 'closed' | 'newline' | 'brace' | 'eof'; pos: number; cut?: Omit<Cut, 'inner'> } {
    const t = this.text;
    const n = this.n;
    let cut: Omit<Cut, 'inner'> | undefined;
    let lastContentEnd = i;
    while (i < n) {
      const c = t.charCodeAt(i);
      if (c === quote) {
        if (!long) return { state: 'closed', pos: i + 1, cut };
        if (t.charCodeAt(i + 1) === quote && t.charCodeAt(i + 2) === quote) return { state: 'closed', pos: i + 3, cut };
        i++;
      } else if (c === 0x5c) {
        // Escapes; raw strings too keep the character after a backslash (a quote) inside.
        i += t.charCodeAt(i + 1) === 0x0d && t.charCodeAt(i + 2) === 0x0a ? 3 : 2;
      } else if (c === 0x0a || c === 0x0d) {
        if (!long) return { state: 'newline', pos: i, cut };
        const next = c === 0x0d && t.charCodeAt(i + 1) === 0x0a ? i + 2 : i + 1;
        if (!cut) {
          let cols = 0;
          let k = next;
          for (;; k++) {
            const d = t.charCodeAt(k);
            if (d === 0x20) cols++;
            else if (d === 0x09) cols += 8 - (cols % 8);
            else break;
          }
          // A never-closed docstring: the next statement is the first line that is less indented
          // than the string's statement, or as indented but plainly a def/class/import.
          if (k < n && cols <= indent && looksLikeStatementStart(t, k, cols === indent)) {
            cut = { at: next, endBefore: Math.max(lastContentEnd, stringStart + 1), outer: stringStart };
          }
        }
        i = next;
        continue;
      } else if (format && (c === 0x7b || c === 0x7d)) {
        if (t.charCodeAt(i + 1) === c) {
          i += 2;
        } else if (c === 0x7b) {
          return { state: 'brace', pos: i, cut };
        } else {
          this.report("f-string: single '}' is not allowed", i, i + 1);
          i++;
        }
      } else {
        i++;
      }
      if (c !== 0x20 && c !== 0x09) lastContentEnd = i;
    }
    return { state: 'eof', pos: n, cut };
  }
}
