// Reshaping layers: Reshape, Permute, RepeatVector (tfjs-layers/src/layers/core.ts) and
// ZeroPadding2D (padding.ts), Cropping2D, UpSampling2D (convolutional.ts).
//
// TF.js quirks kept here:
// - Reshape resolves -1 only when the whole input shape, batch included, is known; with the
//   usual null batch its symbolic output keeps null for -1 (Keras resolves it), and a size
//   mismatch surfaces only when the model runs.
// - UpSampling2D's size must be an array; a number gives NaN dims (Keras accepts an int):
//   the model still builds, so this is a warning with null dims.
// - Cropping2D subtracts from a null dim (null - 1 - 1 = -2 in JS); we keep null instead.
//
// Keras 3 (Python files): Reshape resolves -1 from the non-batch dims alone (kerasReshape.ts);
// the padding, cropping and upsampling layers exist in 1D/2D/3D (padding.ts, upsampling.ts);
// Cropping2D() crops nothing by default; UpSampling2D takes an int size; RepeatVector's n
// must be a positive int.
import type { ConfigValue, Dim, LayerContext, LayerInference, LayerProblem, LayerSpec, Shape } from '../types';
import { NO_PARAMS, formatShape, problem, rankProblem, readDataFormat, singleInput, type DataFormat } from './config';
import { keras, withKeras } from './keras';
import { inferKerasReshape } from './kerasReshape';
import { inferKerasCropping, inferKerasZeroPadding } from './padding';
import { spatialAxes } from './spatial';
import { inferKerasUpSampling } from './upsampling';

const NONE: LayerInference = { outputShape: null, params: NO_PARAMS, macs: 0 };

function withProblems(inf: LayerInference, problems: readonly LayerProblem[]): LayerInference {
  return problems.length ? { ...inf, problems } : inf;
}

/** Reshape's target entry: a number; null for "-1"/negative/null (TF.js's isUnknown); 'unknown' when not static. */
function targetEntries(value: ConfigValue): (number | null | 'unknown')[] | null {
  if (!Array.isArray(value)) return null;
  return (value as readonly ConfigValue[]).map((d) => (typeof d === 'number' ? (d < 0 ? null : d) : d === null ? null : 'unknown'));
}

const reshape: LayerSpec = {
  className: 'Reshape',
  factories: ['reshape'],
  family: 'reshaping',
  doc: 'Reshapes the non-batch axes to targetShape (one entry may be -1).',
  infer(ctx): LayerInference {
    const problems: LayerProblem[] = [];
    if (ctx.config.targetShape === undefined) return withProblems(NONE, [problem('config/invalid', 'Reshape requires targetShape.', 'targetShape')]);
    const target = targetEntries(ctx.config.targetShape);
    const input = singleInput(ctx.inputs);
    if (target === null) return { ...NONE, outputShape: null };
    const wildcards = target.filter((d) => d === null).length;
    if (wildcards > 1) problems.push(problem('config/invalid', 'Reshape\'s targetShape can hold only one -1.', 'targetShape'));
    const asDims: Dim[] = target.map((d) => (d === 'unknown' ? null : d));
    if (input === null) return withProblems({ ...NONE, outputShape: null }, problems);
    const body = input.slice(1);
    const inputSize = body.every((d) => d !== null) ? (body as number[]).reduce((a, b) => a * b, 1) : null;
    let resolved: Dim[] | null = null;
    if (inputSize !== null && !target.includes('unknown') && wildcards <= 1) {
      const known = (target.filter((d) => d !== null) as number[]).reduce((a, b) => a * b, 1);
      const shown = formatShape(target.map((d) => (d === null ? -1 : d)) as number[]);
      if (wildcards === 1) {
        if (known === 0 || inputSize % known !== 0) {
          problems.push(
            problem('shape/reshape-size', `Reshape cannot fit ${inputSize} elements (${formatShape(body)}) into ${shown}: ${inputSize} is not a multiple of ${known}.`, 'targetShape'),
          );
        } else {
          resolved = target.map((d) => (d === null ? inputSize / known : d)) as number[];
        }
      } else if (known !== inputSize) {
        problems.push(
          problem('shape/reshape-size', `Reshape changes the element count: ${formatShape(body)} holds ${inputSize} elements but ${shown} holds ${known}.`, 'targetShape'),
        );
      } else {
        resolved = asDims;
      }
    }
    // TF.js's computeOutputShape resolves -1 only when every input dim, batch too, is known.
    const batchKnown = input[0] !== null;
    const outputShape: Shape = [input[0], ...(batchKnown && resolved !== null ? resolved : asDims)];
    return withProblems({ outputShape, params: NO_PARAMS, macs: 0 }, problems);
  },
};

