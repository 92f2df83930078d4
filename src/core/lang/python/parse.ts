// The Python front end: text → ast.ts Module, via @lezer/python (an error-tolerant LR parser).
// parse/recovery.ts decides what text lezer reads (broken statements blanked, see there),
// parse/convert*.ts turn its concrete tree into ast.ts. Never throws.
import type { Module } from './ast';
import { StmtWalk } from './parse/convertStmt';
import { Recovery, type Recovered } from './parse/recovery';
import { LineNumbers } from './parse/lines';
import { shiftLineRefs } from './parse/lineRefs';
import { PieceCache } from './parse/pieceCache';
import { PIECE_CHARS, PieceCutter } from './parse/pieceCuts';
import { moveSpansInPlace } from './parse/shiftSpans';

export { copyShifted, moveSpansInPlace, shiftSpans } from './parse/shiftSpans';

function convert(r: Recovered): { walk: StmtWalk; body: Module['body'] } {
  const walk = new StmtWalk(r.tree, r.text, r.fillers, r.originals);
  return { walk, body: walk.module() };
}

/** Parses of pieces and of whole short texts (notebook cells), by text: an edit parses what it changed. */
const pieces = new PieceCache();
/** Where long texts are cut, kept per recent text: an edit scans again only around itself. */
const cutter = new PieceCutter();

/**
 * Parses Python source. Spans are UTF-16 offsets into `text` (a BOM included, CRLF kept), plus
 * `offset` (where `text` stands in a larger one: a notebook cell, another file). The tree is
 * shared with other parses of the same text (parse/pieceCache.ts): read it, never change it
 * (`copyShifted` gives a tree of one's own).
 */
export function parsePython(text: string, offset = 0): Module {
  return parseWith(pieces, cutter, text, offset);
}

/** A parse no earlier one has seen, for tests comparing the cache with the truth: a tree of its own. */
export function parsePythonUncached(text: string, offset = 0): Module {
  return parseWith(new PieceCache(), new PieceCutter(), text, offset);
}

function parseWith(pieces: PieceCache, cutter: PieceCutter, text: string, offset: number): Module {
  if (text.length <= PIECE_CHARS) return pieces.get(text, offset, parseWhole);
  try {
    const cuts = cutter.starts(text);
    if (cuts.length === 1) return pieces.get(text, offset, parseWhole);
    const body: Module['body'][number][] = [];
    const syntaxErrors: Module['syntaxErrors'][number][] = [];
    // Only for pieces with errors: where they start, to number their messages' lines in the text.
    let lines: LineNumbers | null = null;
    cuts.forEach((start, i) => {
      const end = i + 1 < cuts.length ? cuts[i + 1] : text.length;
      const piece = pieces.get(start === 0 ? text.slice(0, end) : text.slice(start, end), offset + start, parseWhole);
      body.push(...piece.body);
      if (piece.syntaxErrors.length === 0) return;
      const linesAbove = start === 0 ? 0 : (lines ??= new LineNumbers(text)).at(start) - 1;
      for (const problem of piece.syntaxErrors) syntaxErrors.push(shiftLineRefs(problem, linesAbove));
    });
    return { body, syntaxErrors };
  } catch {
    return moveSpansInPlace(parseWhole(text), offset);
  }
}

function parseWhole(text: string): Module {
  try {
    // A byte-order mark is no identifier character (lezer would read it as one): a space, same length.
    const bom = text.charCodeAt(0) === 0xfeff;
    const recovery = new Recovery(bom ? ' ' + text.slice(1) : text, bom);
    let converted = convert(recovery.result);
    // Only a tree with error nodes needs recovery rounds; the converter has met them if so.
    if (converted.walk.unreadableCount > 0) {
      recovery.recover();
      converted = convert(recovery.result);
    }
    const syntaxErrors = [...recovery.result.problems, ...converted.walk.problems].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    return { body: converted.body, syntaxErrors };
  } catch (e) {
    // Defence in depth: a bug in the front end must not take the analysis of the file down.
    const message = e instanceof Error ? e.message : String(e);
    return { body: [{ kind: 'ErrorStmt', span: { start: 0, end: text.length } }], syntaxErrors: [{ message: `internal parser error: ${message}`, span: { start: 0, end: 0 } }] };
  }
}
