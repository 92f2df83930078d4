// Advanced activation layers, as tfjs-layers/src/layers/advanced_activations.ts computes
// them. All keep their input shape; only PReLU has weights.
//
// TF.js quirk: Softmax defaults to axis 1 and throws when run along any axis but the last.
// TF.js quirk: ELU throws NotImplementedError for any alpha other than 1 (Keras accepts it).
// Keras 3: ReLU's negative_slope, threshold and max_value and LeakyReLU's negative_slope must
// not be negative (constructor); PReLU indexes its shared axes Python-style (see below).
import type { ConfigValue, Dim, LayerContext, LayerInference, LayerProblem, LayerSpec } from '../types';
import { problem, resolveAxis, singleInput } from './config';
import { identitySpec } from './identity';
import { keras, withKeras } from './keras';
import { kerasNonNegative } from './kerasChecks';

const prelu: LayerSpec = {
  className: 'PReLU',
  factories: ['prelu'],
  family: 'activation',
  doc: 'Leaky ReLU with a learned slope per element (shared along sharedAxes).',
  infer(ctx): LayerInference {
    const input = singleInput(ctx.inputs);
    if (input === null) return { outputShape: null, params: null, macs: 0 };
    // One alpha per non-batch element, except along the (1-based) shared axes.
    const paramShape: Dim[] = input.slice(1);
    const shared = ctx.config.sharedAxes;
    const sharedList: readonly ConfigValue[] | null =
      shared === undefined || shared === null ? [] : typeof shared === 'number' ? [shared] : Array.isArray(shared) ? shared : null;
    if (sharedList === null) return { outputShape: input, params: null, macs: 0 };
    for (const axis of sharedList) {
      if (typeof axis !== 'number') return { outputShape: input, params: null, macs: 0 };
      if (ctx.dialect === 'keras') {
        // Keras sets param_shape[axis - 1] = 1 with Python indexing: axis 0 is the last axis,
        // and an axis past either end raises an IndexError when the layer is built.
        const i = axis - 1 < 0 ? axis - 1 + paramShape.length : axis - 1;
        if (!Number.isInteger(axis) || i < 0 || i >= paramShape.length) {
          const message = `PReLU's sharedAxes entry ${axis} is not an axis of its ${input.length}D input: Keras raises an IndexError when the layer is built.`;
          return { outputShape: null, params: null, macs: 0, problems: [problem('config/invalid', message, 'sharedAxes')] };
        }
        paramShape[i] = 1;
      } else if (axis >= 1 && axis <= paramShape.length) paramShape[axis - 1] = 1;
    }
    if (paramShape.some((d) => d === null)) return { outputShape: input, params: null, macs: 0 };
    const dims = paramShape as number[];
    const total = dims.reduce((a, b) => a * b, 1);
    return { outputShape: input, params: { trainable: total, nonTrainable: 0, formula: dims.join('·') || '1' }, macs: 0 };
  },
};

/**
 * TF.js's Softmax layer defaults to axis 1 (Keras: -1), and tf.softmax runs only along the
 * last axis, so a single axis that is not the last throws when the layer runs.
 */
function softmaxAxis(ctx: LayerContext): LayerProblem[] {
  if (ctx.dialect === 'keras') return []; // Keras: axis -1 by default, and any axis runs
  const input = singleInput(ctx.inputs);
  const raw = ctx.config.axis === undefined || ctx.config.axis === null ? 1 : ctx.config.axis;
  const single = typeof raw === 'number' ? raw : Array.isArray(raw) && raw.length === 1 && typeof raw[0] === 'number' ? raw[0] : null;
  if (input === null || single === null) return [];
  const axis = resolveAxis(single, input.length);
  if (axis === null || axis === input.length - 1) return [];
  const which = ctx.config.axis === undefined || ctx.config.axis === null ? 'its default axis 1' : `axis ${single}`;
  return [
    problem(
      'config/invalid',
      `TF.js's Softmax layer runs only along the last axis, but ${which} is not the last axis of its ${input.length}D input. Set axis: -1.`,
      'axis',
    ),
  ];
}

function eluAlpha(config: Readonly<Record<string, ConfigValue>>, dialect: LayerContext['dialect']): LayerProblem[] {
  if (dialect === 'keras') return []; // Keras's ELU takes any alpha
  const alpha = config.alpha;
  if (typeof alpha === 'number' && alpha !== 1) {
    return [problem('config/invalid', `TF.js's ELU layer supports only alpha 1 (it throws for ${alpha}); use an Activation layer or a custom one.`, 'alpha')];
  }
  return [];
}

export const activationSpecs: readonly LayerSpec[] = [
  withKeras(
    identitySpec('ReLU', ['reLU'], 'activation', 'max(x, 0), optionally capped at maxValue; shape unchanged.', {
      check: kerasNonNegative('ReLU', [
        { key: 'maxValue', noneRaises: false },
        { key: 'negativeSlope', noneRaises: true },
        { key: 'threshold', noneRaises: true },
      ]),
    }),
    keras('ReLU', 'max_value negative_slope threshold'),
  ),
  // Keras 3 calls LeakyReLU's slope negative_slope; TF.js (and Keras 2) alpha.
  withKeras(
    identitySpec('LeakyReLU', ['leakyReLU'], 'activation', 'x for x > 0, alpha·x otherwise (alpha defaults to 0.3); shape unchanged.', {
      check: kerasNonNegative('LeakyReLU', [{ key: 'alpha', noneRaises: true }]),
    }),
    keras('LeakyReLU', 'negative_slope', { keywords: { negative_slope: 'alpha' }, extra: 'alpha' }),
  ),
  withKeras(prelu, keras('PReLU', 'alpha_initializer alpha_regularizer alpha_constraint shared_axes')),
  withKeras(identitySpec('ELU', ['elu'], 'activation', 'Exponential linear unit; shape unchanged.', { check: (ctx) => eluAlpha(ctx.config, ctx.dialect) }), keras('ELU', 'alpha')),
  identitySpec('ThresholdedReLU', ['thresholdedReLU'], 'activation', 'x for x > theta, 0 otherwise; shape unchanged.'),
  withKeras(identitySpec('Softmax', ['softmax'], 'activation', 'Softmax along axis (TF.js default 1, last axis only; Keras -1); shape unchanged.', { check: softmaxAxis }), keras('Softmax', 'axis')),
];
