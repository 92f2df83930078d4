// When a bracket (or a triple-quoted string) is never closed, CPython's tokenizer reads to the
// end of the file and the parser fails somewhere in the middle of it. For an editor the useful
// reading is "the statement that opened it ends where the next statement seems to begin", so
// that the lines after it still count. This guesses whether a physical line inside the open
// bracket starts a statement: it is only asked about lines at an indentation no deeper than the
// broken statement's own, and only used when the bracket is still open at the end of the text.
import * as chars from './chars';

// Local references (see lines.ts).
const { isIdentChar, isIdentStart } = chars;

/** Keywords that only ever start a statement. */
const STATEMENT_ONLY = new Set([
  'def', 'class', 'return', 'import', 'from', 'raise', 'pass', 'break', 'continue', 'global',
  'nonlocal', 'del', 'assert', 'try', 'while', 'with', 'elif', 'except', 'finally',
]);

/** Keywords that also appear inside expressions: a statement only if the line ends with ':'. */
const HEADER_IF_COLON = new Set(['if', 'for', 'else', 'async', 'match', 'case']);

/** Words that continue an expression (`and`, `lambda`, ...) or are values. */
const EXPRESSION_WORDS = new Set(['and', 'or', 'not', 'in', 'is', 'lambda', 'await', 'yield', 'None', 'True', 'False']);

interface LineShape {
  /** Bracket depth went below zero (the line closes a bracket opened before it). */
  negative: boolean;
  /** An `=` or augmented assignment outside brackets opened on this line. */
  assigns: boolean;
  /** Bracket depth at the end of the line. */
  depth: number;
  /** The last token character (0 if none). */
  last: number;
  /** Offset of the first character after the leading dotted name. */
  afterName: number;
}

/** A rough token pass over one physical line from `i` (strings skipped, comments ignored). */
function shapeOf(text: string, i: number): LineShape {
  const n = text.length;
  const shape: LineShape = { negative: false, assigns: false, depth: 0, last: 0, afterName: -1 };
  let sawNonName = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d || c === 0x23) break;
    if (c === 0x20 || c === 0x09) {
      i++;
      continue;
    }
    if (!sawNonName && !isIdentChar(c) && c !== 0x2e) {
      shape.afterName = i;
      sawNonName = true;
    }
    if (c === 0x27 || c === 0x22) {
      // A one-line string: skip to its closing quote (or the line end).
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i += 2;
        else if (d === c || d === 0x0a || d === 0x0d) break;
        else i++;
      }
      i++;
      shape.last = c;
      continue;
    }
    if (c === 0x28 || c === 0x5b || c === 0x7b) shape.depth++;
    else if (c === 0x29 || c === 0x5d || c === 0x7d) {
      shape.depth--;
      if (shape.depth < 0) shape.negative = true;
    } else if (c === 0x3d && shape.depth === 0) {
      const prev = text.charCodeAt(i - 1);
      const next = text.charCodeAt(i + 1);
      // `==`, `<=`, `>=`, `!=` and `:=` compare or bind inside an expression; `+=` etc. assign.
      if (next !== 0x3d && prev !== 0x3d && prev !== 0x3c && prev !== 0x3e && prev !== 0x21 && prev !== 0x3a) shape.assigns = true;
    }
    shape.last = c;
    i++;
  }
  if (!sawNonName) shape.afterName = i;
  return shape;
}

/**
 * Does the physical line whose first token is at `i` look like the start of a statement?
 * `strict` (for a never-closed string, whose lines are prose) accepts only a def, class or
 * import.
 */
export function looksLikeStatementStart(text: string, i: number, strict: boolean): boolean {
  const c = text.charCodeAt(i);
  // `@param` is common in docstrings, so a decorator only counts outside strings.
  if (c === 0x40) return !strict && isIdentStart(text.charCodeAt(i + 1));
  if (!isIdentStart(c)) return false;
  let j = i + 1;
  while (j < text.length && isIdentChar(text.charCodeAt(j))) j++;
  const word = text.slice(i, j);
  if (strict) return strictStatement(text, word, j);
  if (STATEMENT_ONLY.has(word)) return true;
  if (EXPRESSION_WORDS.has(word)) return false;
  const shape = shapeOf(text, j);
  if (HEADER_IF_COLON.has(word)) return shape.last === 0x3a && shape.depth === 0;
  if (shape.negative) return false;
  // A trailing comma at depth 0 is an element of the enclosing list, not a statement.
  if (shape.depth === 0 && shape.last === 0x2c) return false;
  if (shape.assigns) return true;
  // `model.add(...)`, `print(...)`: a dotted name called.
  return shape.afterName >= 0 && text.charCodeAt(shape.afterName) === 0x28;
}

function strictStatement(text: string, word: string, j: number): boolean {
  const rest = text.slice(j, Math.min(text.length, j + 200)).split(/\r?\n|\r/, 1)[0];
  switch (word) {
    case 'def':
      return /^\s+[A-Za-z_]\w*\s*\(/.test(rest);
    case 'class':
      return /^\s+[A-Za-z_]\w*\s*[(:]/.test(rest);
    case 'import':
      return /^\s+[A-Za-z_][\w.]*(\s+as\s+\w+)?\s*(,|$|#)/.test(rest);
    case 'from':
      return /^\s+[\w.]+\s+import\s/.test(rest);
    case 'async':
      return /^\s+def\s+[A-Za-z_]\w*\s*\(/.test(rest);
    default:
      return false;
  }
}
