// Keras preprocessing layers (survey §2.10): Rescaling, Normalization, Resizing, CenterCrop,
// RandomCrop and the random augmentations, CategoryEncoding; and the layers that need real
// TensorFlow (Hashing, StringLookup, IntegerLookup, TextVectorization), with seeded random
// configs.
import type { Dim } from '../../../../../src/core/types';
import type { KCase } from '../harness';
import { ctor, draws, type Py } from './random';

const x = (...dims: Dim[]): Dim[] => [null, ...dims];
const ints = (...dims: Dim[]): { shape: Dim[]; dtype: string } => ({ shape: x(...dims), dtype: 'int32' });
const strings = (...dims: Dim[]): { shape: Dim[]; dtype: string } => ({ shape: x(...dims), dtype: 'string' });

const HAND: readonly KCase[] = [
  { layer: 'layers.Rescaling(1 / 255)', inputs: [x(8, 8, 3)] },
  { layer: 'layers.Rescaling(1.0 / 127.5, offset=-1)', inputs: [x(8, 8, 3)] },
  { layer: 'layers.Rescaling()', inputs: [x(8, 8, 3)] },
  { layer: 'layers.Normalization()', inputs: [x(4)] },
  { layer: 'layers.Normalization(mean=(0, 0, 0, 0), variance=(1, 1, 1, 1))', inputs: [x(4)] },
  { layer: 'layers.Normalization(axis=(1, 2))', inputs: [x(5, 4)] },
  { layer: 'layers.Normalization(axis=None)', inputs: [x(5, 4)] },
  { layer: 'layers.Normalization(mean=0.0)', inputs: [x(4)] },
  { layer: 'layers.Normalization(axis=3)', inputs: [x(5, 4)] },
  { layer: 'layers.Normalization(axis=-2, invert=True)', inputs: [x(5, 4)] },
  { layer: 'layers.Resizing(16, 12)', inputs: [x(8, 8, 3)] },
  { layer: "layers.Resizing(16, 12, data_format='channels_first')", inputs: [x(3, 8, 8)] },
  { layer: 'layers.Resizing(16, 12)', inputs: [x(null, null, 3)] },
  { layer: 'layers.Resizing(16, 12, crop_to_aspect_ratio=True)', inputs: [x(8, 8, 3)] },
  { layer: "layers.Resizing(16, 12, interpolation='nearest')", inputs: [x(8, 3)] },
  { layer: 'layers.Resizing(16)', inputs: [x(8, 8, 3)] },
  { layer: 'layers.CenterCrop(4, 4)', inputs: [x(8, 8, 3)] },
  { layer: 'layers.CenterCrop(10, 10)', inputs: [x(8, 8, 3)] },
  { layer: 'layers.CenterCrop(4, 4)', inputs: [x(null, null, 3)] },
  { layer: "layers.CenterCrop(4, 6, 'channels_first')", inputs: [x(3, 8, 8)] },
  { layer: 'layers.RandomCrop(4, 4)', inputs: [x(8, 8, 3)] },
  { layer: 'layers.RandomCrop(10, 10)', inputs: [x(8, 8, 3)] },
  { layer: "layers.RandomCrop(2, 3, data_format='channels_first')", inputs: [x(3, 8, 8)] },
  { layer: 'layers.RandomFlip()', inputs: [x(8, 8, 3)] },
  { layer: "layers.RandomFlip('horizontal')", inputs: [x(8, 8, 3)] },
  { layer: "layers.RandomFlip('diagonal')", inputs: [x(8, 8, 3)] },
  { layer: 'layers.RandomRotation(0.1)', inputs: [x(8, 8, 3)] },
  { layer: 'layers.RandomRotation((-0.2, 0.3))', inputs: [x(8, 8, 3)] },
  { layer: 'layers.RandomRotation(1.5)', inputs: [x(8, 8, 3)] },
  { layer: 'layers.RandomRotation()', inputs: [x(8, 8, 3)] },
  { layer: 'layers.RandomZoom(0.1)', inputs: [x(8, 8, 3)] },
  { layer: 'layers.RandomZoom(2.0)', inputs: [x(8, 8, 3)] },
  { layer: 'layers.RandomZoom(-1.0)', inputs: [x(8, 8, 3)] },
  { layer: 'layers.RandomZoom(0.2, (-0.3, 0.1))', inputs: [x(8, 8, 3)] },
  { layer: 'layers.RandomContrast(0.1)', inputs: [x(8, 8, 3)] },
  { layer: 'layers.RandomContrast(1.5)', inputs: [x(8, 8, 3)] },
  { layer: 'layers.RandomContrast(-0.1)', inputs: [x(8, 8, 3)] },
  { layer: 'layers.RandomTranslation(0.1, 0.1)', inputs: [x(8, 8, 3)] },
  { layer: 'layers.RandomTranslation(0.1)', inputs: [x(8, 8, 3)] },
  { layer: 'layers.RandomTranslation(1.0, -1.0)', inputs: [x(8, 8, 3)] },
  { layer: 'layers.RandomTranslation(0.1, 1.2)', inputs: [x(8, 8, 3)] },
  { layer: 'layers.RandomBrightness(0.2)', inputs: [x(8, 8, 3)] },
  { layer: 'layers.RandomBrightness(1.2)', inputs: [x(8, 8, 3)] },
  { layer: 'layers.RandomBrightness((-0.2, 0.4), value_range=(0, 1))', inputs: [x(8, 8, 3)] },
  { layer: 'layers.Resizing(0, 4)', inputs: [x(8, 8, 3)] },
  { layer: 'layers.CenterCrop(0, 4)', inputs: [x(8, 8, 3)] },
  { layer: 'layers.RandomCrop(-1, 4)', inputs: [x(8, 8, 3)] },
  { layer: 'layers.Resizing(4, 4)', inputs: [x(8)] },
  { layer: 'layers.Resizing(4, 4)', inputs: [[null]] },
  { layer: 'layers.CenterCrop(4, 4)', inputs: [x(8, 8, 8, 3)] },
  { layer: 'layers.RandomCrop(4, 4)', inputs: [x(8)] },
  { layer: 'layers.RandomFlip()', inputs: [x(8)] },
  { layer: "layers.RandomFlip('bogus')", inputs: [x(8, 8, 3)] },
  { layer: "layers.RandomRotation(0.1, fill_mode='bogus')", inputs: [x(8, 8, 3)] },
  { layer: "layers.RandomZoom(0.1, interpolation='bicubic')", inputs: [x(8, 8, 3)] },
  { layer: "layers.RandomTranslation(0.1, 0.1, 'constant', 'nearest', fill_value=1.0)", inputs: [x(8, 8, 3)] },
  { layer: "layers.Resizing(4, 4, interpolation='bogus')", inputs: [x(8, 8, 3)] },
  // CategoryEncoding
  { layer: 'layers.CategoryEncoding(10)', inputs: [ints(3)] },
  { layer: "layers.CategoryEncoding(10, output_mode='one_hot')", inputs: [ints(1)] },
  { layer: "layers.CategoryEncoding(10, output_mode='one_hot')", inputs: [ints()] },
  { layer: "layers.CategoryEncoding(10, output_mode='one_hot')", inputs: [ints(3)] },
  { layer: "layers.CategoryEncoding(10, output_mode='count')", inputs: [ints(3)] },
  { layer: "layers.CategoryEncoding(10, 'binary')", inputs: [ints(3)] },
  { layer: 'layers.CategoryEncoding(10)', inputs: [ints()] },
  { layer: 'layers.CategoryEncoding()', inputs: [ints(3)] },
  { layer: 'layers.CategoryEncoding(0)', inputs: [ints(3)] },
  { layer: "layers.CategoryEncoding(4, output_mode='tf_idf')", inputs: [ints(3)] },
  // Discretization
  { layer: 'layers.Discretization(bin_boundaries=[0.0, 1.0, 2.0])', inputs: [x(4)] },
  { layer: "layers.Discretization([0.0, 1.0], output_mode='one_hot')", inputs: [x(1)] },
  { layer: "layers.Discretization([0.0, 1.0], output_mode='one_hot')", inputs: [x(3)] },
  { layer: "layers.Discretization([0.0, 1.0], output_mode='multi_hot')", inputs: [x(3)] },
  { layer: "layers.Discretization([0.0, 1.0], output_mode='count')", inputs: [x(3, 5)] },
  { layer: "layers.Discretization(num_bins=4, output_mode='count')", inputs: [x(3)] },
  { layer: 'layers.Discretization()', inputs: [x(3)] },
  { layer: 'layers.Discretization([0.0], num_bins=3)', inputs: [x(3)] },
  { layer: "layers.Discretization([0.0], output_mode='tf_idf')", inputs: [x(3)] },
  { layer: 'layers.Discretization([0.0], input_shape=(3,))', inputs: [x(3)] },
  // Layers that need TensorFlow: the expected answers follow Keras's compute_output_shape.
  { layer: 'layers.Hashing(8)', inputs: [strings(3)], withoutTensorFlow: { shape: x(3), params: 0 } },
  { layer: "layers.Hashing(8, output_mode='multi_hot')", inputs: [strings(3)], withoutTensorFlow: { shape: x(8), params: 0 } },
  { layer: "layers.Hashing(4, output_mode='one_hot')", inputs: [strings(2, 1)], withoutTensorFlow: { shape: x(2, 4), params: 0 } },
  { layer: "layers.StringLookup(vocabulary=('a', 'b'))", inputs: [strings(3)], withoutTensorFlow: { shape: x(3), params: 0 } },
  { layer: "layers.StringLookup(vocabulary=['a', 'b', 'c'], output_mode='multi_hot')", inputs: [strings(3)], withoutTensorFlow: { shape: x(4), params: 0 } },
  { layer: "layers.StringLookup(vocabulary=['a', 'b'], mask_token='', output_mode='one_hot')", inputs: [strings(1)], withoutTensorFlow: { shape: x(4), params: 0 } },
  { layer: "layers.StringLookup(max_tokens=20, pad_to_max_tokens=True, output_mode='count')", inputs: [strings(5)], withoutTensorFlow: { shape: x(20), params: 0 } },
  { layer: 'layers.IntegerLookup(vocabulary=(1, 2, 3))', inputs: [ints(3)], withoutTensorFlow: { shape: x(3), params: 0 } },
  { layer: "layers.IntegerLookup(vocabulary=[1, 2, 3], num_oov_indices=2, output_mode='one_hot')", inputs: [ints(2)], withoutTensorFlow: { shape: x(2, 5), params: 0 } },
  { layer: "layers.IntegerLookup(max_tokens=10, pad_to_max_tokens=True, output_mode='multi_hot')", inputs: [ints(4)], withoutTensorFlow: { shape: x(10), params: 0 } },
  { layer: "layers.TextVectorization(output_sequence_length=10, vocabulary=('a', 'b'))", inputs: [strings()], withoutTensorFlow: { shape: x(10), params: 0 } },
  { layer: 'layers.TextVectorization()', inputs: [strings(1)], withoutTensorFlow: { shape: x(null), params: 0 } },
  { layer: "layers.TextVectorization(max_tokens=20, output_mode='multi_hot', vocabulary=('a', 'b'))", inputs: [strings()], withoutTensorFlow: { shape: x(3), params: 0 } },
  { layer: "layers.TextVectorization(max_tokens=20, output_mode='count', pad_to_max_tokens=True)", inputs: [strings()], withoutTensorFlow: { shape: x(20), params: 0 } },
];

