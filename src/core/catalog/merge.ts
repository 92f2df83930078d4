// Merge layers, as tfjs-layers/src/layers/merge.ts computes them.
//
// Elementwise merges (Add, Multiply, Average, Maximum, Minimum) broadcast numpy-style over
// the non-batch axes, aligned on the right; a dim of 1 stretches; two known dims that differ
// throw. Concatenate needs equal shapes except on its axis. Dot supports inputs up to 3D.
//
// TF.js quirk: Concatenate declares its shape for a negative axis Python-style, but its
// backend concatenates along the last axis for every negative axis: a warning, or an error
// where the inputs differ on the declared axis (predict then throws).
// TF.js 4.22 quirk: there is no Subtract layer and no `tf.layers.subtract` (Keras has one).
// The entry below exists for model.json files and reports Keras's semantics (two inputs,
// elementwise); no factory builds it.
//
// Keras 3: merge layers accept a list of one input (they return its shape); Concatenate
// honours any negative axis; Dot works on inputs of any rank, and an axis past the inputs'
// rank raises when the layer is built.
import type { Dim, LayerContext, LayerInference, LayerProblem, LayerSpec, MaybeShape, Shape } from '../types';
import { NO_PARAMS, formatShape, problem, resolveAxis, unknownInputCount } from './config';

function mergeProblem(message: string): LayerProblem {
  return problem('shape/merge-mismatch', message);
}

function knownShapes(inputs: readonly MaybeShape[]): Shape[] | null {
  return inputs.every((s): s is Shape => s !== null) ? (inputs as Shape[]) : null;
}

function listShapes(shapes: readonly MaybeShape[]): string {
  return shapes.map((s) => (s === null ? '?' : formatShape(s))).join(' and ');
}

/** TF.js's Merge.computeElementwiseOpOutputShape over non-batch dims; a problem when certain. */
function broadcast(a: readonly Dim[], b: readonly Dim[]): Dim[] | 'mismatch' {
  if (a.length < b.length) return broadcast(b, a);
  const out: Dim[] = a.slice(0, a.length - b.length);
  for (let k = 0; k < b.length; k++) {
    const i = a[a.length - b.length + k];
    const j = b[k];
    if (i === null || j === null || i < 0 || j < 0) out.push(null);
    else if (i === 1) out.push(j);
    else if (j === 1) out.push(i);
    else if (i !== j) return 'mismatch';
    else out.push(i);
  }
  return out;
}

/** The batch dim of the merged output: the one known batch size, else null. */
function mergedBatch(shapes: readonly Shape[]): { batch: Dim } | 'mismatch' {
  const sizes = [...new Set(shapes.map((s) => s[0]).filter((d): d is number => d !== null))];
  if (sizes.length > 1) return 'mismatch';
  return { batch: sizes.length === 1 ? sizes[0] : null };
}

function inferElementwise(className: string, ctx: LayerContext, exactlyTwo: boolean): LayerInference {
  const inputs = ctx.inputs;
  const fail = (message: string): LayerInference => ({ outputShape: null, params: NO_PARAMS, macs: 0, problems: [mergeProblem(message)] });
  const least = ctx.dialect === 'keras' ? 1 : 2;
  if (inputs.length < least) return fail(`${className} needs a list of at least ${least} input${least > 1 ? 's' : ''}, but gets ${inputs.length}.`);
  if (unknownInputCount(inputs, ctx.dialect)) return { outputShape: null, params: NO_PARAMS, macs: 0 };
  if (exactlyTwo && inputs.length !== 2) return fail(`${className} needs exactly 2 inputs, but gets ${inputs.length}.`);
  const shapes = knownShapes(inputs);
  // Check every pair of known shapes, so a mismatch is reported even when a third is unknown.
  const known = inputs.filter((s): s is Shape => s !== null);
  const batch = mergedBatch(known);
  if (batch === 'mismatch') return fail(`${className} cannot merge tensors with different batch sizes: ${listShapes(inputs)}.`);
  let acc: Dim[] | null = known.length ? known[0].slice(1) : null;
  for (const s of known.slice(1)) {
    const next = broadcast(acc ?? [], s.slice(1));
    if (next === 'mismatch') return fail(`${className}'s inputs cannot be broadcast together: ${listShapes(inputs)}.`);
    acc = next;
  }
  if (shapes === null || acc === null) return { outputShape: null, params: NO_PARAMS, macs: 0 };
  return { outputShape: [batch.batch, ...acc], params: NO_PARAMS, macs: 0 };
}

function elementwiseSpec(className: string, factories: string[], doc: string, exactlyTwo = false): LayerSpec {
  return { className, factories, family: 'merge', doc, multiInput: true, infer: (ctx) => inferElementwise(className, ctx, exactlyTwo) };
}

import { keras, withKeras } from './keras';

/**
 * TF.js's Concatenate with a negative axis other than -1: it declares its shape for that axis
 * (Python-style) but K.concatenate joins along the last axis when it runs. That needs every
 * other axis equal, the declared one too: where the inputs differ there, predict throws;
 * otherwise the model builds and runs, to a tensor of another shape than it declares.
 */
