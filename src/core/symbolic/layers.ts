// Symbolic output shapes and parameter counts, per layer class: what the catalog computes with
// numbers, over expressions (`IMG−2`, `50·numFeatures + 50`). Called only when an input or the
// config holds a symbol, and only after the catalog found no error on the layer. Any case not
// handled here returns null and the catalog's result stands (a `?` stays a `?`): this file may
// know less than the catalog, never something else. The oracle tests hold it to TF.js and Keras.
import { readBool, resolveAxis } from '../catalog/config';
import { readPoolConfig } from '../catalog/pooling';
import type { ConfigValue, LayerContext, SymbolicDim, SymbolicShape } from '../types';
import { add, asConstant, constant, divide, mul, scale, type Expr } from './expr';
import { symbolicDimOf } from './symbols';
import { certainlyDiffer, type Floors, type WindowNeed } from './checks';
import { formatSymbolicShape } from '../format';
import { productOf, simplifyDim, spatial, toExpr, windowLength, windowNeeds, windowText } from './dims';
import { windowedConv, WINDOWED_CONVS } from './convs';
import { affineLayer, AFFINE_LAYERS, type NumericProbe } from './affineProbe';
import { bidirectional, isRecurrent, recurrent } from './recurrent';

export { simplifyDim, toExpr } from './dims';

export interface SymbolicInference {
  /** null: no symbolic result; the catalog's shape stands. */
  readonly shape: SymbolicShape | null;
  /** null: the catalog's count stands. */
  readonly params: Expr | null;
  /** What the layer's windows need of their inputs for a non-empty output (checks.ts). */
  readonly needs?: readonly WindowNeed[];
  /** A merge whose inputs differ for every value of the symbols: the error's message. */
  readonly mismatch?: string;
}

export interface SymbolicLayerContext {
  readonly className: string;
  readonly ctx: LayerContext;
  readonly inputs: readonly (SymbolicShape | null)[];
  /** Each symbol's least value under the windows before this layer (checks.ts). */
  readonly floors?: Floors;
  /** The catalog's numeric inference of this layer on one input (affineProbe.ts). */
  readonly probe?: NumericProbe;
  /** A wrapper's layer: its class and context (the wrapper's inputs). */
  readonly inner?: { readonly className: string; readonly ctx: LayerContext };
}

const NONE: SymbolicInference = { shape: null, params: null };

const PASSTHROUGH = new Set([
  'Dropout', 'SpatialDropout1D', 'SpatialDropout2D', 'SpatialDropout3D', 'Activation', 'Masking', 'Identity', 'ActivityRegularization',
  'ReLU', 'LeakyReLU', 'ELU', 'ThresholdedReLU', 'Softmax', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout', 'UnitNormalization',
]);

const POOL: Readonly<Record<string, number>> = { MaxPooling1D: 1, MaxPooling2D: 2, MaxPooling3D: 3, AveragePooling1D: 1, AveragePooling2D: 2, AveragePooling3D: 3 };
const GLOBAL_POOL: Readonly<Record<string, number>> = {
  GlobalMaxPooling1D: 1, GlobalMaxPooling2D: 2, GlobalMaxPooling3D: 3, GlobalAveragePooling1D: 1, GlobalAveragePooling2D: 2, GlobalAveragePooling3D: 3,
};
const ELEMENTWISE = new Set(['Add', 'Subtract', 'Multiply', 'Average', 'Maximum', 'Minimum']);

/** The layer's symbolic output and parameters; NONE where this file does not follow it. */
export function inferSymbolic(s: SymbolicLayerContext): SymbolicInference {
  const { className, ctx } = s;
  const input = s.inputs.length > 0 ? s.inputs[0] : null;
  if (PASSTHROUGH.has(className)) return { shape: input, params: null };
  if (className === 'Dense') return dense(ctx, input);
  if (className === 'Flatten') return flatten(input);
  if (className === 'Embedding') return embedding(ctx, input);
  if (className === 'Reshape') return reshape(ctx.config.targetShape, input, ctx.dialect === 'keras');
  if (className === 'BatchNormalization') return batchNorm(ctx, input);
  if (className === 'LayerNormalization') return layerNorm(ctx, input);
  if (className === 'Concatenate') return concatenate(ctx, s.inputs, s.floors ?? new Map());
  if (ELEMENTWISE.has(className)) return elementwise(className, ctx, s.inputs, s.floors ?? new Map());
  if (WINDOWED_CONVS[className] !== undefined) return windowedConv(className, ctx, input);
  if (isRecurrent(className)) return recurrent(className, ctx, input);
  if (className === 'Bidirectional' && s.inner && isRecurrent(s.inner.className)) return bidirectional(ctx, s.inner, input);
  if (AFFINE_LAYERS.has(className)) return s.probe && s.inputs.length === 1 ? affineLayer(className, input, s.probe) : NONE;
  if (POOL[className] !== undefined) return pool(className, POOL[className], ctx, input);
  if (GLOBAL_POOL[className] !== undefined) return globalPool(className, GLOBAL_POOL[className], ctx, input);
  return NONE;
}

