// Convolution layers, as tfjs-layers/src/layers/convolutional.ts and
// convolutional_depthwise.ts compute them, and as Keras 3 does for Python files (ctx.dialect).
//
// TF.js quirks kept here (TF.js wins over Keras):
// - 'causal' padding passes the constructor but is shaped like 'valid' and throws
//   NotImplementedError when Conv1D/2D/3D runs; Keras pads causally (Conv1D only).
// - DepthwiseConv2D ignores dilationRate both in its output shape and when it runs.
// - Conv2DTranspose/Conv3DTranspose ignore dilationRate in their output shape and have no
//   outputPadding option (Keras has both).
// - SeparableConv2D and the transposed convs reject 'causal' in their constructors.
// - Conv1D declares a channelsFirst output shape but runs as channelsLast (a warning here).
// - groups is not a TF.js option (ignored).
// - A window larger than its input by at most the stride leaves an empty axis (0): TF.js builds
//   and runs that (a warning here); larger still, the size is negative (an error in Sequential).
// - A stride or dilation that is not a positive integer is accepted unless it is a non-integer
//   array entry; its declared shape is then not what runs (tfjsSteps.ts).
//
// Keras 3 (read in convConfig.ts): 'causal' only for Conv1D, padded to ceil(L / s); every conv honours
// dilation_rate (depthwise and transposed too); transposed convs take output_padding; groups
// split the input channels; a 0 or negative size, or strides > 1 with dilation_rate > 1 on a
// regular or transposed conv, raises in the constructor.
import type { Dim, LayerContext, LayerInference, LayerProblem, LayerSpec, ParamCount } from '../types';
import { problem, product, rankProblem, singleInput, times } from './config';
import { readConvConfig, type ConvConfig, type ConvKind } from './convConfig';
import { channelAxis, convLength, deconvLength, dilatedExtent, kerasDeconvLength, spatialAxes, tfjsConvLength, windowFitProblem, windowOf } from './spatial';
import { degenerateOutput } from './tfjsSteps';
import { CONV_TAIL, keras, withKeras } from './keras';
import { withLora } from './kerasLora';

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

function convParams(kind: ConvKind, c: ConvConfig, inC: Dim): ParamCount | null {
  const k = product(c.kernel);
  const { filters, depthMultiplier: dm, useBias, groups } = c;
  if (k === null || inC === null || useBias === null || dm === null || groups === null) return null;
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
  // Keras's groups: each filter sees inC / groups input channels.
  const perFilter = inC / groups;
  const total = (k * perFilter + (useBias ? 1 : 0)) * filters;
  return { trainable: total, nonTrainable: 0, formula: useBias ? `(${kStr}·${perFilter} + 1)·${filters}` : `${kStr}·${perFilter}·${filters}` };
}

