// Recurrent layers, as tfjs-layers/src/layers/recurrent.ts computes them. Input
// [batch, steps, features]; output [batch, units], or [batch, steps, units] with
// returnSequences. With returnState TF.js returns [output, ...states]; we report the first.
//
// TF.js quirk: GRU has no resetAfter (true throws), so its bias is 3·units, the Keras 1 /
// reset_after=False layout; Keras 2+ defaults to reset_after=True with a 2·3·units bias.
import type { LayerInference, LayerProblem, LayerSpec } from '../types';
import { checkPositiveInt, problem, rankProblem, readBool, singleInput, times } from './config';

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
  if (cell.className === 'GRU' && ctx.config.resetAfter === true) {
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
  let params = null;
  if (features !== null && units !== null && useBias !== null) {
    const perGate = (features + units + (useBias ? 1 : 0)) * units;
    const inner = useBias ? `(${features} + ${units} + 1)·${units}` : `(${features} + ${units})·${units}`;
    params = { trainable: cell.gates * perGate, nonTrainable: 0, formula: cell.gates === 1 ? inner : `${cell.gates}·${inner}` };
  }
  // Per step: input and recurrent kernels for every gate.
  const perStep = features === null || units === null ? null : cell.gates * (features + units) * units;
  return done({ outputShape, params, macs: times(perStep, steps) });
}

const CELLS: readonly Cell[] = [
  { className: 'SimpleRNN', factory: 'simpleRNN', gates: 1, doc: 'Fully connected recurrent layer: [batch, steps, features] → [batch, units].' },
  { className: 'LSTM', factory: 'lstm', gates: 4, doc: 'Long short-term memory: 4 gates; [batch, steps, features] → [batch, units].' },
  { className: 'GRU', factory: 'gru', gates: 3, doc: 'Gated recurrent unit: 3 gates (TF.js: no resetAfter); → [batch, units].' },
];

export const recurrentSpecs: readonly LayerSpec[] = CELLS.map((cell) => ({
  className: cell.className,
  factories: [cell.factory],
  family: 'recurrent',
  doc: cell.doc,
  infer: (ctx) => inferRecurrent(cell, ctx),
}));
