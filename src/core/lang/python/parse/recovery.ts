// Error recovery. lezer always returns a tree, but a broken statement can take good ones with
// it (an unclosed bracket reads the next lines as arguments) or come out as a different
// statement. So every statement with a syntax error is blanked to spaces (newlines and offsets
// kept, spans stay valid) and the text parsed again, until the tree is clean or MAX_ROUNDS is
// spent. The tokenizer-level problems (brackets, strings, indentation) are known before the
// first parse; lezer's own error nodes are taken a round at a time. Each round is a full parse:
// lezer's incremental re-parse (TreeFragment) was tried and gave a different tree from a full
// parse of the same text in about 3% of random edits (blocks nested wrongly), so it is not used.
import type { SyntaxNode, Tree } from '@lezer/common';
import { parser } from '@lezer/python';
import type { Span } from '../../../types';
import type { SyntaxProblem } from '../ast';
import { checkIndentation } from './indentation';
import { scanLines, type LogicalLine, type Rewrite } from './lines';
import { indentRunRegion, mergeRegions, statementRegion, type Region } from './regions';

const MAX_ROUNDS = 8;
/**
 * Rounds that take only the first error: after one, lezer's recovery is often confused and
 * reports errors in good statements further on (the first statement of every later function),
 * which the next parse, with the broken statement blanked, does not have. The last rounds, and
 * rounds with very many errors (garbage), take every error, so that time stays bounded.
 */
const FIRST_ERROR_ROUNDS = 6;
const MANY_ERRORS = 20;

const COMPOUND = new Set(['if', 'elif', 'else', 'for', 'while', 'try', 'except', 'finally', 'with', 'def', 'class']);

export interface Recovered {
  readonly tree: Tree;
  /** The text lezer parsed: the original with broken statements blanked (same offsets). */
  readonly text: string;
  /** Where each blanked statement's `0` stands, and the span of what was blanked there. */
  readonly fillers: ReadonlyMap<number, Span>;
  readonly problems: SyntaxProblem[];
  /** Tokens rewritten for lezer (see Rewrite: numbers, `print`): offset → the token as written. */
  readonly originals: ReadonlyMap<number, string>;
}

interface ErrorNode {
  readonly from: number;
  readonly to: number;
}

/**
 * The text lezer reads and its tree. The constructor does what needs no parse (tokenizer and
 * indentation problems blanked) and parses once; `recover` then takes lezer's errors a round at
 * a time. Split so that a clean file is converted straight away: the converter notices error
 * nodes as it goes, and only then is the tree searched for them.
 */
export class Recovery {
  private readonly lines: readonly LogicalLine[];
  private readonly reported: Uint8Array;
  private readonly blanked: Uint8Array;
  private readonly problems: SyntaxProblem[] = [];
  private readonly originals = new Map<number, string>();
  private readonly base: string;
  private regions: Region[] = [];
  private current: string;
  private tree: Tree;

  constructor(private readonly text: string, bom: boolean) {
    const scan = scanLines(text, bom);
    const lines = (this.lines = scan.lines);
    const reported = (this.reported = new Uint8Array(lines.length));
    for (const p of scan.problems) reported[p.line] = 1;
    const indentation = checkIndentation(text, lines, scan.lineNumbers, reported);
    for (const p of scan.problems) {
      this.problems.push({ message: p.message, span: p.span });
      const r = statementRegion(lines, p.line);
      this.regions.push(indentation.misplaced[p.line] ? { ...r, filler: false } : r);
    }
    for (const p of indentation.problems) {
      if (reported[p.line]) continue;
      reported[p.line] = 1;
      this.problems.push({ message: p.message, span: p.span });
      this.regions.push(p.runIndent !== undefined ? indentRunRegion(lines, p.line, p.runIndent) : statementRegion(lines, p.line));
    }
    this.base = this.rewritten(scan.rewrites);
    this.regions = mergeRegions(this.regions);
    this.blanked = new Uint8Array(lines.length);
    markBlanked(this.blanked, this.regions);
    this.current = this.regions.length > 0 ? blankText(this.base, lines, this.regions) : this.base;
    this.tree = parseLezer(this.current);
  }