function convMacs(kind: ConvKind, c: ConvConfig, inSpace: readonly Dim[], outSpace: readonly Dim[], inC: Dim): number | null {
  const k = product(c.kernel);
  const dm = c.depthMultiplier;
  switch (kind) {
    case 'conv':
      return times(product(outSpace), k, inC === null || c.groups === null ? null : inC / c.groups, c.filters);
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

/** The length TF.js declares for one axis, in its float arithmetic (null: something unknown). */
function tfjsDeclaredLength(kind: ConvKind, input: Dim, kernel: Dim, stride: Dim, dilation: Dim, padding: string | null): number | null {
  if (input === null || kernel === null || stride === null || dilation === null || padding === null) return null;
  if (kind === 'transpose') return padding === 'same' ? input * stride : input * stride + Math.max(kernel - stride, 0);
  return tfjsConvLength(input, kernel + (kernel - 1) * (dilation - 1), padding, stride);
}

function inferConv(className: string, n: number, kind: ConvKind, ctx: LayerContext): LayerInference {
  const problems: LayerProblem[] = [];
  const c = readConvConfig(className, n, kind, ctx, problems);
  const isKeras = ctx.dialect === 'keras';
  // Transposed and depthwise convolutions ignore dilation in TF.js's shape arithmetic; Keras's honour it.
  const usesDilation = isKeras || kind === 'conv' || kind === 'separable';
  const extent = c.kernel.map((k, i) => (usesDilation ? dilatedExtent(k, c.dilation[i]) : k));
  const window =
    kind === 'transpose' ? windowOf(isKeras ? extent : c.kernel, c.strides, 'upsample') : c.padding === null ? undefined : windowOf(extent, c.strides, 'window');
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
  if (c.groups !== null && c.groups > 1 && inC !== null && inC % c.groups !== 0) {
    problems.push(problem('config/invalid', `${className}'s ${inC} input channels must be a multiple of groups (${c.groups}): Keras raises a ValueError when the layer is built.`, 'groups'));
    return withWindow({ outputShape: null, params: null, macs: null });
  }

  let outSpace: Dim[];
  if (!isKeras && c.degenerate) {
    const step = c.degenerate;
    const lengths = inSpace.map((d, i) => tfjsDeclaredLength(kind, d, c.kernel[i], step.strides[i], usesDilation ? step.dilation[i] : 1, c.padding));
    // Conv1D and Conv3D run tf.conv1d / tf.conv3d, which check their strides and dilation rates.
    const assertingOp = className === 'Conv1D' ? 'conv1d' : className === 'Conv3D' ? 'conv3d' : undefined;
    const sameSize = step.key === 'dilationRate' && c.padding === 'same' ? inSpace.map((d, i) => convLength(d, 1, 'same', c.strides[i])) : undefined;
    const degenerate = degenerateOutput(className, step, lengths, { assertingOp, sameSize });
    problems.push(degenerate.problem);
    outSpace = degenerate.outSpace;
  } else if (kind === 'transpose') {
    outSpace = isKeras
      ? inSpace.map((d, i) => kerasDeconvLength(d, c.strides[i], extent[i], c.padding, c.outputPadding?.[i]))
      : inSpace.map((d, i) => deconvLength(d, c.strides[i], c.kernel[i], c.padding));
  } else {
    const fit = windowFitProblem({ className, what: 'kernel', property: 'kernelSize', kernel: c.kernel, extent, strides: c.strides, input: inSpace, padding: c.padding, keras: isKeras });
    if (fit) problems.push(fit);
    // Keras pads 'causal' on the left only, to the length 'same' gives: ceil(L / s).
    const padding = isKeras && c.padding === 'causal' ? 'same' : c.padding;
    // A window that does not fit leaves nothing to shape downstream: unknown, not negative.
    outSpace = inSpace.map((d, i) => {
      const len = convLength(d, extent[i], padding, c.strides[i]);
      // An empty axis stays empty: TF.js shapes a window that overshoots by at most the stride
      // as 0, and Keras pads an empty axis to an empty axis ('same' on 0 steps is 0 steps).
      if (len === 0 && (!isKeras || padding === 'same')) return 0;
      return len !== null && len <= 0 ? null : len;
    });
  }
  const outC = kind === 'depthwise' ? times(inC, c.depthMultiplier) : c.filters;
  // TF.js's Conv1D runs channelsFirst as channelsLast (convConfig.ts): what it returns is not what it declares.
  const runsTransposed = !isKeras && className === 'Conv1D' && c.dataFormat === 'channelsFirst';
  const outputShape = runsTransposed ? [input[0], null, null] : c.dataFormat === 'channelsFirst' ? [input[0], outC, ...outSpace] : [input[0], ...outSpace, outC];
  const kernelIn = product(c.kernel) === null || inC === null || c.groups === null ? null : (product(c.kernel) as number) * (inC / c.groups);
  return withWindow({
    outputShape,
    params: kind === 'conv' ? withLora(ctx, convParams(kind, c, inC), kernelIn, c.filters) : convParams(kind, c, inC),
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
  withKeras(convSpec('Conv1D', ['conv1d'], 1, 'conv', '1D convolution over steps: [batch, steps, channels] → [batch, newSteps, filters].'), keras('Conv1D Convolution1D', CONV, { extra: 'lora_rank lora_alpha' })),
  withKeras(convSpec('Conv2D', ['conv2d'], 2, 'conv', '2D convolution: [batch, height, width, channels] → [batch, newHeight, newWidth, filters].'), keras('Conv2D Convolution2D', CONV, { extra: 'lora_rank lora_alpha' })),
  withKeras(convSpec('Conv3D', ['conv3d'], 3, 'conv', '3D convolution over volumes: [batch, depth, height, width, channels].'), keras('Conv3D Convolution3D', CONV, { extra: 'lora_rank lora_alpha' })),
  withKeras(convSpec('Conv1DTranspose', [], 1, 'transpose', 'Transposed 1D convolution (Keras): upsamples steps by strides.'), keras('Conv1DTranspose Convolution1DTranspose', TRANSPOSE_2D)),
  withKeras(convSpec('Conv2DTranspose', ['conv2dTranspose'], 2, 'transpose', 'Transposed 2D convolution (deconvolution): upsamples by strides.'), keras('Conv2DTranspose Convolution2DTranspose', TRANSPOSE_2D)),
  withKeras(convSpec('Conv3DTranspose', ['conv3dTranspose'], 3, 'transpose', 'Transposed 3D convolution (deconvolution): upsamples by strides.'), keras('Conv3DTranspose Convolution3DTranspose', TRANSPOSE_3D)),
  withKeras(convSpec('SeparableConv1D', [], 1, 'separable', 'Depthwise 1D convolution followed by a pointwise one (Keras).'), keras('SeparableConv1D SeparableConvolution1D', SEPARABLE)),
  withKeras(convSpec('SeparableConv2D', ['separableConv2d'], 2, 'separable', 'Depthwise 2D convolution followed by a 1×1 pointwise convolution.'), keras('SeparableConv2D SeparableConvolution2D', SEPARABLE)),
  withKeras(convSpec('DepthwiseConv1D', [], 1, 'depthwise', 'Per-channel 1D convolution (Keras): channels × depth_multiplier outputs.'), keras('DepthwiseConv1D', DEPTHWISE)),
  withKeras(convSpec('DepthwiseConv2D', ['depthwiseConv2d'], 2, 'depthwise', 'Per-channel 2D convolution: channels × depthMultiplier outputs.'), keras('DepthwiseConv2D', DEPTHWISE)),
];
