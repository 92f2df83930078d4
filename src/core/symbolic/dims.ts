// Shared arithmetic of the symbolic layer rules (layers.ts, convs.ts, affineProbe.ts,
// recurrent.ts): dims as expressions and back, products, and one spatial size through a window.
import type { SymbolicDim, SymbolicShape } from '../types';
import { add, asConstant, constant, divide, mul, sub, type Expr } from './expr';
import type { WindowNeed } from './checks';

export function toExpr(d: SymbolicDim): Expr | null {
  if (d === null) return null;
  return typeof d === 'number' ? constant(d) : d;
}

/** An expression that holds no symbol is a plain number again. */
export function simplifyDim(e: Expr | null): SymbolicDim {
  if (e === null) return null;
  const c = asConstant(e);
  return c !== null ? c : e;
}

export function productOf(dims: readonly SymbolicDim[]): Expr | null {
  let p: Expr = constant(1);
  for (const d of dims) {
    const e = toExpr(d);
    if (e === null) return null;
    p = mul(p, e);
  }
  return p;
}

export function isSymbolic(shape: SymbolicShape | null): shape is SymbolicShape {
  return shape !== null && shape.some((d) => d !== null && typeof d !== 'number');
}

/** The spatial axes and the channel axis of an n-D layer in either data format. */
export function spatial(n: number, channelsFirst: boolean): { axes: number[]; channel: number } {
  const axes = Array.from({ length: n }, (_, i) => (channelsFirst ? i + 2 : i + 1));
  return { axes, channel: channelsFirst ? 1 : n + 1 };
}

/**
 * One spatial size through a window: 'same' gives ⌈L/s⌉; 'valid' ⌊(L − e)/s⌋ + 1, where e is
 * the dilated extent; Keras's causal Conv1D pads to ⌈L/s⌉ too.
 */
export function windowLength(len: SymbolicDim, extent: number | null, stride: number | null, padding: string | null): SymbolicDim {
  const l = toExpr(len);
  if (l === null || stride === null || !Number.isInteger(stride) || stride <= 0) return null;
  if (padding === 'same' || padding === 'causal') return simplifyDim(divide(l, stride, 'ceil'));
  if (padding !== 'valid' || extent === null || !Number.isInteger(extent) || extent <= 0) return null;
  const q = divide(sub(l, constant(extent)), stride, 'floor');
  return simplifyDim(q && add(q, constant(1)));
}

/**
 * What a 'valid' window needs of a symbolic input length for a non-empty output: L ≥ e. Below
 * it Keras raises and TF.js throws or builds an empty map, so it is a condition on the symbol.
 */
export function windowNeeds(input: SymbolicShape, axes: readonly number[], extents: readonly (number | null)[], padding: string | null, what: string, property: string): WindowNeed[] {
  if (padding !== 'valid') return [];
  const out: WindowNeed[] = [];
  axes.forEach((a, i) => {
    const d = input[a];
    const e = extents[i];
    if (d !== null && typeof d !== 'number' && e !== null && e > 1) out.push({ len: d, atLeast: e, what, property });
  });
  return out;
}

/** `3×3`, or `size-3` for one axis (a "3 kernel" reads wrong). */
export function windowText(sizes: readonly (number | null)[]): string {
  const text = sizes.map((x) => x ?? '?').join('×');
  return sizes.length === 1 ? `size-${text}` : text;
}
