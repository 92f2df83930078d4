// A small tokenizer pass that splits the text into logical lines the way CPython's tokenizer
// does (brackets, strings and backslashes join physical lines) and reports the errors that live
// at this level: unclosed, unmatched and mismatched brackets, unterminated strings, characters
// that cannot start a token. lezer reports none of these where CPython does (an unclosed `(`
// swallows the rest of the file), and recovery needs to know which statement a problem belongs
// to, so this pass comes first. One loop over the characters, with no allocation per token.
import type { Span } from '../../../types';
import * as chars from './chars';
import { looksLikeStatementStart } from './statementStart';

// Local references to the per-character helpers: run file by file (tsx), an imported function
// is read through a module getter on every call, which cost a fifth of this pass.
const { badIdentifierChar, invalidCharacter, isDigit, isIdentChar, isIdentStart, isQuote, isStringPrefix } = chars;

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
 * has. `255.` and `1.e5` (lezer wants a digit after the point, and reads `1 .e5` as an
 * attribute) become `255 ` and `1e5 `; the parentheses of `with (a as b, c as d):` become
 * spaces, with the line breaks and comments between them.
 */
export interface Rewrite {
  readonly start: number;
  /** Replaces text[start, start + text.length). */
  readonly text: string;
}

export interface LineScan {
  readonly lines: readonly LogicalLine[];
  /** At most one problem per logical line: the first the tokenizer meets. */
  readonly problems: readonly LineProblem[];
  /** 1-based line numbers, for messages. */
  readonly lineNumbers: LineNumbers;
  /** Sorted by offset, not overlapping. */
  readonly rewrites: readonly Rewrite[];
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

/** A line inside an open bracket or string that looks like the next statement (statementStart.ts). */
interface Cut {
  /** Start of the physical line where the next statement seems to begin. */
  readonly at: number;
  /** End of the last token before it: the broken statement ends there. */
  readonly endBefore: number;
  /** The outermost bracket open at that point (or the string's start). */
  readonly outer: number;
  /** The innermost bracket open at that point (reported as never closed). */
  readonly inner: number;
  readonly innerCh: number;
}

/** How a string body scan stopped. */
const enum Stop {
  Closed,
  LineBreak,
  Brace,
  End,
}

const CLOSER_OF: Record<number, number> = { 0x28: 0x29, 0x5b: 0x5d, 0x7b: 0x7d };

/** `bom`: text[0] stands for a byte-order mark (replaced by a space), not indentation. */
export function scanLines(text: string, bom = false): LineScan {
  return new LineScanner(text).run(bom ? 1 : 0, null);
}

/**
 * The logical lines from `from` on, a physical line start outside any statement, as scanLines
 * finds them there: each logical line is scanned afresh from its start. Stops at the first
 * later physical line start where `stop` holds (`stoppedAt`; -1: the end of the text). Line
 * indices in `problems` count from `from`. For re-scanning part of a text (parse/lineTable.ts).
 */
export function scanLinesFrom(text: string, from: number, stop: (lineStart: number) => boolean): LineScan & { readonly stoppedAt: number } {
  const scanner = new LineScanner(text);
  const scan = scanner.run(from, stop);
  return { ...scan, stoppedAt: scanner.stoppedAt };
}

/** 1-based line numbers of offsets; the index of line starts is built on first use (errors only). */
export class LineNumbers {
  private starts: number[] | null = null;

  constructor(private readonly text: string) {}

  at(offset: number): number {
    const starts = (this.starts ??= lineStartsOf(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) starts.push(i + 1);
  }
  return starts;
}

class LineScanner {
  private readonly lines: LogicalLine[] = [];
  private readonly problems: LineProblem[] = [];
  private readonly lineNumbers: LineNumbers;
  private readonly rewrites: Rewrite[] = [];
  private readonly n: number;
  /** Characters scanned: a cut re-scans what follows it, so past a bound lines run to the end. */
  private work = 0;

