// Core layers, as tfjs-layers/src/layers/core.ts computes them: Dense, Flatten, Dropout,
// SpatialDropout1D, Activation, Masking.
import type { LayerInference, LayerProblem, LayerSpec } from '../types';
import { NO_PARAMS, checkPositiveInt, formatShape, problem, product, readBool, singleInput, times } from './config';
import { identitySpec } from './identity';
import { keras, withKeras } from './keras';

function minRankProblem(className: string, shape: readonly (number | null)[], min: number, hint: string): LayerProblem {
  return problem(
    'shape/rank-mismatch',
    `${className} expects at least a ${min}D input but gets ${shape.length}D ${formatShape(shape)}.${hint ? ` ${hint}` : ''}`,
  );
}

const dense: LayerSpec = {
  className: 'Dense',
  factories: ['dense'],
  family: 'core',
  doc: 'Fully connected layer on the last axis: [..., in] → [..., units].',
  infer(ctx): LayerInference {
    const problems: LayerProblem[] = [];
    let units: number | null = null;
    if (ctx.config.units === undefined || ctx.config.units === null) {
      problems.push(problem('config/invalid', 'Dense requires units.', 'units'));
    } else {
      units = checkPositiveInt('Dense', ctx.config, 'units', problems);
    }
    const useBias = readBool(ctx.config, 'useBias', true);
    const done = (inf: LayerInference): LayerInference => (problems.length ? { ...inf, problems } : inf);
    const input = singleInput(ctx.inputs);
    if (input === null) return done({ outputShape: null, params: null, macs: null });
    if (input.length < 2) {
      problems.push(minRankProblem('Dense', input, 2, ''));
      return done({ outputShape: null, params: null, macs: null });
    }
    const inDim = input[input.length - 1];
    const outputShape = [...input.slice(0, -1), units];
    const params =
      inDim === null || units === null || useBias === null
        ? null
        : {
            trainable: (inDim + (useBias ? 1 : 0)) * units,
            nonTrainable: 0,
            formula: useBias ? `(${inDim} + 1)·${units}` : `${inDim}·${units}`,
          };
    // Dense acts on the last axis only: once per position of the other non-batch axes.
    const macs = times(inDim, units, product(input.slice(1, -1)));
    return done({ outputShape, params, macs });
  },
};

const flatten: LayerSpec = {
  className: 'Flatten',
  factories: ['flatten'],
  family: 'core',
  doc: 'Flattens every non-batch axis into one: [batch, a, b, c] → [batch, a·b·c].',
  infer(ctx): LayerInference {
    const input = singleInput(ctx.inputs);
    if (input === null) return { outputShape: null, params: NO_PARAMS, macs: 0 };
    if (input.length < 3) {
      const hint = input.length === 2 ? 'The input is already flat; drop the Flatten.' : '';
      return { outputShape: null, params: NO_PARAMS, macs: 0, problems: [minRankProblem('Flatten', input, 3, hint)] };
    }
    // TF.js throws when a non-batch dim is null; for us null may just mean "not statically
    // known", so the flattened size is unknown rather than an error.
    return { outputShape: [input[0], product(input.slice(1))], params: NO_PARAMS, macs: 0 };
  },
};

export const coreSpecs: readonly LayerSpec[] = [
  withKeras(
    dense,
    keras(
      'Dense',
      'units activation use_bias kernel_initializer bias_initializer kernel_regularizer bias_regularizer activity_regularizer kernel_constraint bias_constraint lora_rank lora_alpha quantization_config',
    ),
  ),
  withKeras(flatten, keras('Flatten', 'data_format')),
  withKeras(identitySpec('Dropout', ['dropout'], 'core', 'Zeroes a fraction `rate` of inputs during training; shape unchanged.'), keras('Dropout', 'rate noise_shape seed')),
  withKeras(
    identitySpec('SpatialDropout1D', ['spatialDropout1d'], 'core', 'Drops whole channels of [batch, steps, channels] during training.', {
      rank: 3,
      layout: '[batch, steps, channels]',
    }),
    keras('SpatialDropout1D', 'rate seed name dtype', { closed: true }),
  ),
  withKeras(
    identitySpec('SpatialDropout2D', [], 'core', 'Drops whole channels of an image during training (Keras).', { rank: 4, layout: '[batch, height, width, channels]' }),
    keras('SpatialDropout2D', 'rate data_format seed name dtype', { closed: true }),
  ),
  withKeras(
    identitySpec('SpatialDropout3D', [], 'core', 'Drops whole channels of a volume during training (Keras).', { rank: 5, layout: '[batch, depth, height, width, channels]' }),
    keras('SpatialDropout3D', 'rate data_format seed name dtype', { closed: true }),
  ),
  withKeras(identitySpec('Activation', ['activation'], 'core', 'Applies an activation function elementwise; shape unchanged.'), keras('Activation', 'activation')),
  withKeras(identitySpec('Masking', ['masking'], 'core', 'Masks timesteps whose features all equal maskValue; shape unchanged.'), keras('Masking', 'mask_value')),
  withKeras(identitySpec('Identity', [], 'core', 'Returns its input unchanged (Keras).'), keras('Identity', '')),
  withKeras(identitySpec('ActivityRegularization', [], 'core', 'Adds an activity penalty during training; shape unchanged (Keras).'), keras('ActivityRegularization', 'l1 l2')),
];
