// Pooling layers, as tfjs-layers/src/layers/pooling.ts computes them, and as Keras 3 does for
// Python files (ctx.dialect).
//
// TF.js quirks kept here:
// - Pooling1D has no dataFormat (always channelsLast); 2D/3D honour it.
// - strides default to poolSize; 'causal' padding is accepted and behaves like 'valid'.
// - Global pooling keeps no dims (TF.js has no keepDims option).
// - 2D/3D poolSize may be an array of any length: TF.js reads its first entries (see tfjsPoolSize).
// - A window larger than its input by at most the stride leaves an empty axis (0), which TF.js
//   builds and runs (a warning here); larger still, the size is negative (an error in Sequential).
//
// Keras 3: data_format on 1D pooling too; AveragePooling has no default pool_size; padding is
// case-sensitive and checked only when the layer is called ('causal' and 'SAME' raise there);
// pool_size 0 or negative raises in the constructor, strides 0 when called; global pooling
// honours keepdims.
import type { ConfigValue, Dim, LayerContext, LayerInference, LayerProblem, LayerSpec } from '../types';
import {
  NO_PARAMS,
  checkWindowTuple,
  problem,
  rankProblem,
  readBool,
  readDataFormat,
  readPadding,
  readTuple,
  singleInput,
  type DataFormat,
} from './config';
import { channelAxis, convLength, spatialAxes, windowFitProblem, windowOf } from './spatial';
import { keras, withKeras } from './keras';
import { kerasTuple } from './kerasArgs';

const LAYOUTS: Readonly<Record<number, string>> = {
  1: '[batch, steps, channels]',
  2: '[batch, height, width, channels]',
  3: '[batch, depth, height, width, channels]',
};

function readFormat(className: string, n: number, ctx: LayerContext, problems: LayerProblem[]): DataFormat | null {
  if (n === 1 && ctx.dialect !== 'keras') return 'channelsLast'; // TF.js's 1D pooling has no dataFormat
  const f = readDataFormat(ctx.config, ctx.dialect);
  if (f !== 'invalid') return f;
  const keras = ctx.dialect === 'keras' ? ': Keras raises a ValueError when the layer is constructed' : '';
  problems.push(problem('config/invalid', `${className}'s dataFormat must be 'channelsLast' or 'channelsFirst'${keras}.`, 'dataFormat'));
  return null;
}

interface Window {
  readonly poolSize: Dim[];
  readonly strides: Dim[];
  readonly padding: string | null;
}

/**
 * Keras's Pooling base: pool_size through standardize_tuple (no default for AveragePooling),
 * strides too but 0 allowed (the division by it raises when the layer is called); padding is
 * passed to the shape computation as written, which accepts exactly 'valid' and 'same'.
 */
function kerasWindow(className: string, n: number, ctx: LayerContext, problems: LayerProblem[]): Window {
  const { config } = ctx;
  const average = className.startsWith('Average');
  const poolSize = kerasTuple(className, config, 'poolSize', n, average ? {} : { def: 2 }, problems);
  const strides =
    config.strides === undefined || config.strides === null ? poolSize : kerasTuple(className, config, 'strides', n, { allowZero: true }, problems);
  if (strides.some((d) => d === 0)) {
    problems.push(problem('config/invalid', `${className}'s strides must be positive, but hold 0: Keras divides by them when the layer is called (ZeroDivisionError).`, 'strides'));
  }
  const raw = config.padding === undefined ? 'valid' : config.padding;
  let padding: string | null = typeof raw === 'string' ? raw : null;
  if ((typeof raw === 'string' && raw !== 'valid' && raw !== 'same') || raw === null || Array.isArray(raw)) {
    const shown = typeof raw === 'string' ? `'${raw}'` : raw === null ? 'None' : 'a list';
    problems.push(
      problem('config/invalid', `${className}'s padding must be exactly 'valid' or 'same' (lower case), not ${shown}: Keras raises a ValueError when the layer is called.`, 'padding'),
    );
    padding = null;
  }
  return { poolSize, strides: strides.map((d) => (d === 0 ? null : d)), padding };
}

/**
 * TF.js's Pooling2D/3D take poolSize as an array of any length (they read the first n entries,
 * and strides default to that same array) and check that every entry is a positive integer;
 * Pooling1D and an array of strides must have exactly n. A short poolSize builds, with NaN in
 * its shape where an entry is missing, and predict then throws when the output size is NaN (a
 * missing stride, or a missing window with padding 'valid'), or tf.avgPool3d asserts its three
 * strides; maxPool3d runs with 'valid' (to an empty axis). Checked against TF.js 4.22.
 */
