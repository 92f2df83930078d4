// Reading layer arguments the way Keras 3's constructors validate them (the Keras dialect of
// config.ts). Keras is stricter than TF.js about sizes: `standardize_tuple` rejects a 0 or a
// negative entry of kernel_size, strides, dilation_rate, pool_size... in the constructor, and
// a Python None where a tuple is required. Unknown values stay null, as everywhere.
import type { ConfigValue, Dim, LayerConfig, LayerProblem } from '../types';
import { problem } from './config';

export interface KerasTupleOptions {
  /** The value when the key is absent (undefined: the argument is required). */
  readonly def?: number | readonly number[];
  /** output_padding and the like: 0 allowed, negatives not. */
  readonly allowZero?: boolean;
}

/**
 * Keras's standardize_tuple: an int repeats n times; a list or tuple must have n entries, each a
 * positive int (or ≥ 0 with allowZero). Anything else raises a ValueError when the layer is
 * constructed. Returns null entries for unknown values.
 */
export function kerasTuple(className: string, config: LayerConfig, key: string, n: number, opts: KerasTupleOptions, problems: LayerProblem[]): Dim[] {
  const unknownTuple = (): Dim[] => Array<Dim>(n).fill(null);
  const v = config[key];
  const fail = (why: string): Dim[] => {
    problems.push(problem('config/invalid', `${className}'s ${key} must be an int or a tuple of ${n} ints${why}: Keras raises a ValueError when the layer is constructed.`, key));
    return unknownTuple();
  };
  if (v === undefined) {
    if (opts.def === undefined) {
      problems.push(problem('config/invalid', `${className} requires ${key}: Keras raises a TypeError when the layer is constructed.`, key));
      return unknownTuple();
    }
    return typeof opts.def === 'number' ? Array<Dim>(n).fill(opts.def) : [...opts.def];
  }
  if (v === null) return fail(', not None');
  // A Python bool is an int (True == 1).
  const asInt = (d: ConfigValue): ConfigValue => (typeof d === 'boolean' ? Number(d) : d);
  let items: readonly ConfigValue[];
  if (typeof v === 'number' || typeof v === 'boolean') items = Array<ConfigValue>(n).fill(asInt(v));
  else if (Array.isArray(v)) items = (v as readonly ConfigValue[]).map(asInt);
  else if (typeof v === 'string') return fail('');
  else return unknownTuple();
  if (items.length !== n) return fail(`, but has ${items.length}`);
  const min = opts.allowZero ? 0 : 1;
  const bad = items.find((d) => typeof d === 'number' && (!Number.isInteger(d) || d < min));
  if (bad !== undefined) return fail(` ${opts.allowZero ? '≥ 0' : '> 0'}, but holds ${String(bad)}`);
  if (items.some((d) => typeof d === 'string' || d === null)) return fail('');
  return items.map((d) => (typeof d === 'number' ? d : null));
}

/** True when some entry is known to be > 1. */
export function someAboveOne(tuple: readonly Dim[]): boolean {
  return tuple.some((d) => d !== null && d > 1);
}
