// Indentation errors, found on the logical lines. lezer accepts an unexpected indent or a
// dedent to a column no block uses without a word, so CPython's IndentationErrors are found here:
// "unexpected indent", "unindent does not match any outer indentation level", "expected an
// indented block after 'if' statement on line N", and TabError's "inconsistent use of tabs".
import type { Span } from '../../../types';
import type { LineNumbers, LogicalLine } from './lines';

export interface IndentProblem {
  readonly message: string;
  readonly span: Span;
  /** The logical line to blank: a header without a block, or the first badly indented line. */
  readonly line: number;
  /**
   * For a badly indented line: the indentation of the block it should be in. It and the lines
   * after it that are indented deeper than this go (they cannot be read as any block).
   */
  readonly runIndent?: number;
}

/** Keywords of compound statement headers. */
const HEADERS = new Set(['if', 'elif', 'else', 'for', 'while', 'try', 'except', 'finally', 'with', 'def', 'class']);

/** CPython's tokenizer limit ("too many levels of indentation"). */
const MAX_INDENT_LEVELS = 100;

const BLOCK_OF: Record<string, string> = {
  if: "'if' statement",
  elif: "'elif' statement",
  else: "'else' statement",
  for: "'for' statement",
  while: "'while' statement",
  with: "'with' statement",
  try: "'try' statement",
  except: "'except' statement",
  finally: "'finally' statement",
  match: "'match' statement",
  case: "'case' statement",
  def: 'function definition',
  class: 'class definition',
};

/** Span of the first token of a line (an identifier, or one character). */
function firstTokenSpan(text: string, line: LogicalLine): Span {
  let end = line.start;
  while (end < line.end && /[\p{L}\p{N}_]/u.test(text[end])) end++;
  return { start: line.start, end: Math.max(end, Math.min(line.start + 1, text.length)) };
}

export interface IndentCheck {
  readonly problems: IndentProblem[];
  /**
   * Broken lines (see below) at an indentation no block has here: a `0` put there in their
   * place would be misplaced too, so their statement is blanked without one.
   */
  readonly misplaced: Uint8Array;
}

/**
 * Problems, in order, for the lines not already broken (`broken[i]`: the tokenizer pass found a
 * problem in line i; its own reading of the line is unreliable, so it is only a line here).
 */
export function checkIndentation(text: string, lines: readonly LogicalLine[], lineNumbers: LineNumbers, broken: ArrayLike<number>): IndentCheck {
  const problems: IndentProblem[] = [];
  const misplaced = new Uint8Array(lines.length);
  const cols: number[] = [0];
  const alts: number[] = [0];
  let prev = -1;
  let skipDeeperThan = -1;

  const missingBlock = (header: number, at: Span): void => {
    const h = lines[header];
    if (broken[header]) return;
    const what = BLOCK_OF[h.keyword];
    if (what) {
      problems.push({ message: `expected an indented block after ${what} on line ${lineNumbers.at(h.start)}`, span: at, line: header });
    } else {
      // `x = 1:` is no header at all: CPython stops at the colon.
      problems.push({ message: 'invalid syntax', span: { start: h.end - 1, end: h.end }, line: header });
    }
  };

  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    if (skipDeeperThan >= 0) {
      if (line.indent > skipDeeperThan) continue;
      skipDeeperThan = -1;
    }
    const opener = prev >= 0 && lines[prev].opensBlock && !broken[prev];
    const top = cols[cols.length - 1];
    if (prev >= 0 && !lines[prev].hasColon && HEADERS.has(lines[prev].keyword) && line.indent > top) {
      // `for x in xs` with its ':' missing: lezer says "expected ':'" there; the block is its.
      skipDeeperThan = top;
      continue;
    }
    if (prev >= 0 && broken[prev] && line.indent > top) {
      // The block of a line the tokenizer could not read goes with it (see regions.ts).
      skipDeeperThan = top;
      continue;
    }
    if (opener && line.indent > top) {
      cols.push(line.indent);
      alts.push(line.altIndent);
      if (cols.length > MAX_INDENT_LEVELS) {
        // Once, for the first line too deep: it and the rest of its block go.
        cols.pop();
        alts.pop();
        if (!broken[k]) problems.push({ message: 'too many levels of indentation', span: firstTokenSpan(text, line), line: k, runIndent: top });
        else misplaced[k] = 1;
        skipDeeperThan = top;
        continue;
      }
      if (line.altIndent <= alts[alts.length - 2] && !broken[k]) {
        problems.push({ message: 'inconsistent use of tabs and spaces in indentation', span: firstTokenSpan(text, line), line: k });
      }
      prev = k;
      continue;
    }
    if (opener) missingBlock(prev, firstTokenSpan(text, line));
    if (line.indent > top) {
      // CPython's tokenizer first checks that tabs and spaces agree (TabError), then the parser.
      const message = line.altIndent <= alts[alts.length - 1] ? 'inconsistent use of tabs and spaces in indentation' : 'unexpected indent';
      if (!broken[k]) problems.push({ message, span: firstTokenSpan(text, line), line: k, runIndent: top });
      else misplaced[k] = 1;
      skipDeeperThan = top;
      continue;
    }
    while (cols.length > 1 && cols[cols.length - 1] > line.indent) {
      cols.pop();
      alts.pop();
    }
    if (cols[cols.length - 1] !== line.indent) {
      const outer = cols[cols.length - 1];
      if (!broken[k]) problems.push({ message: 'unindent does not match any outer indentation level', span: firstTokenSpan(text, line), line: k, runIndent: outer });
      else misplaced[k] = 1;
      skipDeeperThan = outer;
      continue;
    }
    if (alts[alts.length - 1] !== line.altIndent && !broken[k]) {
      problems.push({ message: 'inconsistent use of tabs and spaces in indentation', span: firstTokenSpan(text, line), line: k });
    }
    prev = k;
  }
  // At the end of the text CPython points just after the header's ':'.
  if (prev >= 0 && lines[prev].opensBlock && skipDeeperThan < 0) missingBlock(prev, { start: lines[prev].end, end: lines[prev].end });
  return { problems, misplaced };
}
