// Reading a layer's evaluated config (JSON from the report) into kernel parameters. A value
// the analyzer could not determine arrives as `{ unknown: reason }`; we never guess it, we
// throw a NotPreviewable that the preview shows as its reason.
import type { JsonValue, LayerReport } from '../../src/core/report';

export class NotPreviewable extends Error {}

function isUnknownValue(v: JsonValue | undefined): v is { unknown: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'unknown' in v;
}

function describe(layer: LayerReport, key: string, v: JsonValue | undefined): never {
  if (isUnknownValue(v)) throw new NotPreviewable(`${layer.name}: ${key} is not statically known (${String(v.unknown)}).`);
  throw new NotPreviewable(`${layer.name}: ${key} = ${JSON.stringify(v)} is not a value the preview understands.`);
}

export function num(layer: LayerReport, key: string, fallback?: number): number {
  const v = layer.config[key];
  if (v === undefined || v === null) {
    if (fallback !== undefined) return fallback;
    throw new NotPreviewable(`${layer.name}: ${key} is missing.`);
  }
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  return describe(layer, key, v);
}

/** A TF.js "int or [int, int]" option such as kernelSize, strides, poolSize. */
export function pair(layer: LayerReport, key: string, fallback?: readonly [number, number]): [number, number] {
  const v = layer.config[key];
  if (v === undefined || v === null) {
    if (fallback) return [fallback[0], fallback[1]];
    throw new NotPreviewable(`${layer.name}: ${key} is missing.`);
  }
  if (typeof v === 'number' && Number.isInteger(v) && v > 0) return [v, v];
  if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number' && Number.isInteger(x) && x > 0)) return [v[0] as number, v[1] as number];
  if (Array.isArray(v) && v.length === 1 && typeof v[0] === 'number' && Number.isInteger(v[0]) && v[0] > 0) return [v[0], v[0]];
  return describe(layer, key, v);
}

/** A 1-D option (Conv1D's kernelSize, strides...), as a [1, n] pair so it runs as a 1×W conv2d. */
export function single(layer: LayerReport, key: string, fallback?: number): [number, number] {
  const v = layer.config[key];
  if (v === undefined || v === null) {
    if (fallback !== undefined) return [1, fallback];
    throw new NotPreviewable(`${layer.name}: ${key} is missing.`);
  }
  if (typeof v === 'number' && Number.isInteger(v) && v > 0) return [1, v];
  if (Array.isArray(v) && v.length === 1 && typeof v[0] === 'number' && Number.isInteger(v[0]) && v[0] > 0) return [1, v[0]];
  return describe(layer, key, v);
}

export function str(layer: LayerReport, key: string, fallback: string): string {
  const v = layer.config[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'string') return v;
  return describe(layer, key, v);
}

export function bool(layer: LayerReport, key: string, fallback: boolean): boolean {
  const v = layer.config[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'boolean') return v;
  return describe(layer, key, v);
}

/** ZeroPadding2D / Cropping2D amounts: n, [h, w] or [[top, bottom], [left, right]]. */
export function pads(layer: LayerReport, key: string, fallback: number): [[number, number], [number, number]] {
  const v = layer.config[key];
  const ok = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
  if (v === undefined || v === null) return [[fallback, fallback], [fallback, fallback]];
  if (ok(v)) return [[v, v], [v, v]];
  if (Array.isArray(v) && v.length === 2 && ok(v[0]) && ok(v[1])) return [[v[0], v[0]], [v[1], v[1]]];
  if (Array.isArray(v) && v.length === 2 && v.every((p) => Array.isArray(p) && p.length === 2 && ok(p[0]) && ok(p[1]))) {
    const [a, b] = v as number[][];
    return [[a[0], a[1]], [b[0], b[1]]];
  }
  return describe(layer, key, v);
}
