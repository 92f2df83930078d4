// Which text a syntax error takes with it. Recovery blanks the broken statement and parses the
// rest again; for a compound statement whose header is broken that is the header with its block
// (a block without its header would be read as code that runs unconditionally), for a decorator
// the decorated definition, for a clause of a `try` the whole `try`.
import type { LogicalLine } from './lines';

export interface Region {
  /** First and last logical line (indices). */
  readonly first: number;
  readonly last: number;
  /**
   * Put a `0` where the statement began, so that a block keeps a statement and the converter
   * can turn it into an ErrorStmt. Not for badly indented lines: a `0` there is as misplaced.
   */
  readonly filler: boolean;
}

/** Clauses that may follow a header of each kind, at its indentation. */
const CLAUSES: Record<string, readonly string[]> = {
  if: ['elif', 'else'],
  elif: ['elif', 'else'],
  else: ['finally'],
  for: ['else'],
  while: ['else'],
  try: ['except', 'else', 'finally'],
  except: ['except', 'else', 'finally'],
};

const CLAUSE_WORDS = new Set(['elif', 'else', 'except', 'finally']);
const ROOTS = new Set(['if', 'for', 'while', 'try']);

/** Last line of the block under line k: the following lines indented deeper than it. */
export function blockEnd(lines: readonly LogicalLine[], k: number): number {
  const indent = lines[k].indent;
  let j = k;
  while (j + 1 < lines.length && lines[j + 1].indent > indent) j++;
  return j;
}

/** The compound statement a clause line (`else:`, `except E:`) belongs to, or -1. */
function rootOf(lines: readonly LogicalLine[], k: number): number {
  const indent = lines[k].indent;
  for (let j = k - 1; j >= 0; j--) {
    const line = lines[j];
    if (line.indent > indent) continue;
    if (line.indent < indent) return -1;
    if (ROOTS.has(line.keyword)) return j;
    if (!CLAUSE_WORDS.has(line.keyword)) return -1;
  }
  return -1;
}

/** The `match` whose block holds the `case` line k, or -1. */
function matchOf(lines: readonly LogicalLine[], k: number): number {
  for (let j = k - 1; j >= 0; j--) {
    if (lines[j].indent < lines[k].indent) return lines[j].keyword === 'match' ? j : -1;
  }
  return -1;
}

/**
 * The statement a problem in logical line k breaks, with the lines indented deeper after it:
 * its block if it was a header (with or without its ':'), and otherwise lines that could not
 * stand there anyway (CPython: "unexpected indent"), which lezer would read as code of the
 * enclosing block.
 */
export function statementRegion(lines: readonly LogicalLine[], k: number): Region {
  let first = k;
  let line = lines[k];
  if (line.keyword === 'case') {
    const m = matchOf(lines, k);
    if (m >= 0) {
      first = m;
      line = lines[m];
    }
  } else if (CLAUSE_WORDS.has(line.keyword)) {
    const root = rootOf(lines, k);
    // A `try` without one of its clauses is not Python; an `if` without its `else` still is.
    if (root >= 0 && lines[root].keyword === 'try') {
      first = root;
      line = lines[root];
    }
  }
  let last = blockEnd(lines, first);
  // The clauses after it: an `if` whose header goes takes its `elif` and `else` along.
  let clauses = CLAUSES[line.keyword];
  while (clauses && last + 1 < lines.length) {
    const next = lines[last + 1];
    if (next.indent !== line.indent || !clauses.includes(next.keyword)) break;
    last = blockEnd(lines, last + 1);
    clauses = CLAUSES[next.keyword];
  }
  // Decorators go with their definition, and a definition with its decorators.
  while (first > 0 && lines[first - 1].keyword === '@' && lines[first - 1].indent === lines[first].indent) first--;
  if (lines[first].keyword === '@') {
    let j = first;
    while (j + 1 < lines.length && lines[j + 1].keyword === '@' && lines[j + 1].indent === lines[first].indent) j++;
    const def = lines[j + 1];
    if (def && def.indent === lines[first].indent && (def.keyword === 'def' || def.keyword === 'class')) j = blockEnd(lines, j + 1);
    last = Math.max(last, j);
  }
  return { first, last, filler: true };
}

/** A badly indented line and the lines after it that are deeper than `runIndent`. */
export function indentRunRegion(lines: readonly LogicalLine[], k: number, runIndent: number): Region {
  let last = k;
  while (last + 1 < lines.length && lines[last + 1].indent > runIndent) last++;
  return { first: k, last, filler: false };
}

/** Regions sorted and merged where they overlap (the earlier one decides the filler). */
export function mergeRegions(regions: readonly Region[]): Region[] {
  const sorted = [...regions].sort((a, b) => a.first - b.first || b.last - a.last);
  const out: Region[] = [];
  for (const r of sorted) {
    const prev = out[out.length - 1];
    if (prev && r.first <= prev.last) {
      if (r.last > prev.last) out[out.length - 1] = { first: prev.first, last: r.last, filler: prev.filler };
    } else {
      out.push(r);
    }
  }
  return out;
}
