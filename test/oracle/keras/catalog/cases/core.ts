// Keras core layers: Dense, Flatten, Activation, Masking, Identity, ActivityRegularization,
// the dropout family, EinsumDense and Lambda (survey §2.1), with seeded random configs.
import type { Dim } from '../../../../../src/core/types';
import type { KCase } from '../harness';
import { ctor, draws } from './random';

const x = (...dims: Dim[]): Dim[] => [null, ...dims];

const HAND: readonly KCase[] = [
  { layer: 'layers.Dense(8)', inputs: [x(4)] },
  { layer: "layers.Dense(8, 'relu', False)", inputs: [x(3, 4)] },
  { layer: 'layers.Dense(8.0)', inputs: [x(4)] },
  { layer: 'layers.Dense(units=True)', inputs: [x(4)] },
  { layer: 'layers.Dense(8, batch_input_shape=(None, 4))', inputs: [x(4)] },
  { layer: 'layers.Dense(8, batch_size=2)', inputs: [x(4)] },
  { layer: 'layers.Dense(8, kernel_size=3)', inputs: [x(4)] },
  { layer: "layers.Dense(8, activation='leaky_relu')", inputs: [x(4)] },
  { layer: "layers.Dense(8, activation='hardSigmoid')", inputs: [x(4)] },
  { layer: "layers.Dense(8, activation='no_such_activation')", inputs: [x(4)] },
  { layer: 'layers.Dense(0)', inputs: [x(4)] },
  { layer: 'layers.Dense(8)', inputs: [[null]] },
  { layer: 'layers.Dense(8, input_shape=(4,))', inputs: [x(4)] },
  { layer: "layers.Dense(4, name='head', trainable=False)", inputs: [x(3)] },
  { layer: 'layers.Flatten()', inputs: [x(4)] },
  { layer: 'layers.Flatten()', inputs: [[null]] },
  { layer: 'layers.Flatten()', inputs: [x(null, 3)] },
  { layer: 'layers.Flatten()', inputs: [x(2, 3, 4)] },
  { layer: "layers.Flatten(data_format='channels_first')", inputs: [x(2, 3, 4)] },
  { layer: "layers.Flatten('channelsFirst')", inputs: [x(2, 3, 4)] },
  { layer: 'layers.Dropout(0.5)', inputs: [x(4)] },
  { layer: 'layers.Dropout(1.5)', inputs: [x(4)] },
  { layer: 'layers.Dropout(-0.1)', inputs: [x(4)] },
  { layer: 'layers.Dropout(1.0)', inputs: [x(4)] },
  { layer: 'layers.Dropout()', inputs: [x(4)] },
  { layer: 'layers.Dropout(0.2, noise_shape=(None, 1, 4), seed=3)', inputs: [x(5, 4)] },
  { layer: 'layers.SpatialDropout1D(0.2)', inputs: [x(5, 4)] },
  { layer: 'layers.SpatialDropout1D(1.0)', inputs: [x(5, 4)] },
  { layer: 'layers.SpatialDropout1D(0.2, input_shape=(5, 4))', inputs: [x(5, 4)] },
  { layer: 'layers.SpatialDropout1D(0.2)', inputs: [x(4)] },
  { layer: 'layers.SpatialDropout2D(0.3)', inputs: [x(4, 4, 3)] },
  { layer: "layers.SpatialDropout2D(0.3, data_format='channels_first')", inputs: [x(3, 4, 4)] },
  { layer: 'layers.SpatialDropout2D(0.3)', inputs: [x(4, 3)] },
  { layer: 'layers.SpatialDropout3D(0.1)', inputs: [x(2, 4, 4, 3)] },
  { layer: 'layers.SpatialDropout3D(2.0)', inputs: [x(2, 4, 4, 3)] },
  { layer: "layers.Activation('relu')", inputs: [x(3, 4)] },
  { layer: "layers.Activation('silu')", inputs: [x(3, 4)] },
  { layer: "layers.Activation('logSoftmax')", inputs: [x(3, 4)] },
  { layer: 'layers.Activation(None)', inputs: [x(3, 4)] },
  { layer: 'layers.Masking()', inputs: [x(3)] },
  { layer: 'layers.Masking(mask_value=-1.0)', inputs: [x(5, 3)] },
  { layer: 'layers.Masking(mask_value=0.5)', inputs: [x(null, 2)] },
  { layer: 'layers.Identity()', inputs: [x(3, 4)] },
  { layer: 'layers.Identity()', inputs: [[null]] },
  { layer: "layers.Identity(name='same')", inputs: [x(2, 3, 4)] },
  { layer: 'layers.ActivityRegularization(l1=0.01)', inputs: [x(3, 4)] },
  { layer: 'layers.ActivityRegularization(0.1, 0.2)', inputs: [x(6)] },
  { layer: 'layers.ActivityRegularization(l3=0.1)', inputs: [x(6)] },
  // LoRA: the kernel is frozen, two trainable factors are added.
  { layer: 'layers.Dense(8, lora_rank=2)', inputs: [x(4)] },
  { layer: 'layers.Dense(8, lora_rank=2, use_bias=False)', inputs: [x(4)] },
  { layer: 'layers.Dense(8, lora_rank=0)', inputs: [x(4)] },
  { layer: 'layers.Dense(8, lora_rank=3, lora_alpha=6, trainable=False)', inputs: [x(5)] },
  { layer: "layers.EinsumDense('ab,bc->ac', 8, lora_rank=2)", inputs: [x(4)] },
  // Size-0 dims: Keras builds them (only the layers that compute a size check it).
  { layer: 'layers.Dense(4)', inputs: [x(0)] },
  { layer: 'layers.Dropout(0.2)', inputs: [x(0)] },
  { layer: 'layers.Flatten()', inputs: [x(0, 3)] },
  { layer: 'layers.Reshape((0,))', inputs: [x(0)] },
  { layer: 'layers.RepeatVector(2)', inputs: [x(0)] },
  { layer: 'layers.Concatenate()', inputs: [x(0), x(0)] },
  { layer: 'layers.UpSampling1D(2)', inputs: [x(0, 2)] },
  { layer: "layers.Conv1D(2, 3, padding='same')", inputs: [x(0, 2)], run: false },
  { layer: 'layers.Conv2D(2, 1)', inputs: [x(0, 4, 1)], run: false },
  { layer: "layers.Conv1DTranspose(2, 2, padding='same', output_padding=0)", inputs: [x(1, 3)], run: false },
  { layer: 'layers.MaxPooling1D(1)', inputs: [x(0, 2)], run: false },
  // An LSTM over 0 steps builds; whether it runs depends on the backend (numpy: IndexError).
  { layer: 'layers.LSTM(2)', inputs: [x(0, 2)], run: false },
  // EinsumDense
  { layer: "layers.EinsumDense('ab,bc->ac', output_shape=64, bias_axes='c')", inputs: [x(32)] },
  { layer: "layers.EinsumDense('abc,cd->abd', output_shape=(None, 64), bias_axes='d')", inputs: [x(32, 128)] },
  { layer: "layers.EinsumDense('abc,cde->abde', output_shape=(None, 4, 8))", inputs: [x(5, 16)] },
  // Keras declares the two elided axes reversed, (None, 5, 3, 64), but computes (None, 3, 5, 64).
  { layer: "layers.EinsumDense('...b,bc->...c', output_shape=64, bias_axes='c')", inputs: [x(3, 5, 16)], symbolicBug: true },
  { layer: "layers.EinsumDense('...b,bc->...c', output_shape=64, bias_axes='c')", inputs: [x(4, 4, 16)] },
  { layer: "layers.EinsumDense('...b,bc->...c', 8)", inputs: [x(16)] },
  { layer: "layers.EinsumDense('ab,bc->ac', output_shape=(8,), bias_axes='d')", inputs: [x(4)] },
  { layer: "layers.EinsumDense('ab,cd->ac', output_shape=8)", inputs: [x(4)] },
  { layer: "layers.EinsumDense('a b,bc->ac', output_shape=8)", inputs: [x(4)] },
  { layer: "layers.EinsumDense('abc,cd->abd', output_shape=(3, 8))", inputs: [x(5, 4)] },
  // Lambda: the shape is traced by Keras; we know it only from a tuple output_shape.
  { layer: 'layers.Lambda(lambda t: t * 2)', inputs: [x(3, 4)], weaker: true },
  { layer: 'layers.Lambda(lambda t: t[:, :2])', inputs: [x(3, 4)], weaker: true },
  { layer: 'layers.Lambda(lambda t: t[:, :2], output_shape=(2, 4))', inputs: [x(3, 4)] },
  { layer: 'layers.Lambda(lambda t: keras.ops.sum(t, axis=1), output_shape=(4,))', inputs: [x(3, 4)] },
  { layer: 'layers.Lambda(lambda t: t, output_shape=lambda s: s)', inputs: [x(3, 4)], weaker: true },
  { layer: 'layers.Lambda(lambda ts: ts[0] + ts[1], output_shape=(4,))', inputs: [x(4), x(4)] },
];