  // The logical line being scanned.
  private start = 0;
  private indent = 0;
  private readonly stack: Frame[] = [];
  private brackets = 0;
  private lastSigEnd = 0;
  private colonAtEnd = false;
  private hasColon = false;
  private keyword = '';
  private first = true;
  private afterAsync = false;
  /** `with (`: where that parenthesis opens (-1: the next token may be it; -2: none). */
  private withOpen = -2;
  private withClose = -1;
  /** Line breaks and comments inside those parentheses: they go too (lezer would end the statement). */
  private withInside: Rewrite[] = [];
  private readonly cuts: Cut[] = [];
  /** The first likely cut inside the long string being scanned. */
  private stringCut: Cut | null = null;
  /**
   * The line's first triple-quoted string. If a later one is never closed, a quote was added or
   * lost at this one (a docstring being typed) and every string after it pairs up wrongly.
   */
  private firstLong = -1;
  private problem: { message: string; span: Span } | null = null;
  /** Where the logical line ends (last token) and where the next one may begin. */
  private end = 0;
  private next = 0;
  /** Where `run` stopped because `stop` held (-1: it ran to the end). */
  stoppedAt = -1;

  constructor(private readonly text: string) {
    this.n = text.length;
    this.lineNumbers = new LineNumbers(text);
  }

  run(first: number, stop: ((lineStart: number) => boolean) | null): LineScan {
    const t = this.text;
    const n = this.n;
    let pos = first;
    while (pos < n) {
      if (stop !== null && pos > first && stop(pos)) {
        this.stoppedAt = pos;
        break;
      }
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
      if (i >= n) break;
      const c = t.charCodeAt(i);
      if (c === 0x0a || c === 0x0d || c === 0x23) {
        pos = this.lineAfter(i).next;
        continue;
      }
      this.scanLogical(i, indent);
      this.lines.push({ start: i, end: this.end, indent, altIndent: alt, keyword: this.keyword, opensBlock: this.colonAtEnd, hasColon: this.hasColon });
      const problem = this.problem as { message: string; span: Span } | null;
      if (problem) this.problems.push({ message: problem.message, span: problem.span, line: this.lines.length - 1 });
      pos = this.next;
    }
    this.rewrites.sort((a, b) => a.start - b.start);
    return { lines: this.lines, problems: this.problems, lineNumbers: this.lineNumbers, rewrites: this.rewrites };
  }

  /** The physical line holding `pos`: where its last non-blank character ends, and the next line. */
  private lineAfter(pos: number): { end: number; next: number } {
    const t = this.text;
    let e = pos;
    while (e < this.n && t.charCodeAt(e) !== 0x0a && t.charCodeAt(e) !== 0x0d) e++;
    const next = t.charCodeAt(e) === 0x0d && t.charCodeAt(e + 1) === 0x0a ? e + 2 : Math.min(e + 1, this.n);
    while (e > pos && (t.charCodeAt(e - 1) === 0x20 || t.charCodeAt(e - 1) === 0x09)) e--;
    return { end: e, next };
  }

  private report(message: string, from: number, to: number): void {
    if (!this.problem) this.problem = { message, span: { start: from, end: Math.min(to, this.n) } };
  }

  /** The last line with text on it, where CPython's tokenizer meets the end of the file. */
  private lastLine(): number {
    let i = this.n;
    while (i > 0 && /\s/.test(this.text[i - 1])) i--;
    return this.lineNumbers.at(Math.max(0, i - 1));
  }

  private budget(): boolean {
    return this.work < this.n + 50_000;
  }

  private top(): Frame | null {
    return this.stack.length > 0 ? this.stack[this.stack.length - 1] : null;
  }

