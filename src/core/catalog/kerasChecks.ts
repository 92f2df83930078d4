// Constructor checks that only Keras 3 makes (TF.js accepts these values), for the `check`
// option of identity-shaped entries. Each returns no problem for TF.js files.
import type { LayerContext, LayerProblem } from '../types';
import { problem, readDataFormat } from './config';

/**
 * Dropout's rate, GaussianNoise's stddev...: a required number in [0, 1]; Keras raises a
 * ValueError in the constructor otherwise (and a TypeError when it is missing).
 * `dataFormat`: the class also takes data_format (SpatialDropout2D/3D).
 */
export function kerasUnitInterval(className: string, key: string, dataFormat = false): (ctx: LayerContext) => LayerProblem[] {
  return (ctx) => {
    if (ctx.dialect !== 'keras') return [];
    const problems: LayerProblem[] = [];
    const v = ctx.config[key];
    if (v === undefined) problems.push(problem('config/invalid', `${className} requires ${key}: Keras raises a TypeError when the layer is constructed.`, key));
    else if (typeof v === 'number' && !(v >= 0 && v <= 1)) {
      problems.push(problem('config/invalid', `${className}'s ${key} must lie between 0 and 1, but is ${v}: Keras raises a ValueError when the layer is constructed.`, key));
    }
    if (dataFormat && readDataFormat(ctx.config, 'keras') === 'invalid') {
      problems.push(problem('config/invalid', `${className}'s dataFormat must be 'channelsLast' or 'channelsFirst': Keras raises a ValueError when the layer is constructed.`, 'dataFormat'));
    }
    return problems;
  };
}

/**
 * Keras's ReLU and LeakyReLU reject a negative (or None) slope, threshold or cap in the
 * constructor; TF.js ignores ReLU's negativeSlope and threshold and takes any alpha.
 * `noneRaises`: an explicit None raises too (Keras compares it with 0).
 */
export function kerasNonNegative(className: string, keys: readonly { key: string; noneRaises: boolean }[]): (ctx: LayerContext) => LayerProblem[] {
  return (ctx) => {
    if (ctx.dialect !== 'keras') return [];
    const problems: LayerProblem[] = [];
    for (const { key, noneRaises } of keys) {
      const v = ctx.config[key];
      const bad = (typeof v === 'number' && v < 0) || (v === null && noneRaises);
      if (bad) {
        const shown = v === null ? 'None' : String(v);
        problems.push(problem('config/invalid', `${className}'s ${key} cannot be ${v === null ? 'None' : 'negative'} (${shown}): Keras raises a ValueError when the layer is constructed.`, key));
      }
    }
    return problems;
  };
}
