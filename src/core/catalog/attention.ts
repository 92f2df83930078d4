// Keras 3's attention layers (keras/src/layers/attention/): MultiHeadAttention, called as
// mha(query, value, key=None), and the dot-product / additive Attention layers, called on
// [query, value] or [query, value, key]. No TF.js counterpart.
//
// MultiHeadAttention (H heads, key_dim K, value_dim V = K by default) builds four EinsumDense
// projections: query (Dq → H·K), key (Dk → H·K), value (Dv → H·V), and output (H·V → O, where
// O is the product of output_shape, or Dq), each with a bias unless use_bias=False; use_gate
// adds a gate projection like the value's but from the query. Its output is the query's shape
// with the last axis replaced by output_shape (or kept). value and key must agree on every
// axis but the last, or Keras raises when the layer is called.
import type { ConfigValue, Dim, LayerContext, LayerInference, LayerProblem, LayerSpec, Shape } from '../types';
import { formatShape, problem, product, readBool, readString, unknownInputCount } from './config';
import { keras, withKeras } from './keras';

const CTOR = 'Keras raises a ValueError when the layer is constructed.';

function positiveInt(config: LayerContext['config'], key: string, className: string, required: boolean, problems: LayerProblem[]): number | null | undefined {
  const v = config[key];
  if (v === undefined || v === null) {
    if (required) problems.push(problem('config/invalid', `${className} requires ${key}: Keras raises a TypeError when the layer is constructed.`, key));
    return required ? null : undefined;
  }
  if (typeof v !== 'number') {
    if (typeof v === 'string' || typeof v === 'boolean') problems.push(problem('config/invalid', `${className}'s ${key} must be a positive int: ${CTOR}`, key));
    return null;
  }
  if (!Number.isInteger(v) || v <= 0) {
    problems.push(problem('config/invalid', `${className}'s ${key} must be a positive int, but is ${v}: ${CTOR}`, key));
    return null;
  }
  return v;
}

/** output_shape: None (keep the query's last dim), an int, or a tuple; null entries unknown. */
function outputShapeOf(v: ConfigValue, problems: LayerProblem[]): Dim[] | undefined | null {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return [v];
  if (Array.isArray(v)) return (v as readonly ConfigValue[]).map((d) => (typeof d === 'number' ? d : null));
  if (typeof v === 'string' || typeof v === 'boolean') problems.push(problem('config/invalid', `MultiHeadAttention's outputShape must be an int or a tuple of ints: ${CTOR}`, 'outputShape'));
  return null;
}

function sameButLast(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 1; i < a.length - 1; i++) if (a[i] !== null && b[i] !== null && a[i] !== b[i]) return false;
  return true;
}

const multiHeadAttention: LayerSpec = {
  className: 'MultiHeadAttention',
  factories: [],
  family: 'attention',
  doc: 'Multi-head attention (Keras): mha(query, value, key=value) → the query shape, last axis output_shape or the query\'s.',
  multiInput: true,
  infer(ctx): LayerInference {
    const problems: LayerProblem[] = [];
    const { config } = ctx;
    const heads = positiveInt(config, 'numHeads', 'MultiHeadAttention', true, problems);
    const keyDim = positiveInt(config, 'keyDim', 'MultiHeadAttention', true, problems);
    const valueDim = positiveInt(config, 'valueDim', 'MultiHeadAttention', false, problems);
    const outShape = outputShapeOf(config.outputShape, problems);
    const fail = (): LayerInference => ({ outputShape: null, params: null, macs: null, problems });
    if (problems.length) return fail();
    if (unknownInputCount(ctx.inputs, ctx.dialect)) return { outputShape: null, params: null, macs: null };
    if (ctx.inputs.length < 2) {
      problems.push(problem('shape/merge-mismatch', 'MultiHeadAttention needs a query and a value: mha(query, value) or mha(query, value, key). Keras raises a TypeError when the layer is called.'));
      return fail();
    }
    const [query, value] = ctx.inputs;
    // No key: the value serves as the key. A key we cannot follow is unknown, not absent.
    const key = ctx.inputs.length > 2 ? ctx.inputs[2] : value;
    if (value !== null && key !== null && !sameButLast(value, key)) {
      problems.push(problem('shape/merge-mismatch', `MultiHeadAttention's value ${formatShape(value)} and key ${formatShape(key)} must agree on every axis but the last: Keras raises a ValueError when the layer is called.`));
      return fail();
    }
    if (query === null) return { outputShape: null, params: null, macs: null };
    const dq = query[query.length - 1];
    const outputShape = outShape === undefined ? query : outShape === null ? null : [...query.slice(0, -1), ...outShape];
    const useBias = readBool(config, 'useBias', true);
    const useGate = readBool(config, 'useGate', false);
    const dk = key === null ? null : key[key.length - 1];
    const dv = value === null ? null : value[value.length - 1];
    const v = valueDim === undefined ? keyDim : valueDim;
    const out = outShape === undefined ? dq : outShape === null ? null : product(outShape);
    const known = [heads, keyDim, v, dq, dk, dv, out, useBias, useGate].every((x) => x !== null);
    if (!known) return { outputShape, params: null, macs: null };
    const [H, K, V, Dq, Dk, Dv, O] = [heads, keyDim, v, dq, dk, dv, out] as number[];
    const b = useBias ? 1 : 0;
    const term = (d: number, width: string): string => (b ? `(${d} + 1)·${width}` : `${d}·${width}`);
    const parts = [
      { n: (Dq + b) * H * K, f: term(Dq, `${H}·${K}`) },
      { n: (Dk + b) * H * K, f: term(Dk, `${H}·${K}`) },
      { n: (Dv + b) * H * V, f: term(Dv, `${H}·${V}`) },
      { n: (H * V + b) * O, f: b ? `(${H}·${V} + 1)·${O}` : `${H}·${V}·${O}` },
      ...(useGate ? [{ n: (Dq + b) * H * V, f: term(Dq, `${H}·${V}`) }] : []),
    ];
    const total = parts.reduce((a, p) => a + p.n, 0);
    return { outputShape, params: { trainable: total, nonTrainable: 0, formula: parts.map((p) => p.f).join(' + ') }, macs: null };
  },
};

