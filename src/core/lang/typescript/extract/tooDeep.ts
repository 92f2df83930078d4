// Code nested too deeply to read or to follow. The parser reads such a statement as a
// placeholder (deepParse.ts); the interpreter, whose own recursion follows the AST, may still
// run out of stack on a statement the parser read. Either way that one statement is lost, not
// the file: what it may change becomes unknown, and an info finding names its lines.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unknown, type ExtractProblem, type Span } from '../../../types';
import { createLineIndex } from '../../../lineIndex';
import { skippedCode } from '../deepParse';
import type { Interpreter } from './interpreter';
import type { Scope } from './scope';

const REASON = 'changed by code nested too deeply to read';

function linesOf(text: string, span: Span): string {
  const lines = createLineIndex(text);
  const first = lines.positionAt(span.start).line + 1;
  const last = lines.positionAt(Math.max(span.start, span.end - 1)).line + 1;
  return first === last ? `line ${first}` : `lines ${first}–${last}`;
}

/** The finding for one statement: on its first line, naming all of them. */
export function tooDeepProblem(text: string, span: Span, stage: 'read' | 'follow'): ExtractProblem {
  const lineEnd = text.indexOf('\n', span.start);
  const first: Span = { start: span.start, end: lineEnd < 0 || lineEnd > span.end ? span.end : lineEnd };
  const why = stage === 'read' ? 'too deeply for the parser' : 'too deeply for ShapeLens to follow';
  return {
    code: 'file/too-deep',
    severity: 'info',
    message: `ShapeLens skipped ${linesOf(text, span)}: the code there is nested ${why}. The rest of the file is analysed; what that code changes is unknown.`,
    span: first,
  };
}

/** Placeholders of statements the parser could not read, with their problems. */
export function unreadStatements(program: TSESTree.Program, text: string): ExtractProblem[] {
  return program.body.filter((s) => skippedCode(s) !== undefined).map((s) => tooDeepProblem(text, { start: s.range[0], end: s.range[1] }, 'read'));
}

/**
 * Where a statement we could not read would have run: every variable it names may have been
 * reassigned, every value it names changed (models included).
 */
export function runUnread(ip: Interpreter, node: TSESTree.Node, scope: Scope): boolean {
  const skipped = skippedCode(node);
  if (!skipped) return false;
  for (const name of skipped.names) {
    const b = scope.lookup(name);
    if (!b) continue;
    ip.havocValues([b.value], REASON);
    if (b.kind === 'let' || b.kind === 'var' || b.kind === 'param') b.value = unknown(REASON);
  }
  return true;
}

/**
 * A top-level statement whose evaluation ran out of stack: it is treated as code we do not
 * run (havoc), the models it touched are unknown from here on, and it is reported.
 */
export function giveUpStatement(ip: Interpreter, node: TSESTree.Node, scope: Scope, startedAtStep: number): void {
  for (const [model, step] of ip.ctx.lastTouch) if (step >= startedAtStep) model.havoc();
  ip.ctx.problems.push(tooDeepProblem(ip.ctx.source, { start: node.range[0], end: node.range[1] }, 'follow'));
  ip.havoc(node, scope, REASON);
}