  /** The text with the rewrites for lezer applied (see Rewrite), noting rewritten tokens. */
  private rewritten(rewrites: readonly Rewrite[]): string {
    if (rewrites.length === 0) return this.text;
    const parts: string[] = [];
    let pos = 0;
    for (const r of rewrites) {
      if (r.start < pos) continue;
      parts.push(this.text.slice(pos, r.start), r.text);
      pos = r.start + r.text.length;
      if (r.text.trim() !== '') this.originals.set(r.start, this.text.slice(r.start, pos).trimEnd());
    }
    parts.push(this.text.slice(pos));
    return parts.join('');
  }

  get result(): Recovered {
    const fillers = new Map<number, Span>();
    for (const r of this.regions) {
      if (r.filler) fillers.set(this.lines[r.first].start, { start: this.lines[r.first].start, end: this.lines[r.last].end });
    }
    return { tree: this.tree, text: this.current, fillers, problems: this.problems, originals: this.originals };
  }

  /** Blanks the statements lezer reports errors in and parses again, at most MAX_ROUNDS times. */
  recover(): void {
    const { lines, blanked, reported } = this;
    let garbage = false;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const errors = errorNodes(this.tree, this.current);
      if (errors.length === 0) break;
      const fresh: Region[] = [];
      // Once a round has had very many errors the text is garbage: every later round takes all.
      if (errors.length >= MANY_ERRORS) garbage = true;
      let fillerRemoved = false;
      for (const e of round < FIRST_ERROR_ROUNDS && !garbage ? errors.slice(0, 1) : errors) {
        const k = lineOf(lines, e.from);
        if (k < 0) continue;
        if (blanked[k]) {
          // An error in blanked text: lezer objects to the `0` put there (a block it closes or
          // opens); the statement goes without one. Never blame a neighbouring statement.
          const i = this.regions.findIndex((r) => r.first <= k && k <= r.last && r.filler);
          if (i >= 0) {
            this.regions[i] = { ...this.regions[i], filler: false };
            fillerRemoved = true;
          }
          continue;
        }
        if (reported[k]) continue;
        reported[k] = 1;
        this.problems.push(lezerProblem(this.text, lines[k], e));
        fresh.push(statementRegion(lines, k));
      }
      if (fresh.length === 0 && !fillerRemoved) break;
      // Marked after the round: errors of one statement all map to it, not to its neighbours.
      markBlanked(blanked, fresh);
      this.regions = mergeRegions([...this.regions, ...fresh]);
      this.current = blankText(this.base, lines, this.regions);
      this.tree = parseLezer(this.current);
    }
  }
}

/**
 * lezer on the text without its trailing blank space, and always ending in one line break. A
 * last line of only spaces reads to lezer as a dedent to a column no block has (an error where
 * Python sees nothing: a half-typed line's indentation); a long blanked tail is time spent on
 * nothing; and lezer's recovery at the very end differs without a final line break (a bare
 * `yield` on the last line is an error then). Offsets before the end are unchanged.
 */
function parseLezer(text: string): Tree {
  let end = text.length;
  for (;;) {
    const c = text.charCodeAt(end - 1);
    if (end > 0 && (c === 0x20 || c === 0x09 || c === 0x0c || c === 0x0a || c === 0x0d)) end--;
    else break;
  }
  return parser.parse(text.slice(0, end) + '\n');
}

function markBlanked(blanked: Uint8Array, regions: readonly Region[]): void {
  for (const r of regions) blanked.fill(1, r.first, r.last + 1);
}

/** The text with each region's characters, line breaks aside, turned to spaces. */
function blankText(text: string, lines: readonly LogicalLine[], regions: readonly Region[]): string {
  const parts: string[] = [];
  let pos = 0;
  for (const r of regions) {
    const from = lines[r.first].start;
    const to = lines[r.last].end;
    if (from < pos) continue;
    parts.push(text.slice(pos, from));
    const blank = text.slice(from, to).replace(/[^\r\n]/g, ' ');
    parts.push(r.filler && blank.length > 0 ? '0' + blank.slice(1) : blank);
    pos = to;
  }
  parts.push(text.slice(pos));
  return parts.join('');
}

