// The report's expressions (plain grammar, reportJson.ts) spelled as hints spell them, for the
// summaries, which are rendered from the report rather than from the analysis.
import { parseExpr } from './parse';
import { print } from './print';

/** `50*n+50` → `50·n + 50` (spaced) or `IMG-2` → `IMG−2`; text outside the grammar as it is. */
export function displayExpr(plain: string, spaced = false): string {
  const e = parseExpr(plain);
  return e ? print(e, 'display', spaced) : plain;
}

/** A report's symbolic shape as Keras writes shapes: `(None, IMG−2, IMG−2, 32)`. */
export function formatReportShape(shape: readonly (number | null | string)[]): string {
  const dims = shape.map((d) => (d === null ? 'None' : typeof d === 'number' ? String(d) : displayExpr(d)));
  return `(${dims.join(', ')}${shape.length === 1 ? ',' : ''})`;
}
