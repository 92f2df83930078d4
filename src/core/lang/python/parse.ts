// The Python front end: text → ast.ts Module, via @lezer/python (an error-tolerant LR parser).
// parse/recovery.ts decides what text lezer reads (broken statements blanked, see there),
// parse/convert*.ts turn its concrete tree into ast.ts. Never throws.
import type { Module } from './ast';
import { StmtWalk } from './parse/convertStmt';
import { Recovery, type Recovered } from './parse/recovery';

export { shiftSpans } from './parse/shiftSpans';

function convert(r: Recovered): { walk: StmtWalk; body: Module['body'] } {
  const walk = new StmtWalk(r.tree, r.text, r.fillers, r.originals);
  return { walk, body: walk.module() };
}

/** Parses Python source. Spans are UTF-16 offsets into `text` (a BOM included, CRLF kept). */
export function parsePython(text: string): Module {
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
