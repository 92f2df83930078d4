// Moving a parsed top-level statement to another offset: the incremental parser reuses
// statements after an edit, and the deep parse (deepParse.ts) parses statements on their own.
import type { TSESTree } from '@typescript-eslint/typescript-estree';

type Statement = TSESTree.ProgramStatement;

type Range = [number, number];

/**
 * The distinct range arrays of each top-level statement we have shifted or spliced in,
 * collected once: later shifts are a flat loop. Arrays, not nodes, because typescript-estree
 * lets some nodes share one range array (it must move once). Changing the numbers in place
 * also spares the garbage collector new objects hanging off an old AST.
 */
const rangesOfStatement = new WeakMap<Statement, Range[]>();

function collectRanges(root: TSESTree.Node): Range[] {
  const seen = new Set<Range>();
  const stack: object[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as { range: Range } & Record<string, unknown>;
    seen.add(node.range);
    for (const key in node) {
      if (key === 'range') continue;
      const child = node[key];
      if (typeof child !== 'object' || child === null) continue;
      if (Array.isArray(child)) {
        for (const c of child) if (typeof c === 'object' && c !== null && typeof (c as { type?: unknown }).type === 'string') stack.push(c);
      } else if (typeof (child as { type?: unknown }).type === 'string') {
        stack.push(child);
      }
    }
  }
  return [...seen];
}

/** Adds `delta` to the range of a top-level statement and of every node inside it. */
export function shiftStatement(stmt: Statement, delta: number): void {
  let ranges = rangesOfStatement.get(stmt);
  if (!ranges) {
    ranges = collectRanges(stmt);
    rangesOfStatement.set(stmt, ranges);
  }
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i];
    r[0] += delta;
    r[1] += delta;
  }
}
