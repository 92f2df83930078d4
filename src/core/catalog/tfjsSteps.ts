// Strides and dilation rates of TF.js convolutions, read as TF.js's normalizeArray reads them.
// It checks an array's entries (integers, of the right count) but not a single number, and it
// never checks the sign: `strides: 0.5`, `dilationRate: -2` or `dilationRate: Infinity` build.
// The layer then declares the shape convOutputLength gives in float arithmetic (a fraction,
// NaN, ±Infinity) and computes another one: a warning, unless that declared size is negative,
// which Sequential.add throws on (checked against TF.js 4.22 in test/oracle/catalog).
import type { Dim, LayerConfig, LayerProblem } from '../types';
import { isPositiveInt, problem, readTuple } from './config';
import { axisName } from './spatial';

export interface TfjsStep {
  /** The positive-integer entries; null where unknown or not a positive integer. */
  readonly clean: Dim[];
  /** The entries as TF.js uses them (null: unknown). */
  readonly raw: Dim[];
}

/** A stride or dilation entry TF.js accepts that is not a positive integer. */
export interface DegenerateStep {
  readonly key: 'strides' | 'dilationRate';
  readonly value: number;
  readonly strides: readonly Dim[];
  readonly dilation: readonly Dim[];
}

export function readTfjsStep(className: string, config: LayerConfig, key: 'strides' | 'dilationRate', n: number, problems: LayerProblem[]): TfjsStep {
  const unknownTuple = (): TfjsStep => ({ clean: Array<Dim>(n).fill(null), raw: Array<Dim>(n).fill(null) });
  const t = readTuple(config, key, n, 1);
  if (t === 'bad-length') {
    problems.push(problem('config/invalid', `${className}'s ${key} must be a number or an array of ${n} numbers.`, key));
    return unknownTuple();
  }
  if (t === null || t === undefined) return unknownTuple();
  const bad = Array.isArray(config[key]) ? t.find((d) => d !== null && !Number.isInteger(d)) : undefined;
  if (bad !== undefined) {
    problems.push(problem('config/invalid', `${className}'s ${key} must hold integers, but holds ${bad}: TF.js throws when the layer is constructed.`, key));
    return unknownTuple();
  }
  return { clean: t.map((d) => (d !== null && isPositiveInt(d) ? d : null)), raw: t };
}

/** The first entry, strides before dilation, that is known and not a positive integer. */
export function firstDegenerate(strides: TfjsStep, dilation: TfjsStep | null): DegenerateStep | undefined {
  const of = (key: 'strides' | 'dilationRate', step: TfjsStep | null): DegenerateStep | undefined => {
    const value = step?.raw.find((d): d is number => d !== null && !isPositiveInt(d));
    return value === undefined ? undefined : { key, value, strides: strides.raw, dilation: dilation?.raw ?? strides.raw.map(() => 1) };
  };
  return of('strides', strides) ?? of('dilationRate', dilation);
}

/**
 * The output of a layer with a degenerate step, from TF.js's declared lengths (null: unknown):
 * an error where the op the layer runs asserts that every stride and dilation is larger than 0
 * (`assertingOp`: tf.conv1d and tf.conv3d do, the fused conv2d the 2D layers run does not), or
 * where a declared length is negative; else a warning. Every spatial size is then unknown, since
 * what the layer computes differs from what it declares, except that with padding 'same' a
 * degenerate dilation alone leaves the sizes padding gives (`sameSize`; so TF.js runs them).
 */
export function degenerateOutput(
  className: string,
  step: DegenerateStep,
  lengths: readonly (number | null)[],
  options: { readonly assertingOp?: string; readonly sameSize?: readonly Dim[] } = {},
): { outSpace: Dim[]; problem: LayerProblem } {
  const { assertingOp, sameSize } = options;
  const outSpace = lengths.map((): Dim => null);
  if (assertingOp) {
    const stride = step.strides.find((d) => d !== null && !(d > 0));
    const dilation = step.dilation.find((d) => d !== null && !(d > 0));
    const [key, value] = stride !== undefined ? ['strides', stride] : ['dilationRate', dilation];
    if (value !== undefined && value !== null) {
      const message = `${className}'s ${key} ${value} is not larger than 0: TF.js builds the layer, but tf.${assertingOp} throws when it runs (it asserts every ${key === 'strides' ? 'stride' : 'dilation rate'} is positive).`;
      return { outSpace, problem: problem('config/invalid', message, key) };
    }
  }
  const setting = `${className}'s ${step.key} ${step.value}`;
  if (sameSize) {
    const message = `${setting} is not a positive integer. TF.js does not reject it, and with padding 'same' the output size does not depend on it, but use a positive integer.`;
    return { outSpace: [...sameSize], problem: { code: 'config/invalid', severity: 'warning', message, property: step.key } };
  }
  const negative = lengths.findIndex((l) => l !== null && l < 0);
  if (negative >= 0) {
    const axis = axisName(lengths.length, negative);
    return { outSpace, problem: problem('shape/non-positive-dim', `${setting} gives it ${lengths[negative]} ${axis}: a negative size.`, step.key) };
  }
  const message =
    `${setting} is not a positive integer. TF.js does not reject it when it builds the layer, but the size it ` +
    'declares is not the one it computes (or the layer fails when it runs), so its output size is unknown here. Use a positive integer.';
  return { outSpace, problem: { code: 'config/invalid', severity: 'warning', message, property: step.key } };
}
