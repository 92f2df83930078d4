// UpSampling1D/2D/3D as Keras 3 computes them (reshaping/up_sampling*.py). TF.js has only
// UpSampling2D, whose TF.js arithmetic (and its number-size quirk) stays in reshaping.ts; its
// entry calls this for Python files.
//
// Keras's rules: UpSampling1D's size is one positive int (a bool or anything else is a
// TypeError); 2D/3D take an int or a tuple of n positive ints (standardize_tuple). Each known
// spatial dim is multiplied; the rank must be exactly n + 2.
import type { Dim, LayerContext, LayerInference, LayerProblem } from '../types';
import { NO_PARAMS, problem, rankProblem, readDataFormat, singleInput } from './config';
import { kerasTuple } from './kerasArgs';
import { spatialAxes } from './spatial';

const LAYOUTS: Readonly<Record<number, string>> = {
  1: '[batch, steps, features]',
  2: '[batch, height, width, channels]',
  3: '[batch, depth, height, width, channels]',
};

function upSize(className: string, n: number, ctx: LayerContext, problems: LayerProblem[]): Dim[] {
  if (n > 1) return kerasTuple(className, ctx.config, 'size', n, { def: 2 }, problems);
  const v = ctx.config.size;
  if (v === undefined) return [2];
  if (typeof v === 'number' && Number.isInteger(v) && v > 0) return [v];
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v === null || Array.isArray(v)) {
    problems.push(problem('config/invalid', `${className}'s size must be one positive int: Keras raises an error when the layer is constructed.`, 'size'));
  }
  return [null];
}

/**
 * UpSampling2D's interpolation, lower-cased by the constructor and checked by the backend's
 * resize when the layer runs: what at least one backend accepts (numpy and jax: nearest,
 * bilinear, bicubic, lanczos3, lanczos5; TensorFlow also area, gaussian, mitchellcubic).
 */
const INTERPOLATIONS = new Set(['nearest', 'bilinear', 'bicubic', 'lanczos3', 'lanczos5', 'area', 'gaussian', 'mitchellcubic']);

export function inferKerasUpSampling(className: string, n: number, ctx: LayerContext): LayerInference {
  const problems: LayerProblem[] = [];
  const size = upSize(className, n, ctx, problems);
  const interpolation = ctx.config.interpolation;
  if (n === 2 && typeof interpolation === 'string' && !INTERPOLATIONS.has(interpolation.toLowerCase())) {
    problems.push(problem('config/invalid', `${className}'s interpolation '${interpolation}' is not one Keras's backends resize with (nearest, bilinear, bicubic, lanczos3...): the layer raises a ValueError when it runs.`, 'interpolation'));
  }
  const f = n === 1 ? 'channelsLast' : readDataFormat(ctx.config, 'keras');
  if (f === 'invalid') problems.push(problem('config/invalid', `${className}'s dataFormat must be 'channelsLast' or 'channelsFirst': Keras raises a ValueError when the layer is constructed.`, 'dataFormat'));
  const window = size.every((s) => s !== null) ? { kernel: size.map(() => 1), stride: size as number[], mode: 'upsample' as const } : undefined;
  const done = (inf: LayerInference): LayerInference => ({ ...inf, ...(window ? { window } : {}), ...(problems.length ? { problems } : {}) });
  const input = singleInput(ctx.inputs);
  if (input === null) return done({ outputShape: null, params: NO_PARAMS, macs: 0 });
  if (input.length !== n + 2) {
    problems.push(rankProblem(className, input, n + 2, LAYOUTS[n]));
    return done({ outputShape: null, params: NO_PARAMS, macs: 0 });
  }
  if (f === 'invalid' || f === null) return done({ outputShape: [input[0], ...Array<Dim>(n + 1).fill(null)], params: NO_PARAMS, macs: 0 });
  const out = [...input];
  spatialAxes(n, f).forEach((a, i) => {
    const d = input[a];
    const s = size[i];
    out[a] = d === null || s === null ? null : d * s;
  });
  return done({ outputShape: out, params: NO_PARAMS, macs: 0 });
}
