// Finds the statement around a source position, so an invalid fixture's expected error can be
// matched to "the statement TF.js threw in" rather than to one exact column.
import { parse, type TSESTree } from '@typescript-eslint/typescript-estree';

export interface LineSpan {
  readonly startLine: number;
  readonly endLine: number;
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function isStatement(node: TSESTree.Node): boolean {
  return /(Statement|Declaration)$/.test(node.type) && node.type !== 'BlockStatement';
}

/** Lines (1-based) of the innermost statement containing the 1-based line/column. */
export function statementLinesAt(text: string, fileName: string, line: number, column: number): LineSpan | null {
  const program = parse(text, { loc: true, range: true, jsx: /\.[jt]sx$/.test(fileName) });
  const contains = (node: TSESTree.Node): boolean => {
    const { start, end } = node.loc;
    const afterStart = line > start.line || (line === start.line && column - 1 >= start.column);
    const beforeEnd = line < end.line || (line === end.line && column - 1 < end.column);
    return afterStart && beforeEnd;
  };
  const found: { node: TSESTree.Node | null } = { node: null };
  const visit = (node: TSESTree.Node): void => {
    if (!contains(node)) return;
    if (isStatement(node)) found.node = node;
    for (const [key, child] of Object.entries(node)) {
      if (key === 'parent') continue;
      const children: unknown[] = Array.isArray(child) ? child : [child];
      for (const c of children) if (isNode(c)) visit(c);
    }
  };
  visit(program);
  const best = found.node;
  return best ? { startLine: best.loc.start.line, endLine: best.loc.end.line } : null;
}