  /** Scans one logical line whose first token is at `start`; sets end and next. */
  private scanLogical(start: number, indent: number): void {
    this.start = start;
    this.indent = indent;
    this.stack.length = 0;
    this.brackets = 0;
    this.lastSigEnd = start;
    this.colonAtEnd = false;
    this.hasColon = false;
    this.keyword = '';
    this.first = true;
    this.afterAsync = false;
    this.withOpen = -2;
    this.withClose = -1;
    if (this.withInside.length > 0) this.withInside = [];
    this.cuts.length = 0;
    this.stringCut = null;
    this.firstLong = -1;
    this.problem = null;

    const t = this.text;
    const n = this.n;
    let i = start;
    while (i < n) {
      const top = this.top();
      if (top !== null && top.mode === Mode.FString) {
        i = this.fStringBody(i, top);
        if (i < 0) return;
        continue;
      }
      if (top !== null && top.mode === Mode.Spec) {
        i = this.spec(i);
        continue;
      }
      const c = t.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0c) {
        i++;
        continue;
      }
      if (c === 0x0a || c === 0x0d) {
        const next = c === 0x0d && t.charCodeAt(i + 1) === 0x0a ? i + 2 : i + 1;
        if (this.withOpen >= 0 && this.withClose < 0) this.withInside.push({ start: i, text: next - i === 2 ? '  ' : ' ' });
        if (this.stack.length === 0) {
          this.finish(next - start, this.lastSigEnd, next);
          return;
        }
        i = this.continuationLine(next);
        continue;
      }
      if (c === 0x23) {
        const from = i;
        while (i < n && t.charCodeAt(i) !== 0x0a && t.charCodeAt(i) !== 0x0d) i++;
        if (this.withOpen >= 0 && this.withClose < 0) this.withInside.push({ start: from, text: ' '.repeat(i - from) });
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
      if (isQuote(c)) {
        i = this.stringLiteral(i, i);
      } else if (isIdentStart(c)) {
        let j = i + 1;
        let nonAscii = c >= 0x80;
        for (; j < n; j++) {
          const d = t.charCodeAt(j);
          if (!isIdentChar(d)) break;
          if (d >= 0x80) nonAscii = true;
        }
        if (j - i <= 2 && isQuote(t.charCodeAt(j)) && isStringPrefix(t, i, j)) {
          i = this.stringLiteral(i, j);
        } else {
          this.word(i, j, nonAscii);
          i = j;
        }
      } else {
        i = this.punctuation(c, i);
      }
      if (i < 0) return;
      this.first = false;
      this.lastSigEnd = i;
      this.colonAtEnd = c === 0x3a && i === tokenStart + 1 && this.stack.length === 0;
      if (this.colonAtEnd) this.hasColon = true;
    }
    this.endOfText();
  }

  private finish(scanned: number, end: number, next: number): void {
    this.work += scanned;
    this.end = end;
    this.next = next;
  }

  /** Ends the line early at `next`: what was found after it belongs to the lines found again there. */
  private cutAt(end: number, next: number, message: string, from: number, to: number): void {
    if (this.problem && this.problem.span.start >= next) this.problem = null;
    let k = this.rewrites.length;
    while (k > 0 && this.rewrites[k - 1].start >= next) k--;
    this.rewrites.length = k;
    this.report(message, from, to);
    this.finish(this.n - this.start, end, next);
  }

  /** The text ended inside the logical line: never-closed strings and brackets. */
  private endOfText(): void {
    const n = this.n;
    const top = this.top();
    if (top !== null && top.mode === Mode.FString) {
      if (top.long) this.unterminatedLong(top.pos, true);
      else {
        this.report(`unterminated f-string literal (detected at line ${this.lastLine()})`, top.pos, top.pos + 1);
        this.finish(n - this.start, this.textEnd(), n);
      }
      return;
    }
    let outer: Frame | null = null;
    let inner: Frame | null = null;
    for (const f of this.stack) {
      if (f.mode !== Mode.Bracket && f.mode !== Mode.Replacement) continue;
      outer ??= f;
      inner = f;
    }
    if (outer !== null && inner !== null) {
      const o = outer.pos;
      const cut = this.budget() ? this.cuts.find((k) => k.outer === o) : undefined;
      if (cut) {
        this.cutAt(cut.endBefore, cut.at, `'${String.fromCharCode(cut.innerCh)}' was never closed`, cut.inner, cut.inner + 1);
        return;
      }
      this.report(`'${String.fromCharCode(inner.ch)}' was never closed`, inner.pos, inner.pos + 1);
      // The statement runs to the end (lastSigEnd may lag: f-string parts are no tokens here).
      this.finish(n - this.start, this.textEnd(), n);
      return;
    }
    this.finish(n - this.start, this.lastSigEnd, n);
  }

  /** Just past the last non-blank character of the text. */
  private textEnd(): number {
    let i = this.n;
    while (i > this.start && /\s/.test(this.text[i - 1])) i--;
    return i;
  }

  /** A triple-quoted string starting at `stringStart` runs to the end of the text. */
  private unterminatedLong(stringStart: number, format: boolean): void {
    const n = this.n;
    const message = `unterminated triple-quoted ${format ? 'f-string' : 'string'} literal (detected at line ${this.lastLine()})`;
    if (this.firstLong >= 0 && this.firstLong < stringStart && this.budget()) {
      const line = this.lineAfter(this.firstLong);
      this.cutAt(line.end, line.next, message, this.firstLong, this.firstLong + 3);
    } else if (this.stringCut && this.budget()) {
      this.cutAt(this.stringCut.endBefore, this.stringCut.at, message, stringStart, stringStart + 3);
    } else {
      this.report(message, stringStart, stringStart + 3);
      this.finish(n - this.start, this.textEnd(), n);
    }
  }

