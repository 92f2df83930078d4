// Core layers, as tfjs-layers/src/layers/core.ts computes them: Dense, Flatten, Dropout,
// SpatialDropout1D, Activation, Masking.
import type { LayerInference, LayerProblem, LayerSpec, MaybeShape } from '../types';
import { NO_PARAMS, checkPositiveInt, formatShape, problem, product, readBool, readDataFormat, singleInput, times } from './config';
import { identitySpec } from './identity';
import { kerasUnitInterval } from './kerasChecks';
import { withLora } from './kerasLora';
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
    // A Python bool is an int: Keras's Dense(True) has 1 unit.
    const config = ctx.dialect === 'keras' && typeof ctx.config.units === 'boolean' ? { ...ctx.config, units: Number(ctx.config.units) } : ctx.config;
    if (config.units === undefined || config.units === null) {
      problems.push(problem('config/invalid', 'Dense requires units.', 'units'));
    } else {
      units = checkPositiveInt('Dense', config, 'units', problems);
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
    const params = withLora(
      ctx,
      inDim === null || units === null || useBias === null
        ? null
        : {
            trainable: (inDim + (useBias ? 1 : 0)) * units,
            nonTrainable: 0,
            formula: useBias ? `(${inDim} + 1)·${units}` : `${inDim}·${units}`,
          },
      inDim,
      units,
    );
    // Dense acts on the last axis only: once per position of the other non-batch axes.
    const macs = times(inDim, units, product(input.slice(1, -1)));
    return done({ outputShape, params, macs });
  },
};

/**
 * Keras's Flatten takes any rank ≥ 1 (TF.js: ≥ 3): (batch,) becomes (batch, 1), a flat input
 * stays as it is, and a None dim makes the product None.
 */
function kerasFlatten(input: MaybeShape, badFormat: boolean): LayerInference {
  if (badFormat) {
    const message = "Flatten's dataFormat must be 'channelsLast' or 'channelsFirst': Keras raises a ValueError when the layer is constructed.";
    return { outputShape: null, params: NO_PARAMS, macs: 0, problems: [problem('config/invalid', message, 'dataFormat')] };
  }
  if (input === null) return { outputShape: null, params: NO_PARAMS, macs: 0 };
  if (input.length < 1) return { outputShape: null, params: NO_PARAMS, macs: 0, problems: [minRankProblem('Flatten', input, 1, '')] };
  return { outputShape: [input[0], input.length === 1 ? 1 : product(input.slice(1))], params: NO_PARAMS, macs: 0 };
}

const flatten: LayerSpec = {
  className: 'Flatten',
  factories: ['flatten'],
  family: 'core',
  doc: 'Flattens every non-batch axis into one: [batch, a, b, c] → [batch, a·b·c].',
  infer(ctx): LayerInference {
    const input = singleInput(ctx.inputs);
    if (ctx.dialect === 'keras') return kerasFlatten(input, readDataFormat(ctx.config, 'keras') === 'invalid');
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
  withKeras(
    identitySpec('Dropout', ['dropout'], 'core', 'Zeroes a fraction `rate` of inputs during training; shape unchanged.', { check: kerasUnitInterval('Dropout', 'rate') }),
    keras('Dropout', 'rate noise_shape seed'),
  ),
  withKeras(
    identitySpec('SpatialDropout1D', ['spatialDropout1d'], 'core', 'Drops whole channels of [batch, steps, channels] during training.', {
      rank: 3,
      layout: '[batch, steps, channels]',
      check: kerasUnitInterval('SpatialDropout1D', 'rate'),
    }),
    keras('SpatialDropout1D', 'rate seed name dtype', { closed: true }),
  ),
  withKeras(
    identitySpec('SpatialDropout2D', [], 'core', 'Drops whole channels of an image during training (Keras).', {
      rank: 4,
      layout: '[batch, height, width, channels]',
      check: kerasUnitInterval('SpatialDropout2D', 'rate', true),
    }),
    keras('SpatialDropout2D', 'rate data_format seed name dtype', { closed: true }),
  ),
  withKeras(
    identitySpec('SpatialDropout3D', [], 'core', 'Drops whole channels of a volume during training (Keras).', {
      rank: 5,
      layout: '[batch, depth, height, width, channels]',
      check: kerasUnitInterval('SpatialDropout3D', 'rate', true),
    }),
    keras('SpatialDropout3D', 'rate data_format seed name dtype', { closed: true }),
  ),
  withKeras(identitySpec('Activation', ['activation'], 'core', 'Applies an activation function elementwise; shape unchanged.'), keras('Activation', 'activation')),
  withKeras(identitySpec('Masking', ['masking'], 'core', 'Masks timesteps whose features all equal maskValue; shape unchanged.'), keras('Masking', 'mask_value')),
  withKeras(identitySpec('Identity', [], 'core', 'Returns its input unchanged (Keras).'), keras('Identity', '')),
  withKeras(identitySpec('ActivityRegularization', [], 'core', 'Adds an activity penalty during training; shape unchanged (Keras).'), keras('ActivityRegularization', 'l1 l2')),
];
