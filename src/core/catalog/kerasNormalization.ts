// Normalization layers only Keras 3 has (keras/src/layers/normalization/): GroupNormalization
// (gamma and beta per channel, channels split into groups that must divide them),
// UnitNormalization (no weights) and RMSNormalization (one scale vector over the axes).
// All keep their input shape.
import type { ConfigValue, Dim, LayerContext, LayerInference, LayerProblem, LayerSpec } from '../types';
import { problem, product, readBool, resolveAxis, singleInput } from './config';
import { keras, withKeras } from './keras';

const CTOR = 'Keras raises an error when the layer is constructed.';
const BUILD = 'Keras raises an error when the layer is built.';

function elements(input: readonly Dim[]): number | null {
  return product(input.slice(1));
}

/** The axes as ints resolved against the rank; a problem when one does not exist; null when unknown. */
function axesOf(className: string, value: ConfigValue, rank: number, listAllowed: boolean): number[] | LayerProblem | null {
  const raw = value === undefined ? [-1] : typeof value === 'number' ? [value] : Array.isArray(value) && listAllowed ? (value as readonly ConfigValue[]) : null;
  if (raw === null) {
    return typeof value === 'string' || value === null || Array.isArray(value) ? problem('config/invalid', `${className}'s axis must be ${listAllowed ? 'an int or a tuple of ints' : 'one int'}: ${CTOR}`, 'axis') : null;
  }
  const axes: number[] = [];
  for (const a of raw) {
    if (typeof a !== 'number') return null;
    const r = resolveAxis(a, rank);
    if (r === null) return problem('config/invalid', `${className}'s axis ${a} does not exist in its ${rank}D input: ${BUILD}`, 'axis');
    axes.push(r);
  }
  return axes;
}

const groupNormalization: LayerSpec = {
  className: 'GroupNormalization',
  factories: [],
  family: 'normalization',
  doc: 'Normalises groups of channels per example (Keras); gamma and beta per channel.',
  infer(ctx: LayerContext): LayerInference {
    const problems: LayerProblem[] = [];
    const g = ctx.config.groups === undefined ? 32 : ctx.config.groups;
    if (typeof g === 'number' && (!Number.isInteger(g) || (g <= 0 && g !== -1))) {
      problems.push(problem('config/invalid', `GroupNormalization's groups must be a positive int or -1, but is ${g}: ${CTOR}`, 'groups'));
    } else if (typeof g === 'string' || typeof g === 'boolean' || g === null) {
      problems.push(problem('config/invalid', `GroupNormalization's groups must be a positive int or -1: ${CTOR}`, 'groups'));
    }
    const input = singleInput(ctx.inputs);
    const fail = (): LayerInference => ({ outputShape: null, params: null, macs: null, problems });
    if (problems.length) return fail();
    if (input === null) return { outputShape: null, params: null, macs: null };
    const axes = axesOf('GroupNormalization', ctx.config.axis, input.length, false);
    if (axes !== null && !Array.isArray(axes)) return { outputShape: null, params: null, macs: null, problems: [axes] };
    const dim = axes === null ? null : input[axes[0]];
    const groups = typeof g === 'number' ? (g === -1 ? dim : g) : null;
    if (dim !== null && groups !== null && (dim < groups || dim % groups !== 0)) {
      problems.push(problem('config/invalid', `GroupNormalization's groups (${groups}) must divide its ${dim} channels: ${BUILD}`, 'groups'));
      return fail();
    }
    const center = readBool(ctx.config, 'center', true);
    const scale = readBool(ctx.config, 'scale', true);
    const macs = elements(input);
    if (dim === null || center === null || scale === null) return { outputShape: input, params: null, macs };
    const vectors = (center ? 1 : 0) + (scale ? 1 : 0);
    return { outputShape: input, params: { trainable: vectors * dim, nonTrainable: 0, formula: `${vectors}·${dim}` }, macs };
  },
};

const unitNormalization: LayerSpec = {
  className: 'UnitNormalization',
  factories: [],
  family: 'normalization',
  doc: 'Scales each example to unit L2 norm along axis (Keras); no weights.',
  infer(ctx: LayerContext): LayerInference {
    const input = singleInput(ctx.inputs);
    const none = { trainable: 0, nonTrainable: 0, formula: '0' };
    const bad = typeof ctx.config.axis === 'string' || ctx.config.axis === null || typeof ctx.config.axis === 'boolean';
    if (bad) return { outputShape: null, params: none, macs: 0, problems: [problem('config/invalid', `UnitNormalization's axis must be an int or a tuple of ints: ${CTOR}`, 'axis')] };
    if (input === null) return { outputShape: null, params: none, macs: 0 };
    const axes = axesOf('UnitNormalization', ctx.config.axis, input.length, true);
    if (axes !== null && !Array.isArray(axes)) return { outputShape: null, params: none, macs: 0, problems: [{ ...axes, message: axes.message.replace('built', 'called') }] };
    return { outputShape: input, params: none, macs: elements(input) };
  },
};

const rmsNormalization: LayerSpec = {
  className: 'RMSNormalization',
  factories: [],
  family: 'normalization',
  doc: 'Divides by the root mean square over axis and learns a scale (Keras).',
  infer(ctx: LayerContext): LayerInference {
    const input = singleInput(ctx.inputs);
    if (input === null) return { outputShape: null, params: null, macs: null };
    const axes = axesOf('RMSNormalization', ctx.config.axis, input.length, true);
    if (axes === null) return { outputShape: input, params: null, macs: elements(input) };
    if (!Array.isArray(axes)) return { outputShape: null, params: null, macs: null, problems: [axes] };
    const dims = axes.map((a) => input[a]);
    const size = product(dims);
    if (size === null) return { outputShape: input, params: null, macs: elements(input) };
    return { outputShape: input, params: { trainable: size, nonTrainable: 0, formula: dims.join('·') }, macs: elements(input) };
  },
};

export const kerasNormalizationSpecs: readonly LayerSpec[] = [
  withKeras(
    groupNormalization,
    keras('GroupNormalization', 'groups axis epsilon center scale beta_initializer gamma_initializer beta_regularizer gamma_regularizer beta_constraint gamma_constraint'),
  ),
  withKeras(unitNormalization, keras('UnitNormalization', 'axis')),
  withKeras(rmsNormalization, keras('RMSNormalization', 'axis epsilon')),
];
