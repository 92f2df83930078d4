// A layer whose declared output has a negative size (a window much larger than its input,
// over-cropping, a negative stride). Keras raises when the layer is called. TF.js checks it in
// one place only: Sequential.add throws "Negative dimension size caused by adding layer". A
// functional model (tf.model, or apply on symbolic tensors) builds it, and predict then runs
// to a tensor whose shape holds the negative numbers (convolutions) or throws (pooling), so in
// a functional model it is no certain error: a warning. Zero is not negative: TF.js builds and
// runs empty tensors (the catalog warns where one first appears, 'shape/empty-output').
import type { Dialect, LayerProblem, MaybeShape, ModelGraph } from '../types';

const CODE = 'shape/non-positive-dim';

const FUNCTIONAL_NOTE =
  ' A functional model still builds this (TF.js checks for negative sizes only in Sequential.add), but what the layer computes has no meaningful size.';

function certain(dialect: Dialect | undefined, kind: ModelGraph['kind']): boolean {
  return dialect === 'keras' || kind === 'sequential';
}

/** The catalog's negative-size errors, kept as errors where they are certain, else warnings. */
export function negativeSizeSeverity(problems: readonly LayerProblem[], dialect: Dialect | undefined, kind: ModelGraph['kind']): LayerProblem[] {
  if (certain(dialect, kind)) return [...problems];
  return problems.map((p) => (p.code === CODE && p.severity === 'error' ? { ...p, severity: 'warning', message: p.message + FUNCTIONAL_NOTE } : p));
}

/**
 * A known negative dimension the catalog entry did not already explain. Keras builds a 0 (a
 * size-0 tensor, e.g. from a transposed conv or an input of size 0), and so does TF.js, so
 * only a negative dim is a problem.
 */
export function negativeDimProblem(className: string, shape: MaybeShape, dialect: Dialect | undefined, kind: ModelGraph['kind']): LayerProblem | null {
  if (!shape) return null;
  const bad = shape.findIndex((d, i) => i > 0 && typeof d === 'number' && d < 0);
  if (bad < 0) return null;
  const shown = `[${shape.map((d) => (d === null ? 'null' : d)).join(', ')}]`;
  const head = `${className} would output a tensor of shape ${shown}: dimension ${bad} is negative`;
  if (dialect === 'keras') return { code: CODE, severity: 'error', message: `${head}, so Keras cannot build this layer.` };
  if (kind === 'sequential') return { code: CODE, severity: 'error', message: `${head}, so TF.js's Sequential.add throws on this layer.` };
  return { code: CODE, severity: 'warning', message: `${head}.${FUNCTIONAL_NOTE}` };
}

/** The shape later layers see: a negative size is no size, so it becomes unknown. */
export function withoutNegativeDims(shape: MaybeShape): MaybeShape {
  return shape && shape.some((d) => d !== null && d < 0) ? shape.map((d) => (d !== null && d < 0 ? null : d)) : shape;
}
