// The three weight sources behind the selector, built on webview/weights: seeded (default),
// classic filter bank for the first conv layer, and trained weights from a file in the
// workspace (a TF.js model.json, or a Keras .keras / .weights.h5 / .h5 read in a worker), all
// matched to the code's layers by the one matcher in webview/weights/matchWeights.ts.
import type { LayerReport, ModelReport } from '../../src/core/report';
import { classicFilterBank } from '../weights/filterBank';
import { initializeWeights, type InitializerSpec } from '../weights/initializers';
import { matchWeights, type WeightMessage } from '../weights/matchWeights';
import type { NamedWeight, StoredWeights } from '../weights/storedWeights';
import { parseTfjsWeights, tfjsStoredWeights } from '../weights/tfjsWeights';
import { expectedWeights } from './expectedWeights';
import { NotPreviewable } from './configRead';
import type { WeightName, WeightSource, WeightsMode } from './weightSource';

export interface TrainedWeights {
  /** How the file is named in messages ('model.json', 'cnn.keras'). */
  readonly label: string;
  /** What the matcher said (mismatched shapes, missing layers, unused weights), for display. */
  readonly messages: readonly WeightMessage[];
  readonly matched: ReadonlyMap<string, ReadonlyMap<string, NamedWeight>>;
}

/** The config key holding each weight's initializer, and TF.js's default for it. */
const INITIALIZER: Readonly<Record<WeightName, readonly [string, string]>> = {
  kernel: ['kernelInitializer', 'glorotUniform'],
  bias: ['biasInitializer', 'zeros'],
  depthwise_kernel: ['depthwiseInitializer', 'glorotUniform'],
  pointwise_kernel: ['pointwiseInitializer', 'glorotUniform'],
  gamma: ['gammaInitializer', 'ones'],
  beta: ['betaInitializer', 'zeros'],
  moving_mean: ['movingMeanInitializer', 'zeros'],
  moving_variance: ['movingVarianceInitializer', 'ones'],
};

function initializerSpec(layer: LayerReport, name: WeightName, notes: string[]): InitializerSpec {
  const [key, fallback] = INITIALIZER[name];
  const v = layer.config[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && !Array.isArray(v) && typeof v.className === 'string') {
    const config = typeof v.config === 'object' && v.config !== null && !Array.isArray(v.config) ? v.config : {};
    return { className: v.className, config };
  }
  notes.push(`${layer.name}: ${key} is not statically known; previewing with ${fallback}.`);
  return fallback;
}

function seeded(): WeightSource {
  const notes: string[] = [];
  return {
    label: 'seeded initializer (same family as each layer\'s initializer, fixed seed per layer name)',
    notes,
    weight(layer, name, shape) {
      const w = initializeWeights(layer.name, name, shape, initializerSpec(layer, name, notes));
      if (w.note) notes.push(`${layer.name}: ${w.note}.`);
      return w.data;
    },
    // Seeded from the layer's name and config alone.
    key: () => '',
  };
}

/** The first Conv1D/Conv2D layer in execution order: the one a classic filter bank replaces. */
export function firstConvLayer(model: ModelReport): LayerReport | null {
  return model.layers.find((l) => l.className === 'Conv2D' || l.className === 'Conv1D') ?? null;
}

function classic(model: ModelReport): WeightSource {
  const base = seeded();
  const first = firstConvLayer(model);
  return {
    label: first ? `classic filter bank on ${first.name} (Sobel, Laplacian, Gaussian, Gabor); other layers seeded` : 'classic filter bank: the model has no Conv layer, all layers seeded',
    notes: base.notes,
    weight(layer, name, shape) {
      if (layer !== first) return base.weight(layer, name, shape);
      if (name === 'bias') return new Float32Array(shape[0]);
      // Conv1D kernels [k, in, out] run as [1, k, in, out]: same memory order.
      const [kh, kw, cin, cout] = shape.length === 3 ? [1, shape[0], shape[1], shape[2]] : shape;
      return classicFilterBank(kh, kw, cin, cout).kernel;
    },
    key: (layer) => (layer === first ? 'classic' : ''),
  };
}

/** Ids of the arrays read from weight files: the same array (re-matched to a new report) keeps its id. */
const arrayIds = new WeakMap<Float32Array, number>();
let nextArrayId = 1;
function arrayId(data: Float32Array): number {
  let id = arrayIds.get(data);
  if (id === undefined) {
    id = nextArrayId++;
    arrayIds.set(data, id);
  }
  return id;
}

function trainedSource(trained: TrainedWeights): WeightSource {
  return {
    label: `trained (${trained.label})`,
    notes: [],
    weight(layer, name, shape) {
      const w = trained.matched.get(layer.name)?.get(name);
      if (w && w.data.length === shape.reduce((a, b) => a * b, 1)) return w.data;
      const said = trained.messages.filter((m) => m.layerName === layer.name).map((m) => m.message);
      throw new NotPreviewable(
        said.length ? `Trained weights do not fit ${layer.name}: ${said.join('; ')}.` : `${layer.name}: ${trained.label} has no ${name} of shape [${shape.join(', ')}] for this layer.`,
      );
    },
    key(layer) {
      const roles = trained.matched.get(layer.name);
      return roles ? `trained:${[...roles].map(([role, w]) => `${role}=${arrayId(w.data)}`).join(',')}` : 'trained:none';
    },
  };
}

export function makeWeightSource(mode: WeightsMode, model: ModelReport, trained: TrainedWeights | null): WeightSource {
  if (mode === 'trained') {
    if (!trained) throw new NotPreviewable('No trained weights are loaded.');
    return trainedSource(trained);
  }
  return mode === 'classic' ? classic(model) : seeded();
}

/** Reads a model.json and its weight files into the matcher's form. Throws with the reason. */
export function readTfjsFile(modelJson: string, files: readonly { path: string; bytes: Uint8Array }[]): StoredWeights {
  let json: unknown;
  try {
    json = JSON.parse(modelJson);
  } catch (e) {
    throw new Error(`model.json is not valid JSON (${(e as Error).message})`);
  }
  const buffers = new Map(files.map((f) => [f.path, f.bytes.slice().buffer as ArrayBuffer]));
  const parsed = parseTfjsWeights(json, buffers);
  if (!parsed.ok) throw new Error(parsed.error);
  return tfjsStoredWeights(parsed.weights);
}

/** Matches a weights file to the model's layers by name, then order and shape. */
export function matchTrainedWeights(model: ModelReport, stored: StoredWeights): TrainedWeights {
  return { label: stored.label, ...matchWeights(expectedWeights(model), stored) };
}