  /** An identifier or keyword at text[i, j). */
  private word(i: number, j: number, nonAscii: boolean): void {
    if (this.first || this.afterAsync) {
      const w = this.text.slice(i, j);
      this.keyword = w;
      this.withOpen = w === 'with' ? -1 : -2;
      this.afterAsync = this.first && w === 'async';
      if (this.first && w === 'print' && this.printIsName(j)) this.rewrites.push({ start: i, text: 'pr1nt' });
    } else {
      this.afterAsync = false;
      if (this.withOpen === -1) this.withOpen = -2;
    }
    if (nonAscii) {
      const bad = badIdentifierChar(this.text, i, j);
      if (bad >= 0) {
        const p = invalidCharacter(this.text, bad);
        this.report(p.message, bad, bad + p.length);
      }
    }
  }

  /**
   * lezer reads `print` at the start of a statement as Python 2's print statement unless `(`,
   * `.` or the line end follows; `print = log`, `print[0]`, `print, x = ...` are Python 3 all
   * the same. Such a `print` is renamed for lezer (and named back by the converter).
   */
  private printIsName(j: number): boolean {
    const t = this.text;
    while (t.charCodeAt(j) === 0x20 || t.charCodeAt(j) === 0x09) j++;
    const c = t[j];
    if (c === '=' || c === ',' || c === '[' || c === ':' || c === ';') return true;
    return '+-*/%&|^@'.includes(c) && (t[j + 1] === '=' || (t[j + 1] === c && t[j + 2] === '='));
  }

  /** A string literal whose prefix starts at `start` and whose quote is at `quoteAt`; returns the offset after it, or -1 when the line is done. */
  private stringLiteral(start: number, quoteAt: number): number {
    const t = this.text;
    const quote = t.charCodeAt(quoteAt);
    const long = t.charCodeAt(quoteAt + 1) === quote && t.charCodeAt(quoteAt + 2) === quote;
    const bodyStart = quoteAt + (long ? 3 : 1);
    let format = false;
    for (let k = start; k < quoteAt; k++) if ((t.charCodeAt(k) | 0x20) === 0x66) format = true;
    this.afterAsync = false;
    if (this.withOpen === -1) this.withOpen = -2;
    if (long && this.firstLong < 0) this.firstLong = start;
    if (format) {
      this.stack.push({ mode: Mode.FString, pos: start, ch: quote, long });
      this.stringCut = null;
      return bodyStart;
    }
    this.stringCut = null;
    const stop = this.stringBody(bodyStart, quote, long, false, start);
    if (stop === Stop.Closed) return this.strPos;
    if (stop === Stop.LineBreak) {
      this.report(`unterminated string literal (detected at line ${this.lineNumbers.at(this.strPos)})`, start, this.strPos);
      return this.strPos;
    }
    // The end of the text inside the string.
    if (long) {
      this.unterminatedLong(start, false);
      return -1;
    }
    this.report(`unterminated string literal (detected at line ${this.lastLine()})`, start, Math.min(bodyStart, this.n));
    return this.n;
  }

  /** Continues an f-string body at `i`; returns where to go on, or -1 when the line is done. */
  private fStringBody(i: number, top: Frame): number {
    const stop = this.stringBody(i, top.ch, top.long, true, top.pos);
    if (stop === Stop.Closed) {
      this.stack.pop();
      this.lastSigEnd = this.strPos;
      this.colonAtEnd = false;
      this.first = false;
      return this.strPos;
    }
    if (stop === Stop.Brace) {
      this.stack.push({ mode: Mode.Replacement, pos: this.strPos, ch: 0x7b, long: false });
      this.brackets++;
      return this.strPos + 1;
    }
    if (stop === Stop.LineBreak) {
      this.report(`unterminated f-string literal (detected at line ${this.lineNumbers.at(this.strPos)})`, top.pos, this.strPos);
      this.stack.pop();
      this.lastSigEnd = this.strPos;
      return this.strPos;
    }
    this.endOfText();
    return -1;
  }