function tfjsPoolSize(className: string, n: number, ctx: LayerContext, padding: string | null, problems: LayerProblem[]): Dim[] {
  const v = ctx.config.poolSize;
  if (n === 1 || !Array.isArray(v)) return tfjsTuple(className, 'poolSize', n, ctx.config, problems, 2);
  const entries = (v as readonly ConfigValue[]).map((d) => (typeof d === 'number' ? d : null));
  if (entries.length === 0) {
    problems.push(problem('config/invalid', `${className}'s poolSize must not be an empty array: TF.js throws when the layer is constructed.`, 'poolSize'));
    return Array<Dim>(n).fill(null);
  }
  const checked = checkWindowTuple(className, 'poolSize', entries, problems, true);
  if (checked.length < n) {
    const stridesGiven = ctx.config.strides !== undefined && ctx.config.strides !== null;
    const throws = n === 2 ? !stridesGiven || (padding !== null && padding !== 'same') : !stridesGiven && (className.startsWith('Average') || padding === 'same');
    const head = `${className}'s poolSize [${entries.join(', ')}] gives ${entries.length} of its ${n} window sizes. TF.js builds the layer, but the missing ones are undefined (NaN in its shape)`;
    problems.push(
      throws
        ? problem('config/invalid', `${head}, so predict throws. Give ${n} numbers.`, 'poolSize')
        : { code: 'config/invalid', severity: 'warning', message: `${head}: it runs, but not with the window meant, and the size it declares there is unknown here. Give ${n} numbers.`, property: 'poolSize' },
    );
  }
  return Array.from({ length: n }, (_, i) => checked[i] ?? null);
}

function tfjsTuple(className: string, key: string, n: number, config: LayerContext['config'], problems: LayerProblem[], def: number): Dim[] {
  const t = readTuple(config, key, n, def);
  if (t === 'bad-length') {
    problems.push(problem('config/invalid', `${className}'s ${key} must be a number or an array of ${n} numbers.`, key));
    return Array<Dim>(n).fill(null);
  }
  if (t === null || t === undefined) return Array<Dim>(n).fill(null);
  return checkWindowTuple(className, key, t, problems, true);
}

function tfjsWindow(className: string, n: number, ctx: LayerContext, problems: LayerProblem[]): Window {
  let padding: string | null = readPadding(ctx.config);
  if (padding === 'invalid') {
    problems.push(problem('config/invalid', `${className}'s padding must be 'valid', 'same' or 'causal'.`, 'padding'));
    padding = null;
  }
  const poolSize = tfjsPoolSize(className, n, ctx, padding, problems);
  const strides = ctx.config.strides === undefined || ctx.config.strides === null ? poolSize : tfjsTuple(className, 'strides', n, ctx.config, problems, 1);
  return { poolSize, strides, padding };
}

function inferPool(className: string, n: number, ctx: LayerContext): LayerInference {
  const problems: LayerProblem[] = [];
  const isKeras = ctx.dialect === 'keras';
  const { poolSize, strides, padding } = isKeras ? kerasWindow(className, n, ctx, problems) : tfjsWindow(className, n, ctx, problems);
  const dataFormat = readFormat(className, n, ctx, problems);
  const window = padding === null ? undefined : windowOf(poolSize, strides, 'window');
  const done = (inf: LayerInference): LayerInference => ({ ...inf, ...(window ? { window } : {}), ...(problems.length ? { problems } : {}) });

  const input = singleInput(ctx.inputs);
  if (input === null) return done({ outputShape: null, params: NO_PARAMS, macs: 0 });
  if (input.length !== n + 2) {
    problems.push(rankProblem(className, input, n + 2, LAYOUTS[n]));
    return done({ outputShape: null, params: NO_PARAMS, macs: 0 });
  }
  if (dataFormat === null) return done({ outputShape: [input[0], ...Array<Dim>(n + 1).fill(null)], params: NO_PARAMS, macs: 0 });
  const inSpace = spatialAxes(n, dataFormat).map((a) => input[a]);
  const fit = windowFitProblem({ className, what: 'pool window', property: 'poolSize', kernel: poolSize, extent: poolSize, strides, input: inSpace, padding, keras: isKeras });
  if (fit) problems.push(fit);
  const outSpace = inSpace.map((d, i) => {
    const len = convLength(d, poolSize[i], padding, strides[i]);
    // An empty axis stays empty: TF.js shapes a window that overshoots by at most the stride
    // as 0, and Keras pools an empty axis with 'same' padding to an empty axis.
    if (len === 0 && (!isKeras || padding === 'same')) return 0;
    return len !== null && len <= 0 ? null : len;
  });
  const c = input[channelAxis(n, dataFormat)];
  const outputShape = dataFormat === 'channelsFirst' ? [input[0], c, ...outSpace] : [input[0], ...outSpace, c];
  return done({ outputShape, params: NO_PARAMS, macs: 0 });
}

