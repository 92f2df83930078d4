// Normalization layers, as tfjs-layers/src/layers/normalization.ts computes them.
//
// BatchNormalization: gamma (scale) and beta (center) are trainable; moving mean and moving
// variance are non-trainable; all have the size of the one normalised axis.
// LayerNormalization: gamma and beta only, shaped like the normalised axes (TF.js 4.x
// accepts an axis list; the default is the last axis).
//
// Keras 3: BatchNormalization's axis is one int (int(axis): a list is a TypeError) and
// renorm=True adds three more non-trainable vectors (moving_stddev, renorm_mean,
// renorm_stddev); LayerNormalization's deprecated rms_scaling=True keeps gamma only. The
// Keras-only GroupNormalization, UnitNormalization and RMSNormalization are in
// kerasNormalization.ts.
import type { ConfigValue, Dim, LayerInference, LayerProblem, LayerSpec } from '../types';
import { problem, readBool, resolveAxis, singleInput } from './config';
import { keras, withKeras } from './keras';
import { kerasNormalizationSpecs } from './kerasNormalization';

const batchNormalization: LayerSpec = {
  className: 'BatchNormalization',
  factories: ['batchNormalization'],
  family: 'normalization',
  doc: 'Normalises each channel with batch statistics; keeps moving mean/variance (non-trainable).',
  infer(ctx): LayerInference {
    const input = singleInput(ctx.inputs);
    const center = readBool(ctx.config, 'center', true);
    const scale = readBool(ctx.config, 'scale', true);
    const axisValue = ctx.config.axis === undefined || ctx.config.axis === null ? -1 : ctx.config.axis;
    const isKeras = ctx.dialect === 'keras';
    if (isKeras && (Array.isArray(axisValue) || typeof axisValue === 'string' || typeof axisValue === 'boolean')) {
      const message = "BatchNormalization's axis must be one int: Keras converts it with int() and raises a TypeError when the layer is constructed.";
      return { outputShape: null, params: null, macs: null, problems: [problem('config/invalid', message, 'axis')] };
    }
    const renorm = isKeras ? readBool(ctx.config, 'renorm', false) : false;
    if (input === null) return { outputShape: null, params: null, macs: null };
    // One multiply-add per element at inference (the statistics fold into scale and shift).
    const elements = input.slice(1).every((d) => d !== null) ? (input.slice(1) as number[]).reduce((a, b) => a * b, 1) : null;
    if (typeof axisValue !== 'number') return { outputShape: input, params: null, macs: elements };
    const axis = resolveAxis(axisValue, input.length);
    if (axis === null) {
      const message = `BatchNormalization's axis ${axisValue} does not exist in its ${input.length}D input.`;
      return { outputShape: input, params: null, macs: elements, problems: [problem('config/invalid', message, 'axis')] };
    }
    const c = input[axis];
    if (c === null || center === null || scale === null || renorm === null) return { outputShape: input, params: null, macs: elements };
    // Moving mean and variance; Keras's renorm also keeps moving_stddev, renorm_mean and renorm_stddev.
    const statistics = renorm ? 5 : 2;
    const perChannel = statistics + (center ? 1 : 0) + (scale ? 1 : 0);
    return {
      outputShape: input,
      params: { trainable: ((center ? 1 : 0) + (scale ? 1 : 0)) * c, nonTrainable: statistics * c, formula: `${perChannel}·${c}` },
      macs: elements,
    };
  },
};

function layerNormAxes(value: ConfigValue, rank: number): number[] | null | LayerProblem {
  const raw = value === undefined || value === null ? [-1] : typeof value === 'number' ? [value] : Array.isArray(value) ? value : null;
  if (raw === null) return null;
  const axes: number[] = [];
  for (const a of raw as readonly ConfigValue[]) {
    if (typeof a !== 'number') return null;
    const resolved = resolveAxis(a, rank);
    if (resolved === null) return problem('config/invalid', `LayerNormalization's axis ${a} does not exist in its ${rank}D input.`, 'axis');
    if (axes.includes(resolved)) return problem('config/invalid', `LayerNormalization's axis lists axis ${a} twice.`, 'axis');
    axes.push(resolved);
  }
  return axes;
}

const layerNormalization: LayerSpec = {
  className: 'LayerNormalization',
  factories: ['layerNormalization'],
  family: 'normalization',
  doc: 'Normalises each example over the given axes (default: last); learns gamma and beta.',
  infer(ctx): LayerInference {
    const input = singleInput(ctx.inputs);
    if (input === null) return { outputShape: null, params: null, macs: null };
    const elementsKnown = input.slice(1).every((d) => d !== null);
    const macs = elementsKnown ? (input.slice(1) as number[]).reduce((a, b) => a * b, 1) : null;
    const axes = layerNormAxes(ctx.config.axis, input.length);
    if (axes === null) return { outputShape: input, params: null, macs };
    if (!Array.isArray(axes)) return { outputShape: input, params: null, macs, problems: [axes] };
    // Keras's deprecated rms_scaling=True: gamma only (scale forced on, no beta).
    const rms = ctx.dialect === 'keras' ? readBool(ctx.config, 'rmsScaling', false) : false;
    const center = rms === null ? null : rms ? false : readBool(ctx.config, 'center', true);
    const scale = rms === null ? null : rms ? true : readBool(ctx.config, 'scale', true);
    const dims: Dim[] = axes.map((a) => input[a]);
    if (dims.some((d) => d === null) || center === null || scale === null) return { outputShape: input, params: null, macs };
    const size = (dims as number[]).reduce((a, b) => a * b, 1);
    const vectors = (center ? 1 : 0) + (scale ? 1 : 0);
    const sizeStr = dims.length === 1 ? String(size) : `(${dims.join('·')})`;
    return { outputShape: input, params: { trainable: vectors * size, nonTrainable: 0, formula: `${vectors}·${sizeStr}` }, macs };
  },
};

export const normalizationSpecs: readonly LayerSpec[] = [
  withKeras(
    batchNormalization,
    keras(
      'BatchNormalization',
      'axis momentum epsilon center scale beta_initializer gamma_initializer moving_mean_initializer moving_variance_initializer beta_regularizer gamma_regularizer beta_constraint gamma_constraint renorm renorm_clipping renorm_momentum synchronized',
    ),
  ),
  withKeras(layerNormalization, keras('LayerNormalization', 'axis epsilon center scale beta_initializer gamma_initializer beta_regularizer gamma_regularizer beta_constraint gamma_constraint', { extra: 'rms_scaling' })),
  ...kerasNormalizationSpecs,
];