/** Attention and AdditiveAttention: [query, value] or [query, value, key]. */
function attentionSpec(className: 'Attention' | 'AdditiveAttention', doc: string): LayerSpec {
  return {
    className,
    factories: [],
    family: 'attention',
    doc,
    multiInput: true,
    infer(ctx): LayerInference {
      const problems: LayerProblem[] = [];
      // AdditiveAttention scores by addition and takes no score_mode.
      const scoreMode = className === 'Attention' ? readString(ctx.config, 'scoreMode', 'dot') : 'add';
      if (className === 'Attention' && scoreMode !== null && scoreMode !== 'dot' && scoreMode !== 'concat') {
        problems.push(problem('config/invalid', `Attention's scoreMode must be 'dot' or 'concat', not '${scoreMode}': ${CTOR}`, 'scoreMode'));
      }
      const n = ctx.inputs.length;
      if (unknownInputCount(ctx.inputs, ctx.dialect)) return { outputShape: null, params: null, macs: null, ...(problems.length ? { problems } : {}) };
      if (n < 2 || n > 3) {
        problems.push(problem('shape/merge-mismatch', `${className} needs a list [query, value] or [query, value, key], but gets ${n} input${n === 1 ? '' : 's'}: Keras raises a ValueError when the layer is called.`));
      }
      if (problems.length) return { outputShape: null, params: null, macs: null, problems };
      const [query, value] = ctx.inputs;
      const key = n > 2 ? ctx.inputs[2] : value;
      if (query !== null && key !== null) {
        const dq = query[query.length - 1];
        const dk = key[key.length - 1];
        if (dq !== null && dk !== null && dq !== dk) {
          const message = `${className}'s query ${formatShape(query)} and key ${formatShape(key)} must have the same last dim to be scored: Keras raises when the layer runs.`;
          return { outputShape: null, params: null, macs: null, problems: [problem('shape/merge-mismatch', message)] };
        }
      }
      const outputShape = query === null || value === null ? null : [...query.slice(0, -1), value[value.length - 1]];
      const useScale = readBool(ctx.config, 'useScale', className === 'AdditiveAttention');
      if (useScale === null || scoreMode === null) return { outputShape, params: null, macs: null };
      if (className === 'AdditiveAttention') {
        // One learned scale per query feature.
        const dim = query === null ? null : query[query.length - 1];
        if (!useScale) return { outputShape, params: { trainable: 0, nonTrainable: 0, formula: '0' }, macs: null };
        return { outputShape, params: dim === null ? null : { trainable: dim, nonTrainable: 0, formula: String(dim) }, macs: null };
      }
      // A scalar scale (use_scale) and a scalar concat weight (score_mode='concat').
      const count = (useScale ? 1 : 0) + (scoreMode === 'concat' ? 1 : 0);
      return { outputShape, params: { trainable: count, nonTrainable: 0, formula: String(count) }, macs: null };
    },
  };
}

export const attentionSpecs: readonly LayerSpec[] = [
  withKeras(
    multiHeadAttention,
    keras(
      'MultiHeadAttention',
      'num_heads key_dim value_dim dropout use_bias output_shape attention_axes sliding_window flash_attention kernel_initializer bias_initializer kernel_regularizer bias_regularizer activity_regularizer kernel_constraint bias_constraint use_gate seed',
      // Its build makes an unnamed Softmax and Dropout (its query/key/value/output projections are named).
      { namesAtBuild: 'softmax dropout' },
    ),
  ),
  withKeras(attentionSpec('Attention', 'Dot-product attention (Keras): [query, value(, key)] → query rows of value features.'), keras('Attention', 'use_scale score_mode dropout seed')),
  withKeras(attentionSpec('AdditiveAttention', 'Additive (Bahdanau) attention (Keras): [query, value(, key)] → query rows of value features.'), keras('AdditiveAttention', 'use_scale dropout')),
];
