// Keras recurrent layers (survey §2.6): SimpleRNN, LSTM, GRU (reset_after), ConvLSTM1D/2D/3D,
// and the wrappers Bidirectional and TimeDistributed (§2.9), with seeded random configs.
import type { Dim } from '../../../../../src/core/types';
import type { KCase } from '../harness';
import { ctor, draws } from './random';

const x = (...dims: Dim[]): Dim[] => [null, ...dims];

const HAND: readonly KCase[] = [
  { layer: 'layers.SimpleRNN(8)', inputs: [x(5, 3)] },
  { layer: 'layers.SimpleRNN(8, use_bias=False)', inputs: [x(null, 3)] },
  { layer: 'layers.SimpleRNN(8, unroll=True)', inputs: [x(null, 3)], run: false },
  { layer: 'layers.SimpleRNN(0)', inputs: [x(5, 3)] },
  { layer: 'layers.SimpleRNN(8)', inputs: [x(3)] },
  { layer: 'layers.LSTM(8)', inputs: [x(5, 3)] },
  { layer: 'layers.LSTM(8, return_sequences=True)', inputs: [x(5, 3)] },
  { layer: 'layers.LSTM(8, return_state=True)', inputs: [x(5, 3)] },
  { layer: 'layers.LSTM(8, return_sequences=True, return_state=True)', inputs: [x(5, 3)] },
  { layer: 'layers.LSTM(8, stateful=True)', inputs: [[4, 5, 3]] },
  { layer: 'layers.LSTM(8, go_backwards=True, implementation=2)', inputs: [x(5, 3)] },
  { layer: 'layers.LSTM(8.0)', inputs: [x(5, 3)] },
  { layer: "layers.LSTM(4, 'relu', 'hard_sigmoid')", inputs: [x(5, 3)] },
  { layer: "layers.LSTM(4, recurrent_activation='hardSigmoid')", inputs: [x(5, 3)] },
  { layer: 'layers.GRU(8)', inputs: [x(5, 3)] },
  { layer: 'layers.GRU(8, reset_after=False)', inputs: [x(5, 3)] },
  { layer: 'layers.GRU(8, return_state=True)', inputs: [x(5, 3)] },
  { layer: 'layers.GRU(8, use_bias=False)', inputs: [x(5, 3)] },
  { layer: 'layers.GRU(8, use_bias=False, reset_after=False)', inputs: [x(5, 3)] },
  // ConvLSTM
  { layer: 'layers.ConvLSTM2D(8, 3)', inputs: [x(4, 10, 10, 3)] },
  { layer: "layers.ConvLSTM2D(8, 3, return_sequences=True, padding='same')", inputs: [x(4, 10, 10, 3)] },
  { layer: 'layers.ConvLSTM2D(8, 3, strides=2)', inputs: [x(4, 10, 10, 3)] },
  { layer: 'layers.ConvLSTM2D(8, 3)', inputs: [x(10, 10, 3)] },
  { layer: "layers.ConvLSTM2D(4, (3, 2), data_format='channels_first', use_bias=False)", inputs: [x(3, 2, 6, 5)] },
  { layer: 'layers.ConvLSTM2D(4, 3, strides=2, dilation_rate=2)', inputs: [x(3, 8, 8, 2)] },
  { layer: "layers.ConvLSTM2D(4, 3, padding='causal')", inputs: [x(3, 8, 8, 2)] },
  { layer: 'layers.ConvLSTM2D(4, 5)', inputs: [x(3, 4, 8, 2)] },
  { layer: 'layers.ConvLSTM2D(4, 3, return_state=True)', inputs: [x(3, 8, 8, 2)] },
  { layer: 'layers.ConvLSTM1D(4, 3)', inputs: [x(3, 8, 2)] },
  { layer: "layers.ConvLSTM1D(4, 3, padding='SAME', dilation_rate=2)", inputs: [x(3, 8, 2)] },
  { layer: 'layers.ConvLSTM3D(2, 2)', inputs: [x(2, 4, 4, 4, 1)] },
  { layer: 'layers.ConvLSTM3D(2, (1, 2, 3), strides=(1, 2, 1), return_sequences=True)', inputs: [x(2, 4, 4, 4, 1)] },
  // Wrappers
  { layer: 'layers.Bidirectional(layers.LSTM(8))', inputs: [x(5, 3)] },
  { layer: "layers.Bidirectional(layers.LSTM(8), merge_mode='sum')", inputs: [x(5, 3)] },
  { layer: "layers.Bidirectional(layers.LSTM(8), 'mul')", inputs: [x(5, 3)] },
  { layer: "layers.Bidirectional(layers.LSTM(8), merge_mode='ave')", inputs: [x(5, 3)] },
  { layer: 'layers.Bidirectional(layers.LSTM(8), merge_mode=None)', inputs: [x(5, 3)] },
  { layer: 'layers.Bidirectional(layers.LSTM(8, return_sequences=True))', inputs: [x(5, 3)] },
  { layer: 'layers.Bidirectional(layers.LSTM(8, return_state=True))', inputs: [x(5, 3)] },
  { layer: 'layers.Bidirectional(layers.GRU(8))', inputs: [x(5, 3)] },
  { layer: 'layers.Bidirectional(layers.SimpleRNN(3, return_sequences=True))', inputs: [x(null, 2)] },
  { layer: 'layers.Bidirectional(layers.Dense(8))', inputs: [x(5, 3)] },
  { layer: "layers.Bidirectional(layers.LSTM(8), merge_mode='max')", inputs: [x(5, 3)] },
  { layer: 'layers.Bidirectional(layers.ConvLSTM2D(2, 3))', inputs: [x(3, 6, 6, 1)] },
  // Keras's symbolic shape follows the forward layer ((None, 8)) although it runs to (2, 10);
  // we report that shape, and no parameter count (the backward layer is not followed).
  { layer: 'layers.Bidirectional(layers.LSTM(4), backward_layer=layers.LSTM(6, go_backwards=True))', inputs: [x(5, 3)], run: false, weaker: true },
  { layer: 'layers.TimeDistributed(layers.Dense(4))', inputs: [x(5, 3)] },
  { layer: 'layers.TimeDistributed(layers.Conv2D(4, 3))', inputs: [x(5, 8, 8, 3)], run: false },
  { layer: 'layers.TimeDistributed(layers.Dense(4))', inputs: [x(3)] },
  { layer: 'layers.TimeDistributed(layers.Dense(4))', inputs: [x(null, 3)] },
  { layer: 'layers.TimeDistributed(layers.Flatten())', inputs: [x(5, 8, 8, 3)] },
  { layer: 'layers.TimeDistributed(layers.Conv2D(4, 9))', inputs: [x(5, 8, 8, 3)] },
];

