// Runs a built TF.js model once on zeros (batch 1; any other unknown dim becomes 3), to see
// whether `predict` throws. A mutated config can ask for billions of elements: models whose
// symbolic shapes say the run would be large are not run (a throw when allocating them would
// say nothing about the model), and the caller counts them apart.
import * as tf from '@tensorflow/tfjs';

export type PredictOutcome = { readonly kind: 'ok' } | { readonly kind: 'throws'; readonly message: string } | { readonly kind: 'too-big'; readonly reason: string };

/** Largest tensor (elements) and multiply-accumulates we are willing to run, per model. */
const MAX_ELEMENTS = 2_000_000;
const MAX_MACS = 40_000_000;

const UNKNOWN_DIM = 3;

function concrete(shape: readonly (number | null)[]): number[] {
  return shape.map((d, i) => (d === null ? (i === 0 ? 1 : UNKNOWN_DIM) : d));
}

/** Elements of a symbolic shape; a negative or non-finite dim counts by its size (fails fast). */
function elements(shape: readonly (number | null)[]): number {
  return concrete(shape).reduce((p, d) => p * (Number.isFinite(d) ? Math.max(Math.abs(d), 1) : 1), 1);
}

function outputShapes(layer: tf.layers.Layer): (number | null)[][] {
  try {
    const shape = layer.outputShape as (number | null)[] | (number | null)[][];
    return Array.isArray(shape[0]) ? (shape as (number | null)[][]) : [shape as (number | null)[]];
  } catch {
    return []; // a shared layer with several output shapes: its weights still count below
  }
}

/** Why running the model would be too big, or null. */
function tooBig(model: tf.LayersModel): string | null {
  let macs = 0;
  for (const input of model.inputs) {
    if (elements(input.shape) > MAX_ELEMENTS) return `input ${JSON.stringify(input.shape)}`;
  }
  for (const layer of model.layers) {
    const params = layer.countParams();
    if (params > MAX_MACS) return `${layer.name} has ${params} weights`;
    for (const shape of outputShapes(layer)) {
      const n = elements(shape);
      if (n > MAX_ELEMENTS) return `${layer.name} outputs ${JSON.stringify(shape)}`;
      // Each output element reads about params / (last dim) weights (conv, dense); an
      // embedding only looks one row up.
      const last = Math.max(Math.abs(shape[shape.length - 1] ?? 1), 1);
      const perElement = layer.getClassName() === 'Embedding' ? 1 : Math.max(1, params / (Number.isFinite(last) ? last : 1));
      macs += n * perElement;
    }
  }
  return macs > MAX_MACS ? `about ${Math.round(macs / 1e6)}M multiply-adds` : null;
}

export function predictZeros(model: tf.LayersModel): PredictOutcome {
  const big = tooBig(model);
  if (big !== null) return { kind: 'too-big', reason: big };
  try {
    tf.tidy(() => {
      const xs = model.inputs.map((input) => tf.zeros(concrete(input.shape), input.dtype));
      const ys = model.predict(xs.length === 1 ? xs[0] : xs);
      for (const y of Array.isArray(ys) ? ys : [ys]) y.dataSync();
    });
    return { kind: 'ok' };
  } catch (e) {
    return { kind: 'throws', message: e instanceof Error ? e.message : String(e) };
  }
}
