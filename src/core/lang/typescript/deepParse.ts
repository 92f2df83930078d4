// Files nested too deeply for the parser. typescript-estree converts TypeScript's AST
// recursively and runs out of stack at a few hundred levels (576 nested blocks, 653 nested
// arrays, 389 chained `.then()`): one such statement used to lose the whole file. When the
// whole parse overflows, the top-level statements are parsed in pieces instead (halves, then
// halves of the half that fails, down to single statements), so only a statement that
// overflows on its own is lost. It stays in the program as a placeholder (an EmptyStatement
// with its range) that says which names it mentions: the interpreter makes those unknown
// where the statement would have run, and a `file/too-deep` finding names its lines.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type * as TypeScript from 'typescript';
import { scriptKindOf, typeScript } from './parserRuntime';
import { shiftStatement } from './shiftRanges';

/** One parse of a piece of text: the program, 'too-deep' when the stack ran out, null on a syntax error. */
export type PieceParser = (text: string, sourceType: 'module' | undefined) => TSESTree.Program | 'too-deep' | null;

/** What a statement too deep to parse mentions (names not after a `.`), for the interpreter. */
export interface SkippedCode {
  readonly names: readonly string[];
}

const skipped = new WeakMap<TSESTree.Node, SkippedCode>();

/** The placeholder's information when `node` stands for a statement too deep to parse. */
export function skippedCode(node: TSESTree.Node): SkippedCode | undefined {
  return skipped.get(node);
}

/** Distinct names a placeholder keeps; more are not needed to make a statement's effects unknown. */
const MAX_NAMES = 2000;

type Range = [number, number];

/** Top-level statements as TypeScript's own parser sees them (it nests deeper than the conversion). */
function statementsByTypeScript(text: string, fileName: string): { ranges: Range[]; module: boolean } | null {
  const ts = typeScript();
  let sf: TypeScript.SourceFile;
  try {
    sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, scriptKindOf(fileName));
  } catch (e) {
    if (e instanceof RangeError) return null;
    throw e;
  }
  return { ranges: sf.statements.map((s) => [s.getStart(sf), s.end] as Range), module: ts.isExternalModule(sf) };
}

/** Tokens after which `/` divides (elsewhere it starts a regular expression), and keywords that continue an expression rather than start a statement; built at the first scan. */
let tokenSets: { readonly endsExpression: ReadonlySet<TypeScript.SyntaxKind>; readonly continues: ReadonlySet<TypeScript.SyntaxKind> } | undefined;

function scannerTokenSets(): NonNullable<typeof tokenSets> {
  const { SyntaxKind } = typeScript();
  tokenSets ??= {
    endsExpression: new Set([
      SyntaxKind.Identifier,
      SyntaxKind.NumericLiteral,
      SyntaxKind.BigIntLiteral,
      SyntaxKind.StringLiteral,
      SyntaxKind.NoSubstitutionTemplateLiteral,
      SyntaxKind.TemplateTail,
      SyntaxKind.RegularExpressionLiteral,
      SyntaxKind.CloseParenToken,
      SyntaxKind.CloseBracketToken,
      SyntaxKind.CloseBraceToken,
      SyntaxKind.ThisKeyword,
      SyntaxKind.SuperKeyword,
      SyntaxKind.TrueKeyword,
      SyntaxKind.FalseKeyword,
      SyntaxKind.NullKeyword,
    ]),
    continues: new Set([SyntaxKind.AsKeyword, SyntaxKind.SatisfiesKeyword, SyntaxKind.InstanceOfKeyword, SyntaxKind.InKeyword]),
  };
  return tokenSets;
}

function startsStatement(kind: TypeScript.SyntaxKind, lineBreakBefore: boolean): boolean {
  const { SyntaxKind } = typeScript();
  if (!lineBreakBefore || scannerTokenSets().continues.has(kind)) return false;
  return kind === SyntaxKind.Identifier || (kind >= SyntaxKind.FirstKeyword && kind <= SyntaxKind.LastKeyword);
}

/**
 * Statement boundaries from the scanner alone, for text even TypeScript's parser cannot nest
 * through: after a `;` at depth 0, and after a `}` at depth 0 when the next line starts a
 * statement. An approximation (a wrong cut makes a piece fail, and only that piece is lost).
 */
