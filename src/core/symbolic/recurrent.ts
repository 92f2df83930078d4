// SimpleRNN, LSTM and GRU over symbolic sizes, as catalog/recurrent.ts computes them with
// numbers: [batch, steps, features] → [batch, units] (or [batch, steps, units] with
// returnSequences); gates·(features + units + biases)·units parameters, where a GRU has two
// bias rows under Keras 3's default reset_after=True and one in TF.js. Written out rather than
// probed (affineProbe.ts) because the count is quadratic in units, which builders often pass
// in (`LSTM(hidden)`).
import { readBool } from '../catalog/config';
import type { LayerContext, SymbolicShape } from '../types';
import { add, constant, mul, scale } from './expr';
import { symbolicDimOf } from './symbols';
import { simplifyDim, toExpr } from './dims';
import type { SymbolicInference } from './layers';

const GATES: Readonly<Record<string, number>> = { SimpleRNN: 1, GRU: 3, LSTM: 4 };

export function isRecurrent(className: string): boolean {
  return GATES[className] !== undefined;
}

export function recurrent(className: string, ctx: LayerContext, input: SymbolicShape | null): SymbolicInference {
  const none: SymbolicInference = { shape: null, params: null };
  if (input === null || input.length !== 3) return none;
  const units = symbolicDimOf(ctx.config.units);
  const returnSequences = readBool(ctx.config, 'returnSequences', false);
  const useBias = readBool(ctx.config, 'useBias', true);
  const resetAfter = className === 'GRU' && ctx.dialect === 'keras' ? readBool(ctx.config, 'resetAfter', true) : false;
  if (units === null || returnSequences === null) return none;
  const [batch, steps, features] = input;
  const shape = returnSequences ? [batch, steps, units] : [batch, units];
  const f = toExpr(features);
  const u = toExpr(units);
  if (f === null || u === null || useBias === null || resetAfter === null) return { shape, params: null };
  const biases = useBias ? (resetAfter ? 2 : 1) : 0;
  return { shape, params: scale(mul(add(add(f, u), constant(biases)), u), GATES[className]) };
}

/**
 * Bidirectional around a recurrent layer (catalog/wrappers.ts): the layer's output with the
 * last axis doubled under 'concat' (the default), kept under sum/mul/ave; twice its weights,
 * unless Keras is given a backward layer of its own.
 */
export function bidirectional(ctx: LayerContext, inner: { readonly className: string; readonly ctx: LayerContext }, input: SymbolicShape | null): SymbolicInference {
  const none: SymbolicInference = { shape: null, params: null };
  const mode = ctx.config.mergeMode === undefined ? 'concat' : ctx.config.mergeMode;
  if (typeof mode !== 'string' || !['concat', 'sum', 'mul', 'ave'].includes(mode)) return none;
  const one = recurrent(inner.className, inner.ctx, input);
  if (one.shape === null) return none;
  const last = toExpr(one.shape[one.shape.length - 1]);
  const shape = mode !== 'concat' ? one.shape : [...one.shape.slice(0, -1), last && simplifyDim(scale(last, 2))];
  const ownBackward = ctx.config.backwardLayer !== undefined && ctx.config.backwardLayer !== null;
  return { shape, params: one.params && !ownBackward ? scale(one.params, 2) : null };
}