const d = draws(20250610);

function factor(low: number): Py {
  return d.chance(0.7) ? d.pick([low, 0.1, 0.5, 1, 1.5, -0.3]) : [d.pick([low, -0.2, 0]), d.pick([0.2, 0.9, 1.3])];
}

function randomImage(): KCase {
  const channelsFirst = d.chance(0.2);
  const [h, w, c] = [d.int(2, 8), d.int(2, 8), d.int(1, 3)];
  const input = channelsFirst ? x(c, h, w) : x(h, w, c);
  const data_format = channelsFirst ? 'channels_first' : undefined;
  switch (d.int(0, 6)) {
    case 0:
      return { layer: ctor('Resizing', [d.int(1, 9), d.int(1, 9)], { data_format }), inputs: [input] };
    case 1:
      return { layer: ctor('CenterCrop', [d.int(1, 9), d.int(1, 9)], { data_format }), inputs: [input] };
    case 2:
      return { layer: ctor('RandomCrop', [d.int(1, h), d.int(1, w)], { data_format }), inputs: [input] };
    case 3:
      return { layer: ctor('RandomRotation', [factor(-1)], { data_format }), inputs: [input] };
    case 4:
      return { layer: ctor('RandomZoom', [factor(-1)], { data_format }), inputs: [input] };
    case 5:
      return { layer: ctor('RandomTranslation', [factor(-1), factor(-1)], { data_format }), inputs: [input] };
    default:
      return { layer: ctor(d.pick(['RandomContrast', 'RandomBrightness']), [factor(0)]), inputs: [x(h, w, 3)] };
  }
}