function dense(ctx: LayerContext, input: SymbolicShape | null): SymbolicInference {
  // LoRA adds weights of its own: left to the catalog.
  if (input === null || input.length < 2 || ctx.config.loraRank !== undefined) return NONE;
  const units = symbolicDimOf(ctx.config.units);
  const useBias = readBool(ctx.config, 'useBias', true);
  const inDim = toExpr(input[input.length - 1]);
  const u = toExpr(units);
  const params = inDim && u && useBias !== null ? mul(add(inDim, constant(useBias ? 1 : 0)), u) : null;
  return { shape: [...input.slice(0, -1), units], params };
}

function flatten(input: SymbolicShape | null): SymbolicInference {
  if (input === null || input.length < 2) return NONE;
  return { shape: [input[0], simplifyDim(productOf(input.slice(1)))], params: null };
}

function embedding(ctx: LayerContext, input: SymbolicShape | null): SymbolicInference {
  const outputDim = symbolicDimOf(ctx.config.outputDim);
  const vocab = toExpr(symbolicDimOf(ctx.config.inputDim));
  const out = toExpr(outputDim);
  const params = vocab && out ? mul(vocab, out) : null;
  return { shape: input === null ? null : [...input, outputDim], params };
}

/**
 * Reshape: the target as written; a -1 resolves when the element count divides exactly. TF.js
 * declares the -1 as null unless the batch size is known too (catalog/reshaping.ts).
 */
function reshape(target: ConfigValue, input: SymbolicShape | null, keras: boolean): SymbolicInference {
  if (!Array.isArray(target) || input === null) return NONE;
  const dims = (target as readonly ConfigValue[]).map((d) => (d === -1 ? -1 : symbolicDimOf(d)));
  const wild = dims.filter((d) => d === -1).length;
  if (wild > 1) return NONE;
  if (wild === 0) return { shape: [input[0], ...(dims as SymbolicDim[])], params: null };
  if (!keras && input[0] === null) return { shape: [input[0], ...dims.map((d) => (d === -1 ? null : d))], params: null };
  const total = productOf(input.slice(1));
  const known = productOf(dims.filter((d) => d !== -1) as SymbolicDim[]);
  const k = known && asConstant(known);
  if (!total || !k || k <= 0) return NONE;
  const q = divide(total, k, 'floor');
  if (!q || scale(q, k).key !== total.key) return NONE; // not certainly a multiple of k
  return { shape: [input[0], ...dims.map((d) => (d === -1 ? simplifyDim(q) : d))], params: null };
}

function normAxis(ctx: LayerContext, input: SymbolicShape | null): Expr | null {
  const axisValue = ctx.config.axis === undefined || ctx.config.axis === null ? -1 : ctx.config.axis;
  if (input === null || typeof axisValue !== 'number') return null;
  const axis = resolveAxis(axisValue, input.length);
  return axis === null ? null : toExpr(input[axis]);
}

function batchNorm(ctx: LayerContext, input: SymbolicShape | null): SymbolicInference {
  const c = normAxis(ctx, input);
  const center = readBool(ctx.config, 'center', true);
  const scaled = readBool(ctx.config, 'scale', true);
  const renorm = ctx.dialect === 'keras' ? readBool(ctx.config, 'renorm', false) : false;
  if (c === null || center === null || scaled === null || renorm === null) return { shape: input, params: null };
  return { shape: input, params: scale(c, (renorm ? 5 : 2) + (center ? 1 : 0) + (scaled ? 1 : 0)) };
}

function layerNorm(ctx: LayerContext, input: SymbolicShape | null): SymbolicInference {
  // One axis only: several axes multiply their sizes, left to the catalog.
  const c = normAxis(ctx, input);
  const center = readBool(ctx.config, 'center', true);
  const scaled = readBool(ctx.config, 'scale', true);
  if (c === null || center === null || scaled === null || ctx.config.rmsScaling === true) return { shape: input, params: null };
  return { shape: input, params: scale(c, (center ? 1 : 0) + (scaled ? 1 : 0)) };
}

/** Dims the inputs must agree on: equal expressions give that expression; anything else null. */
function agreed(dims: readonly SymbolicDim[]): SymbolicDim {
  const exprs = dims.map(toExpr);
  if (exprs.some((e) => e === null)) return null;
  return exprs.every((e) => e?.key === exprs[0]?.key) ? dims[0] : null;
}