function negativeAxisConcat(axisValue: number, axis: number, known: readonly Shape[], inputs: readonly MaybeShape[]): LayerInference {
  const sizes = new Set(known.map((s) => s[axis]).filter((v): v is number => v !== null));
  const runsAs = `TF.js's Concatenate runs any negative axis as -1 (the last axis)`;
  if (sizes.size > 1) {
    const message = `${runsAs}, so axis ${axisValue} joins ${listShapes(inputs)} along their last axis, where axis ${axis} differs: the model builds, but predict throws. Write axis ${axis}.`;
    return { outputShape: null, params: NO_PARAMS, macs: 0, problems: [problem('shape/merge-mismatch', message, 'axis')] };
  }
  const message = `${runsAs}, so axis ${axisValue} does not do what its shape says: the tensor it computes is joined along the last axis instead. Write axis ${axis}.`;
  // The rank holds; which sizes land where does not.
  const outputShape = known[0].map((d, i) => (i === 0 ? d : null));
  return { outputShape, params: NO_PARAMS, macs: 0, problems: [{ code: 'config/invalid', severity: 'warning', message, property: 'axis' }] };
}

const concatenate: LayerSpec = {
  className: 'Concatenate',
  factories: ['concatenate'],
  family: 'merge',
  doc: 'Joins inputs along axis (default -1); other dims must match.',
  multiInput: true,
  infer(ctx): LayerInference {
    const inputs = ctx.inputs;
    const fail = (message: string): LayerInference => ({ outputShape: null, params: NO_PARAMS, macs: 0, problems: [mergeProblem(message)] });
    const isKeras = ctx.dialect === 'keras';
    if (inputs.length < (isKeras ? 1 : 2)) return fail(`Concatenate needs a list of at least ${isKeras ? '1 input' : '2 inputs'}, but gets ${inputs.length}.`);
    const axisValue = ctx.config.axis === undefined || ctx.config.axis === null ? -1 : ctx.config.axis;
    const known = inputs.filter((s): s is Shape => s !== null);
    const ranks = new Set(known.map((s) => s.length));
    if (ranks.size > 1) return fail(`Concatenate's inputs have different ranks: ${listShapes(inputs)}.`);
    if (typeof axisValue !== 'number' || known.length === 0) return { outputShape: null, params: NO_PARAMS, macs: 0 };
    const rank = known[0].length;
    const axis = resolveAxis(axisValue, rank);
    if (axis === null) {
      return { outputShape: null, params: NO_PARAMS, macs: 0, problems: [problem('config/invalid', `Concatenate's axis ${axisValue} does not exist in its ${rank}D inputs.`, 'axis')] };
    }
    // Every other axis must agree where both sides are known (TF.js checks it when it builds).
    for (let d = 0; d < rank; d++) {
      if (d === axis) continue;
      const sizes = new Set(known.map((s) => s[d]).filter((v): v is number => v !== null));
      if (sizes.size > 1) {
        return fail(`Concatenate (axis ${axisValue}) needs matching shapes except on the concat axis, but gets ${listShapes(inputs)}.`);
      }
    }
    if (!isKeras && axisValue < -1 && axis !== rank - 1) return negativeAxisConcat(axisValue, axis, known, inputs);
    if (known.length !== inputs.length) return { outputShape: null, params: NO_PARAMS, macs: 0 };
    // TF.js keeps the first input's other dims as they are (its null stays null).
    const out: Dim[] = known[0].slice();
    let sum: Dim = 0;
    for (const s of known) sum = sum === null || s[axis] === null ? null : sum + (s[axis] as number);
    out[axis] = sum;
    return { outputShape: out, params: NO_PARAMS, macs: 0 };
  },
};

function dotAxes(value: unknown, rank1: number, rank2: number): [number, number] | null {
  // TF.js's interpretAxes: a number is resolved per input; an array is used as written
  // (Array.splice then treats a negative entry Python-style).
  if (typeof value === 'number') {
    const a = resolveAxis(value, rank1);
    const b = resolveAxis(value, rank2);
    return a === null || b === null ? null : [a, b];
  }
  if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'number' && typeof value[1] === 'number') {
    const a = resolveAxis(value[0], rank1);
    const b = resolveAxis(value[1], rank2);
    return a === null || b === null ? null : [a, b];
  }
  return null;
}

/**
 * Keras's Dot: a negative int axis is taken modulo each input's rank (so it always exists), a
 * non-negative one as it is; a pair is indexed Python-style (-rank ≤ axis < rank).
 */
function kerasDotAxes(value: unknown, rank1: number, rank2: number): [number, number] | null {
  const pyIndex = (a: number, rank: number): number | null => (a >= rank || a < -rank ? null : a < 0 ? a + rank : a);
  if (typeof value === 'number') {
    if (value < 0) return [((value % rank1) + rank1) % rank1, ((value % rank2) + rank2) % rank2];
    return value < rank1 && value < rank2 ? [value, value] : null;
  }
  if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'number' && typeof value[1] === 'number') {
    const a = pyIndex(value[0], rank1);
    const b = pyIndex(value[1], rank2);
    return a === null || b === null ? null : [a, b];
  }
  return null;
}