  /** A format spec: lezer takes everything but braces as spec text, line breaks and quotes too. */
  private spec(i: number): number {
    const t = this.text;
    while (i < this.n) {
      const c = t.charCodeAt(i);
      if (c === 0x7b || c === 0x7d) break;
      i++;
    }
    if (i >= this.n) return i;
    if (t.charCodeAt(i) === 0x7b) {
      this.stack.push({ mode: Mode.Replacement, pos: i, ch: 0x7b, long: false });
      this.brackets++;
    } else {
      this.stack.pop();
      const top = this.top();
      if (top !== null && top.mode === Mode.Replacement) {
        this.stack.pop();
        this.brackets--;
      }
    }
    return i + 1;
  }

  /** Any other character at `i` (brackets, operators, numbers); returns the offset after the token. */
  private punctuation(c: number, i: number): number {
    const t = this.text;
    const top = this.top();
    this.afterAsync = false;
    if (this.first && c === 0x40) this.keyword = '@';
    // `with (...):` — the parentheses are a group of items when a ':' follows them.
    if (c === 0x3a && this.withClose >= 0 && this.stack.length === 0 && this.withClose === this.lastSigEnd - 1) {
      this.rewrites.push({ start: this.withOpen, text: ' ' }, ...this.withInside, { start: this.withClose, text: ' ' });
      this.withClose = -1;
    }
    if (this.withOpen >= 0 && this.withClose < 0 && c === 0x29 && this.stack.length === 1 && this.stack[0].pos === this.withOpen) this.withClose = i;
    if (c === 0x28 && this.withOpen === -1 && this.stack.length === 0) this.withOpen = i;
    else if (this.withOpen === -1) this.withOpen = -2;

    if (c === 0x28 || c === 0x5b || c === 0x7b) {
      this.stack.push({ mode: Mode.Bracket, pos: i, ch: c, long: false });
      if (++this.brackets === MAX_BRACKETS + 1) this.report('too many nested parentheses', i, i + 1);
      return i + 1;
    }
    if (c === 0x29 || c === 0x5d || c === 0x7d) {
      this.close(c, i);
      return i + 1;
    }
    if (isDigit(c) || (c === 0x2e && isDigit(t.charCodeAt(i + 1)))) return this.number(i);
    if (c === 0x3a && top !== null && top.mode === Mode.Replacement) {
      this.stack.push({ mode: Mode.Spec, pos: i, ch: c, long: false });
      return i + 1;
    }
    if (c === 0x21) {
      const d = t.charCodeAt(i + 1);
      if (top !== null && top.mode === Mode.Replacement && (d === 0x73 || d === 0x72 || d === 0x61)) return i + 2;
      if (d !== 0x3d) this.report('invalid syntax', i, i + 1);
      return i + 1;
    }
    if (c === 0x24 || c === 0x3f || c === 0x60) this.report('invalid syntax', i, i + 1);
    else if (c < 0x20 || c === 0x7f) this.report(invalidCharacter(t, i).message, i, i + 1);
    return i + 1;
  }

  /** A closing bracket at `i`. */
  private close(c: number, i: number): void {
    const top = this.top();
    const ch = String.fromCharCode(c);
    if (top === null) {
      this.report(`unmatched '${ch}'`, i, i + 1);
      return;
    }
    if (top.mode === Mode.Replacement) {
      if (c === 0x7d) {
        this.stack.pop();
        this.brackets--;
      } else {
        this.report(`f-string: unmatched '${ch}'`, i, i + 1);
      }
      return;
    }
    this.stack.pop();
    this.brackets--;
    if (CLOSER_OF[top.ch] !== c) {
      const openLine = this.lineNumbers.at(top.pos);
      const where = openLine === this.lineNumbers.at(i) ? '' : ` on line ${openLine}`;
      this.report(`closing parenthesis '${ch}' does not match opening parenthesis '${String.fromCharCode(top.ch)}'${where}`, i, i + 1);
    }
  }

  /** A number at `i`; returns the offset after it. `1.` and `1.e5` are rewritten for lezer. */
  private number(i: number): number {
    const t = this.text;
    const from = i;
    let point = -1;
    while (i < this.n) {
      const c = t.charCodeAt(i);
      if (c === 0x2e) {
        if (point < 0) point = i;
        i++;
      } else if (isIdentChar(c)) {
        i++;
      } else if ((c === 0x2b || c === 0x2d) && (t.charCodeAt(i - 1) | 0x20) === 0x65 && (isDigit(t.charCodeAt(i - 2)) || t.charCodeAt(i - 2) === 0x2e)) {
        i++;
      } else {
        break;
      }
    }
    if (point > from && !isDigit(t.charCodeAt(point + 1))) {
      const literal = t.slice(from, i);
      if (/^\d[\d_]*\.(?:[eE][+-]?\d[\d_]*)?[jJ]?$/.test(literal)) this.rewrites.push({ start: from, text: literal.replace('.', '') + ' ' });
    }
    return i;
  }