/** The message of a merge whose inputs certainly differ on a dim, as the catalog words it. */
function mismatchMessage(ctx: LayerContext, head: string, shapes: readonly SymbolicShape[]): string {
  const language = ctx.dialect === 'keras' ? 'python' : 'typescript';
  return `${head} ${shapes.map((sh) => formatSymbolicShape(sh, 'tuple', language)).join(' and ')}, whatever the sizes are.`;
}

/** The first dim (not the batch, not `skip`) on which two shapes certainly differ. */
function differs(shapes: readonly SymbolicShape[], skip: number, broadcasts: boolean, floors: Floors): boolean {
  for (let d = 1; d < shapes[0].length; d++) {
    if (d === skip) continue;
    const exprs = shapes.map((sh) => toExpr(sh[d]));
    for (let i = 1; i < exprs.length; i++) {
      const a = exprs[0];
      const b = exprs[i];
      if (a && b && certainlyDiffer(a, b, broadcasts, floors)) return true;
    }
  }
  return false;
}

function concatenate(ctx: LayerContext, inputs: readonly (SymbolicShape | null)[], floors: Floors): SymbolicInference {
  const axisValue = ctx.config.axis === undefined || ctx.config.axis === null ? -1 : ctx.config.axis;
  if (inputs.length < 2 || inputs.some((s) => s === null) || typeof axisValue !== 'number') return NONE;
  const shapes = inputs as readonly SymbolicShape[];
  const rank = shapes[0].length;
  const axis = resolveAxis(axisValue, rank);
  if (axis === null || axis === 0 || shapes.some((s) => s.length !== rank)) return NONE;
  // TF.js runs a negative axis other than -1 as -1 (catalog/merge.ts): then no claim.
  const declared = ctx.dialect !== 'keras' && axisValue < -1 ? -1 : axis;
  if (declared !== axis) return NONE;
  if (differs(shapes, axis, false, floors)) {
    return { shape: null, params: null, mismatch: mismatchMessage(ctx, `Concatenate (axis ${axisValue}) needs matching shapes except on the concat axis, but gets`, shapes) };
  }
  const out: SymbolicDim[] = [];
  for (let d = 0; d < rank; d++) {
    if (d === 0) out.push(null);
    else if (d === axis) {
      const parts = shapes.map((s) => toExpr(s[d]));
      out.push(parts.some((p) => p === null) ? null : simplifyDim((parts as Expr[]).reduce(add)));
    } else out.push(agreed(shapes.map((s) => s[d])));
  }
  return { shape: out, params: null };
}

/** Elementwise merges: equal dims stay; a 1 broadcasts to the other side (TF.js and Keras). */
function elementwise(className: string, ctx: LayerContext, inputs: readonly (SymbolicShape | null)[], floors: Floors): SymbolicInference {
  if (inputs.length < 2 || inputs.some((s) => s === null)) return NONE;
  const shapes = inputs as readonly SymbolicShape[];
  const rank = shapes[0].length;
  if (shapes.some((s) => s.length !== rank)) return NONE;
  if (differs(shapes, -1, true, floors)) return { shape: null, params: null, mismatch: mismatchMessage(ctx, `${className}'s inputs cannot be broadcast together:`, shapes) };
  const out: SymbolicDim[] = [null];
  for (let d = 1; d < rank; d++) {
    const notOne = shapes.map((s) => s[d]).filter((x) => x !== 1);
    out.push(notOne.length === 0 ? 1 : agreed(notOne));
  }
  return { shape: out, params: null };
}

function pool(className: string, n: number, ctx: LayerContext, input: SymbolicShape | null): SymbolicInference {
  if (input === null || input.length !== n + 2) return NONE;
  const { window, dataFormat } = readPoolConfig(className, n, ctx);
  // TF.js pools 'causal' as 'valid' (catalog/pooling.ts): left to the catalog.
  if (dataFormat === null || window.padding === 'causal') return NONE;
  const { axes, channel } = spatial(n, dataFormat === 'channelsFirst');
  const space = axes.map((a, i) => windowLength(input[a], window.poolSize[i], window.strides[i], window.padding));
  const c = input[channel];
  const needs = windowNeeds(input, axes, window.poolSize, window.padding, `${windowText(window.poolSize)} pool window`, 'poolSize');
  return { shape: dataFormat === 'channelsFirst' ? [input[0], c, ...space] : [input[0], ...space, c], params: null, needs };
}

function globalPool(className: string, n: number, ctx: LayerContext, input: SymbolicShape | null): SymbolicInference {
  if (input === null || input.length !== n + 2) return NONE;
  const { dataFormat } = readPoolConfig(className, n, ctx);
  const keepdims = ctx.dialect === 'keras' ? readBool(ctx.config, 'keepdims', false) : false;
  if (dataFormat === null || keepdims !== false) return NONE;
  return { shape: [input[0], input[spatial(n, dataFormat === 'channelsFirst').channel]], params: null };
}
