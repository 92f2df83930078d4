// Advanced activation layers, as tfjs-layers/src/layers/advanced_activations.ts computes
// them. All keep their input shape; only PReLU has weights.
//
// TF.js quirk: ELU throws NotImplementedError for any alpha other than 1 (Keras accepts it).
import type { ConfigValue, Dim, LayerInference, LayerProblem, LayerSpec } from '../types';
import { problem, singleInput } from './config';
import { identitySpec } from './identity';

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
      if (axis >= 1 && axis <= paramShape.length) paramShape[axis - 1] = 1;
    }
    if (paramShape.some((d) => d === null)) return { outputShape: input, params: null, macs: 0 };
    const dims = paramShape as number[];
    const total = dims.reduce((a, b) => a * b, 1);
    return { outputShape: input, params: { trainable: total, nonTrainable: 0, formula: dims.join('·') || '1' }, macs: 0 };
  },
};

function eluAlpha(config: Readonly<Record<string, ConfigValue>>): LayerProblem[] {
  const alpha = config.alpha;
  if (typeof alpha === 'number' && alpha !== 1) {
    return [problem('config/invalid', `TF.js's ELU layer supports only alpha 1 (it throws for ${alpha}); use an Activation layer or a custom one.`, 'alpha')];
  }
  return [];
}

export const activationSpecs: readonly LayerSpec[] = [
  identitySpec('ReLU', ['reLU'], 'activation', 'max(x, 0), optionally capped at maxValue; shape unchanged.'),
  identitySpec('LeakyReLU', ['leakyReLU'], 'activation', 'x for x > 0, alpha·x otherwise (alpha defaults to 0.3); shape unchanged.'),
  prelu,
  identitySpec('ELU', ['elu'], 'activation', 'Exponential linear unit; shape unchanged.', { check: (ctx) => eluAlpha(ctx.config) }),
  identitySpec('ThresholdedReLU', ['thresholdedReLU'], 'activation', 'x for x > theta, 0 otherwise; shape unchanged.'),
  identitySpec('Softmax', ['softmax'], 'activation', 'Softmax along axis (default -1); shape unchanged.'),
];
