// Reading a report's symbolic shapes and params back as numbers, for given symbol values: how
// the oracle tests compare them with what TF.js and Keras build.
import { strict as assert } from 'assert';
import type { LayerReport } from '../../src/core/report';
import { evaluate } from '../../src/core/symbolic/expr';
import { parseExpr } from '../../src/core/symbolic/parse';

/** A value of the report under an assignment of the symbols: a number, or null for batch/unknown. */
export function substitute(dim: number | null | string, values: ReadonlyMap<string, number>): number | null {
  if (dim === null || typeof dim === 'number') return dim;
  const e = parseExpr(dim);
  assert.ok(e, `not in the grammar: ${dim}`);
  return evaluate(e, values);
}

/** Our output shape and count of a layer, with the symbols replaced by their values. */
export function concrete(layer: LayerReport, values: ReadonlyMap<string, number>): { shape: (number | null)[]; params: number | null } {
  const shape = layer.symbolicShape ?? (layer.outputShape as (number | null)[] | null) ?? [];
  const params = layer.params ?? (layer.paramsExpr !== undefined ? substitute(layer.paramsExpr, values) : null);
  return { shape: shape.map((d) => substitute(d, values)), params };
}

