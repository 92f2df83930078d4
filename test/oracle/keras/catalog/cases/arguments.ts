// Arguments validate.ts checks in the front end (the catalog sees a Python float 8.0 as the
// number 8): floats where Keras needs ints, alone or inside a tuple, in every parameter that
// takes sizes or axes; keywords no constructor takes; activation names Keras does not know.
import type { Dim } from '../../../../../src/core/types';
import type { KCase } from '../harness';

const x = (...d: Dim[]): Dim[] => [null, ...d];
const img = [x(8, 8, 3)];

const FLOATS: readonly KCase[] = [
  { layer: 'layers.Conv2D(4, (3.0, 3))', inputs: img, run: false },
  { layer: 'layers.Conv2D(4, 3, strides=(2.0, 2))', inputs: img, run: true },
  { layer: 'layers.Conv2D(4, 3, dilation_rate=(2.0, 1))', inputs: img, run: true },
  { layer: 'layers.Conv2D(4, 3, groups=1.0)', inputs: img, run: true },
  { layer: 'layers.MaxPooling2D((2.0, 2))', inputs: img },
  { layer: 'layers.MaxPooling2D(2, strides=2.0)', inputs: img },
  { layer: 'layers.MaxPooling2D(2, strides=(1.0, 1))', inputs: img },
  { layer: 'layers.UpSampling2D((2.0, 2))', inputs: img },
  { layer: 'layers.UpSampling1D(2.0)', inputs: [x(5, 2)] },
  { layer: 'layers.ZeroPadding2D(1.0)', inputs: img },
  { layer: 'layers.ZeroPadding2D((1.0, 1))', inputs: img },
  { layer: 'layers.Cropping2D(1.0)', inputs: img },
  { layer: 'layers.Cropping1D((1.0, 1))', inputs: [x(5, 2)] },
  { layer: 'layers.Conv2DTranspose(4, 3, strides=2, output_padding=1.0)', inputs: img, run: false },
  { layer: 'layers.Embedding(10, 4.0)', inputs: [{ shape: x(3), dtype: 'int32' }] },
  { layer: 'layers.RepeatVector(2.0)', inputs: [x(3)] },
  { layer: 'layers.Permute((2.0, 1))', inputs: [x(3, 4)] },
  { layer: 'layers.CategoryEncoding(10.0)', inputs: [{ shape: x(3), dtype: 'int32' }], run: false },
  { layer: 'layers.Resizing(16.0, 12)', inputs: img, run: false },
  { layer: 'layers.CenterCrop(4.0, 4)', inputs: img, run: false },
  { layer: 'layers.RandomCrop(4.0, 4)', inputs: img, run: false },
  { layer: 'layers.MultiHeadAttention(2.0, 8)', inputs: [x(5, 16)], call: 'layer(x, x)' },
  { layer: 'layers.MultiHeadAttention(2, 8, value_dim=4.0)', inputs: [x(5, 16)], call: 'layer(x, x)' },
  { layer: 'layers.MultiHeadAttention(2, 8, output_shape=32.0)', inputs: [x(5, 16)], call: 'layer(x, x)' },
  { layer: 'layers.GroupNormalization(2.0)', inputs: [x(4, 4)] },
  { layer: 'layers.SimpleRNN(4.0)', inputs: [x(5, 2)] },
  { layer: 'layers.GRU(4.0)', inputs: [x(5, 2)] },
  { layer: 'layers.ConvLSTM1D(4.0, 3)', inputs: [x(2, 5, 2)], run: false },
  { layer: 'layers.DepthwiseConv2D(3, depth_multiplier=2.0)', inputs: img, run: false },
  { layer: 'layers.SeparableConv2D(4.0, 3)', inputs: img, run: false },
  { layer: 'layers.Conv1D(4, 3, groups=2.0)', inputs: [x(8, 4)], run: false },
  { layer: 'layers.AveragePooling1D(2.0)', inputs: [x(8, 4)] },
  { layer: 'layers.BatchNormalization(axis=-1.0)', inputs: [x(4)] },
  { layer: 'layers.LayerNormalization(axis=-1.0)', inputs: [x(4)] },
  { layer: 'layers.Softmax(axis=-1.0)', inputs: [x(4)] },
  { layer: 'layers.Concatenate(axis=-1.0)', inputs: [x(4), x(4)] },
  { layer: 'layers.Dot(axes=1.0)', inputs: [x(4), x(4)] },
  { layer: 'layers.PReLU(shared_axes=[1.0])', inputs: [x(4, 3)] },
  { layer: 'layers.ZeroPadding1D(1.0)', inputs: [x(5, 2)] },
  { layer: 'layers.Cropping3D(1.0)', inputs: [x(4, 4, 4, 1)] },
  { layer: 'layers.UpSampling3D(2.0)', inputs: [x(2, 2, 2, 1)] },
  { layer: 'layers.Dropout(0.5, noise_shape=(None, 4.0))', inputs: [x(4)] },
  { layer: 'layers.EinsumDense("ab,bc->ac", output_shape=8.0)', inputs: [x(4)] },
  { layer: 'layers.Lambda(lambda t: t, output_shape=(4.0,))', inputs: [x(4)] },
  { layer: 'layers.Attention(dropout=1)', inputs: [x(3, 4), x(3, 4)] },
  { layer: 'layers.Normalization(axis=-1.0)', inputs: [x(4)], run: false },
  { layer: 'layers.UnitNormalization(axis=-1.0)', inputs: [x(4)] },
  { layer: 'layers.GroupNormalization(2, axis=-1.0)', inputs: [x(4)] },
  { layer: 'layers.RMSNormalization(axis=-1.0)', inputs: [x(4)] },
  { layer: 'layers.MultiHeadAttention(2, 8, output_shape=(32.0,))', inputs: [x(5, 16)], call: 'layer(x, x)' },
  { layer: 'layers.MultiHeadAttention(2, 8, attention_axes=(1.0,))', inputs: [x(5, 16)], call: 'layer(x, x)' },
  { layer: 'layers.EinsumDense("ab,bc->ac", output_shape=(8.0,))', inputs: [x(4)] },
  { layer: 'layers.Embedding(10.0, 4)', inputs: [{ shape: x(3), dtype: 'int32' }] },
];

