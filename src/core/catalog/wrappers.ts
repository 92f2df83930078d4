// Wrapper layers (tfjs-layers/src/layers/wrappers.ts). The wrapped layer arrives through
// ctx.inferInner; without it nothing is known. The inner layer's problems are passed on
// without their `property`, which names a key of the inner config, not of this one.
//
// Keras 3: Bidirectional wraps only recurrent layers (anything else is a TypeError in its
// constructor); a backward_layer of its own makes the parameter count unknown here (the front
// end keeps only the forward layer), while Keras's symbolic shape still follows the forward
// layer (its own compute_output_shape doubles the forward units).
import type { Dim, LayerInference, LayerProblem, LayerSpec, ParamCount } from '../types';
import { problem, rankProblem, singleInput, times } from './config';
import { keras, withKeras } from './keras';

const MERGE_MODES = ['sum', 'mul', 'concat', 'ave'];
/** The classes Keras's Bidirectional accepts (RNN subclasses with a cell). */
const KERAS_RNNS = new Set(['SimpleRNN', 'LSTM', 'GRU', 'ConvLSTM1D', 'ConvLSTM2D', 'ConvLSTM3D']);
const UNKNOWN: LayerInference = { outputShape: null, params: null, macs: null };

function innerProblems(inner: LayerInference): LayerProblem[] {
  return (inner.problems ?? []).map(({ code, severity, message }) => ({ code, severity, message }));
}

const bidirectional: LayerSpec = {
  className: 'Bidirectional',
  factories: ['bidirectional'],
  family: 'wrapper',
  doc: 'Runs a recurrent layer forwards and backwards and merges both (mergeMode, default concat).',
  infer(ctx): LayerInference {
    const problems: LayerProblem[] = [];
    const raw = ctx.config.mergeMode;
    // TF.js: undefined → 'concat'; null → both outputs as a list (we report the first).
    let mergeMode: string | null | 'unknown' = raw === undefined ? 'concat' : raw === null ? null : typeof raw === 'string' ? raw : 'unknown';
    if (typeof mergeMode === 'string' && mergeMode !== 'unknown' && !MERGE_MODES.includes(mergeMode)) {
      problems.push(problem('config/invalid', `Bidirectional's mergeMode must be one of ${MERGE_MODES.join(', ')} or ${ctx.dialect === 'keras' ? `None, not '${mergeMode}': Keras raises a ValueError when the layer is constructed.` : `null, not '${mergeMode}'.`}`, 'mergeMode'));
      mergeMode = 'unknown';
    }
    const done = (inf: LayerInference): LayerInference => (problems.length ? { ...inf, problems } : inf);
    const isKeras = ctx.dialect === 'keras';
    if (isKeras && typeof ctx.innerClassName === 'string' && !KERAS_RNNS.has(ctx.innerClassName)) {
      problems.push(problem('config/invalid', `Bidirectional wraps a recurrent layer (LSTM, GRU, SimpleRNN, ConvLSTM…), not ${ctx.innerClassName}: Keras raises a TypeError when the layer is constructed.`, 'layer'));
      return done(UNKNOWN);
    }
    if (!ctx.inferInner) return done(UNKNOWN);
    const inner = ctx.inferInner(singleInput(ctx.inputs));
    problems.push(...innerProblems(inner));
    let outputShape = inner.outputShape;
    if (outputShape !== null && mergeMode === 'concat') {
      const last = outputShape[outputShape.length - 1];
      outputShape = [...outputShape.slice(0, -1), last === null ? null : 2 * last];
    } else if (mergeMode === 'unknown' && outputShape !== null) {
      outputShape = [...outputShape.slice(0, -1), null];
    }
    // A backward layer of its own: its weights are not the forward layer's (and not known here).
    const ownBackward = isKeras && ctx.config.backwardLayer !== undefined && ctx.config.backwardLayer !== null;
    const params: ParamCount | null = ownBackward ? null : inner.params && {
      trainable: 2 * inner.params.trainable,
      nonTrainable: 2 * inner.params.nonTrainable,
      formula: `2·(${inner.params.formula})`,
    };
    // Keras: every output — the merged one (or both directions, merge_mode=None), then the
    // forward layer's states and the backward layer's.
    const states = isKeras ? (inner.outputShapes ?? []).slice(1) : [];
    const all = mergeMode === null ? [inner.outputShape, inner.outputShape, ...states, ...states] : [outputShape, ...states, ...states];
    const outputs = isKeras && all.length > 1 && outputShape !== null ? { outputShapes: all } : {};
    return done({ outputShape, ...outputs, params, macs: times(inner.macs, 2) });
  },
};

const timeDistributed: LayerSpec = {
  className: 'TimeDistributed',
  factories: ['timeDistributed'],
  family: 'wrapper',
  doc: 'Applies the wrapped layer to every step of [batch, steps, ...] (weights shared across steps).',
  infer(ctx): LayerInference {
    const input = singleInput(ctx.inputs);
    if (input !== null && input.length < 3) {
      return { ...UNKNOWN, problems: [rankProblem('TimeDistributed', input, 3, '(at least) [batch, steps, features]')] };
    }
    if (!ctx.inferInner) return UNKNOWN;
    const steps: Dim = input === null ? null : input[1];
    const inner = ctx.inferInner(input === null ? null : [input[0], ...input.slice(2)]);
    const problems = innerProblems(inner);
    const out = inner.outputShape;
    const inference: LayerInference = {
      outputShape: out === null ? null : [out[0], steps, ...out.slice(1)],
      params: inner.params,
      macs: times(inner.macs, steps),
      ...(inner.window ? { window: inner.window } : {}),
    };
    return problems.length ? { ...inference, problems } : inference;
  },
};

export const wrapperSpecs: readonly LayerSpec[] = [
  withKeras(bidirectional, keras('Bidirectional', 'layer merge_mode weights backward_layer')),
  withKeras(timeDistributed, keras('TimeDistributed', 'layer')),
];
