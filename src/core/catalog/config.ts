// Reading evaluated layer configs the way TF.js's constructors read them, with `null` for
// "not statically known" (an Unknown, or a value of a type we cannot interpret). Every
// reader applies the TF.js default when the key is absent, so family files stay declarative.
import { isUnknown, type ConfigValue, type Dialect, type Dim, type LayerConfig, type LayerProblem, type MaybeShape, type Shape } from '../types';

/** A number from the config; `def` when absent or null (TF.js's `args.x == null` test). */
export function readNumber(config: LayerConfig, key: string, def: number): number | null;
export function readNumber(config: LayerConfig, key: string): number | null | undefined;
export function readNumber(config: LayerConfig, key: string, def?: number): number | null | undefined {
  const v = config[key];
  if (v === undefined || v === null) return def;
  return typeof v === 'number' ? v : null;
}

export function readString(config: LayerConfig, key: string, def: string): string | null {
  const v = config[key];
  if (v === undefined || v === null) return def;
  return typeof v === 'string' ? v : null;
}

export function readBool(config: LayerConfig, key: string, def: boolean): boolean | null {
  const v = config[key];
  if (v === undefined || v === null) return def;
  return typeof v === 'boolean' ? v : null;
}

/** True when the key is present and its value is not statically known. */
export function isUnknownValue(config: LayerConfig, key: string): boolean {
  return isUnknown(config[key]);
}

/**
 * `kernelSize: 3 | [3, 3]`, strides, dilationRate, poolSize: a number repeats `n` times
 * (TF.js's normalizeArray); an array must have length `n`. Unknown elements stay null.
 * Returns null when nothing is known, 'bad-length' when TF.js would reject the array.
 */
export function readTuple(config: LayerConfig, key: string, n: number, def: number | readonly number[] | undefined): Dim[] | null | 'bad-length' | undefined {
  const v = config[key];
  if (v === undefined || v === null) {
    if (def === undefined) return undefined;
    return typeof def === 'number' ? Array<Dim>(n).fill(def) : [...def];
  }
  if (typeof v === 'number') return Array<Dim>(n).fill(v);
  if (!Array.isArray(v)) return null;
  const items = v as readonly ConfigValue[];
  if (items.length !== n) return 'bad-length';
  return items.map((d) => (typeof d === 'number' ? d : null));
}

export type DataFormat = 'channelsLast' | 'channelsFirst';

/**
 * TF.js's checkDataFormat: absent → channelsLast; any other string throws. Keras spells the
 * values 'channels_last' / 'channels_first' (any case: standardize_data_format lowercases),
 * and its default is keras.config.image_data_format(), i.e. channels_last.
 */
export function readDataFormat(config: LayerConfig, dialect?: Dialect): DataFormat | null | 'invalid' {
  const v = readString(config, 'dataFormat', dialect === 'keras' ? 'channels_last' : 'channelsLast');
  if (v === null) return null;
  if (dialect === 'keras') {
    const lower = v.toLowerCase();
    return lower === 'channels_last' ? 'channelsLast' : lower === 'channels_first' ? 'channelsFirst' : 'invalid';
  }
  return v === 'channelsLast' || v === 'channelsFirst' ? v : 'invalid';
}

/** TF.js's checkPaddingMode: 'valid' (default), 'same' or 'causal'; anything else throws. Keras lowercases first. */
export function readPadding(config: LayerConfig, dialect?: Dialect): 'valid' | 'same' | 'causal' | null | 'invalid' {
  const raw = readString(config, 'padding', 'valid');
  if (raw === null) return null;
  const v = dialect === 'keras' ? raw.toLowerCase() : raw;
  return v === 'valid' || v === 'same' || v === 'causal' ? v : 'invalid';
}

// ---------------------------------------------------------------------------------------
// Problems

export function problem(code: string, message: string, property?: string): LayerProblem {
  return property === undefined ? { code, severity: 'error', message } : { code, severity: 'error', message, property };
}

export function isPositiveInt(v: number): boolean {
  return Number.isInteger(v) && v > 0;
}

/**
 * TF.js's assertPositiveInteger for a required count (filters, units, n...): a known number
 * that is not a positive integer throws in the layer's constructor.
 */
export function checkPositiveInt(className: string, config: LayerConfig, key: string, problems: LayerProblem[]): number | null {
  const v = config[key];
  if (typeof v !== 'number') return null;
  if (!isPositiveInt(v)) {
    problems.push(problem('config/invalid', `${className}'s ${key} must be a positive integer, but is ${v}.`, key));
    return null;
  }
  return v;
}

/**
 * Validate the known elements of a window tuple (kernelSize, strides, poolSize...): a
 * non-integer or negative entry makes TF.js throw (its weight or window shape is invalid).
 * A 0 is returned as null: TF.js does not always throw on it, so it is no certain error.
 * `zeroThrows` is for the keys TF.js runs through assertPositiveInteger (pooling).
 */
export function checkWindowTuple(className: string, key: string, tuple: readonly Dim[], problems: LayerProblem[], zeroThrows = false): Dim[] {
  const bad = tuple.find((d) => d !== null && (!Number.isInteger(d) || d < 0 || (zeroThrows && d === 0)));
  if (bad !== undefined) {
    problems.push(problem('config/invalid', `${className}'s ${key} must hold positive integers, but holds ${bad}.`, key));
    return tuple.map(() => null);
  }
  return tuple.map((d) => (d === 0 ? null : d));
}

// ---------------------------------------------------------------------------------------
// Shapes

export function formatShape(shape: Shape): string {
  return `[${shape.map((d) => (d === null ? 'null' : String(d))).join(', ')}]`;
}

/** Product of dims, null when any is unknown. */
export function product(dims: readonly Dim[]): number | null {
  let p = 1;
  for (const d of dims) {
    if (d === null) return null;
    p *= d;
  }
  return p;
}

export function times(...factors: (number | null)[]): number | null {
  return product(factors);
}

/**
 * The 'shape/rank-mismatch' problem when the input's rank is known and differs, e.g.
 * "Conv2D expects a 4D input [batch, height, width, channels] but gets 2D [null, 784]."
 */
export function rankProblem(className: string, input: Shape, expected: number, layout: string, hint?: string): LayerProblem {
  const tail = hint ? ` ${hint}` : '';
  return problem(
    'shape/rank-mismatch',
    `${className} expects a ${expected}D input ${layout} but gets ${input.length}D ${formatShape(input)}.${tail}`,
  );
}

/** Resolve a Python-style axis against a rank; null when out of range. */
export function resolveAxis(axis: number, rank: number): number | null {
  const a = axis < 0 ? axis + rank : axis;
  return Number.isInteger(a) && a >= 0 && a < rank ? a : null;
}

/**
 * Keras dialect: a lone unknown input may stand for a list the front end could not follow
 * (`layer(pairs)`), so the number of inputs is not known and no count is certainly wrong.
 */
export function unknownInputCount(inputs: readonly MaybeShape[], dialect?: Dialect): boolean {
  return dialect === 'keras' && inputs.length === 1 && inputs[0] === null;
}

/** The single input of a one-input layer (null: nothing known). */
export function singleInput(inputs: readonly MaybeShape[]): MaybeShape {
  return inputs.length > 0 ? inputs[0] : null;
}

/** The parameter count of a layer without weights. */
export const NO_PARAMS = Object.freeze({ trainable: 0, nonTrainable: 0, formula: '0' });

/** Wrap a sum of terms in parentheses when it is multiplied: "(a + b)". */
export function paren(expr: string): string {
  return /[+-]/.test(expr) ? `(${expr})` : expr;
}