function randomNormalization(): KCase {
  const rank = d.int(1, 3);
  const dims = Array.from({ length: rank }, () => d.int(1, 5));
  const axis: Py | undefined = d.chance(0.5) ? d.int(1, rank) : d.chance(0.5) ? Array.from({ length: rank }, (_, i) => i + 1).slice(0, d.int(1, rank)) : undefined;
  return { layer: ctor('Normalization', [], { axis }), inputs: [x(...dims)] };
}

function randomCategory(): KCase {
  const mode = d.pick(['multi_hot', 'count', 'one_hot']);
  const rank = d.int(1, 2);
  const dims = Array.from({ length: rank }, () => d.pick([1, 2, 3]));
  return { layer: ctor('CategoryEncoding', [d.int(3, 12)], { output_mode: mode }), inputs: [ints(...dims)] };
}

export const RANDOM_IMAGE = 30;
export const RANDOM_NORMALIZATION = 10;
export const RANDOM_CATEGORY = 10;
// Running these layers eagerly asks `tensorflow.executing_eagerly()`, which the oracle's
// tensorflow shim does not provide: they are checked symbolically (constructor and call).
export const PREPROCESSING_CASES: readonly KCase[] = [
  ...HAND,
  ...Array.from({ length: RANDOM_IMAGE }, randomImage),
  ...Array.from({ length: RANDOM_NORMALIZATION }, randomNormalization),
  ...Array.from({ length: RANDOM_CATEGORY }, randomCategory),
].map((c) => ({ ...c, run: false }));
