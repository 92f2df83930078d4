// Convolution layers, as tfjs-layers/src/layers/convolutional.ts and
// convolutional_depthwise.ts compute them.
//
// TF.js quirks kept here (TF.js wins over Keras):
// - 'causal' padding passes the constructor but is shaped like 'valid' and throws
//   NotImplementedError when Conv1D/2D/3D runs; Keras pads causally (Conv1D only).
// - DepthwiseConv2D ignores dilationRate both in its output shape and when it runs.
// - Conv2DTranspose/Conv3DTranspose ignore dilationRate in their output shape and have no
//   outputPadding option (Keras has both).
// - SeparableConv2D and the transposed convs reject 'causal' in their constructors.
// - Conv1D declares a channelsFirst output shape but runs as channelsLast (an error here).
import type { Dim, LayerContext, LayerInference, LayerProblem, LayerSpec, ParamCount } from '../types';
import {
  checkPositiveInt,
  checkWindowTuple,
  problem,
  product,
  rankProblem,
  readBool,
  readDataFormat,
  readNumber,
  readPadding,
  readTuple,
  singleInput,
  times,
  type DataFormat,
} from './config';
import { channelAxis, convLength, deconvLength, dilatedExtent, spatialAxes, windowFitProblem, windowOf } from './spatial';
import { CONV_TAIL, keras, withKeras } from './keras';

type ConvKind = 'conv' | 'transpose' | 'separable' | 'depthwise';

const LAYOUTS: Readonly<Record<number, readonly [string, string]>> = {
  1: ['[batch, steps, channels]', '[batch, channels, steps]'],
  2: ['[batch, height, width, channels]', '[batch, channels, height, width]'],
  3: ['[batch, depth, height, width, channels]', '[batch, channels, depth, height, width]'],
};

const RANK_HINTS: Readonly<Record<number, string>> = {
  1: 'Reshape to [steps, channels] first.',
  2: 'Reshape first, or use Dense.',
  3: 'Reshape first.',
};

interface ConvConfig {
  dataFormat: DataFormat | null;
  padding: string | null;
  kernel: Dim[];
  strides: Dim[];
  dilation: Dim[];
  /** Output channels of the pointwise/regular kernel (null for depthwise). */
  filters: number | null;
  depthMultiplier: number | null;
  useBias: boolean | null;
}

function readConvConfig(className: string, n: number, kind: ConvKind, ctx: LayerContext, problems: LayerProblem[]): ConvConfig {
  const { config } = ctx;
  const unknownTuple = (): Dim[] => Array<Dim>(n).fill(null);
  const tuple = (key: string, def: number | undefined): Dim[] => {
    const t = readTuple(config, key, n, def);
    if (t === undefined) {
      problems.push(problem('config/invalid', `${className} requires ${key}.`, key));
      return unknownTuple();
    }
    if (t === 'bad-length') {
      problems.push(problem('config/invalid', `${className}'s ${key} must be a number or an array of ${n} numbers.`, key));
      return unknownTuple();
    }
    if (t === null) return unknownTuple();
    return checkWindowTuple(className, key, t, problems);
  };

  let dataFormat = readDataFormat(config, ctx.dialect);
  if (dataFormat === 'invalid') {
    problems.push(problem('config/invalid', `${className}'s dataFormat must be 'channelsLast' or 'channelsFirst'.`, 'dataFormat'));
    dataFormat = null;
  }
  if (dataFormat === 'channelsFirst' && className === 'Conv1D') {
    // conv1dWithBias transposes NCW to NWC and never transposes back, so the output it
    // produces contradicts the channelsFirst shape it declares.
    problems.push(
      problem(
        'config/invalid',
        "TF.js's Conv1D does not honour dataFormat 'channelsFirst' when it runs: it declares [batch, filters, steps] but returns [batch, steps, filters]. Use channelsLast (Permute([2, 1]) first).",
        'dataFormat',
      ),
    );
  }
  let padding: string | null = readPadding(config, ctx.dialect);
  if (padding === 'invalid') {
    problems.push(problem('config/invalid', `${className}'s padding must be 'valid', 'same' or 'causal'.`, 'padding'));
    padding = null;
  } else if (padding === 'causal' && (kind === 'transpose' || kind === 'separable')) {
    problems.push(problem('config/invalid', `${className} supports only padding 'same' and 'valid' in TF.js.`, 'padding'));
    padding = null;
  } else if (padding === 'causal' && kind === 'conv') {
    // TF.js shapes 'causal' like 'valid', then throws NotImplementedError when the layer runs.
    problems.push(
      problem('config/invalid', `TF.js has not implemented padding 'causal' for ${className}: the layer throws when it runs. Use 'same' or 'valid'.`, 'padding'),
    );
  }

  const kernel = tuple('kernelSize', undefined);
  const strides = tuple('strides', 1);
  const dilation = tuple('dilationRate', 1);
  let filters: number | null = null;
  if (kind !== 'depthwise') {
    if (config.filters === undefined || config.filters === null) {
      problems.push(problem('config/invalid', `${className} requires filters.`, 'filters'));
    } else {
      filters = checkPositiveInt(className, config, 'filters', problems);
    }
  }
  const depthMultiplier = kind === 'separable' || kind === 'depthwise' ? readNumber(config, 'depthMultiplier', 1) : 1;
  return { dataFormat, padding, kernel, strides, dilation, filters, depthMultiplier, useBias: readBool(config, 'useBias', true) };
}