const KEYWORDS: readonly KCase[] = [
  { layer: 'layers.Conv2D(4, 3, batch_input_shape=(None, 8, 8, 3))', inputs: img },
  { layer: 'layers.MaxPooling2D(2, batch_size=4)', inputs: img },
  { layer: 'layers.LSTM(4, kernel_size=3)', inputs: [x(5, 2)] },
  { layer: 'layers.SpatialDropout2D(0.1, input_shape=(8, 8, 3))', inputs: img },
  { layer: 'layers.SpatialDropout2D(0.1, name="drop")', inputs: img },
  { layer: 'layers.LeakyReLU(alpha=0.1)', inputs: [x(4)] },
  { layer: 'layers.LayerNormalization(rms_scaling=False)', inputs: [x(4)] },
  { layer: 'layers.LSTM(4, implementation=1)', inputs: [x(5, 2)] },
  { layer: 'layers.GRU(4, implementation=1)', inputs: [x(5, 2)] },
  { layer: 'layers.SimpleRNN(4, implementation=1)', inputs: [x(5, 2)] },
  { layer: 'layers.Conv2D(4, 3, lora_rank=None)', inputs: img },
  { layer: 'layers.MaxPooling2D(2, pool_mode="max")', inputs: img },
  { layer: 'layers.Dense(4, dtype="float32", trainable=True, autocast=False, activity_regularizer=None)', inputs: [x(4)] },
  { layer: 'layers.ConvLSTM2D(2, 3, unroll=False)', inputs: [x(2, 5, 5, 1)], run: false },
  { layer: 'layers.Resizing(4, 4, crop_to_aspect_ratio=True, pad_to_aspect_ratio=True)', inputs: img, run: false },
  { layer: 'layers.RandomFlip(seed=3, fill_mode="constant")', inputs: img, run: false },
];

// Not 'glu': as a layer's activation it halves the last axis when run, while Keras's symbolic
// shape keeps it (not modelled). 'threshold' raises when run (it needs two more arguments).
const ACTIVATIONS: readonly KCase[] = ['relu', 'gelu', 'hard_silu', 'sparsemax', 'hard_swish', 'swish', 'log_sigmoid', 'squareplus', 'linear', 'tanh_shrink', 'threshold'].map(
  (name): KCase => ({ layer: `layers.Dense(4, activation='${name}')`, inputs: [x(4)] }),
).concat([
  { layer: "layers.Activation('leakyRelu')", inputs: [x(4)] },
  { layer: "layers.Activation('Relu')", inputs: [x(4)] },
  { layer: "layers.Conv2D(4, 3, activation='gelu_new')", inputs: img, run: false },
  { layer: "layers.SimpleRNN(4, 'relu6')", inputs: [x(5, 2)] },
  { layer: "layers.GRU(4, recurrent_activation='hard_sigmoid')", inputs: [x(5, 2)] },
]);

export const ARGUMENT_CASES: readonly KCase[] = [...FLOATS, ...KEYWORDS, ...ACTIVATIONS];
