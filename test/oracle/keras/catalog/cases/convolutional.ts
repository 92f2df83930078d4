// Keras convolution layers: the survey's cases (.scratch/keras-survey.md §2.4) and seeded random
// configs per class.
import type { Dim } from '../../../../../src/core/types';
import type { KCase } from '../harness';
import { ctor, draws, type Draw, type Py } from './random';

const x = (...dims: Dim[]): Dim[] => [null, ...dims];

const HAND: readonly KCase[] = [
  // Conv1D
  { layer: 'layers.Conv1D(8, 3)', inputs: [x(10, 4)] },
  { layer: "layers.Conv1D(8, 3, padding='causal')", inputs: [x(10, 4)] },
  { layer: "layers.Conv1D(8, 3, padding='causal', strides=2)", inputs: [x(10, 4)], run: true },
  { layer: "layers.Conv1D(8, 3, padding='causal', dilation_rate=2)", inputs: [x(10, 4)] },
  { layer: "layers.Conv1D(8, 5, padding='causal')", inputs: [x(3, 4)] },
  { layer: 'layers.Conv1D(8, 3, groups=2)', inputs: [x(10, 4)] },
  { layer: 'layers.Conv1D(8, 3, groups=3)', inputs: [x(10, 4)] },
  { layer: 'layers.Conv1D(8, 3, groups=2)', inputs: [x(10, 3)] },
  { layer: 'layers.Conv1D(8, 0)', inputs: [x(10, 4)] },
  { layer: 'layers.Conv1D(8.0, 3)', inputs: [x(10, 4)] },
  { layer: "layers.Conv1D(8, 3, padding='SAME')", inputs: [x(10, 4)] },
  { layer: "layers.Conv1D(8, 3, data_format='channels_first')", inputs: [x(4, 10)] },
  { layer: 'layers.Conv1D(8, 3, strides=2, dilation_rate=2)', inputs: [x(10, 4)] },
  { layer: 'layers.Conv1D(8, 3)', inputs: [x(null, 4)] },
  { layer: 'layers.Conv1D(8, 3)', inputs: [x(10, 4, 2)] },
  { layer: 'layers.Convolution1D(4, 2, use_bias=False)', inputs: [x(6, 2)] },
  { layer: 'layers.Conv1D(8, 3, lora_rank=2, lora_alpha=4)', inputs: [x(6, 3)] },
  // Conv2D
  { layer: "layers.Conv2D(8, (3, 3), strides=2, padding='same')", inputs: [x(32, 32, 3)] },
  { layer: 'layers.Conv2D(8, 3, groups=2)', inputs: [x(12, 12, 4)] },
  { layer: 'layers.Conv2D(8, 3, groups=3)', inputs: [x(12, 12, 4)] },
  { layer: 'layers.Conv2D(6, 3, groups=4)', inputs: [x(12, 12, 4)] },
  { layer: 'layers.Conv2D(32.0, 3)', inputs: [x(8, 8, 1)] },
  { layer: 'layers.Conv2D(32, 3.0)', inputs: [x(8, 8, 1)] },
  { layer: "layers.Conv2D(4, 3, padding='Same')", inputs: [x(8, 8, 1)] },
  { layer: "layers.Conv2D(4, 3, padding='VALID')", inputs: [x(8, 8, 1)] },
  { layer: "layers.Conv2D(4, 3, data_format='channelsLast')", inputs: [x(8, 8, 1)] },
  { layer: "layers.Conv2D(4, 3, data_format='CHANNELS_FIRST')", inputs: [x(1, 8, 8)] },
  { layer: 'layers.Conv2D(4, 3)', inputs: [x(2, 2, 1)] },
  { layer: 'layers.Conv2D(4, 3)', inputs: [x(28, 28)] },
  { layer: "layers.Conv2D(4, 3, padding='causal')", inputs: [x(8, 8, 1)] },
  { layer: 'layers.Conv2D(4, 3, padding=[1, 1])', inputs: [x(8, 8, 1)] },
  { layer: 'layers.Conv2D(4, (3,))', inputs: [x(8, 8, 1)] },
  { layer: 'layers.Conv2D(0, 3)', inputs: [x(8, 8, 1)] },
  { layer: 'layers.Conv2D(4, 3, strides=0)', inputs: [x(8, 8, 1)] },
  { layer: 'layers.Conv2D(4, -3)', inputs: [x(8, 8, 1)] },
  { layer: 'layers.Conv2D(4, 3, dilation_rate=(2, 1))', inputs: [x(8, 8, 1)] },
  { layer: 'layers.Conv2D(4, 3, strides=(2, 1), dilation_rate=(1, 2))', inputs: [x(8, 8, 1)] },
  { layer: 'layers.Conv2D(4, 3)', inputs: [x(null, null, 2)] },
  { layer: "layers.Convolution2D(2, 1, activation='relu')", inputs: [x(3, 3, 2)] },
  { layer: 'layers.Conv2D(8, 3, lora_rank=2)', inputs: [x(6, 6, 3)] },
  { layer: 'layers.Conv2D(8, 3, groups=2, lora_rank=2, use_bias=False)', inputs: [x(6, 6, 4)] },
  // Conv3D
  { layer: 'layers.Conv3D(4, 3, groups=2)', inputs: [x(6, 6, 6, 2)] },
  { layer: "layers.Conv3D(4, (1, 2, 3), padding='same', data_format='channels_first')", inputs: [x(2, 5, 5, 5)] },
  { layer: 'layers.Convolution3D(2, 2, strides=2)', inputs: [x(4, 5, 6, 1)] },
  // Transposed
  { layer: 'layers.Conv2DTranspose(16, 3, strides=2, output_padding=1)', inputs: [x(7, 7, 8)] },
  { layer: "layers.Conv2DTranspose(16, 3, strides=2, padding='same', output_padding=0)", inputs: [x(7, 7, 8)] },
  { layer: "layers.Conv2DTranspose(16, 3, strides=2, padding='same', output_padding=1)", inputs: [x(7, 7, 8)] },
  { layer: "layers.Conv2DTranspose(16, 4, strides=2, padding='same', output_padding=1)", inputs: [x(7, 7, 8)], run: true },
  { layer: 'layers.Conv2DTranspose(16, 3, strides=2, output_padding=2)', inputs: [x(7, 7, 8)] },
  { layer: 'layers.Conv2DTranspose(16, 3, dilation_rate=2)', inputs: [x(7, 7, 8)] },
  { layer: "layers.Conv2DTranspose(16, 3, dilation_rate=2, padding='same')", inputs: [x(7, 7, 8)] },
  { layer: 'layers.Conv2DTranspose(4, 3, strides=2, dilation_rate=2)', inputs: [x(7, 7, 8)] },
  { layer: "layers.Conv2DTranspose(4, 3, padding='causal')", inputs: [x(7, 7, 8)] },
  { layer: 'layers.Conv2DTranspose(4, 1, strides=3)', inputs: [x(2, 2, 1)], run: true },
  { layer: "layers.Convolution2DTranspose(4, 3, data_format='channels_first')", inputs: [x(2, 5, 5)] },
  { layer: 'layers.Conv3DTranspose(4, 3, strides=2, output_padding=1)', inputs: [x(4, 4, 4, 2)] },
  { layer: 'layers.Conv3DTranspose(4, 3, dilation_rate=2)', inputs: [x(4, 4, 4, 2)] },
  { layer: "layers.Convolution3DTranspose(2, 2, 1, 'same', 'channels_first')", inputs: [x(2, 3, 3, 3)] },
  { layer: 'layers.Conv1DTranspose(8, 3)', inputs: [x(10, 4)] },
  { layer: 'layers.Conv1DTranspose(8, 3, strides=2)', inputs: [x(10, 4)] },
  { layer: "layers.Conv1DTranspose(8, 3, strides=2, padding='same')", inputs: [x(10, 4)] },
  { layer: 'layers.Conv1DTranspose(8, 3, strides=2, output_padding=1)', inputs: [x(10, 4)] },
  { layer: "layers.Convolution1DTranspose(2, 2, padding='causal')", inputs: [x(10, 4)] },
  // Depthwise and separable
  { layer: 'layers.DepthwiseConv2D(3, dilation_rate=2)', inputs: [x(10, 10, 4)] },
  { layer: 'layers.DepthwiseConv2D(3, strides=2, dilation_rate=2)', inputs: [x(10, 10, 4)], run: true },
  { layer: "layers.DepthwiseConv2D(3, padding='causal')", inputs: [x(10, 10, 4)] },
  { layer: 'layers.DepthwiseConv2D(3, depth_multiplier=0)', inputs: [x(10, 10, 4)] },
  { layer: 'layers.DepthwiseConv2D(3, depth_multiplier=2, use_bias=False)', inputs: [x(6, 6, 3)] },
  { layer: 'layers.DepthwiseConv2D(5)', inputs: [x(4, 4, 3)] },
  { layer: 'layers.DepthwiseConv1D(3, depth_multiplier=2)', inputs: [x(10, 4)] },
  { layer: "layers.DepthwiseConv1D(3, strides=2, padding='same', dilation_rate=2)", inputs: [x(10, 4)], run: true },
  { layer: "layers.SeparableConv2D(8, 3, data_format='channels_first')", inputs: [x(4, 10, 10)] },
  { layer: 'layers.SeparableConv2D(8, 3, depth_multiplier=0)', inputs: [x(10, 10, 4)] },
  { layer: 'layers.SeparableConv2D(8, 3, strides=2, dilation_rate=2)', inputs: [x(10, 10, 4)] },
  { layer: "layers.SeparableConv2D(8, 3, padding='causal')", inputs: [x(10, 10, 4)] },
  { layer: 'layers.SeparableConvolution2D(4, 2, depth_multiplier=3)', inputs: [x(5, 5, 2)] },
  { layer: 'layers.SeparableConv1D(8, 3)', inputs: [x(10, 4)] },
  { layer: "layers.SeparableConvolution1D(8, 3, padding='causal')", inputs: [x(10, 4)] },
];

