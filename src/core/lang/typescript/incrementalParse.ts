// Incremental re-parsing: after an edit, parse again only the text between the untouched
// top-level statements around it, and splice the statements found there into the previous
// program, instead of parsing the whole file (the parse dominates an analysis; one function
// is a few percent of a file). Later statements are reused with their ranges shifted.
//
// The region runs from the end of the last statement wholly before the edit to the start of
// the first statement wholly after it (a statement the edit merely abuts counts as touched),
// so typing inside a function, adding a statement or a comment between two, or deleting one
// are all handled. The result must be exactly what a full parse of the new text gives, so we
// answer null ("do a full parse") whenever that is in doubt:
// - the statement before the region could be continued by new text: it must end with `;` or
//   be a declaration closed by `}`; likewise the region's new last statement, when a statement
//   follows (else ASI could join them), and no comment may run from the region into it;
// - the region does not parse on its own (broken code gets the full, tolerant parse);
// - directives (`'use strict'`) are involved, or the file's module-ness could change: TypeScript
//   parses modules differently (top-level `await`), so a region of a module is parsed as a
//   module, and the file must stay a module without the region's statements.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { parseStrict } from './parse';
import { shiftStatement } from './shiftRanges';
import { diffTexts, type TextDiff } from '../../textDiff';

/** A cleanly parsed text (no syntax errors, no repair) and its program. */
export interface ParsedText {
  readonly text: string;
  readonly program: TSESTree.Program;
}

type Statement = TSESTree.ProgramStatement;

/** Statements that make TypeScript treat a file as a module, whatever else it holds. */
const MODULE_STATEMENTS: ReadonlySet<string> = new Set([
  'ImportDeclaration',
  'ExportAllDeclaration',
  'ExportNamedDeclaration',
  'ExportDefaultDeclaration',
  'TSExportAssignment',
]);

/** Declarations whose closing `}` ends the statement whatever token follows. */
const BRACE_CLOSED: ReadonlySet<string> = new Set([
  'FunctionDeclaration',
  'ClassDeclaration',
  'TSInterfaceDeclaration',
  'TSModuleDeclaration',
  'TSEnumDeclaration',
  'BlockStatement',
]);

const SEMICOLON = 59;
const CLOSE_BRACE = 125;

/** True when no text after `stmt` can become part of it. */
function isClosed(stmt: Statement, text: string): boolean {
  const last = text.charCodeAt(stmt.range[1] - 1);
  if (last === SEMICOLON) return true; // a `;` token: strings, regexes, templates end otherwise
  if (last !== CLOSE_BRACE) return false;
  const decl =
    (stmt.type === 'ExportNamedDeclaration' || stmt.type === 'ExportDefaultDeclaration') && stmt.declaration
      ? stmt.declaration
      : stmt;
  return BRACE_CLOSED.has(decl.type);
}

function isDirective(stmt: Statement): boolean {
  return stmt.type === 'ExpressionStatement' && typeof stmt.directive === 'string';
}

/** Number of statements that end at or before `offset` (body is sorted and disjoint). */
function countEndingBy(body: readonly Statement[], offset: number): number {
  let lo = 0;
  let hi = body.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (body[mid].range[1] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of statements that start at or before `offset`. */
function countStartingBy(body: readonly Statement[], offset: number): number {
  let lo = 0;
  let hi = body.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (body[mid].range[0] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether the file is a module because of statements outside [first, end). */
function moduleOutside(body: readonly Statement[], first: number, end: number): boolean {
  for (let k = 0; k < body.length; k++) {
    if ((k < first || k >= end) && MODULE_STATEMENTS.has(body[k].type)) return true;
  }
  return false;
}

/** True when the text after the last statement of a region could run into the next statement. */
function tailMayJoinNext(regionText: string, lastStatementEnd: number): boolean {
  const tail = regionText.slice(lastStatementEnd);
  // Only whitespace may share a line with the next statement: a `//` comment there would
  // swallow it. (Conservative: any `/` on that line sends us to the full parse.)
  return tail.slice(tail.lastIndexOf('\n') + 1).trim() !== '';
}

/**
 * The program of `text`, built from `previous` by re-parsing only the region the edit touched;
 * null when that is not certainly equal to a full parse. Consumes `previous.program` when it
 * succeeds (later statements are shifted in place and reused), leaves it untouched otherwise.
 */
export function reparseIncrementally(previous: ParsedText, text: string, fileName: string): TSESTree.Program | null {
  const { program } = previous;
  const body = program.body;
  if (previous.text === text) return program;
  if (body.length > 0 && isDirective(body[0])) return null;
  const diff: TextDiff = diffTexts(previous.text, text);
  const before = countEndingBy(body, diff.start); // statements [0, before) keep their text
  const after = countStartingBy(body, diff.oldEnd); // statements [after, length) too
  if (before === 0 && after === body.length) return null; // the whole file: nothing to reuse
  if (before > 0 && !isClosed(body[before - 1], previous.text)) return null;
  const isModule = program.sourceType === 'module';
  if (isModule && !moduleOutside(body, before, after)) return null;

  const delta = diff.newEnd - diff.oldEnd;
  const regionStart = before > 0 ? body[before - 1].range[1] : 0;
  const regionEnd = after < body.length ? body[after].range[0] + delta : text.length;
  const regionText = text.slice(regionStart, regionEnd);
  const piece = parseStrict(regionText, fileName, isModule ? 'module' : undefined);
  if (!piece || piece.sourceType !== program.sourceType) return null;
  const fresh = piece.body;
  if (fresh.some(isDirective)) return null;
  if (after < body.length) {
    const lastFresh = fresh.length > 0 ? fresh[fresh.length - 1] : null;
    if (lastFresh && !isClosed(lastFresh, regionText)) return null;
    if (tailMayJoinNext(regionText, lastFresh ? lastFresh.range[1] : 0)) return null;
  }

  for (const stmt of fresh) shiftStatement(stmt, regionStart);
  for (let k = after; k < body.length; k++) shiftStatement(body[k], delta);
  const spliced: Statement[] = [...body.slice(0, before), ...fresh, ...body.slice(after)];
  return { ...program, body: spliced, range: [program.range[0], program.range[1] + delta] };
}
