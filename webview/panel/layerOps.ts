// One layer of the report → backend kernels. Everything is HWC on the device; a 1-D layer runs
// as a 1×W 2-D op, and channelsFirst models differ only in how their shapes read (the kernels'
// weight layouts are the same in TF.js for both formats).
import type { LayerReport } from '../../src/core/report';
import type { Activation, DeviceTensor, KernelBackend, Padding } from '../kernels/types';
import { NotPreviewable, bool, num, pads, pair, single, str } from './configRead';
import type { WeightSource } from './weightSource';
import { primaryShape } from './shape';

export interface KernelView {
  /** TF.js layout [kh, kw, in, out] (depthwise: [kh, kw, in, multiplier]; transpose: [kh, kw, out, in]). */
  readonly data: Float32Array;
  readonly shape: readonly [number, number, number, number];
  readonly layout: 'conv' | 'depthwise' | 'transpose';
}

export interface LayerRun {
  readonly output: DeviceTensor;
  readonly kernel?: KernelView;
}

const ACTIVATIONS: Readonly<Record<string, Activation>> = {
  linear: 'linear',
  relu: 'relu',
  relu6: 'relu6',
  elu: 'elu',
  selu: 'selu',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  softplus: 'softplus',
  softsign: 'softsign',
};

/** Layers that are the identity at inference time. */
const IDENTITY = new Set(['Dropout', 'SpatialDropout1D', 'SpatialDropout2D', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout', 'InputLayer']);

function activationOf(layer: LayerReport): Activation {
  const name = str(layer, 'activation', 'linear');
  const act = ACTIVATIONS[name];
  if (!act) throw new NotPreviewable(`${layer.name}: activation '${name}' is not previewed (supported: ${Object.keys(ACTIVATIONS).join(', ')}).`);
  return act;
}

function paddingOf(layer: LayerReport): Padding {
  const p = str(layer, 'padding', 'valid');
  if (p !== 'valid' && p !== 'same') throw new NotPreviewable(`${layer.name}: padding '${p}' is not previewed.`);
  return p;
}

export function dataFormatOf(layer: LayerReport): 'channelsLast' | 'channelsFirst' {
  return str(layer, 'dataFormat', 'channelsLast') === 'channelsFirst' ? 'channelsFirst' : 'channelsLast';
}

function biasOf(layer: LayerReport, weights: WeightSource, n: number): Float32Array | null {
  return bool(layer, 'useBias', true) ? weights.weight(layer, 'bias', [n]) : null;
}

/** Runs one layer. Throws NotPreviewable for layers the preview cannot compute. */
export function runLayer(
  backend: KernelBackend,
  layer: LayerReport,
  inputs: readonly DeviceTensor[],
  weights: WeightSource,
  channelsFirst: boolean,
): LayerRun {
  const cls = layer.className ?? '(unknown factory)';
  const x = inputs[0];
  // A copy, so every layer owns its output and the pipeline can dispose uniformly.
  if (IDENTITY.has(cls)) return { output: backend.activation(x, 'linear') };
  const is1D = cls.endsWith('1D');
  const window = (key: string, fallback?: number) => (is1D ? single(layer, key, fallback) : pair(layer, key, fallback === undefined ? undefined : [fallback, fallback]));

  switch (cls) {
    case 'Conv1D':
    case 'Conv2D': {
      const kernelSize = window('kernelSize');
      const filters = num(layer, 'filters');
      const shape = [kernelSize[0], kernelSize[1], x.channels, filters] as const;
      const kernel = weights.weight(layer, 'kernel', is1D ? [kernelSize[1], x.channels, filters] : shape);
      const output = backend.conv2d(x, {
        kernel,
        kernelSize,
        inChannels: x.channels,
        outChannels: filters,
        bias: biasOf(layer, weights, filters),
        strides: window('strides', 1),
        padding: paddingOf(layer),
        dilation: window('dilationRate', 1),
        activation: activationOf(layer),
      });
      return { output, kernel: { data: kernel, shape, layout: 'conv' } };
    }
    case 'DepthwiseConv2D': {
      const kernelSize = pair(layer, 'kernelSize');
      const multiplier = num(layer, 'depthMultiplier', 1);
      const shape = [kernelSize[0], kernelSize[1], x.channels, multiplier] as const;
      const kernel = weights.weight(layer, 'depthwise_kernel', shape);
      const output = backend.depthwiseConv2d(x, {
        kernel,
        kernelSize,
        inChannels: x.channels,
        depthMultiplier: multiplier,
        bias: biasOf(layer, weights, x.channels * multiplier),
        strides: pair(layer, 'strides', [1, 1]),
        padding: paddingOf(layer),
        dilation: pair(layer, 'dilationRate', [1, 1]),
        activation: activationOf(layer),
      });
      return { output, kernel: { data: kernel, shape, layout: 'depthwise' } };
    }
    case 'SeparableConv2D': {
      // Depthwise (no bias, no activation) then pointwise 1×1 with bias and activation.
      const kernelSize = pair(layer, 'kernelSize');
      const multiplier = num(layer, 'depthMultiplier', 1);
      const filters = num(layer, 'filters');
      const dwShape = [kernelSize[0], kernelSize[1], x.channels, multiplier] as const;
      const dw = weights.weight(layer, 'depthwise_kernel', dwShape);
      const mid = backend.depthwiseConv2d(x, {
        kernel: dw,
        kernelSize,
        inChannels: x.channels,
        depthMultiplier: multiplier,
        bias: null,
        strides: pair(layer, 'strides', [1, 1]),
        padding: paddingOf(layer),
        dilation: pair(layer, 'dilationRate', [1, 1]),
        activation: 'linear',
      });
      const pw = weights.weight(layer, 'pointwise_kernel', [1, 1, x.channels * multiplier, filters]);
      const output = backend.conv2d(mid, {
        kernel: pw,
        kernelSize: [1, 1],
        inChannels: x.channels * multiplier,
        outChannels: filters,
        bias: biasOf(layer, weights, filters),
        strides: [1, 1],
        padding: 'valid',
        dilation: [1, 1],
        activation: activationOf(layer),
      });
      backend.dispose(mid);
      return { output, kernel: { data: dw, shape: dwShape, layout: 'depthwise' } };
    }
    case 'Conv2DTranspose': {
      const kernelSize = pair(layer, 'kernelSize');
      const filters = num(layer, 'filters');
      const shape = [kernelSize[0], kernelSize[1], filters, x.channels] as const;
      const kernel = weights.weight(layer, 'kernel', shape);
      const output = backend.conv2dTranspose(x, {
        kernel,
        kernelSize,
        inChannels: x.channels,
        outChannels: filters,
        bias: biasOf(layer, weights, filters),
        strides: pair(layer, 'strides', [1, 1]),
        padding: paddingOf(layer),
        activation: activationOf(layer),
      });
      return { output, kernel: { data: kernel, shape, layout: 'transpose' } };
    }
    case 'Activation':
      return { output: backend.activation(x, activationOf(layer)) };
    case 'ReLU': {
      const max = layer.config.maxValue;
      if (max === undefined || max === null) return { output: backend.activation(x, 'relu') };
      if (max === 6) return { output: backend.activation(x, 'relu6') };
      throw new NotPreviewable(`${layer.name}: ReLU with maxValue ${JSON.stringify(max)} is not previewed (only 6).`);
    }
    case 'LeakyReLU':
      return { output: backend.activation(x, 'leakyRelu', num(layer, 'alpha', 0.3)) };
    case 'ELU':
      if (num(layer, 'alpha', 1) !== 1) throw new NotPreviewable(`${layer.name}: ELU with alpha ≠ 1 is not previewed.`);
      return { output: backend.activation(x, 'elu') };
    case 'MaxPooling1D':
    case 'MaxPooling2D':
    case 'AveragePooling1D':
    case 'AveragePooling2D': {
      const poolSize = window('poolSize', 2);
      const stridesGiven = layer.config.strides !== undefined && layer.config.strides !== null;
      return {
        output: backend.pool2d(x, {
          kind: cls.startsWith('Max') ? 'max' : 'avg',
          poolSize,
          strides: stridesGiven ? window('strides') : poolSize,
          padding: paddingOf(layer),
        }),
      };
    }
    case 'GlobalMaxPooling1D':
    case 'GlobalMaxPooling2D':
      return { output: backend.globalPool2d(x, 'max') };
    case 'GlobalAveragePooling1D':
    case 'GlobalAveragePooling2D':
      return { output: backend.globalPool2d(x, 'avg') };
    case 'BatchNormalization': {
      const c = x.channels;
      const axis = layer.config.axis;
      if (axis !== undefined && axis !== null && axis !== -1 && axis !== (primaryShape(layer.outputShape)?.length ?? 0) - 1 && !(axis === 1 && channelsFirst))
        throw new NotPreviewable(`${layer.name}: BatchNormalization over axis ${JSON.stringify(axis)} is not previewed (channels only).`);
      return {
        output: backend.batchNorm(x, {
          gamma: bool(layer, 'scale', true) ? weights.weight(layer, 'gamma', [c]) : null,
          beta: bool(layer, 'center', true) ? weights.weight(layer, 'beta', [c]) : null,
          movingMean: weights.weight(layer, 'moving_mean', [c]),
          movingVariance: weights.weight(layer, 'moving_variance', [c]),
          epsilon: num(layer, 'epsilon', 1e-3),
        }),
      };
    }
    case 'ZeroPadding2D':
      return { output: backend.zeroPad2d(x, pads(layer, 'padding', 1)) };
    case 'Cropping2D':
      return { output: backend.crop2d(x, pads(layer, 'cropping', 0)) };
    case 'UpSampling2D': {
      const interpolation = str(layer, 'interpolation', 'nearest');
      if (interpolation !== 'nearest' && interpolation !== 'bilinear') throw new NotPreviewable(`${layer.name}: interpolation '${interpolation}' is not previewed.`);
      return { output: backend.upSample2d(x, pair(layer, 'size', [2, 2]), interpolation) };
    }
    case 'Add':
      return { output: backend.add(inputs) };
    case 'Concatenate': {
      const rank = primaryShape(layer.outputShape)?.length ?? 4;
      const axis = layer.config.axis ?? -1;
      const channelAxis = channelsFirst ? 1 : rank - 1;
      if (axis !== -1 && axis !== channelAxis) throw new NotPreviewable(`${layer.name}: concatenation along axis ${JSON.stringify(axis)} (not channels) is not previewed.`);
      return { output: backend.concat(inputs) };
    }
    default:
      return fail(layer);
  }
}

function fail(layer: LayerReport): never {
  const cls = layer.className ?? 'this layer';
  const why = ['Dense', 'Flatten', 'Reshape', 'Permute', 'RepeatVector', 'Embedding'].includes(cls)
    ? 'its output is not an image-like feature map'
    : ['LSTM', 'GRU', 'SimpleRNN', 'ConvLSTM2D', 'Bidirectional', 'TimeDistributed'].includes(cls)
      ? 'recurrent layers are not previewed'
      : 'the preview has no kernel for it';
  throw new NotPreviewable(`${layer.name} (${cls}) cannot be previewed: ${why}.`);
}