function inferGlobalPool(className: string, n: number, ctx: LayerContext): LayerInference {
  const problems: LayerProblem[] = [];
  const dataFormat = readFormat(className, n, ctx, problems);
  const done = (inf: LayerInference): LayerInference => (problems.length ? { ...inf, problems } : inf);
  const input = singleInput(ctx.inputs);
  if (input === null) return done({ outputShape: null, params: NO_PARAMS, macs: 0 });
  if (input.length !== n + 2) {
    problems.push(rankProblem(className, input, n + 2, LAYOUTS[n]));
    return done({ outputShape: null, params: NO_PARAMS, macs: 0 });
  }
  const c = dataFormat === null ? null : input[channelAxis(n, dataFormat)];
  // Keras's keepdims keeps each pooled axis as a 1 (TF.js has no such option).
  const keepdims = ctx.dialect === 'keras' ? readBool(ctx.config, 'keepdims', false) : false;
  if (keepdims === null) return done({ outputShape: null, params: NO_PARAMS, macs: 0 });
  if (!keepdims) return done({ outputShape: [input[0], c], params: NO_PARAMS, macs: 0 });
  if (dataFormat === null) return done({ outputShape: [input[0], ...Array<Dim>(n + 1).fill(null)], params: NO_PARAMS, macs: 0 });
  const ones = Array<Dim>(n).fill(1);
  return done({ outputShape: dataFormat === 'channelsFirst' ? [input[0], c, ...ones] : [input[0], ...ones, c], params: NO_PARAMS, macs: 0 });
}

function poolSpec(className: string, factories: string[], n: number, doc: string): LayerSpec {
  return { className, factories, family: 'pooling', doc, infer: (ctx) => inferPool(className, n, ctx) };
}

function globalSpec(className: string, factories: string[], n: number, doc: string): LayerSpec {
  return { className, factories, family: 'pooling', doc, infer: (ctx) => inferGlobalPool(className, n, ctx) };
}

// Factory aliases are those of tfjs-layers/src/exports_layers.ts (4.22): maxPool1d/2d and
// avgPool*/avgPooling* exist; there is no maxPool3d, globalAvgPool* or globalMaxPool3d.
const POOL = 'pool_size strides padding data_format name';
const GLOBAL = 'data_format keepdims';

export const poolingSpecs: readonly LayerSpec[] = [
  withKeras(poolSpec('MaxPooling1D', ['maxPooling1d', 'maxPool1d'], 1, 'Max over windows of steps: [batch, steps, channels].'), keras('MaxPooling1D MaxPool1D', POOL)),
  withKeras(poolSpec('MaxPooling2D', ['maxPooling2d', 'maxPool2d'], 2, 'Max over 2D windows; strides default to poolSize.'), keras('MaxPooling2D MaxPool2D', POOL)),
  withKeras(poolSpec('MaxPooling3D', ['maxPooling3d'], 3, 'Max over 3D windows; strides default to poolSize.'), keras('MaxPooling3D MaxPool3D', POOL)),
  withKeras(poolSpec('AveragePooling1D', ['averagePooling1d', 'avgPool1d', 'avgPooling1d'], 1, 'Average over windows of steps.'), keras('AveragePooling1D AvgPool1D', POOL)),
  withKeras(poolSpec('AveragePooling2D', ['averagePooling2d', 'avgPool2d', 'avgPooling2d'], 2, 'Average over 2D windows; strides default to poolSize.'), keras('AveragePooling2D AvgPool2D', POOL)),
  withKeras(poolSpec('AveragePooling3D', ['averagePooling3d', 'avgPool3d', 'avgPooling3d'], 3, 'Average over 3D windows; strides default to poolSize.'), keras('AveragePooling3D AvgPool3D', POOL)),
  withKeras(globalSpec('GlobalMaxPooling1D', ['globalMaxPooling1d', 'globalMaxPool1d'], 1, 'Max over all steps: [batch, steps, channels] → [batch, channels].'), keras('GlobalMaxPooling1D GlobalMaxPool1D', GLOBAL)),
  withKeras(globalSpec('GlobalMaxPooling2D', ['globalMaxPooling2d', 'globalMaxPool2d'], 2, 'Max over height and width: → [batch, channels].'), keras('GlobalMaxPooling2D GlobalMaxPool2D', GLOBAL)),
  withKeras(globalSpec('GlobalMaxPooling3D', [], 3, 'Max over depth, height and width (Keras): → [batch, channels].'), keras('GlobalMaxPooling3D GlobalMaxPool3D', GLOBAL)),
  withKeras(globalSpec('GlobalAveragePooling1D', ['globalAveragePooling1d'], 1, 'Average over all steps: [batch, steps, channels] → [batch, channels].'), keras('GlobalAveragePooling1D GlobalAvgPool1D', GLOBAL)),
  withKeras(globalSpec('GlobalAveragePooling2D', ['globalAveragePooling2d'], 2, 'Average over height and width: → [batch, channels].'), keras('GlobalAveragePooling2D GlobalAvgPool2D', GLOBAL)),
  withKeras(globalSpec('GlobalAveragePooling3D', [], 3, 'Average over depth, height and width (Keras): → [batch, channels].'), keras('GlobalAveragePooling3D GlobalAvgPool3D', GLOBAL)),
];

/** The window and layout a pooling layer reads from its config, in the file's dialect (symbolic/layers.ts). */
export function readPoolConfig(className: string, n: number, ctx: LayerContext): { window: Window; dataFormat: DataFormat | null; problems: LayerProblem[] } {
  const problems: LayerProblem[] = [];
  const window = ctx.dialect === 'keras' ? kerasWindow(className, n, ctx, problems) : tfjsWindow(className, n, ctx, problems);
  return { window, dataFormat: readFormat(className, n, ctx, problems), problems };
}