const d = draws(20250603);

function randomDense(): KCase {
  const rank = d.int(1, 3);
  const dims = Array.from({ length: rank }, () => (d.chance(0.1) ? null : d.int(1, 9)));
  dims[rank - 1] = dims[rank - 1] ?? d.int(1, 9);
  const keywords = { use_bias: d.chance(0.3) ? d.chance(0.5) : undefined, activation: d.chance(0.3) ? d.pick(['relu', 'gelu', 'softmax', 'tanh', 'hard_silu']) : undefined };
  return { layer: ctor('Dense', [d.int(1, 12)], keywords), inputs: [x(...dims)] };
}

function randomFlatten(): KCase {
  const rank = d.int(0, 4);
  return { layer: ctor('Flatten', [], { data_format: d.chance(0.3) ? d.pick(['channels_first', 'channels_last']) : undefined }), inputs: [x(...Array.from({ length: rank }, () => (d.chance(0.15) ? null : d.int(1, 6))))] };
}

function randomDropout(): KCase {
  const cls = d.pick(['Dropout', 'SpatialDropout1D', 'SpatialDropout2D', 'SpatialDropout3D']);
  const rank = cls === 'Dropout' ? d.int(1, 3) : Number(cls.slice(-2, -1)) + (d.chance(0.85) ? 1 : 0);
  const rate = d.pick([0, 0.1, 0.5, 1, 1.5, -0.5]);
  return { layer: ctor(cls, [rate]), inputs: [x(...Array.from({ length: rank }, () => d.int(1, 5)))] };
}

export const RANDOM_DENSE = 20;
export const RANDOM_FLATTEN = 10;
export const RANDOM_DROPOUT = 16;
export const CORE_CASES: readonly KCase[] = [
  ...HAND,
  ...Array.from({ length: RANDOM_DENSE }, randomDense),
  ...Array.from({ length: RANDOM_FLATTEN }, randomFlatten),
  ...Array.from({ length: RANDOM_DROPOUT }, randomDropout),
];
