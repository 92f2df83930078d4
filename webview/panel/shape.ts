// A layer's first (or only) output shape: the report gives a list of shapes for layers with
// several outputs (a Keras LSTM with return_state); the panel draws and previews the first.
import type { LayerReport } from '../../src/core/report';

export type Shape = (number | null)[];

export function primaryShape(shape: LayerReport['outputShape']): Shape | null {
  if (shape === null || shape.length === 0) return shape as Shape | null;
  return Array.isArray(shape[0]) ? (shape[0] as Shape) : (shape as Shape);
}