const permute: LayerSpec = {
  className: 'Permute',
  factories: ['permute'],
  family: 'reshaping',
  doc: 'Reorders the non-batch axes; dims are 1-based (e.g. [2, 1] swaps the first two).',
  infer(ctx): LayerInference {
    const dims = ctx.config.dims;
    if (!Array.isArray(dims)) {
      if (dims === undefined || dims === null || typeof dims === 'number' || typeof dims === 'string') {
        return withProblems(NONE, [problem('config/invalid', 'Permute requires dims, an array of 1-based axes.', 'dims')]);
      }
      return NONE;
    }
    const list = dims as readonly ConfigValue[];
    if (!list.every((d): d is number => typeof d === 'number')) return NONE;
    const sorted = [...list].sort((a, b) => a - b);
    if (!sorted.every((d, i) => d === i + 1)) {
      return withProblems(NONE, [problem('config/invalid', `Permute's dims ${formatShape(list)} must be a permutation of 1..${list.length}.`, 'dims')]);
    }
    const input = singleInput(ctx.inputs);
    if (input === null) return NONE;
    if (input.length !== list.length + 1) {
      return withProblems(NONE, [rankProblem('Permute', input, list.length + 1, `(dims ${formatShape(list)} name ${list.length} axes after the batch)`)]);
    }
    return { outputShape: [input[0], ...list.map((d) => input[d])], params: NO_PARAMS, macs: 0 };
  },
};

const repeatVector: LayerSpec = {
  className: 'RepeatVector',
  factories: ['repeatVector'],
  family: 'reshaping',
  doc: 'Repeats a [batch, features] input n times: → [batch, n, features].',
  infer(ctx): LayerInference {
    const n = typeof ctx.config.n === 'number' ? ctx.config.n : null;
    if (ctx.dialect === 'keras' && ((n !== null && (!Number.isInteger(n) || n <= 0)) || ctx.config.n === undefined || typeof ctx.config.n === 'boolean')) {
      return withProblems(NONE, [problem('config/invalid', `RepeatVector's n must be a positive int: Keras raises an error when the layer is constructed.`, 'n')]);
    }
    const input = singleInput(ctx.inputs);
    if (input === null) return NONE;
    if (input.length !== 2) return withProblems(NONE, [rankProblem('RepeatVector', input, 2, '[batch, features]')]);
    return { outputShape: [input[0], n, input[1]], params: NO_PARAMS, macs: 0 };
  },
};

type Pairs = [[Dim, Dim], [Dim, Dim]];

/** ZeroPadding2D padding / Cropping2D cropping: n | [h, w] | [[top, bottom], [left, right]]. */
function readPairs(value: ConfigValue): Pairs | null | 'invalid' {
  const num = (v: ConfigValue): Dim => (typeof v === 'number' ? v : null);
  if (typeof value === 'number') return [[value, value], [value, value]];
  if (!Array.isArray(value)) return null;
  const outer = value as readonly ConfigValue[];
  if (outer.length !== 2) return 'invalid';
  if (typeof outer[0] === 'number' || typeof outer[1] === 'number') {
    return [[num(outer[0]), num(outer[0])], [num(outer[1]), num(outer[1])]];
  }
  const pair = (v: ConfigValue): [Dim, Dim] | 'invalid' | null => {
    if (!Array.isArray(v)) return null;
    const p = v as readonly ConfigValue[];
    return p.length === 2 ? [num(p[0]), num(p[1])] : 'invalid';
  };
  const h = pair(outer[0]);
  const w = pair(outer[1]);
  if (h === 'invalid' || w === 'invalid') return 'invalid';
  if (h === null || w === null) return null;
  return [h, w];
}

function image2dInput(className: string, ctx: Parameters<LayerSpec['infer']>[0], problems: LayerProblem[]): { input: Shape; format: DataFormat | null } | null {
  const input = singleInput(ctx.inputs);
  if (input === null) return null;
  if (input.length !== 4) {
    problems.push(rankProblem(className, input, 4, '[batch, height, width, channels]'));
    return null;
  }
  const f = readDataFormat(ctx.config, ctx.dialect);
  if (f === 'invalid') {
    problems.push(problem('config/invalid', `${className}'s dataFormat must be 'channelsLast' or 'channelsFirst'.`, 'dataFormat'));
    return { input, format: null };
  }
  return { input, format: f };
}