/**
 * lezer's error nodes, except where its grammar is narrower than Python's: after a bare
 * `yield` (`x = yield`), and in a `case` pattern (`case Point():`, empty arguments) whose
 * clause still has its body; patterns are not interpreted.
 */
function errorNodes(tree: Tree, text: string): ErrorNode[] {
  const out: ErrorNode[] = [];
  tree.iterate({
    enter: (n) => {
      if (!n.type.isError) return;
      const node = n.node;
      if (n.from === n.to) {
        const parent = node.parent?.name;
        const prev = node.prevSibling;
        if ((parent === 'YieldExpression' || parent === 'YieldStatement') && prev?.name === 'yield' && text.slice(prev.to, n.from).trim() === '') return;
      }
      if (inCasePattern(node)) return;
      if (onEmptyLine(text, node)) return;
      out.push({ from: n.from, to: n.to });
    },
  });
  return out;
}

/**
 * An error node of only white space between statements, on a line with no token (blank, or a
 * comment): Python ignores such lines, so it is no syntax error. @lezer/python 1.1.19 puts one
 * at the line break after a run of comment lines in some long files (valid code).
 */
function onEmptyLine(text: string, node: SyntaxNode): boolean {
  const parent = node.parent?.name;
  if (parent !== 'Script' && parent !== 'Body') return false;
  if (text.slice(node.from, node.to).trim() !== '') return false;
  const lineStart = text.lastIndexOf('\n', node.from - 1) + 1;
  const lineEnd = text.indexOf('\n', node.from);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd).trim();
  return line === '' || line.startsWith('#');
}

function inCasePattern(node: SyntaxNode): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.name === 'Body') return false;
    if (p.name === 'MatchClause') return p.getChild('Body') !== null;
  }
  return false;
}

/** The logical line an error node belongs to (an error between lines: the one before it). */
function lineOf(lines: readonly LogicalLine[], pos: number): number {
  if (lines.length === 0) return -1;
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid].start <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** CPython's wording where we can tell, and the token to point at. */
function lezerProblem(text: string, line: LogicalLine, e: ErrorNode): SyntaxProblem {
  if (COMPOUND.has(line.keyword) && !line.hasColon) {
    return { message: "expected ':'", span: { start: line.end, end: line.end } };
  }
  // `print x, y`: lezer's Python 2 print statement with more than it can read.
  if (line.keyword === 'print' && /^print[ \t]+[^ \t(.=]/.test(text.slice(line.start, line.start + 8))) {
    return { message: "Missing parentheses in call to 'print'. Did you mean print(...)?", span: { start: line.start, end: line.end } };
  }
  return { message: 'invalid syntax', span: errorSpan(text, e, line) };
}

function errorSpan(text: string, e: ErrorNode, line: LogicalLine): Span {
  const n = text.length;
  if (e.to > e.from) {
    let end = e.from;
    while (end < e.to && text.charCodeAt(end) !== 0x0a && text.charCodeAt(end) !== 0x0d) end++;
    return { start: e.from, end: Math.max(end, e.from + 1 <= n ? e.from + 1 : e.from) };
  }
  // A zero-width error: point at the next token on the line, or at the end of the statement.
  let p = Math.min(e.from, n);
  while (p < n && (text.charCodeAt(p) === 0x20 || text.charCodeAt(p) === 0x09)) p++;
  const c = text.charCodeAt(p);
  if (p >= n || c === 0x0a || c === 0x0d || c === 0x23) {
    const at = Math.min(Math.max(e.from, line.start), n);
    return { start: at, end: at };
  }
  let end = p + 1;
  while (end < n && /[\p{L}\p{N}_]/u.test(text[end]) && /[\p{L}\p{N}_]/u.test(text[p])) end++;
  return { start: p, end };
}
