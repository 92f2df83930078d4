// Real TF.js is the oracle for what the workbench must show: the workspace files are ordinary
// TF.js programs, so the tests build them (symbolically; nothing is trained) and compare the
// editor's hints, hovers, summary and panel with what TF.js itself reports. The test runs
// the fixture; the extension under test never does.
import * as tf from '@tensorflow/tfjs';
import { transformSync } from 'esbuild';

let backend: Promise<boolean> | null = null;

async function ready(): Promise<void> {
  backend ??= tf.setBackend('cpu');
  await backend;
}

export interface OracleLayer {
  readonly className: string;
  /** Output shape with the batch dimension, as TF.js reports it. */
  readonly outputShape: readonly (number | null)[];
  readonly params: number;
}

export interface OracleModel {
  readonly layers: readonly OracleLayer[];
  readonly totalParams: number;
  readonly trainableParams: number;
}

/**
 * Runs a TS/JS model file (types stripped by esbuild, imports of TF.js replaced by the real
 * `tf`) and describes the model bound to `variable`. Throws what TF.js throws.
 */
export async function buildModel(source: string, variable = 'model'): Promise<OracleModel> {
  await ready();
  const js = transformSync(source, { loader: 'ts', target: 'es2022' }).code;
  const body = js.replace(/^import .*$/gm, '').replace(/^export .*$/gm, '');
  const run = new Function('tf', `${body}\nreturn ${variable};`) as (t: typeof tf) => tf.LayersModel;
  const model = run(tf);
  const layers = model.layers.map((layer) => ({
    className: layer.getClassName(),
    outputShape: layer.outputShape as (number | null)[],
    params: layer.countParams(),
  }));
  // A built weight's shape is fully known; TF.js types it as a possibly-null Shape anyway.
  const trainableParams = model.trainableWeights.reduce((sum, w) => sum + (w.shape as number[]).reduce((a, b) => a * b, 1), 0);
  return { layers, totalParams: model.countParams(), trainableParams };
}

/** The extension's compact shape notation: batch left out, `62×62×32`. */
export function compactShape(shape: readonly (number | null)[]): string {
  const dims = shape.slice(1);
  return dims.length === 0 ? 'scalar' : dims.map((d) => (d === null ? '?' : String(d))).join('×');
}

/** Keras' summary notation: `(None, 62, 62, 32)`. */
export function kerasShape(shape: readonly (number | null)[]): string {
  return `(${shape.map((d) => (d === null ? 'None' : String(d))).join(', ')}${shape.length === 1 ? ',' : ''})`;
}

/** 1625281 → "1,625,281". */
export function thousands(n: number): string {
  return n.toLocaleString('en-US');
}