const d = draws(20250608);

function randomRnn(): KCase {
  const cls = d.pick(['SimpleRNN', 'LSTM', 'GRU']);
  const keywords = {
    return_sequences: d.chance(0.4) ? true : undefined,
    return_state: d.chance(0.2) ? true : undefined,
    use_bias: d.chance(0.25) ? false : undefined,
    reset_after: cls === 'GRU' && d.chance(0.4) ? d.chance(0.5) : undefined,
    go_backwards: d.chance(0.2) ? true : undefined,
  };
  const steps = d.chance(0.2) ? null : d.int(1, 6);
  const rank = d.chance(0.9) ? 2 : d.pick([1, 3]);
  const dims = rank === 2 ? [steps, d.int(1, 6)] : rank === 1 ? [d.int(1, 6)] : [steps, d.int(1, 4), d.int(1, 4)];
  return { layer: ctor(cls, [d.int(1, 10)], keywords), inputs: [x(...dims)] };
}

function randomConvLstm(): KCase {
  const n = d.int(1, 3);
  const channelsFirst = d.chance(0.25);
  const space = Array.from({ length: n }, () => d.int(2, n === 3 ? 5 : 8));
  const c = d.int(1, 3);
  const keywords = {
    strides: d.chance(0.3) ? d.int(1, 2) : undefined,
    padding: d.chance(0.5) ? d.pick(['valid', 'same']) : undefined,
    return_sequences: d.chance(0.4) ? true : undefined,
    data_format: channelsFirst ? 'channels_first' : undefined,
    use_bias: d.chance(0.2) ? false : undefined,
  };
  const input = channelsFirst ? x(d.int(1, 3), c, ...space) : x(d.int(1, 3), ...space, c);
  return { layer: ctor(`ConvLSTM${n}D`, [d.int(1, 4), d.int(1, 3)], keywords), inputs: [input], run: false };
}

function randomWrapper(): KCase {
  const inner = ctor(d.pick(['LSTM', 'GRU', 'SimpleRNN']), [d.int(1, 6)], { return_sequences: d.chance(0.5) ? true : undefined });
  if (d.chance(0.6)) {
    return { layer: `layers.Bidirectional(${inner}${d.chance(0.5) ? `, merge_mode='${d.pick(['sum', 'concat', 'ave', 'mul'])}'` : ''})`, inputs: [x(d.int(1, 5), d.int(1, 4))] };
  }
  return { layer: `layers.TimeDistributed(${ctor('Dense', [d.int(1, 5)])})`, inputs: [x(d.int(1, 4), d.int(1, 4))] };
}

export const RANDOM_RNN = 30;
export const RANDOM_CONV_LSTM = 18;
export const RANDOM_WRAPPER = 14;
export const RECURRENT_CASES: readonly KCase[] = [
  ...HAND,
  ...Array.from({ length: RANDOM_RNN }, randomRnn),
  ...Array.from({ length: RANDOM_CONV_LSTM }, randomConvLstm),
  ...Array.from({ length: RANDOM_WRAPPER }, randomWrapper),
];