function placeSpatial(input: Shape, format: DataFormat, rows: Dim, cols: Dim): Shape {
  return format === 'channelsFirst' ? [input[0], input[1], rows, cols] : [input[0], rows, cols, input[3]];
}

const zeroPadding2d: LayerSpec = {
  className: 'ZeroPadding2D',
  factories: ['zeroPadding2d'],
  family: 'reshaping',
  doc: 'Adds rows and columns of zeros around an image (default 1 on every side).',
  infer(ctx): LayerInference {
    const problems: LayerProblem[] = [];
    const pairs = ctx.config.padding === undefined || ctx.config.padding === null ? ([[1, 1], [1, 1]] as Pairs) : readPairs(ctx.config.padding);
    if (pairs === 'invalid') problems.push(problem('config/invalid', 'ZeroPadding2D\'s padding must be a number, [rows, cols] or [[top, bottom], [left, right]].', 'padding'));
    const got = image2dInput('ZeroPadding2D', ctx, problems);
    if (got === null) return withProblems(NONE, problems);
    const { input, format } = got;
    if (format === null) return withProblems({ ...NONE, outputShape: [input[0], null, null, null] }, problems);
    const [rowsIn, colsIn] = spatialAxes(2, format).map((a) => input[a]);
    const grow = (d: Dim, p: [Dim, Dim] | undefined): Dim => (d === null || !p || p[0] === null || p[1] === null ? null : d + p[0] + p[1]);
    const ok = pairs !== null && pairs !== 'invalid' ? pairs : undefined;
    return withProblems({ outputShape: placeSpatial(input, format, grow(rowsIn, ok?.[0]), grow(colsIn, ok?.[1])), params: NO_PARAMS, macs: 0 }, problems);
  },
};

const cropping2d: LayerSpec = {
  className: 'Cropping2D',
  factories: ['cropping2D'],
  family: 'reshaping',
  doc: 'Crops rows and columns from the edges of an image.',
  infer(ctx): LayerInference {
    const problems: LayerProblem[] = [];
    const pairs = ctx.config.cropping === undefined ? 'missing' : readPairs(ctx.config.cropping);
    if (pairs === 'missing') problems.push(problem('config/invalid', 'Cropping2D requires cropping.', 'cropping'));
    if (pairs === 'invalid') problems.push(problem('config/invalid', 'Cropping2D\'s cropping must be a number, [rows, cols] or [[top, bottom], [left, right]].', 'cropping'));
    const got = image2dInput('Cropping2D', ctx, problems);
    if (got === null) return withProblems(NONE, problems);
    const { input, format } = got;
    if (format === null) return withProblems({ ...NONE, outputShape: [input[0], null, null, null] }, problems);
    const ok = pairs !== null && pairs !== 'invalid' && pairs !== 'missing' ? pairs : undefined;
    const [rowsIn, colsIn] = spatialAxes(2, format).map((a) => input[a]);
    const shrink = (d: Dim, p: [Dim, Dim] | undefined, axis: string): Dim => {
      if (d === null || !p || p[0] === null || p[1] === null) return null;
      const left = d - p[0] - p[1];
      const removes = `Cropping2D removes ${p[0]} + ${p[1]} = ${p[0] + p[1]} ${axis} from its ${d}-${axis.slice(0, -1)} input, leaving ${left}`;
      if (left < 0 && !problems.some((q) => q.code === 'shape/non-positive-dim')) problems.push(problem('shape/non-positive-dim', `${removes}.`, 'cropping'));
      // TF.js crops to an empty tensor without complaint (its slice takes a size of 0).
      if (left === 0 && d > 0 && !problems.some((q) => q.code === 'shape/empty-output')) {
        const message = `${removes}: TF.js builds and runs this, but the tensor is empty, so nothing after this layer sees any data.`;
        problems.push({ code: 'shape/empty-output', severity: 'warning', message, property: 'cropping' });
      }
      return left < 0 ? null : left;
    };
    const rows = shrink(rowsIn, ok?.[0], 'rows');
    const cols = shrink(colsIn, ok?.[1], 'columns');
    return withProblems({ outputShape: placeSpatial(input, format, rows, cols), params: NO_PARAMS, macs: 0 }, problems);
  },
};

