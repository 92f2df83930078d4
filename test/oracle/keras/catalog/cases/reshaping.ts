// Keras reshaping layers (survey §2.8): Reshape, Permute, RepeatVector, ZeroPadding1D/2D/3D,
// Cropping1D/2D/3D, UpSampling1D/2D/3D, with seeded random configs.
import type { Dim } from '../../../../../src/core/types';
import type { KCase } from '../harness';
import { ctor, draws, type Py } from './random';

const x = (...dims: Dim[]): Dim[] => [null, ...dims];

const HAND: readonly KCase[] = [
  { layer: 'layers.Reshape((-1, 3))', inputs: [x(12)] },
  { layer: 'layers.Reshape((-1, 5))', inputs: [x(12)] },
  { layer: 'layers.Reshape((4, 4))', inputs: [x(12)] },
  { layer: 'layers.Reshape((-1, -1))', inputs: [x(12)] },
  { layer: 'layers.Reshape((-2, 6))', inputs: [x(12)] },
  { layer: 'layers.Reshape((0, 12))', inputs: [x(12)] },
  { layer: 'layers.Reshape(12)', inputs: [x(12)] },
  { layer: 'layers.Reshape((None, 3))', inputs: [x(12)] },
  { layer: 'layers.Reshape((3, 4))', inputs: [x(null, 3)], run: false },
  { layer: 'layers.Reshape((2, -1))', inputs: [[4, 3, 2]] },
  { layer: 'layers.Reshape(target_shape=[2, 6])', inputs: [x(3, 4)] },
  { layer: 'layers.Reshape(())', inputs: [x(1)] },
  { layer: 'layers.Permute((2, 1))', inputs: [x(3, 4)] },
  { layer: 'layers.Permute((1, 3, 2))', inputs: [x(2, 3, 4)] },
  { layer: 'layers.Permute((2, 2))', inputs: [x(3, 4)] },
  { layer: 'layers.Permute((2, 1))', inputs: [x(2, 3, 4)] },
  { layer: 'layers.Permute(1)', inputs: [x(3)] },
  { layer: 'layers.RepeatVector(3)', inputs: [x(4)] },
  { layer: 'layers.RepeatVector(0)', inputs: [x(4)] },
  { layer: 'layers.RepeatVector(3.0)', inputs: [x(4)] },
  { layer: 'layers.RepeatVector(True)', inputs: [x(4)] },
  { layer: 'layers.RepeatVector(2)', inputs: [x(3, 4)] },
  // Padding
  { layer: 'layers.ZeroPadding1D()', inputs: [x(5, 3)] },
  { layer: 'layers.ZeroPadding1D((1, 2))', inputs: [x(5, 3)] },
  { layer: "layers.ZeroPadding1D(3, data_format='channels_first')", inputs: [x(3, 5)] },
  { layer: 'layers.ZeroPadding1D(-1)', inputs: [x(5, 3)] },
  { layer: 'layers.ZeroPadding1D((1, 2, 3))', inputs: [x(5, 3)] },
  { layer: 'layers.ZeroPadding2D()', inputs: [x(5, 5, 3)] },
  { layer: 'layers.ZeroPadding2D(2)', inputs: [x(5, 5, 3)] },
  { layer: 'layers.ZeroPadding2D((1, 2))', inputs: [x(5, 5, 3)] },
  { layer: 'layers.ZeroPadding2D(((1, 0), (2, 3)))', inputs: [x(5, 5, 3)] },
  { layer: 'layers.ZeroPadding2D(-1)', inputs: [x(5, 5, 3)] },
  { layer: 'layers.ZeroPadding2D((-1, 1))', inputs: [x(5, 5, 3)] },
  { layer: 'layers.ZeroPadding2D((1, 2, 3))', inputs: [x(5, 5, 3)] },
  { layer: "layers.ZeroPadding2D(1, 'channels_first')", inputs: [x(3, 5, 5)] },
  { layer: 'layers.ZeroPadding2D()', inputs: [x(5, 3)] },
  { layer: 'layers.ZeroPadding3D()', inputs: [x(2, 3, 4, 3)] },
  { layer: 'layers.ZeroPadding3D(2)', inputs: [x(2, 3, 4, 3)] },
  { layer: 'layers.ZeroPadding3D((1, 2, 0))', inputs: [x(2, 3, 4, 3)] },
  { layer: 'layers.ZeroPadding3D(((1, 1), (0, 2), (3, 0)))', inputs: [x(2, null, 4, 3)] },
  // Cropping
  { layer: 'layers.Cropping1D()', inputs: [x(5, 3)] },
  { layer: 'layers.Cropping1D((3, 2))', inputs: [x(5, 3)] },
  { layer: 'layers.Cropping1D(2)', inputs: [x(5, 3)] },
  { layer: 'layers.Cropping1D(-1)', inputs: [x(5, 3)] },
  { layer: 'layers.Cropping2D()', inputs: [x(5, 5, 3)] },
  { layer: 'layers.Cropping2D(1)', inputs: [x(5, 5, 3)] },
  { layer: 'layers.Cropping2D(1)', inputs: [x(null, null, 3)] },
  { layer: 'layers.Cropping2D(3)', inputs: [x(5, 5, 3)] },
  { layer: 'layers.Cropping2D(((2, 3), (0, 0)))', inputs: [x(5, 5, 3)] },
  { layer: 'layers.Cropping2D(((2, 2), (0, 1)))', inputs: [x(5, 5, 3)] },
  { layer: 'layers.Cropping2D(-1)', inputs: [x(5, 5, 3)] },
  { layer: "layers.Cropping2D((1, 2), data_format='channels_first')", inputs: [x(3, 5, 6)] },
  { layer: 'layers.Cropping3D()', inputs: [x(4, 5, 6, 3)] },
  { layer: 'layers.Cropping3D(2)', inputs: [x(4, 5, 6, 3)] },
  { layer: 'layers.Cropping3D((1, 0, 2))', inputs: [x(4, 5, 6, 3)] },
  // Upsampling
  { layer: 'layers.UpSampling1D()', inputs: [x(5, 3)] },
  { layer: 'layers.UpSampling1D(3)', inputs: [x(5, 3)] },
  { layer: 'layers.UpSampling1D(0)', inputs: [x(5, 3)] },
  { layer: 'layers.UpSampling1D((2,))', inputs: [x(5, 3)] },
  { layer: 'layers.UpSampling2D()', inputs: [x(4, 4, 3)] },
  { layer: 'layers.UpSampling2D(3)', inputs: [x(4, 4, 3)] },
  { layer: 'layers.UpSampling2D(0)', inputs: [x(4, 4, 3)] },
  { layer: "layers.UpSampling2D((2, 3), interpolation='bilinear')", inputs: [x(4, 4, 3)] },
  { layer: "layers.UpSampling2D(interpolation='BICUBIC')", inputs: [x(4, 4, 3)] },
  { layer: "layers.UpSampling2D(interpolation='lanczos5')", inputs: [x(4, 4, 3)] },
  { layer: "layers.UpSampling2D(interpolation='bogus')", inputs: [x(4, 4, 3)] },
  { layer: "layers.UpSampling2D(2, 'channels_first')", inputs: [x(3, 4, 4)] },
  { layer: 'layers.UpSampling3D()', inputs: [x(2, 3, 4, 3)] },
  { layer: 'layers.UpSampling3D(2)', inputs: [x(2, 3, 4, 3)] },
  { layer: 'layers.UpSampling3D((1, 2, 3))', inputs: [x(2, 3, null, 3)] },
];

