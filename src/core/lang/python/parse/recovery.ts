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
import { scanLines, type LogicalLine } from './lines';
import { indentRunRegion, mergeRegions, statementRegion, type Region } from './regions';

const MAX_ROUNDS = 8;
/**
 * Rounds that take only the first error: after one, lezer's recovery is often confused and
 * reports errors in good statements further on (the first statement of every later function),
 * which the next parse, with the broken statement blanked, does not have. The last rounds
 * take every error, so that a file with many mistakes still ends in bounded time.
 */
const FIRST_ERROR_ROUNDS = 6;

const COMPOUND = new Set(['if', 'elif', 'else', 'for', 'while', 'try', 'except', 'finally', 'with', 'def', 'class']);

export interface Recovered {
  readonly tree: Tree;
  /** The text lezer parsed: the original with broken statements blanked (same offsets). */
  readonly text: string;
  /** Where each blanked statement's `0` stands, and the span of what was blanked there. */
  readonly fillers: ReadonlyMap<number, Span>;
  readonly problems: SyntaxProblem[];
  /** Number literals rewritten for lezer (see Rewrite): offset → the literal as written. */
  readonly numbers: ReadonlyMap<number, string>;
}

interface ErrorNode {
  readonly from: number;
  readonly to: number;
}

export function parseWithRecovery(text: string, bom: boolean): Recovered {
  const scan = scanLines(text, bom);
  const lines = scan.lines;
  const reported = new Uint8Array(lines.length);
  const problems: SyntaxProblem[] = [];
  let regions: Region[] = [];
  for (const p of scan.problems) {
    reported[p.line] = 1;
    problems.push({ message: p.message, span: p.span });
    regions.push(statementRegion(lines, p.line));
  }
  for (const p of checkIndentation(text, lines, scan.lineNumbers, reported)) {
    if (reported[p.line]) continue;
    reported[p.line] = 1;
    problems.push({ message: p.message, span: p.span });
    regions.push(p.runIndent !== undefined ? indentRunRegion(lines, p.line, p.runIndent) : statementRegion(lines, p.line));
  }

  const numbers = new Map<number, string>();
  let base = text;
  if (scan.rewrites.length > 0) {
    const parts: string[] = [];
    let pos = 0;
    for (const r of scan.rewrites) {
      if (r.start < pos) continue;
      parts.push(text.slice(pos, r.start), r.text);
      pos = r.start + r.text.length;
      if (/\d/.test(r.text)) numbers.set(r.start, text.slice(r.start, pos).trimEnd());
    }
    parts.push(text.slice(pos));
    base = parts.join('');
  }

  regions = mergeRegions(regions);
  const blanked = new Uint8Array(lines.length);
  markBlanked(blanked, regions);
  let current = regions.length > 0 ? blankText(base, lines, regions) : base;
  let tree = parseLezer(current);

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const errors = errorNodes(tree, current);
    if (errors.length === 0) break;
    const fresh: Region[] = [];
    for (const e of round < FIRST_ERROR_ROUNDS ? errors.slice(0, 1) : errors) {
      const k = lineOf(lines, e.from, blanked);
      if (k < 0 || reported[k]) continue;
      reported[k] = 1;
      problems.push(lezerProblem(text, lines[k], e));
      fresh.push(statementRegion(lines, k));
    }
    if (fresh.length === 0) break;
    // Marked after the round: errors of one statement all map to it, not to its neighbours.
    markBlanked(blanked, fresh);
    regions = mergeRegions([...regions, ...fresh]);
    current = blankText(base, lines, regions);
    tree = parseLezer(current);
  }

  const fillers = new Map<number, Span>();
  for (const r of regions) {
    if (r.filler) fillers.set(lines[r.first].start, { start: lines[r.first].start, end: lines[r.last].end });
  }
  return { tree, text: current, fillers, problems, numbers };
}

/**
 * lezer, without a last line of only spaces: lezer reads that as a dedent to a column no block
 * has and reports an error where Python sees nothing (a half-typed line's indentation).
 */
function parseLezer(text: string): Tree {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 0x20 || text.charCodeAt(end - 1) === 0x09 || text.charCodeAt(end - 1) === 0x0c)) end--;
  const c = text.charCodeAt(end - 1);
  return parser.parse(end < text.length && (end === 0 || c === 0x0a || c === 0x0d) ? text.slice(0, end) : text);
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
      out.push({ from: n.from, to: n.to });
    },
  });
  return out;
}

function inCasePattern(node: SyntaxNode): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.name === 'Body') return false;
    if (p.name === 'MatchClause') return p.getChild('Body') !== null;
  }
  return false;
}

/** The logical line an error node belongs to (an error between lines: the one before it). */
function lineOf(lines: readonly LogicalLine[], pos: number, blanked: Uint8Array): number {
  if (lines.length === 0) return -1;
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid].start <= pos) lo = mid;
    else hi = mid - 1;
  }
  if (!blanked[lo]) return lo;
  // In blanked text: the error is about what lezer met next.
  for (let j = lo + 1; j < lines.length; j++) if (!blanked[j]) return j;
  return -1;
}

/** CPython's wording where we can tell, and the token to point at. */
function lezerProblem(text: string, line: LogicalLine, e: ErrorNode): SyntaxProblem {
  if (COMPOUND.has(line.keyword) && !line.hasColon) {
    return { message: "expected ':'", span: { start: line.end, end: line.end } };
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
