// ConvLSTM1D/2D/3D as Keras 3 computes them (keras/src/layers/rnn/conv_lstm*.py): an LSTM whose
// gates are convolutions. Input [batch, time, *space, channels] (channels_first: [batch, time,
// channels, *space]); each step's output is the convolution's, with `filters` channels, so the
// layer gives [batch, *spaceOut, filters], or [batch, time, *spaceOut, filters] with
// return_sequences. Weights: an input kernel k·C·4F, a recurrent kernel k·F·4F, a bias 4F.
// Arguments are validated like a convolution's (no 'causal'; strides > 1 with dilation > 1
// raises in the constructor). TF.js's convLstm2d is not in the catalog.
import type { Dim, LayerContext, LayerInference, LayerProblem, LayerSpec } from '../types';
import { checkPositiveInt, problem, product, rankProblem, readBool, readDataFormat, singleInput, times } from './config';
import { keras, withKeras } from './keras';
import { kerasTuple, someAboveOne } from './kerasArgs';
import { convLength, dilatedExtent, windowFitProblem } from './spatial';

const CTOR = 'Keras raises a ValueError when the layer is constructed.';

function padding(className: string, ctx: LayerContext, problems: LayerProblem[]): string | null {
  const v = ctx.config.padding;
  if (v === undefined) return 'valid';
  if (typeof v !== 'string') {
    if (v === null || Array.isArray(v)) problems.push(problem('config/invalid', `${className}'s padding must be 'valid' or 'same': ${CTOR}`, 'padding'));
    return null;
  }
  const p = v.toLowerCase();
  if (p === 'valid' || p === 'same') return p;
  problems.push(problem('config/invalid', `${className}'s padding must be 'valid' or 'same' (any case), not '${v}': ${CTOR}`, 'padding'));
  return null;
}

function inferConvLstm(className: string, n: number, ctx: LayerContext): LayerInference {
  const problems: LayerProblem[] = [];
  const { config } = ctx;
  let filters: number | null = null;
  if (config.filters === undefined || config.filters === null) problems.push(problem('config/invalid', `${className} requires filters.`, 'filters'));
  else filters = checkPositiveInt(className, config, 'filters', problems);
  const kernel = kerasTuple(className, config, 'kernelSize', n, {}, problems);
  const strides = kerasTuple(className, config, 'strides', n, { def: 1 }, problems);
  const dilation = kerasTuple(className, config, 'dilationRate', n, { def: 1 }, problems);
  if (someAboveOne(strides) && someAboveOne(dilation)) {
    problems.push(problem('config/invalid', `${className} does not support strides > 1 together with dilationRate > 1: ${CTOR}`, 'dilationRate'));
  }
  const pad = padding(className, ctx, problems);
  const format = readDataFormat(config, 'keras');
  if (format === 'invalid') problems.push(problem('config/invalid', `${className}'s dataFormat must be 'channelsLast' or 'channelsFirst': ${CTOR}`, 'dataFormat'));
  const returnSequences = readBool(config, 'returnSequences', false);
  const useBias = readBool(config, 'useBias', true);
  const done = (inf: LayerInference): LayerInference => (problems.length ? { ...inf, problems } : inf);
  const input = singleInput(ctx.inputs);
  if (input === null) return done({ outputShape: null, params: null, macs: null });
  if (input.length !== n + 3) {
    problems.push(rankProblem(className, input, n + 3, `[batch, time, ${n === 1 ? 'steps' : n === 2 ? 'rows, cols' : 'depth, rows, cols'}, channels]`));
    return done({ outputShape: null, params: null, macs: null });
  }
  if (format === null || format === 'invalid' || returnSequences === null) return done({ outputShape: null, params: null, macs: null });
  const channelsFirst = format === 'channelsFirst';
  const inSpace = channelsFirst ? input.slice(3) : input.slice(2, -1);
  const inC = channelsFirst ? input[2] : input[input.length - 1];
  const extent = kernel.map((k, i) => dilatedExtent(k, dilation[i]));
  const fit = windowFitProblem({ className, what: 'kernel', property: 'kernelSize', kernel, extent, strides, input: inSpace, padding: pad, keras: true });
  if (fit) problems.push(fit);
  const outSpace = inSpace.map((d, i): Dim => {
    const len = convLength(d, extent[i], pad, strides[i]);
    return len !== null && len <= 0 ? null : len;
  });
  const step = channelsFirst ? [filters, ...outSpace] : [...outSpace, filters];
  const outputShape = returnSequences ? [input[0], input[1], ...step] : [input[0], ...step];
  // return_state: the output, then the hidden and the cell state, each one step's output.
  const returnState = readBool(config, 'returnState', false);
  const outputs = returnState ? { outputShapes: [outputShape, [input[0], ...step], [input[0], ...step]] } : {};
  const k = product(kernel);
  let params = null;
  if (k !== null && inC !== null && filters !== null && useBias !== null) {
    const kStr = kernel.join('·');
    const total = 4 * (k * inC + k * filters + (useBias ? 1 : 0)) * filters;
    params = { trainable: total, nonTrainable: 0, formula: `4·(${kStr}·${inC} + ${kStr}·${filters}${useBias ? ' + 1' : ''})·${filters}` };
  }
  const macs = times(input[1], product(outSpace), k, inC === null || filters === null ? null : 4 * (inC + filters) * filters);
  return done({ outputShape, ...outputs, params, macs });
}

const TAIL =
  'filters kernel_size strides padding data_format dilation_rate activation recurrent_activation use_bias kernel_initializer recurrent_initializer bias_initializer unit_forget_bias kernel_regularizer recurrent_regularizer bias_regularizer activity_regularizer kernel_constraint recurrent_constraint bias_constraint dropout recurrent_dropout seed return_sequences return_state go_backwards stateful';

function convLstmSpec(n: number): LayerSpec {
  const className = `ConvLSTM${n}D`;
  return withKeras(
    { className, factories: [], family: 'recurrent', doc: `Convolutional LSTM over ${n}D frames (Keras): [batch, time, ...] → [batch, (time,) ..., filters].`, infer: (ctx) => inferConvLstm(className, n, ctx) },
    keras(className, TAIL, { extra: 'unroll zero_output_for_mask' }),
  );
}

export const convLstmSpecs: readonly LayerSpec[] = [convLstmSpec(1), convLstmSpec(2), convLstmSpec(3)];