function dotAxesKnown(value: unknown): boolean {
  return typeof value === 'number' || (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number'));
}

/** Keras's Dot constructor: axes is an int or a list/tuple of two ints. */
function kerasDotAxesProblem(value: unknown): string | null {
  if (value === undefined) return 'Dot requires axes: Keras raises a TypeError when the layer is constructed.';
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return 'Dot\'s axes must be an int or a tuple of two ints: Keras raises an error when the layer is constructed.';
  if (Array.isArray(value) && (value.length !== 2 || value.some((v) => typeof v === 'string' || v === null || (typeof v === 'number' && !Number.isInteger(v))))) {
    return 'Dot\'s axes must be an int or a tuple of two ints: Keras raises a ValueError when the layer is constructed.';
  }
  return null;
}

const dot: LayerSpec = {
  className: 'Dot',
  factories: ['dot'],
  family: 'merge',
  doc: 'Dot product of two inputs along the given axes (per example); inputs up to 3D.',
  multiInput: true,
  infer(ctx): LayerInference {
    const inputs = ctx.inputs;
    const fail = (code: string, message: string): LayerInference => ({ outputShape: null, params: NO_PARAMS, macs: 0, problems: [problem(code, message)] });
    const isKeras = ctx.dialect === 'keras';
    const axesProblem = isKeras ? kerasDotAxesProblem(ctx.config.axes) : null;
    if (axesProblem) return fail('config/invalid', axesProblem);
    if (unknownInputCount(inputs, ctx.dialect)) return { outputShape: null, params: NO_PARAMS, macs: 0 };
    if (inputs.length !== 2) return fail('shape/merge-mismatch', `Dot needs exactly 2 inputs, but gets ${inputs.length}.`);
    const [s1, s2] = inputs;
    for (const s of [s1, s2]) {
      if (!isKeras && s !== null && s.length > 3) return fail('shape/rank-mismatch', `TF.js's Dot supports inputs up to 3D, but gets ${s.length}D ${formatShape(s)}.`);
    }
    if (s1 === null || s2 === null) return { outputShape: null, params: NO_PARAMS, macs: 0 };
    const axes = (isKeras ? kerasDotAxes : dotAxes)(ctx.config.axes, s1.length, s2.length);
    if (axes === null && isKeras && dotAxesKnown(ctx.config.axes)) {
      return fail('config/invalid', `Dot's axes ${JSON.stringify(ctx.config.axes)} name an axis its inputs ${formatShape(s1)} and ${formatShape(s2)} do not have: Keras raises when the layer is built.`);
    }
    if (axes === null) return { outputShape: null, params: NO_PARAMS, macs: 0 };
    const [a1, a2] = axes;
    if (isKeras && (a1 === 0 || a2 === 0)) {
      return fail('config/invalid', `Dot's axes ${JSON.stringify(ctx.config.axes)} reach the batch axis: Keras's batch_dot cannot contract it and raises when the layer runs.`);
    }
    const d1 = s1[a1];
    const d2 = s2[a2];
    if (d1 !== null && d2 !== null && d1 !== d2) {
      return fail('shape/merge-mismatch', `Dot's axes do not match: axis ${a1} of ${formatShape(s1)} has ${d1}, axis ${a2} of ${formatShape(s2)} has ${d2}.`);
    }
    const left = s1.filter((_, i) => i !== a1);
    const right = s2.filter((_, i) => i !== a2).slice(1);
    const out = [...left, ...right];
    if (out.length === 1) out.push(1);
    return { outputShape: out, params: NO_PARAMS, macs: 0 };
  },
};

export const mergeSpecs: readonly LayerSpec[] = [
  withKeras(concatenate, keras('Concatenate', 'axis')),
  withKeras(elementwiseSpec('Add', ['add'], 'Elementwise sum of the inputs (broadcasting).'), keras('Add', '')),
  withKeras(elementwiseSpec('Subtract', [], 'Elementwise difference of two inputs (Keras; TF.js 4.22 has no tf.layers.subtract).', true), keras('Subtract', '')),
  withKeras(elementwiseSpec('Multiply', ['multiply'], 'Elementwise product of the inputs (broadcasting).'), keras('Multiply', '')),
  withKeras(elementwiseSpec('Average', ['average'], 'Elementwise mean of the inputs (broadcasting).'), keras('Average', '')),
  withKeras(elementwiseSpec('Maximum', ['maximum'], 'Elementwise maximum of the inputs (broadcasting).'), keras('Maximum', '')),
  withKeras(elementwiseSpec('Minimum', ['minimum'], 'Elementwise minimum of the inputs (broadcasting).'), keras('Minimum', '')),
  withKeras(dot, keras('Dot', 'axes normalize')),
];
