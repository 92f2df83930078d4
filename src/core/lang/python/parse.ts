// The Python front end: text → ast.ts Module, via @lezer/python (an error-tolerant LR parser).
// parse/recovery.ts decides what text lezer reads (broken statements blanked, see there),
// parse/convert*.ts turn its concrete tree into ast.ts. Never throws.
import type { Module } from './ast';
import { StmtWalk } from './parse/convertStmt';
import { parseWithRecovery } from './parse/recovery';

export { shiftSpans } from './parse/shiftSpans';

/** Parses Python source. Spans are UTF-16 offsets into `text` (a BOM included, CRLF kept). */
export function parsePython(text: string): Module {
  try {
    // A byte-order mark is no identifier character (lezer would read it as one): a space, same length.
    const bom = text.charCodeAt(0) === 0xfeff;
    const source = bom ? ' ' + text.slice(1) : text;
    const recovered = parseWithRecovery(source, bom);
    const walk = new StmtWalk(recovered.tree, recovered.text, recovered.fillers, recovered.numbers);
    const body = walk.module();
    const syntaxErrors = [...recovered.problems, ...walk.problems].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    return { body, syntaxErrors };
  } catch (e) {
    // Defence in depth: a bug in the front end must not take the analysis of the file down.
    const message = e instanceof Error ? e.message : String(e);
    return { body: [{ kind: 'ErrorStmt', span: { start: 0, end: text.length } }], syntaxErrors: [{ message: `internal parser error: ${message}`, span: { start: 0, end: 0 } }] };
  }
}