const upSampling2d: LayerSpec = {
  className: 'UpSampling2D',
  factories: ['upSampling2d'],
  family: 'reshaping',
  doc: 'Repeats rows and columns by size (default [2, 2]), nearest or bilinear.',
  infer(ctx): LayerInference {
    const problems: LayerProblem[] = [];
    const sizeValue = ctx.config.size;
    let size: [Dim, Dim] | null = [2, 2];
    if (typeof sizeValue === 'number') {
      // TF.js builds the layer (so no error), but its rows and columns become NaN.
      problems.push({
        code: 'config/invalid',
        severity: 'warning',
        message: `TF.js's UpSampling2D needs size as an array [rows, cols]; the number ${sizeValue} loses the output's height and width (NaN). Write [${sizeValue}, ${sizeValue}].`,
        property: 'size',
      });
      size = null;
    } else if (Array.isArray(sizeValue)) {
      const s = sizeValue as readonly ConfigValue[];
      size = s.length === 2 ? [typeof s[0] === 'number' ? s[0] : null, typeof s[1] === 'number' ? s[1] : null] : null;
    } else if (sizeValue !== undefined && sizeValue !== null) {
      size = null;
    }
    const window = size && size[0] !== null && size[1] !== null ? { kernel: [1, 1], stride: [size[0], size[1]], mode: 'upsample' as const } : undefined;
    const got = image2dInput('UpSampling2D', ctx, problems);
    const done = (inf: LayerInference): LayerInference => withProblems(window ? { ...inf, window } : inf, problems);
    if (got === null) return done(NONE);
    const { input, format } = got;
    if (format === null) return done({ ...NONE, outputShape: [input[0], null, null, null] });
    const [rowsIn, colsIn] = spatialAxes(2, format).map((a) => input[a]);
    const up = (d: Dim, f: Dim | undefined): Dim => (d === null || f === null || f === undefined ? null : d * f);
    return done({ outputShape: placeSpatial(input, format, up(rowsIn, size?.[0]), up(colsIn, size?.[1])), params: NO_PARAMS, macs: 0 });
  },
};

/** The entry's TF.js arithmetic for TS/JS files, `keras` for Python files. */
function dialects(spec: LayerSpec, kerasInfer: (ctx: LayerContext) => LayerInference): LayerSpec {
  return { ...spec, infer: (ctx) => (ctx.dialect === 'keras' ? kerasInfer(ctx) : spec.infer(ctx)) };
}

function kerasOnly(className: string, doc: string, infer: (ctx: LayerContext) => LayerInference): LayerSpec {
  return { className, factories: [], family: 'reshaping', doc, infer };
}

export const reshapingSpecs: readonly LayerSpec[] = [
  withKeras(dialects(reshape, inferKerasReshape), keras('Reshape', 'target_shape')),
  withKeras(permute, keras('Permute', 'dims')),
  withKeras(repeatVector, keras('RepeatVector', 'n')),
  withKeras(kerasOnly('ZeroPadding1D', 'Adds zeros at both ends of the steps axis (Keras; default 1).', (ctx) => inferKerasZeroPadding('ZeroPadding1D', 1, ctx)), keras('ZeroPadding1D', 'padding data_format')),
  withKeras(dialects(zeroPadding2d, (ctx) => inferKerasZeroPadding('ZeroPadding2D', 2, ctx)), keras('ZeroPadding2D', 'padding data_format')),
  withKeras(kerasOnly('ZeroPadding3D', 'Adds zeros around a volume (Keras; default 1 on every side).', (ctx) => inferKerasZeroPadding('ZeroPadding3D', 3, ctx)), keras('ZeroPadding3D', 'padding data_format')),
  withKeras(kerasOnly('Cropping1D', 'Crops steps from both ends (Keras; default 1 each).', (ctx) => inferKerasCropping('Cropping1D', 1, ctx)), keras('Cropping1D', 'cropping')),
  withKeras(dialects(cropping2d, (ctx) => inferKerasCropping('Cropping2D', 2, ctx)), keras('Cropping2D', 'cropping data_format')),
  withKeras(kerasOnly('Cropping3D', 'Crops planes, rows and columns from the edges of a volume (Keras; default 1 each).', (ctx) => inferKerasCropping('Cropping3D', 3, ctx)), keras('Cropping3D', 'cropping data_format')),
  withKeras(kerasOnly('UpSampling1D', 'Repeats each step size times (Keras; default 2).', (ctx) => inferKerasUpSampling('UpSampling1D', 1, ctx)), keras('UpSampling1D', 'size')),
  withKeras(dialects(upSampling2d, (ctx) => inferKerasUpSampling('UpSampling2D', 2, ctx)), keras('UpSampling2D', 'size data_format interpolation')),
  withKeras(kerasOnly('UpSampling3D', 'Repeats planes, rows and columns by size (Keras; default 2).', (ctx) => inferKerasUpSampling('UpSampling3D', 3, ctx)), keras('UpSampling3D', 'size data_format')),
];
