// The config of a convolution layer, read as TF.js's constructors read it or, for Python
// files, as Keras 3's do (ctx.dialect). Keras is stricter about sizes and padding spellings,
// and has options TF.js lacks (groups, output_padding); see convolutional.ts.
import type { Dim, LayerConfig, LayerContext, LayerProblem } from '../types';
import { checkPositiveInt, checkWindowTuple, problem, readBool, readDataFormat, readNumber, readPadding, readTuple, type DataFormat } from './config';
import { kerasTuple, someAboveOne } from './kerasArgs';
import { firstDegenerate, readTfjsStep, type DegenerateStep } from './tfjsSteps';

export type ConvKind = 'conv' | 'transpose' | 'separable' | 'depthwise';

export interface ConvConfig {
  dataFormat: DataFormat | null;
  padding: string | null;
  kernel: Dim[];
  strides: Dim[];
  dilation: Dim[];
  /** Output channels of the pointwise/regular kernel (null for depthwise). */
  filters: number | null;
  depthMultiplier: number | null;
  useBias: boolean | null;
  /** Keras's groups (1 for TF.js, which has none); null when unknown. */
  groups: number | null;
  /** Keras's output_padding of transposed convs; undefined for None (and for TF.js). */
  outputPadding: Dim[] | undefined;
  /** TF.js: a stride or dilation it accepts that is not a positive integer (see tfjsSteps.ts). */
  degenerate?: DegenerateStep;
}

function readTfjsConvConfig(className: string, n: number, kind: ConvKind, ctx: LayerContext, problems: LayerProblem[]): ConvConfig {
  const { config } = ctx;
  // kernelSize: TF.js needs it, and a non-integer or negative entry makes its weight shape invalid.
  const readKernel = (): Dim[] => {
    const t = readTuple(config, 'kernelSize', n, undefined);
    if (t === undefined) problems.push(problem('config/invalid', `${className} requires kernelSize.`, 'kernelSize'));
    if (t === 'bad-length') problems.push(problem('config/invalid', `${className}'s kernelSize must be a number or an array of ${n} numbers.`, 'kernelSize'));
    if (t === null || t === undefined || t === 'bad-length') return Array<Dim>(n).fill(null);
    return checkWindowTuple(className, 'kernelSize', t, problems);
  };

  let dataFormat = readDataFormat(config);
  if (dataFormat === 'invalid') {
    problems.push(problem('config/invalid', `${className}'s dataFormat must be 'channelsLast' or 'channelsFirst'.`, 'dataFormat'));
    dataFormat = null;
  }
  if (dataFormat === 'channelsFirst' && className === 'Conv1D') {
    // conv1dWithBias transposes NCW to NWC and never transposes back, so the output it
    // produces contradicts the channelsFirst shape it declares. It does not throw, so a warning
    // (convolutional.ts leaves that output unknown).
    problems.push({
      code: 'config/invalid',
      severity: 'warning',
      message:
        "TF.js's Conv1D does not honour dataFormat 'channelsFirst' when it runs: it declares [batch, filters, steps] but returns [batch, steps, filters], so the shape after it is unknown here. Use channelsLast (Permute([2, 1]) first).",
      property: 'dataFormat',
    });
  }
  let padding: string | null = readPadding(config);
  if (padding === 'invalid') {
    problems.push(problem('config/invalid', `${className}'s padding must be 'valid', 'same' or 'causal'.`, 'padding'));
    padding = null;
  } else if (padding === 'causal' && (kind === 'transpose' || kind === 'separable')) {
    problems.push(problem('config/invalid', `${className} supports only padding 'same' and 'valid' in TF.js.`, 'padding'));
    padding = null;
  } else if (padding === 'causal' && kind === 'conv') {
    // TF.js shapes 'causal' like 'valid', then throws NotImplementedError when the layer runs.
    problems.push(
      problem('config/invalid', `TF.js has not implemented padding 'causal' for ${className}: the layer throws when it runs. Use 'same' or 'valid'.`, 'padding'),
    );
  }

  const kernel = readKernel();
  const strides = readTfjsStep(className, config, 'strides', n, problems);
  const dilation = readTfjsStep(className, config, 'dilationRate', n, problems);
  // DepthwiseConv2D and the transposed convs ignore dilationRate, in their shape and when they run.
  const degenerate = firstDegenerate(strides, kind === 'conv' || kind === 'separable' ? dilation : null);
  let filters: number | null = null;
  if (kind !== 'depthwise') {
    if (config.filters === undefined || config.filters === null) {
      problems.push(problem('config/invalid', `${className} requires filters.`, 'filters'));
    } else {
      filters = checkPositiveInt(className, config, 'filters', problems);
    }
  }
  const depthMultiplier = kind === 'separable' || kind === 'depthwise' ? readNumber(config, 'depthMultiplier', 1) : 1;
  const useBias = readBool(config, 'useBias', true);
  return { dataFormat, padding, kernel, strides: strides.clean, dilation: dilation.clean, filters, depthMultiplier, useBias, groups: 1, outputPadding: undefined, ...(degenerate ? { degenerate } : {}) };
}