function convParams(kind: ConvKind, c: ConvConfig, inC: Dim): ParamCount | null {
  const k = product(c.kernel);
  const { filters, depthMultiplier: dm, useBias } = c;
  if (k === null || inC === null || useBias === null || dm === null) return null;
  const kStr = c.kernel.join('·');
  const dmStr = dm === 1 ? '' : `·${dm}`;
  if (kind === 'depthwise') {
    const total = k * inC * dm + (useBias ? inC * dm : 0);
    return { trainable: total, nonTrainable: 0, formula: useBias ? `(${kStr} + 1)·${inC}${dmStr}` : `${kStr}·${inC}${dmStr}` };
  }
  if (filters === null) return null;
  if (kind === 'separable') {
    const total = k * inC * dm + inC * dm * filters + (useBias ? filters : 0);
    const formula = `${kStr}·${inC}${dmStr} + ${inC}${dmStr}·${filters}` + (useBias ? ` + ${filters}` : '');
    return { trainable: total, nonTrainable: 0, formula };
  }
  const total = (k * inC + (useBias ? 1 : 0)) * filters;
  return { trainable: total, nonTrainable: 0, formula: useBias ? `(${kStr}·${inC} + 1)·${filters}` : `${kStr}·${inC}·${filters}` };
}

function convMacs(kind: ConvKind, c: ConvConfig, inSpace: readonly Dim[], outSpace: readonly Dim[], inC: Dim): number | null {
  const k = product(c.kernel);
  const dm = c.depthMultiplier;
  switch (kind) {
    case 'conv':
      return times(product(outSpace), k, inC, c.filters);
    case 'transpose':
      // Every input position scatters a full kernel into the output.
      return times(product(inSpace), k, inC, c.filters);
    case 'depthwise':
      return times(product(outSpace), k, inC, dm);
    case 'separable': {
      const depthwise = times(product(outSpace), k, inC, dm);
      const pointwise = times(product(outSpace), inC, dm, c.filters);
      return depthwise === null || pointwise === null ? null : depthwise + pointwise;
    }
  }
}

function inferConv(className: string, n: number, kind: ConvKind, ctx: LayerContext): LayerInference {
  const problems: LayerProblem[] = [];
  const c = readConvConfig(className, n, kind, ctx, problems);
  // Transposed and depthwise convolutions ignore dilation in TF.js's shape arithmetic.
  const usesDilation = kind === 'conv' || kind === 'separable';
  const extent = c.kernel.map((k, i) => (usesDilation ? dilatedExtent(k, c.dilation[i]) : k));
  const window =
    kind === 'transpose' ? windowOf(c.kernel, c.strides, 'upsample') : c.padding === null ? undefined : windowOf(extent, c.strides, 'window');
  const withWindow = (inf: LayerInference): LayerInference => ({
    ...inf,
    ...(window ? { window } : {}),
    ...(problems.length ? { problems } : {}),
  });

  const input = singleInput(ctx.inputs);
  if (input === null) return withWindow({ outputShape: null, params: null, macs: null });
  if (input.length !== n + 2) {
    const layout = LAYOUTS[n][c.dataFormat === 'channelsFirst' ? 1 : 0];
    problems.push(rankProblem(className, input, n + 2, layout, RANK_HINTS[n]));
    return withWindow({ outputShape: null, params: null, macs: null });
  }
  if (c.dataFormat === null) {
    return withWindow({ outputShape: [input[0], ...Array<Dim>(n + 1).fill(null)], params: null, macs: null });
  }
  const axes = spatialAxes(n, c.dataFormat);
  const inSpace = axes.map((a) => input[a]);
  const inC = input[channelAxis(n, c.dataFormat)];

  let outSpace: Dim[];
  if (kind === 'transpose') {
    outSpace = inSpace.map((d, i) => deconvLength(d, c.strides[i], c.kernel[i], c.padding));
  } else {
    const fit = windowFitProblem({ className, what: 'kernel', property: 'kernelSize', kernel: c.kernel, extent, input: inSpace, padding: c.padding });
    if (fit) problems.push(fit);
    // A window that does not fit leaves nothing to shape downstream: unknown, not negative.
    outSpace = inSpace.map((d, i) => {
      const len = convLength(d, extent[i], c.padding, c.strides[i]);
      return len !== null && len <= 0 ? null : len;
    });
  }
  const outC = kind === 'depthwise' ? times(inC, c.depthMultiplier) : c.filters;
  const outputShape = c.dataFormat === 'channelsFirst' ? [input[0], outC, ...outSpace] : [input[0], ...outSpace, outC];
  return withWindow({
    outputShape,
    params: convParams(kind, c, inC),
    macs: convMacs(kind, c, inSpace, outSpace, inC),
  });
}

