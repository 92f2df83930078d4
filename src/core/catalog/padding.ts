// ZeroPadding1D/2D/3D and Cropping1D/2D/3D as Keras 3 computes them (reshaping/zero_padding*.py,
// cropping*.py). TF.js has only the 2D pair, whose TF.js arithmetic stays in reshaping.ts;
// its entries call these for Python files.
//
// Keras's rules: a padding or cropping is an int (every side), a tuple of n ints (both sides
// of each axis) or a tuple of n pairs; each entry goes through standardize_tuple (ints ≥ 0),
// except a bare int for the 2D/3D classes, which ZeroPadding takes as it is (a negative pad
// passes the constructor and the symbolic call, and fails when the layer runs) and Cropping
// rejects when negative. Cropping that leaves nothing raises when the layer is called.
import type { ConfigValue, Dim, LayerContext, LayerInference, LayerProblem, Shape } from '../types';
import { NO_PARAMS, problem, rankProblem, readDataFormat, singleInput, type DataFormat } from './config';
import { spatialAxes } from './spatial';

type Pair = [Dim, Dim];

const LAYOUTS: Readonly<Record<number, string>> = {
  1: '[batch, steps, channels]',
  2: '[batch, height, width, channels]',
  3: '[batch, depth, height, width, channels]',
};

const NONE: LayerInference = { outputShape: null, params: NO_PARAMS, macs: 0 };

function done(inf: LayerInference, problems: readonly LayerProblem[]): LayerInference {
  return problems.length ? { ...inf, problems } : inf;
}

/** One axis's (before, after) through standardize_tuple(value, 2, allow_zero=True). */
function pairOf(v: ConfigValue): Pair | 'invalid' | null {
  const num = (d: ConfigValue): Dim | 'invalid' => (typeof d === 'number' ? (Number.isInteger(d) && d >= 0 ? d : 'invalid') : typeof d === 'string' || d === null ? 'invalid' : null);
  if (typeof v === 'number') {
    const d = num(v);
    return d === 'invalid' ? 'invalid' : [d, d];
  }
  if (!Array.isArray(v)) return typeof v === 'string' || v === null ? 'invalid' : null;
  const items = v as readonly ConfigValue[];
  if (items.length !== 2) return 'invalid';
  const a = num(items[0]);
  const b = num(items[1]);
  return a === 'invalid' || b === 'invalid' ? 'invalid' : [a, b];
}

/**
 * The (before, after) amounts per spatial axis, or 'invalid' when Keras's constructor raises;
 * null entries where a value is not statically known. `negativeInt`: what a bare negative int
 * does for the 2D/3D classes ('keep': ZeroPadding, 'invalid': Cropping).
 */
function readAmounts(n: number, value: ConfigValue, negativeInt: 'keep' | 'invalid'): Pair[] | 'invalid' | null {
  if (n === 1) {
    const p = pairOf(value);
    return p === null || p === 'invalid' ? p : [p];
  }
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return 'invalid';
    if (value < 0 && negativeInt === 'invalid') return 'invalid';
    return Array.from({ length: n }, (): Pair => [value, value]);
  }
  if (!Array.isArray(value)) return typeof value === 'string' || value === null ? 'invalid' : null;
  const items = value as readonly ConfigValue[];
  if (items.length !== n) return 'invalid';
  const pairs: Pair[] = [];
  for (const item of items) {
    const p = pairOf(item);
    if (p === 'invalid') return 'invalid';
    pairs.push(p ?? [null, null]);
  }
  return pairs;
}

interface Spatial {
  readonly input: Shape;
  readonly format: DataFormat | null;
}

function spatialInput(className: string, n: number, ctx: LayerContext, problems: LayerProblem[], hasDataFormat: boolean): Spatial | null {
  const f = hasDataFormat ? readDataFormat(ctx.config, 'keras') : 'channelsLast';
  if (f === 'invalid') problems.push(problem('config/invalid', `${className}'s dataFormat must be 'channelsLast' or 'channelsFirst': Keras raises a ValueError when the layer is constructed.`, 'dataFormat'));
  const input = singleInput(ctx.inputs);
  if (input === null) return null;
  if (input.length !== n + 2) {
    problems.push(rankProblem(className, input, n + 2, LAYOUTS[n]));
    return null;
  }
  return { input, format: f === 'invalid' ? null : f };
}

