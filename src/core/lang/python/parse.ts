// The Python front end: text → ast.ts Module, via @lezer/python (an error-tolerant LR parser).
// parse/recovery.ts decides what text lezer reads (broken statements blanked, see there),
// parse/convert*.ts turn its concrete tree into ast.ts. Never throws.
import type { Module } from './ast';
import { StmtWalk } from './parse/convertStmt';
import { Recovery, type Recovered } from './parse/recovery';
import { scanLines } from './parse/lines';
import { PieceCache } from './parse/pieceCache';
import { moveSpansInPlace } from './parse/shiftSpans';

export { copyShifted, moveSpansInPlace, shiftSpans } from './parse/shiftSpans';

function convert(r: Recovered): { walk: StmtWalk; body: Module['body'] } {
  const walk = new StmtWalk(r.tree, r.text, r.fillers, r.originals);
  return { walk, body: walk.module() };
}

/**
 * Files longer than this are parsed in pieces cut between top-level statements, each piece
 * alone (spans shifted back): @lezer/python 1.1.19 misreads valid code deep into long files
 * (a stray error at a line break after comment lines, then good statements read as broken),
 * and Python's statements at column 0 stand alone anyway. No piece is longer than this either,
 * where the code allows a cut.
 */
const PIECE_CHARS = 12_000;

/** Parses of pieces and of whole short texts (notebook cells), by text: an edit parses what it changed. */
const pieces = new PieceCache();

/**
 * Offsets where pieces start: top-level statements (not `else`/`except`/..., decorators kept
 * with their def) that follow a blank line, and others where a piece would pass PIECE_CHARS.
 * The blank-line rule looks only at the text around a cut, so an edit moves no cut but its own
 * (cuts chosen by distance from the last one would all move, and every piece after an edit
 * would be new to the piece cache).
 */
function pieceStarts(text: string): number[] {
  const lines = scanLines(text).lines;
  const cuts: number[] = [0];
  let last = 0;
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k];
    if (line.indent !== 0 || CONTINUATIONS.has(line.keyword) || lines[k - 1].keyword === '@') continue;
    // Cut at the start of the physical line, so the piece begins at column 0.
    const at = text.lastIndexOf('\n', line.start - 1) + 1;
    if (!(followsBlankLine(text, at) && chosenCut(text, at)) && line.start - last < PIECE_CHARS) continue;
    cuts.push(at);
    last = at;
  }
  return cuts;
}

/** 1 in CUT_ONE_IN of the blank-line cuts is taken, by a hash of the line alone: a piece holds several statements (every lezer parse has a fixed cost), and which cuts are taken still depends on no other text. */
const CUT_ONE_IN = 8;

/** Whether the candidate cut at line start `at` is one taken: FNV-1a of the line's first 48 characters. */
function chosenCut(text: string, at: number): boolean {
  let h = 0x811c9dc5;
  const end = Math.min(text.length, at + 48);
  for (let i = at; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) break;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return (h >>> 0) % CUT_ONE_IN === 0;
}

/** The physical line before offset `at` (a line start) holds nothing but whitespace (a comment line is not blank). */
function followsBlankLine(text: string, at: number): boolean {
  let i = at - 1; // the line break ending the previous line
  if (i < 0 || text.charCodeAt(i) !== 0x0a) return false;
  i--;
  if (i >= 0 && text.charCodeAt(i) === 0x0d) i--;
  while (i >= 0) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return true;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0c) return false;
    i--;
  }
  return true;
}

const CONTINUATIONS = new Set(['elif', 'else', 'except', 'finally', 'case']);

/**
 * Parses Python source. Spans are UTF-16 offsets into `text` (a BOM included, CRLF kept), plus
 * `offset` (where `text` stands in a larger one: a notebook cell, another file). The tree is
 * shared with other parses of the same text (parse/pieceCache.ts): read it, never change it
 * (`copyShifted` gives a tree of one's own).
 */
export function parsePython(text: string, offset = 0): Module {
  return parseWith(pieces, text, offset);
}

/** A parse no earlier one has seen, for tests comparing the cache with the truth: a tree of its own. */
export function parsePythonUncached(text: string, offset = 0): Module {
  return parseWith(new PieceCache(), text, offset);
}

function parseWith(pieces: PieceCache, text: string, offset: number): Module {
  if (text.length <= PIECE_CHARS) return pieces.get(text, offset, parseWhole);
  try {
    const cuts = pieceStarts(text);
    if (cuts.length === 1) return pieces.get(text, offset, parseWhole);
    const body: Module['body'][number][] = [];
    const syntaxErrors: Module['syntaxErrors'][number][] = [];
    cuts.forEach((start, i) => {
      const end = i + 1 < cuts.length ? cuts[i + 1] : text.length;
      const piece = pieces.get(start === 0 ? text.slice(0, end) : text.slice(start, end), offset + start, parseWhole);
      body.push(...piece.body);
      syntaxErrors.push(...piece.syntaxErrors);
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
