// A layer's first (or only) output shape: the report gives a list of shapes for layers with
// several outputs (a Keras LSTM with return_state); the panel draws and previews the first.
import type { LayerReport } from '../../src/core/report';

export type Shape = (number | null)[];

export function primaryShape(shape: LayerReport['outputShape']): Shape | null {
  if (shape === null || shape.length === 0) return shape as Shape | null;
  return Array.isArray(shape[0]) ? (shape[0] as Shape) : (shape as Shape);
}

const MAX_EXPR = 200;

/** The report's plain grammar with the signs hints use: `IMG-2` → `IMG−2`, `16*IMG` → `16·IMG`. */
export function displayExpr(plain: string): string {
  return plain.replace(/\*/g, '·').replace(/-/g, '−');
}

/**
 * The shape the diagram shows: the symbolic one (`[null,IMG−2,IMG−2,32]`) where the report has
 * one, else the output shape. A symbolicShape that is not what the report writes is ignored.
 */
export function shownShape(layer: LayerReport): (number | null | string)[] | null {
  const s: unknown = layer.symbolicShape;
  if (Array.isArray(s) && s.length <= 64 && s.every((d) => d === null || typeof d === 'number' || (typeof d === 'string' && d.length <= MAX_EXPR))) {
    return (s as (number | null | string)[]).map((d) => (typeof d === 'string' ? displayExpr(d) : d));
  }
  return primaryShape(layer.outputShape);
}

/** A layer's parameter count as an expression, when the report gives one (`50·numFeatures+50`). */
export function shownParamsExpr(layer: LayerReport): string | null {
  const e: unknown = layer.paramsExpr;
  return typeof e === 'string' && e.length <= MAX_EXPR ? displayExpr(e) : null;
}
