// The Python front end: text → ast.ts Module, via @lezer/python (an error-tolerant LR parser).
// parse/recovery.ts decides what text lezer reads (broken statements blanked, see there),
// parse/convert*.ts turn its concrete tree into ast.ts. Never throws.
import type { Module } from './ast';
import { StmtWalk } from './parse/convertStmt';
import { Recovery, type Recovered } from './parse/recovery';
import { scanLines } from './parse/lines';
import { moveSpansInPlace } from './parse/shiftSpans';

export { moveSpansInPlace, shiftSpans } from './parse/shiftSpans';

function convert(r: Recovered): { walk: StmtWalk; body: Module['body'] } {
  const walk = new StmtWalk(r.tree, r.text, r.fillers, r.originals);
  return { walk, body: walk.module() };
}

/**
 * Files longer than this are parsed in pieces cut between top-level statements, each piece
 * alone (spans shifted back): @lezer/python 1.1.19 misreads valid code deep into long files
 * (a stray error at a line break after comment lines, then good statements read as broken),
 * and Python's statements at column 0 stand alone anyway.
 */
const PIECE_CHARS = 12_000;

/** Offsets where a new piece may start: top-level statements, not `else`/`except`/..., decorators kept with their def. */
function pieceStarts(text: string): number[] {
  const lines = scanLines(text).lines;
  const cuts: number[] = [0];
  let last = 0;
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k];
    if (line.indent !== 0 || CONTINUATIONS.has(line.keyword) || lines[k - 1].keyword === '@') continue;
    if (line.start - last < PIECE_CHARS) continue;
    // Cut at the start of the physical line, so the piece begins at column 0.
    const at = text.lastIndexOf('\n', line.start - 1) + 1;
    cuts.push(at);
    last = at;
  }
  return cuts;
}

const CONTINUATIONS = new Set(['elif', 'else', 'except', 'finally', 'case']);

/** Parses Python source. Spans are UTF-16 offsets into `text` (a BOM included, CRLF kept). */
export function parsePython(text: string): Module {
  if (text.length <= PIECE_CHARS) return parseWhole(text);
  try {
    const cuts = pieceStarts(text);
    if (cuts.length === 1) return parseWhole(text);
    const body: Module['body'][number][] = [];
    const syntaxErrors: Module['syntaxErrors'][number][] = [];
    cuts.forEach((start, i) => {
      const end = i + 1 < cuts.length ? cuts[i + 1] : text.length;
      const piece = moveSpansInPlace(parseWhole(start === 0 ? text.slice(0, end) : text.slice(start, end)), start);
      body.push(...piece.body);
      syntaxErrors.push(...piece.syntaxErrors);
    });
    return { body, syntaxErrors };
  } catch {
    return parseWhole(text);
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