type Kind = 'conv' | 'transpose' | 'separable' | 'depthwise';
const CLASSES: readonly { name: string; n: number; kind: Kind }[] = [
  { name: 'Conv1D', n: 1, kind: 'conv' },
  { name: 'Conv2D', n: 2, kind: 'conv' },
  { name: 'Conv3D', n: 3, kind: 'conv' },
  { name: 'Conv1DTranspose', n: 1, kind: 'transpose' },
  { name: 'Conv2DTranspose', n: 2, kind: 'transpose' },
  { name: 'Conv3DTranspose', n: 3, kind: 'transpose' },
  { name: 'SeparableConv1D', n: 1, kind: 'separable' },
  { name: 'SeparableConv2D', n: 2, kind: 'separable' },
  { name: 'DepthwiseConv1D', n: 1, kind: 'depthwise' },
  { name: 'DepthwiseConv2D', n: 2, kind: 'depthwise' },
];

function tupleOr(d: Draw, n: number, lo: number, hi: number): Py {
  return d.chance(0.5) ? d.int(lo, hi) : Array.from({ length: n }, () => d.int(lo, hi));
}

/** One random config of a conv class on a random input. */
function randomCase(d: Draw, cls: (typeof CLASSES)[number]): KCase {
  const { n, kind } = cls;
  const channelsFirst = d.chance(0.25);
  const channels = d.int(1, 6);
  const space = Array.from({ length: n }, () => (d.chance(0.1) ? null : d.int(1, n === 3 ? 6 : 12)));
  const input = channelsFirst ? [null, channels, ...space] : [null, ...space, channels];
  const paddings = n === 1 && kind === 'conv' ? ['valid', 'same', 'causal'] : ['valid', 'same'];
  const strided = d.chance(0.5);
  const keywords: Record<string, Py | undefined> = {
    strides: strided ? tupleOr(d, n, 1, 3) : undefined,
    padding: d.chance(0.7) ? d.pick(paddings) : undefined,
    dilation_rate: d.chance(strided ? 0.15 : 0.4) ? tupleOr(d, n, 1, 3) : undefined,
    data_format: channelsFirst ? 'channels_first' : d.chance(0.1) ? 'channels_last' : undefined,
    use_bias: d.chance(0.2) ? false : undefined,
  };
  if (kind === 'conv' && d.chance(0.3)) keywords.groups = d.pick([1, 2, 3]);
  if (kind === 'transpose' && d.chance(0.4)) keywords.output_padding = tupleOr(d, n, 0, 2);
  if ((kind === 'separable' || kind === 'depthwise') && d.chance(0.4)) keywords.depth_multiplier = d.int(1, 3);
  const kernel = tupleOr(d, n, 1, 4);
  const filters = d.int(1, 8) * (keywords.groups === undefined ? 1 : (keywords.groups as number));
  const positional = kind === 'depthwise' ? [kernel] : [filters, kernel];
  return { layer: ctor(cls.name, positional, keywords), inputs: [input] };
}

function randomCases(seed: number, perClass: number): KCase[] {
  const d = draws(seed);
  return CLASSES.flatMap((cls) => Array.from({ length: perClass }, () => randomCase(d, cls)));
}

export const RANDOM_PER_CLASS = 24;
// The numpy backend runs convolutions through jax, which compiles each new shape (0.1-0.4 s):
// only the cases marked `run: true` also run on zeros; the others are checked symbolically.
export const CONVOLUTIONAL_CASES: readonly KCase[] = [...HAND, ...randomCases(20250601, RANDOM_PER_CLASS)].map((c) => ({ run: false, ...c }));