const KERAS_CTOR = 'Keras raises a ValueError when the layer is constructed.';

/** Keras's standardize_padding: lower-cased; 'causal' only for Conv1D; a list raises at call. */
function kerasConvPadding(className: string, n: number, kind: ConvKind, config: LayerConfig, problems: LayerProblem[]): string | null {
  const v = config.padding;
  if (v === undefined) return 'valid';
  const causalOk = kind === 'conv' && n === 1;
  const allowed = causalOk ? "'valid', 'same' or 'causal'" : "'valid' or 'same'";
  if (Array.isArray(v)) {
    // standardize_padding passes a list through; the shape computation then raises.
    problems.push(problem('config/invalid', `${className}'s padding must be ${allowed}, not a list: Keras raises a ValueError when the layer is called.`, 'padding'));
    return null;
  }
  if (v === null) {
    problems.push(problem('config/invalid', `${className}'s padding must be ${allowed}, not None: ${KERAS_CTOR}`, 'padding'));
    return null;
  }
  if (typeof v !== 'string') return null;
  const p = v.toLowerCase();
  if (p === 'valid' || p === 'same' || (p === 'causal' && causalOk)) return p;
  problems.push(problem('config/invalid', `${className}'s padding must be ${allowed} (any case), not '${v}': ${KERAS_CTOR}`, 'padding'));
  return null;
}

/** A positive int argument with a default (groups, depth_multiplier); null when unknown. */
function kerasPositive(className: string, config: LayerConfig, key: string, problems: LayerProblem[]): number | null {
  const v = config[key];
  if (v === undefined) return 1;
  if (typeof v !== 'number') return null;
  if (!Number.isInteger(v) || v <= 0) {
    problems.push(problem('config/invalid', `${className}'s ${key} must be a positive int, but is ${v}: ${KERAS_CTOR}`, key));
    return null;
  }
  return v;
}

function readKerasConvConfig(className: string, n: number, kind: ConvKind, ctx: LayerContext, problems: LayerProblem[]): ConvConfig {
  const { config } = ctx;
  let dataFormat = readDataFormat(config, 'keras');
  if (dataFormat === 'invalid') {
    problems.push(problem('config/invalid', `${className}'s dataFormat must be 'channelsLast' or 'channelsFirst': ${KERAS_CTOR}`, 'dataFormat'));
    dataFormat = null;
  }
  const padding = kerasConvPadding(className, n, kind, config, problems);
  const kernel = kerasTuple(className, config, 'kernelSize', n, {}, problems);
  const strides = kerasTuple(className, config, 'strides', n, { def: 1 }, problems);
  const dilation = kerasTuple(className, config, 'dilationRate', n, { def: 1 }, problems);
  if ((kind === 'conv' || kind === 'transpose') && someAboveOne(strides) && someAboveOne(dilation)) {
    problems.push(problem('config/invalid', `${className} does not support strides > 1 together with dilationRate > 1: ${KERAS_CTOR}`, 'dilationRate'));
  }
  let filters: number | null = null;
  if (kind !== 'depthwise') {
    if (config.filters === undefined || config.filters === null) problems.push(problem('config/invalid', `${className} requires filters.`, 'filters'));
    else filters = checkPositiveInt(className, config, 'filters', problems);
  }
  const depthMultiplier = kind === 'separable' || kind === 'depthwise' ? kerasPositive(className, config, 'depthMultiplier', problems) : 1;
  let groups: number | null = 1;
  if (kind === 'conv') {
    groups = kerasPositive(className, config, 'groups', problems);
    if (groups !== null && filters !== null && filters % groups !== 0) {
      problems.push(problem('config/invalid', `${className}'s filters (${filters}) must be a multiple of groups (${groups}): ${KERAS_CTOR}`, 'groups'));
      groups = null;
    }
  }
  let outputPadding: Dim[] | undefined;
  if (kind === 'transpose' && config.outputPadding !== undefined && config.outputPadding !== null) {
    outputPadding = kerasTuple(className, config, 'outputPadding', n, { allowZero: true }, problems);
    const tooBig = outputPadding.findIndex((p, i) => p !== null && strides[i] !== null && p >= (strides[i] as number));
    if (tooBig >= 0) {
      problems.push(
        problem('config/invalid', `${className}'s outputPadding must be smaller than strides on every axis, but is ${outputPadding[tooBig]} ≥ ${strides[tooBig]} on axis ${tooBig + 1}: ${KERAS_CTOR}`, 'outputPadding'),
      );
    }
  }
  return { dataFormat, padding, kernel, strides, dilation, filters, depthMultiplier, useBias: readBool(config, 'useBias', true), groups, outputPadding };
}

export function readConvConfig(className: string, n: number, kind: ConvKind, ctx: LayerContext, problems: LayerProblem[]): ConvConfig {
  return ctx.dialect === 'keras' ? readKerasConvConfig(className, n, kind, ctx, problems) : readTfjsConvConfig(className, n, kind, ctx, problems);
}
