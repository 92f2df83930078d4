// Tolerant parsing: typescript-estree throws on the first syntax error, but an editor sees
// half-typed code all the time. On failure we blank the offending lines with spaces (so every
// offset and newline stays where it was), and parse again, a bounded number of times. The
// user gets the real syntax errors of the original text; the AST covers the intact parts.
// A text nested too deeply for the parser's stack is parsed statement by statement instead
// (deepParse.ts), so that only the statements too deep to read are lost.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type * as TypeScript from 'typescript';
import type { Span } from '../../types';
import { parseInPieces } from './deepParse';
import { scriptKindOf, typeScript, typeScriptEstree } from './parserRuntime';

export interface SyntaxErrorInfo {
  readonly message: string;
  readonly span: Span;
}

/** How the extractor gets a program for a text: `parseSource`, or an incremental parser. */
export type SourceParser = (text: string, fileName: string) => ParsedSource;

export interface ParsedSource {
  /** The program, possibly of a repaired copy of the text (same offsets); null if hopeless. */
  readonly program: TSESTree.Program | null;
  readonly syntaxErrors: readonly SyntaxErrorInfo[];
}

/** Re-parse attempts after the first repair; each costs one full parse. */
const MAX_REPAIR_ROUNDS = 12;

function usesJsx(fileName: string): boolean {
  return /\.(tsx|jsx)$/i.test(fileName);
}

/** A parse that ran out of stack: the text is nested too deeply, not wrong. */
const TOO_DEEP = 'too-deep';

function tryParse(
  text: string,
  fileName: string,
  sourceType?: 'module',
): TSESTree.Program | typeof TOO_DEEP | { errorIndex: number; message: string } {
  try {
    return typeScriptEstree().parse(text, { range: true, loc: false, comment: false, tokens: false, jsx: usesJsx(fileName), filePath: fileName, sourceType });
  } catch (e) {
    if (e instanceof RangeError) return TOO_DEEP; // "Maximum call stack size exceeded" in the conversion
    // typescript-estree's TSError carries `index` (UTF-16 offset); anything else: start of file.
    const index = typeof (e as { index?: unknown }).index === 'number' ? (e as { index: number }).index : 0;
    return { errorIndex: index, message: e instanceof Error ? e.message : String(e) };
  }
}

interface Diagnostic {
  readonly start: number;
  readonly length: number;
  readonly message: string;
  /** Where the unmatched opening token is, for "'}' expected" at the end of the text. */
  readonly openedAt: number | null;
}

/** All syntactic diagnostics at once, from TypeScript's own error-recovering parser. */
function syntacticDiagnostics(text: string, fileName: string): Diagnostic[] {
  const ts = typeScript();
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, scriptKindOf(fileName));
  // parseDiagnostics is internal to TypeScript but stable for years; typescript-estree reads it too.
  const diags = (sf as unknown as { parseDiagnostics?: readonly TypeScript.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  return diags.map((d) => ({
    start: d.start,
    length: d.length,
    message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    openedAt: d.relatedInformation?.find((r) => typeof r.start === 'number')?.start ?? null,
  }));
}

/** Mutable copy of the text in which lines can be replaced by spaces. */
class Blanker {
  private readonly chars: string[];
  constructor(text: string) {
    this.chars = text.split('');
  }
  get text(): string {
    return this.chars.join('');
  }
  lineStart(offset: number): number {
    let i = Math.min(offset, this.chars.length);
    while (i > 0 && this.chars[i - 1] !== '\n') i--;
    return i;
  }
  lineEnd(offset: number): number {
    let i = Math.max(0, offset);
    while (i < this.chars.length && this.chars[i] !== '\n') i++;
    return i;
  }
  isBlank(from: number, to: number): boolean {
    for (let i = from; i < to; i++) if (this.chars[i].trim() !== '') return false;
    return true;
  }
  /** Blanks the lines from the one holding `from` to the one holding `to`. False if nothing changed. */
  blankLines(from: number, to: number): boolean {
    const a = this.lineStart(from);
    const b = this.lineEnd(to);
    let changed = false;
    for (let i = a; i < b; i++) {
      const c = this.chars[i];
      if (c !== '\n' && c !== '\r' && c !== ' ') {
        this.chars[i] = ' ';
        changed = true;
      }
    }
    return changed;
  }
  /** Blanks the line at `offset`, or if it is blank already, the nearest non-blank line above. */
  blankAtOrAbove(offset: number): boolean {
    let pos = Math.min(offset, this.chars.length);
    for (;;) {
      const a = this.lineStart(pos);
      const b = this.lineEnd(pos);
      if (!this.isBlank(a, b)) return this.blankLines(a, b);
      if (a === 0) return false;
      pos = a - 1;
    }
  }
}

/** The whole text parsed at once, or in pieces when it is too deep for one parse. */
function parseWhole(text: string, fileName: string): TSESTree.Program | { errorIndex: number; message: string } | null {
  const result = tryParse(text, fileName);
  if (result !== TOO_DEEP) return result;
  return parseInPieces(text, fileName, (piece, sourceType) => {
    const r = tryParse(piece, fileName, sourceType);
    return r === TOO_DEEP || !('errorIndex' in r) ? r : null;
  });
}

export function parseSource(text: string, fileName: string): ParsedSource {
  const first = parseWhole(text, fileName);
  if (first === null) return { program: null, syntaxErrors: [] };
  if (!('errorIndex' in first)) return { program: first, syntaxErrors: [] };

  let diags: Diagnostic[];
  try {
    diags = syntacticDiagnostics(text, fileName);
  } catch {
    diags = [];
  }
  if (diags.length === 0) diags = [{ start: first.errorIndex, length: 0, message: first.message, openedAt: null }];
  const syntaxErrors = diags.map((d) => ({ message: d.message, span: { start: d.start, end: d.start + d.length } }));

  const blanker = new Blanker(text);
  for (const d of diags) {
    if (d.openedAt !== null && d.openedAt < d.start) blanker.blankLines(d.openedAt, d.start);
    else blanker.blankAtOrAbove(d.start);
  }
  for (let round = 0; round < MAX_REPAIR_ROUNDS; round++) {
    const attempt = parseWhole(blanker.text, fileName);
    if (attempt === null) break;
    if (!('errorIndex' in attempt)) return { program: attempt, syntaxErrors };
    if (!blanker.blankAtOrAbove(attempt.errorIndex)) break;
  }
  return { program: null, syntaxErrors };
}

/**
 * One strict parse, no repair: the program, or null on any syntax error. `module` forces
 * module parsing (strict, top-level await) for a piece of a file that is a module because of
 * statements outside the piece (incremental re-parsing, see incremental.ts).
 */
export function parseStrict(text: string, fileName: string, sourceType?: 'module'): TSESTree.Program | null {
  const result = tryParse(text, fileName, sourceType);
  // Too deep: the caller's full parse (parseSource) reads it in pieces.
  return result === TOO_DEEP || 'errorIndex' in result ? null : result;
}
