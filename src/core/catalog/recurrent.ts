// Recurrent layers, as tfjs-layers/src/layers/recurrent.ts computes them. Input
// [batch, steps, features]; output [batch, units], or [batch, steps, units] with
// returnSequences. With returnState TF.js returns [output, ...states]; we report the first
// (for Keras files every output, in outputShapes: the states are [batch, units], two for LSTM).
//
// TF.js quirk: GRU has no resetAfter (true throws), so its bias is 3·units, the Keras 1 /
// reset_after=False layout; Keras 2+ defaults to reset_after=True with a 2·3·units bias.
import type { LayerInference, LayerProblem, LayerSpec } from '../types';
import { checkPositiveInt, problem, rankProblem, readBool, singleInput, times } from './config';
import { keras } from './keras';

interface Cell {
  readonly className: string;
  readonly factory: string;
  /** Weight blocks per unit: 1 (SimpleRNN), 3 (GRU gates), 4 (LSTM gates). */
  readonly gates: number;
  readonly doc: string;
}

function inferRecurrent(cell: Cell, ctx: Parameters<LayerSpec['infer']>[0]): LayerInference {
  const problems: LayerProblem[] = [];
  let units: number | null = null;
  if (ctx.config.units === undefined || ctx.config.units === null) problems.push(problem('config/invalid', `${cell.className} requires units.`, 'units'));
  else units = checkPositiveInt(cell.className, ctx.config, 'units', problems);
  // Keras 3's GRU defaults to reset_after=True: a second bias for the recurrent kernel.
  const resetAfter = cell.className === 'GRU' && ctx.dialect === 'keras' ? readBool(ctx.config, 'resetAfter', true) : false;
  if (cell.className === 'GRU' && ctx.dialect !== 'keras' && ctx.config.resetAfter === true) {
    problems.push(problem('config/invalid', "TF.js's GRU does not support resetAfter: true (it throws); leave it out.", 'resetAfter'));
  }
  const returnSequences = readBool(ctx.config, 'returnSequences', false);
  const useBias = readBool(ctx.config, 'useBias', true);
  const done = (inf: LayerInference): LayerInference => (problems.length ? { ...inf, problems } : inf);
  const input = singleInput(ctx.inputs);
  if (input === null) return done({ outputShape: null, params: null, macs: null });
  if (input.length !== 3) {
    problems.push(rankProblem(cell.className, input, 3, '[batch, steps, features]', 'Reshape to [steps, features] first.'));
    return done({ outputShape: null, params: null, macs: null });
  }
  const [batch, steps, features] = input;
  const outputShape = returnSequences === null ? null : returnSequences ? [batch, steps, units] : [batch, units];
  const returnState = ctx.dialect === 'keras' ? readBool(ctx.config, 'returnState', false) : false;
  const states = cell.className === 'LSTM' ? 2 : 1;
  const outputs = returnState && outputShape !== null ? { outputShapes: [outputShape, ...Array.from({ length: states }, () => [batch, units])] } : {};
  let params = null;
  if (features !== null && units !== null && useBias !== null && resetAfter !== null) {
    const biases = useBias ? (resetAfter ? 2 : 1) : 0;
    const perGate = (features + units + biases) * units;
    const inner = biases > 0 ? `(${features} + ${units} + ${biases})·${units}` : `(${features} + ${units})·${units}`;
    params = { trainable: cell.gates * perGate, nonTrainable: 0, formula: cell.gates === 1 ? inner : `${cell.gates}·${inner}` };
  }
  // Per step: input and recurrent kernels for every gate.
  const perStep = features === null || units === null ? null : cell.gates * (features + units) * units;
  return done({ outputShape, ...outputs, params, macs: times(perStep, steps) });
}

const RNN_TAIL =
  'kernel_initializer recurrent_initializer bias_initializer kernel_regularizer recurrent_regularizer bias_regularizer activity_regularizer kernel_constraint recurrent_constraint bias_constraint dropout recurrent_dropout';

const CELLS: readonly (Cell & { readonly keras: string })[] = [
  {
    className: 'SimpleRNN',
    factory: 'simpleRNN',
    gates: 1,
    doc: 'Fully connected recurrent layer: [batch, steps, features] → [batch, units].',
    keras: `units activation use_bias ${RNN_TAIL} return_sequences return_state go_backwards stateful unroll seed`,
  },
  {
    className: 'LSTM',
    factory: 'lstm',
    gates: 4,
    doc: 'Long short-term memory: 4 gates; [batch, steps, features] → [batch, units].',
    keras:
      'units activation recurrent_activation use_bias kernel_initializer recurrent_initializer bias_initializer unit_forget_bias kernel_regularizer recurrent_regularizer bias_regularizer activity_regularizer kernel_constraint recurrent_constraint bias_constraint dropout recurrent_dropout seed return_sequences return_state go_backwards stateful unroll use_cudnn',
  },
  {
    className: 'GRU',
    factory: 'gru',
    gates: 3,
    doc: 'Gated recurrent unit: 3 gates (TF.js: no resetAfter; Keras: reset_after=True by default); → [batch, units].',
    keras: `units activation recurrent_activation use_bias ${RNN_TAIL} seed return_sequences return_state go_backwards stateful unroll reset_after use_cudnn`,
  },
];

export const recurrentSpecs: readonly LayerSpec[] = CELLS.map((cell) => ({
  className: cell.className,
  factories: [cell.factory],
  family: 'recurrent',
  doc: cell.doc,
  // RNN's base takes `zero_output_for_mask` (`cell` it gets from the class itself: passing one
  // is a TypeError); LSTM and GRU pop `implementation`.
  keras: keras(cell.className, cell.keras, { extra: cell.className === 'SimpleRNN' ? 'zero_output_for_mask' : 'zero_output_for_mask implementation' }),
  infer: (ctx) => inferRecurrent(cell, ctx),
}));
