// How much of a Python file survives a syntax error: statements (at every nesting level) of the
// intact parse, looked for in the parse of a broken copy. Used by parse.test.ts.
import type * as A from '../../../src/core/lang/python/ast';
import { parsePython, shiftSpans } from '../../../src/core/lang/python/parse';

export function childStatements(s: A.Stmt): A.Stmt[] {
  switch (s.kind) {
    case 'If':
    case 'For':
    case 'While':
      return [...s.body, ...s.orelse];
    case 'FunctionDef':
    case 'ClassDef':
    case 'With':
      return [...s.body];
    case 'Try':
      return [...s.body, ...s.handlers.flatMap((h) => h.body), ...s.orelse, ...s.finalbody];
    case 'Match':
      return s.cases.flat();
    default:
      return [];
  }
}

/** Every statement, nested ones included, in source order. */
export function allStatements(body: readonly A.Stmt[], out: A.Stmt[] = []): A.Stmt[] {
  for (const s of body) {
    out.push(s);
    allStatements(childStatements(s), out);
  }
  return out;
}

function keyOf(s: A.Stmt): string {
  return `${s.kind}:${s.span.start}:${s.span.end}`;
}

export interface Survival {
  readonly expected: number;
  readonly found: number;
  /** A simple statement before the broken line that came out different from the original. */
  readonly invented: string[];
}

/** The statements of a parse, by kind and span, with their JSON. */
function index(statements: readonly A.Stmt[]): Map<string, string> {
  const got = new Map<string, string>();
  for (const s of statements) got.set(keyOf(s), JSON.stringify(s));
  return got;
}

const COMPOUND = new Set(['If', 'For', 'While', 'FunctionDef', 'ClassDef', 'With', 'Try', 'Match']);

/**
 * Cuts `text` at each line end and at three points inside each line (what an editor holds while
 * the file is typed top to bottom) and counts the complete statements before the cut that the
 * prefix's parse still has, identical (kind, span, content).
 */
export function prefixSurvival(text: string): Survival {
  const original = allStatements(parsePython(text).body);
  const cuts = new Set<number>();
  let lineStart = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text[i] !== '\n') continue;
    const len = i - lineStart;
    cuts.add(Math.min(i + 1, text.length));
    if (len > 2) [lineStart + Math.floor(len / 3), lineStart + Math.floor((2 * len) / 3), i - 1].forEach((c) => cuts.add(c));
    lineStart = i + 1;
  }
  let expected = 0;
  let found = 0;
  const invented: string[] = [];
  const originals = new Set(original.map((s) => JSON.stringify(s)));
  for (const cut of cuts) {
    const prefix = text.slice(0, cut);
    const statements = allStatements(parsePython(prefix).body);
    const got = index(statements);
    const cutLine = prefix.lastIndexOf('\n', cut - 1) + 1;
    for (const s of original) {
      if (s.span.end > cut) continue;
      expected++;
      if (got.get(keyOf(s)) === JSON.stringify(s)) found++;
    }
    // No made-up code: a simple statement wholly before the cut line is the original one.
    for (const s of statements) {
      if (s.kind === 'ErrorStmt' || COMPOUND.has(s.kind) || s.span.end >= cutLine) continue;
      if (!originals.has(JSON.stringify(s))) invented.push(`cut ${cut}: ${prefix.slice(s.span.start, s.span.end)}`);
    }
  }
  return { expected, found, invented };
}

/**
 * Deletes one (non-blank) character at `count` random places and counts the statements not
 * holding it that the broken text's parse still has, identical up to the one-unit shift.
 */
export function deletionSurvival(text: string, count: number, random: () => number): Survival {
  const original = allStatements(parsePython(text).body);
  let expected = 0;
  let found = 0;
  for (let k = 0; k < count; k++) {
    let at = Math.floor(random() * text.length);
    while (/\s/.test(text[at])) at = (at + 1) % text.length;
    const got = index(allStatements(parsePython(text.slice(0, at) + text.slice(at + 1)).body));
    for (const s of original) {
      if (s.span.start <= at && at < s.span.end) continue;
      const moved = s.span.start > at ? shiftSpans({ body: [s], syntaxErrors: [] }, -1).body[0] : s;
      expected++;
      if (got.get(keyOf(moved)) === JSON.stringify(moved)) found++;
    }
  }
  return { expected, found, invented: [] };
}
