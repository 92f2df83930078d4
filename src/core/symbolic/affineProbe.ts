// Layers whose every output size is an affine function of one input size (padding, cropping,
// upsampling, transposed convs, the wrappers around recurrent and other layers, Permute,
// RepeatVector), followed over symbols by asking the catalog itself: run its numeric inference
// with each symbolic dim replaced by large probe values, one axis at a time, and read off
// `out = a·in + b` per output axis (and per term of the parameter count). The coefficients are
// then the catalog's own arithmetic, config reading and dialect rules included, rather than a
// second copy of them. A fit is kept only when it is exact: an integer slope, confirmed by a
// third probe and by moving every axis at once; anything else (a floor, a product of two
// sizes) stays unknown.
import type { LayerInference, MaybeShape, SymbolicDim, SymbolicShape } from '../types';
import { add, constant, scale, type Expr } from './expr';
import type { WindowNeed } from './checks';
import { simplifyDim, toExpr } from './dims';
import type { SymbolicInference } from './layers';

/** The catalog's numeric inference of the layer on one input shape. */
export type NumericProbe = (input: MaybeShape) => LayerInference;

export const AFFINE_LAYERS = new Set([
  'ZeroPadding1D', 'ZeroPadding2D', 'ZeroPadding3D', 'Cropping1D', 'Cropping2D', 'Cropping3D',
  'UpSampling1D', 'UpSampling2D', 'UpSampling3D', 'Conv1DTranspose', 'Conv2DTranspose', 'Conv3DTranspose',
  'Bidirectional', 'TimeDistributed', 'Permute', 'RepeatVector',
]);

/** Far above any window or padding, and odd primes, so no floor or ceil passes for a slope. */
const BASE = 1_000_003;
const PROBES = [2_000_029, 3_000_017] as const;

const NONE: SymbolicInference = { shape: null, params: null };

interface Reading {
  readonly shape: readonly (number | null)[];
  readonly params: number | null;
}

function read(probe: NumericProbe, input: readonly (number | null)[]): Reading | null {
  const inf = probe(input);
  if (inf.outputShape === null || (inf.problems ?? []).some((p) => p.severity === 'error')) return null;
  const params = inf.params ? inf.params.trainable + inf.params.nonTrainable : null;
  return { shape: inf.outputShape, params };
}

/** The integer slope of v over the probes, or null when v is not exactly affine in them. */
function slope(v0: number | null, v1: number | null, v2: number | null): number | null {
  if (v0 === null || v1 === null || v2 === null) return null;
  const a = (v1 - v0) / (PROBES[0] - BASE);
  return Number.isInteger(a) && v2 - v0 === a * (PROBES[1] - BASE) ? a : null;
}

interface Fit {
  /** Per output axis: the input axis it follows and the slope; null: constant; 'unknown'. */
  readonly axes: ({ readonly from: number; readonly a: number } | null | 'unknown')[];
  /** Per input axis: the parameter count's slope in it; 'unknown' when not affine. */
  readonly params: Map<number, number> | 'unknown';
}

function fit(probe: NumericProbe, base: readonly (number | null)[], symbolic: readonly number[], r0: Reading): Fit | null {
  const axes: Fit['axes'] = r0.shape.map(() => null);
  const params = new Map<number, number>();
  let paramsKnown = r0.params !== null;
  for (const i of symbolic) {
    const moved = PROBES.map((p) => read(probe, base.map((d, k) => (k === i ? p : d))));
    const [r1, r2] = moved;
    if (!r1 || !r2 || r1.shape.length !== r0.shape.length || r2.shape.length !== r0.shape.length) return null;
    r0.shape.forEach((v0, j) => {
      const v1 = r1.shape[j];
      const v2 = r2.shape[j];
      if (v0 === v1 && v0 === v2) return;
      const a = slope(v0, v1, v2);
      axes[j] = a === null || axes[j] !== null ? 'unknown' : { from: i, a };
    });
    if (paramsKnown && !(r1.params === r0.params && r2.params === r0.params)) {
      const a = slope(r0.params, r1.params, r2.params);
      if (a === null) paramsKnown = false;
      else params.set(i, a);
    }
  }
  return { axes, params: paramsKnown ? params : 'unknown' };
}

/** a·e + b over the input dim e, as a dim. */
function affine(e: Expr, a: number, b: number): SymbolicDim {
  return simplifyDim(add(scale(e, a), constant(b)));
}

/** Cropping leaves `in − c`: a non-empty output needs in ≥ c + 1. */
function cropNeeds(className: string, input: SymbolicShape, f: Fit, r0: Reading): WindowNeed[] {
  if (!className.startsWith('Cropping')) return [];
  const needs: WindowNeed[] = [];
  f.axes.forEach((ax, j) => {
    const v0 = r0.shape[j];
    if (ax === null || ax === 'unknown' || ax.a !== 1 || v0 === null) return;
    const b = v0 - BASE;
    const len = toExpr(input[ax.from]);
    if (b < 0 && len) needs.push({ len, atLeast: 1 - b, what: `cropping of ${-b}`, property: 'cropping' });
  });
  return needs;
}

export function affineLayer(className: string, input: SymbolicShape | null, probe: NumericProbe): SymbolicInference {
  if (input === null) return NONE;
  const symbolic = input.flatMap((d, i) => (d !== null && typeof d !== 'number' ? [i] : []));
  if (symbolic.length === 0) return NONE;
  const base = input.map((d) => (d === null || typeof d === 'number' ? d : BASE));
  const r0 = read(probe, base);
  if (!r0) return NONE;
  const f = fit(probe, base, symbolic, r0);
  if (!f) return NONE;
  const shape = r0.shape.map((v0, j): SymbolicDim => {
    const ax = f.axes[j];
    if (ax === 'unknown' || v0 === null) return null;
    if (ax === null) return v0;
    const e = toExpr(input[ax.from]);
    return e && affine(e, ax.a, v0 - ax.a * BASE);
  });
  let params: Expr | null = null;
  if (f.params !== 'unknown' && r0.params !== null) {
    let p: Expr = constant(r0.params);
    for (const [i, a] of f.params) {
      const e = toExpr(input[i]);
      p = e ? add(p, scale(add(e, constant(-BASE)), a)) : p;
    }
    params = p;
  }
  // Moving every axis at once must agree with the sum of the one-axis fits (no cross terms).
  const all = read(probe, input.map((d) => (d === null || typeof d === 'number' ? d : PROBES[0])));
  if (!all) return NONE;
  const agrees = shape.every((d, j) => {
    if (d === null) return true;
    const ax = f.axes[j];
    const want = ax === null || ax === 'unknown' ? r0.shape[j] : (r0.shape[j] as number) + ax.a * (PROBES[0] - BASE);
    return all.shape[j] === want;
  });
  let sum = r0.params;
  if (sum !== null && f.params !== 'unknown') for (const a of f.params.values()) sum += a * (PROBES[0] - BASE);
  const paramsAgree = params === null || all.params === sum;
  return { shape: agrees ? shape : null, params: paramsAgree ? params : null, needs: cropNeeds(className, input, f, r0) };
}