function convSpec(className: string, factories: string[], n: number, kind: ConvKind, doc: string): LayerSpec {
  return { className, factories, family: 'convolutional', doc, infer: (ctx) => inferConv(className, n, kind, ctx) };
}

const CONV = `filters kernel_size ${CONV_TAIL}`;
const TRANSPOSE_2D =
  'filters kernel_size strides padding output_padding data_format dilation_rate activation use_bias kernel_initializer bias_initializer kernel_regularizer bias_regularizer activity_regularizer kernel_constraint bias_constraint';
// Conv3DTranspose puts data_format before output_padding (Keras 3.15.1).
const TRANSPOSE_3D =
  'filters kernel_size strides padding data_format output_padding dilation_rate activation use_bias kernel_initializer bias_initializer kernel_regularizer bias_regularizer activity_regularizer kernel_constraint bias_constraint';
const SEPARABLE =
  'filters kernel_size strides padding data_format dilation_rate depth_multiplier activation use_bias depthwise_initializer pointwise_initializer bias_initializer depthwise_regularizer pointwise_regularizer bias_regularizer activity_regularizer depthwise_constraint pointwise_constraint bias_constraint';
const DEPTHWISE =
  'kernel_size strides padding depth_multiplier data_format dilation_rate activation use_bias depthwise_initializer bias_initializer depthwise_regularizer bias_regularizer activity_regularizer depthwise_constraint bias_constraint';

export const convolutionalSpecs: readonly LayerSpec[] = [
  withKeras(convSpec('Conv1D', ['conv1d'], 1, 'conv', '1D convolution over steps: [batch, steps, channels] → [batch, newSteps, filters].'), keras('Conv1D Convolution1D', CONV, { extra: 'lora_rank lora_alpha rank' })),
  withKeras(convSpec('Conv2D', ['conv2d'], 2, 'conv', '2D convolution: [batch, height, width, channels] → [batch, newHeight, newWidth, filters].'), keras('Conv2D Convolution2D', CONV, { extra: 'lora_rank lora_alpha rank' })),
  withKeras(convSpec('Conv3D', ['conv3d'], 3, 'conv', '3D convolution over volumes: [batch, depth, height, width, channels].'), keras('Conv3D Convolution3D', CONV, { extra: 'lora_rank lora_alpha rank' })),
  withKeras(convSpec('Conv1DTranspose', [], 1, 'transpose', 'Transposed 1D convolution (Keras): upsamples steps by strides.'), keras('Conv1DTranspose Convolution1DTranspose', TRANSPOSE_2D, { extra: 'rank' })),
  withKeras(convSpec('Conv2DTranspose', ['conv2dTranspose'], 2, 'transpose', 'Transposed 2D convolution (deconvolution): upsamples by strides.'), keras('Conv2DTranspose Convolution2DTranspose', TRANSPOSE_2D, { extra: 'rank' })),
  withKeras(convSpec('Conv3DTranspose', ['conv3dTranspose'], 3, 'transpose', 'Transposed 3D convolution (deconvolution): upsamples by strides.'), keras('Conv3DTranspose Convolution3DTranspose', TRANSPOSE_3D, { extra: 'rank' })),
  withKeras(convSpec('SeparableConv1D', [], 1, 'separable', 'Depthwise 1D convolution followed by a pointwise one (Keras).'), keras('SeparableConv1D SeparableConvolution1D', SEPARABLE, { extra: 'rank' })),
  withKeras(convSpec('SeparableConv2D', ['separableConv2d'], 2, 'separable', 'Depthwise 2D convolution followed by a 1×1 pointwise convolution.'), keras('SeparableConv2D SeparableConvolution2D', SEPARABLE, { extra: 'rank' })),
  withKeras(convSpec('DepthwiseConv1D', [], 1, 'depthwise', 'Per-channel 1D convolution (Keras): channels × depth_multiplier outputs.'), keras('DepthwiseConv1D', DEPTHWISE, { extra: 'rank' })),
  withKeras(convSpec('DepthwiseConv2D', ['depthwiseConv2d'], 2, 'depthwise', 'Per-channel 2D convolution: channels × depthMultiplier outputs.'), keras('DepthwiseConv2D', DEPTHWISE, { extra: 'rank' })),
];