function statementsByScanner(text: string, fileName: string): { ranges: Range[]; module: boolean } {
  const ts = typeScript();
  const endsExpression = scannerTokenSets().endsExpression;
  const jsx = /\.(tsx|jsx)$/i.test(fileName);
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, jsx ? ts.LanguageVariant.JSX : ts.LanguageVariant.Standard, text);
  const open: ('(' | '[' | '{' | '${')[] = [];
  const ranges: Range[] = [];
  let start = -1;
  let previous = ts.SyntaxKind.Unknown;
  let previousEnd = 0;
  let cutAfterBrace = false;
  let module = false;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if ((kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) && !endsExpression.has(previous)) kind = scanner.reScanSlashToken();
    if (kind === ts.SyntaxKind.CloseBraceToken && open[open.length - 1] === '${') {
      kind = scanner.reScanTemplateToken(false);
      if (kind === ts.SyntaxKind.TemplateTail) open.pop();
    }
    const pos = scanner.getTokenStart();
    if (cutAfterBrace && startsStatement(kind, scanner.hasPrecedingLineBreak())) {
      ranges.push([start, previousEnd]);
      start = -1;
    }
    cutAfterBrace = false;
    if (start < 0) {
      start = pos;
      if ((kind === ts.SyntaxKind.ImportKeyword || kind === ts.SyntaxKind.ExportKeyword) && !/^\s*[(.]/.test(text.slice(scanner.getTokenEnd(), scanner.getTokenEnd() + 8))) module = true;
    }
    switch (kind) {
      case ts.SyntaxKind.OpenParenToken:
        open.push('(');
        break;
      case ts.SyntaxKind.OpenBracketToken:
        open.push('[');
        break;
      case ts.SyntaxKind.OpenBraceToken:
        open.push('{');
        break;
      case ts.SyntaxKind.TemplateHead:
        open.push('${');
        break;
      case ts.SyntaxKind.CloseParenToken:
      case ts.SyntaxKind.CloseBracketToken:
      case ts.SyntaxKind.CloseBraceToken:
        open.pop();
        cutAfterBrace = kind === ts.SyntaxKind.CloseBraceToken && open.length === 0;
        break;
      case ts.SyntaxKind.SemicolonToken:
        if (open.length === 0) {
          ranges.push([start, scanner.getTokenEnd()]);
          start = -1;
        }
        break;
    }
    previous = kind;
    previousEnd = scanner.getTokenEnd();
  }
  if (start >= 0) ranges.push([start, previousEnd]);
  return { ranges, module };
}

/** Identifiers of a piece of code, except property names after `.` and `?.`. */
function mentionedNames(text: string, jsx: boolean): string[] {
  const ts = typeScript();
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, jsx ? ts.LanguageVariant.JSX : ts.LanguageVariant.Standard, text);
  const names = new Set<string>();
  let afterDot = false;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken && names.size < MAX_NAMES; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.Identifier && !afterDot) names.add(scanner.getTokenValue());
    afterDot = kind === ts.SyntaxKind.DotToken || kind === ts.SyntaxKind.QuestionDotToken;
  }
  return [...names];
}

function placeholder(text: string, range: Range, fileName: string): TSESTree.Statement {
  // An EmptyStatement runs as nothing anywhere else (incremental splicing shifts its range).
  const node = { type: 'EmptyStatement', range: [range[0], range[1]] } as unknown as TSESTree.EmptyStatement;
  skipped.set(node, { names: mentionedNames(text.slice(range[0], range[1]), /\.(tsx|jsx)$/i.test(fileName)) });
  return node;
}

/**
 * The program of `text` (which overflowed the stack as a whole), parsed statement by
 * statement where needed; null when not even the statements can be found.
 */
export function parseInPieces(text: string, fileName: string, parsePiece: PieceParser): TSESTree.Program | null {
  const found = statementsByTypeScript(text, fileName) ?? statementsByScanner(text, fileName);
  const { ranges, module } = found;
  const sourceType = module ? 'module' : undefined;
  const body: TSESTree.ProgramStatement[] = [];
  const parsed: TSESTree.Program[] = [];
  // Each piece runs from the end of the statement before it, so that its offsets shift by its start.
  const pieceStart = (i: number): number => (i === 0 ? 0 : ranges[i - 1][1]);
  const parseRange = (lo: number, hi: number): void => {
    const start = pieceStart(lo);
    const result = parsePiece(text.slice(start, ranges[hi - 1][1]), sourceType);
    if (result !== null && result !== 'too-deep') {
      parsed.push(result);
      for (const stmt of result.body) {
        shiftStatement(stmt, start);
        body.push(stmt);
      }
      return;
    }
    if (hi - lo === 1) {
      body.push(placeholder(text, ranges[lo], fileName));
      return;
    }
    const mid = (lo + hi) >> 1;
    parseRange(lo, mid);
    parseRange(mid, hi);
  };
  if (ranges.length > 0) parseRange(0, ranges.length);
  const base: TSESTree.Program = parsed[0] ?? ({ type: 'Program', body: [], comments: [], tokens: [], range: [0, 0], sourceType: module ? 'module' : 'script' } as unknown as TSESTree.Program);
  return { ...base, body, sourceType: module ? 'module' : 'script', range: [0, text.length] };
}