const d = draws(20250607);

function amounts(n: number, max: number): Py {
  const pick = (): number => d.int(0, max);
  switch (d.int(0, 2)) {
    case 0:
      return pick();
    case 1:
      return Array.from({ length: n }, pick);
    default:
      return Array.from({ length: n }, () => [pick(), pick()]);
  }
}

function spatialInput(n: number, channelsFirst: boolean): Dim[] {
  const space = Array.from({ length: n }, () => (d.chance(0.1) ? null : d.int(1, 6)));
  const c = d.int(1, 4);
  return channelsFirst ? x(c, ...space) : x(...space, c);
}

function randomPadCrop(): KCase {
  const kind = d.pick(['ZeroPadding', 'Cropping', 'UpSampling']);
  const n = d.int(1, 3);
  const channelsFirst = n > 1 && d.chance(0.25);
  const cls = `${kind}${n}D`;
  const value: Py = kind === 'UpSampling' ? (n === 1 ? d.int(1, 3) : d.chance(0.5) ? d.int(1, 3) : Array.from({ length: n }, () => d.int(1, 3))) : n === 1 ? (d.chance(0.5) ? d.int(0, 3) : [d.int(0, 3), d.int(0, 3)]) : amounts(n, 3);
  const keywords = { data_format: channelsFirst ? 'channels_first' : undefined };
  return { layer: ctor(cls, d.chance(0.85) ? [value] : [], keywords), inputs: [spatialInput(n, channelsFirst)] };
}

function randomReshape(): KCase {
  const dims = Array.from({ length: d.int(1, 3) }, () => d.pick([1, 2, 3, 4, 6]));
  const size = dims.reduce((a, b) => a * b, 1);
  const target: number[] = d.chance(0.5) ? [size] : d.chance(0.5) ? [-1, dims[0]] : [dims[dims.length - 1], -1];
  if (d.chance(0.2)) target[0] += 1;
  return { layer: ctor('Reshape', [target]), inputs: [x(...dims)] };
}

export const RANDOM_PAD_CROP_UP = 36;
export const RANDOM_RESHAPE = 14;
export const RESHAPING_CASES: readonly KCase[] = [...HAND, ...Array.from({ length: RANDOM_PAD_CROP_UP }, randomPadCrop), ...Array.from({ length: RANDOM_RESHAPE }, randomReshape)];
