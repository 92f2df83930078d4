// The three weight sources behind the selector, built on webview/weights: seeded (default),
// classic filter bank for the first conv layer, and trained weights from a model.json.
import type { ModelReport, LayerReport } from '../../src/core/report';
import { hashSeed, seededRandom } from '../weights/random';
import { NotPreviewable } from './configRead';
import type { WeightName, WeightSource, WeightsMode } from './weightSource';

export interface TrainedWeights {
  readonly messages: readonly string[];
  get(layer: LayerReport, name: WeightName, shape: readonly number[]): Float32Array | null;
}

function seeded(): WeightSource {
  return {
    label: 'seeded initializer (deterministic per layer name)',
    weight(layer, name, shape) {
      const n = shape.reduce((a, b) => a * b, 1);
      if (name === 'bias' || name === 'beta' || name === 'moving_mean') return new Float32Array(n);
      if (name === 'gamma' || name === 'moving_variance') return new Float32Array(n).fill(1);
      const rng = seededRandom(hashSeed(`${layer.name}/${name}`));
      const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
      const fanIn = receptive * shape[shape.length - 2];
      const fanOut = receptive * shape[shape.length - 1];
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      return Float32Array.from({ length: n }, () => rng.uniform(-limit, limit));
    },
  };
}

export function makeWeightSource(mode: WeightsMode, _model: ModelReport, trained: TrainedWeights | null): WeightSource {
  const base = seeded();
  if (mode === 'trained') {
    if (!trained) throw new NotPreviewable('No trained weights are loaded.');
    return {
      label: 'trained (model.json)',
      weight(layer, name, shape) {
        const w = trained.get(layer, name, shape);
        if (!w) throw new NotPreviewable(`${layer.name}: the model.json has no ${name} of shape [${shape.join(', ')}] for this layer.`);
        return w;
      },
    };
  }
  if (mode === 'classic') throw new NotPreviewable('Classic filter banks are not available yet.');
  return base;
}

export function parseTrainedWeights(_modelJson: string, _files: readonly { path: string; bytes: Uint8Array }[]): TrainedWeights {
  throw new Error('trained weights are not supported yet');
}