function place(input: Shape, n: number, format: DataFormat, space: readonly Dim[]): Shape {
  const out = [...input];
  spatialAxes(n, format).forEach((a, i) => (out[a] = space[i]));
  return out;
}

const SHAPES: Readonly<Record<number, string>> = {
  1: 'an int or (left, right)',
  2: 'an int, (rows, cols) or ((top, bottom), (left, right))',
  3: 'an int, a tuple of 3 ints or a tuple of 3 (before, after) pairs',
};

function invalidAmounts(className: string, key: string, n: number): LayerProblem {
  return problem('config/invalid', `${className}'s ${key} must be ${SHAPES[n]} of ints ≥ 0: Keras raises a ValueError when the layer is constructed.`, key);
}

export function inferKerasZeroPadding(className: string, n: number, ctx: LayerContext): LayerInference {
  const problems: LayerProblem[] = [];
  const raw = ctx.config.padding;
  const amounts = raw === undefined ? Array.from({ length: n }, (): Pair => [1, 1]) : readAmounts(n, raw, 'keep');
  if (amounts === 'invalid') problems.push(invalidAmounts(className, 'padding', n));
  const negative = Array.isArray(amounts) && amounts.some(([a, b]) => (a ?? 0) < 0 || (b ?? 0) < 0);
  if (negative) {
    problems.push(
      problem('config/invalid', `${className}'s padding ${String(raw)} is negative: Keras builds the layer, but padding by a negative amount raises when the model runs.`, 'padding'),
    );
  }
  const got = spatialInput(className, n, ctx, problems, true);
  if (got === null) return done(NONE, problems);
  const { input, format } = got;
  if (format === null) return done({ ...NONE, outputShape: [input[0], ...Array<Dim>(n + 1).fill(null)] }, problems);
  const ok = Array.isArray(amounts) && !negative ? amounts : null;
  const space = spatialAxes(n, format).map((a, i) => {
    const d = input[a];
    const p = ok?.[i];
    return d === null || !p || p[0] === null || p[1] === null ? null : d + p[0] + p[1];
  });
  return done({ outputShape: place(input, n, format, space), params: NO_PARAMS, macs: 0 }, problems);
}

const AXES: Readonly<Record<number, readonly string[]>> = {
  1: ['steps'],
  2: ['rows', 'columns'],
  3: ['planes', 'rows', 'columns'],
};

/** Keras's default cropping: Cropping1D (1, 1) and Cropping3D 1 on every side, Cropping2D none. */
const CROP_DEFAULT: Readonly<Record<number, number>> = { 1: 1, 2: 0, 3: 1 };

export function inferKerasCropping(className: string, n: number, ctx: LayerContext): LayerInference {
  const problems: LayerProblem[] = [];
  const raw = ctx.config.cropping;
  const amounts = raw === undefined ? Array.from({ length: n }, (): Pair => [CROP_DEFAULT[n], CROP_DEFAULT[n]]) : readAmounts(n, raw, 'invalid');
  if (amounts === 'invalid') problems.push(invalidAmounts(className, 'cropping', n));
  const got = spatialInput(className, n, ctx, problems, n > 1);
  if (got === null) return done(NONE, problems);
  const { input, format } = got;
  if (format === null) return done({ ...NONE, outputShape: [input[0], ...Array<Dim>(n + 1).fill(null)] }, problems);
  const ok = Array.isArray(amounts) ? amounts : null;
  const space = spatialAxes(n, format).map((a, i): Dim => {
    const d = input[a];
    const p = ok?.[i];
    if (d === null || !p || p[0] === null || p[1] === null) return null;
    const left = d - p[0] - p[1];
    if (left <= 0 && !problems.some((q) => q.code === 'shape/non-positive-dim')) {
      const axis = AXES[n][i];
      problems.push(
        problem(
          'shape/non-positive-dim',
          `${className} removes ${p[0]} + ${p[1]} = ${p[0] + p[1]} ${axis} from its ${d} ${axis}, leaving ${left}: Keras raises a ValueError when the layer is called (the cropping must be smaller than the input).`,
          'cropping',
        ),
      );
    }
    return left <= 0 ? null : left;
  });
  return done({ outputShape: place(input, n, format, space), params: NO_PARAMS, macs: 0 }, problems);
}