  /**
   * At the start of a physical line inside brackets: skips its indentation and notes the line
   * as a possible end of a statement whose bracket is never closed.
   */
  private continuationLine(lineStart: number): number {
    const t = this.text;
    let cols = 0;
    let i = lineStart;
    for (;; i++) {
      const c = t.charCodeAt(i);
      if (c === 0x20) cols++;
      else if (c === 0x09) cols += 8 - (cols % 8);
      else break;
    }
    if (cols <= this.indent && i < this.n && looksLikeStatementStart(t, i, false)) {
      let outer: Frame | null = null;
      let inner: Frame | null = null;
      for (const f of this.stack) {
        if (f.mode !== Mode.Bracket && f.mode !== Mode.Replacement) continue;
        outer ??= f;
        inner = f;
      }
      if (outer && inner) this.cuts.push({ at: lineStart, endBefore: this.lastSigEnd, outer: outer.pos, inner: inner.pos, innerCh: inner.ch });
    }
    return i;
  }

  /** Where the last string body scan stopped. */
  private strPos = 0;

  /**
   * Scans a string body from `i` up to its closing quotes (Closed, strPos after them), a line
   * break ending a one-line string (LineBreak, strPos at it), an f-string's `{` (Brace, strPos
   * at it) or the end of the text (End). Inside a long string it notes the first line that
   * looks like the next statement (stringCut), for when the string is never closed.
   */
  private stringBody(i: number, quote: number, long: boolean, format: boolean, stringStart: number): Stop {
    const t = this.text;
    const n = this.n;
    let lastContentEnd = i;
    while (i < n) {
      const c = t.charCodeAt(i);
      if (c === quote) {
        if (!long) {
          this.strPos = i + 1;
          return Stop.Closed;
        }
        if (t.charCodeAt(i + 1) === quote && t.charCodeAt(i + 2) === quote) {
          this.strPos = i + 3;
          return Stop.Closed;
        }
        i++;
      } else if (c === 0x5c) {
        // Escapes; raw strings too keep the character after a backslash (a quote) inside. A
        // brace after it is still a brace in an f-string (`rf'\{{'` is a backslash and `{{`).
        const d = t.charCodeAt(i + 1);
        if (format && (d === 0x7b || d === 0x7d)) i++;
        else i += d === 0x0d && t.charCodeAt(i + 2) === 0x0a ? 3 : 2;
      } else if (c === 0x0a || c === 0x0d) {
        if (!long) {
          this.strPos = i;
          return Stop.LineBreak;
        }
        const next = c === 0x0d && t.charCodeAt(i + 1) === 0x0a ? i + 2 : i + 1;
        if (this.stringCut === null) this.noteStringCut(next, Math.max(lastContentEnd, stringStart + 1), stringStart);
        i = next;
        continue;
      } else if (format && (c === 0x7b || c === 0x7d)) {
        if (t.charCodeAt(i + 1) === c) {
          i += 2;
        } else if (c === 0x7b) {
          this.strPos = i;
          return Stop.Brace;
        } else {
          this.report("f-string: single '}' is not allowed", i, i + 1);
          i++;
        }
      } else {
        i++;
      }
      if (c !== 0x20 && c !== 0x09) lastContentEnd = i;
    }
    this.strPos = n;
    return Stop.End;
  }

  /**
   * A never-closed docstring ends, we guess, at the first line less indented than its statement
   * that looks like a statement, or as indented but plainly a def, class or import.
   */
  private noteStringCut(lineStart: number, endBefore: number, stringStart: number): void {
    const t = this.text;
    let cols = 0;
    let k = lineStart;
    for (;; k++) {
      const d = t.charCodeAt(k);
      if (d === 0x20) cols++;
      else if (d === 0x09) cols += 8 - (cols % 8);
      else break;
    }
    if (k < this.n && cols <= this.indent && looksLikeStatementStart(t, k, cols === this.indent)) {
      this.stringCut = { at: lineStart, endBefore, outer: stringStart, inner: stringStart, innerCh: t.charCodeAt(stringStart) };
    }
  }
}
