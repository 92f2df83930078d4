// Keras activation layers (survey §2.2) and the noise layers (§2.1), with seeded random configs.
import type { Dim } from '../../../../../src/core/types';
import type { KCase } from '../harness';
import { ctor, draws, type Py } from './random';

const x = (...dims: Dim[]): Dim[] => [null, ...dims];

const HAND: readonly KCase[] = [
  { layer: 'layers.ReLU()', inputs: [x(4)] },
  { layer: 'layers.ReLU(6.0)', inputs: [x(4)] },
  { layer: 'layers.ReLU(max_value=-1.0)', inputs: [x(4)] },
  { layer: 'layers.ReLU(negative_slope=-0.1)', inputs: [x(4)] },
  { layer: 'layers.ReLU(negative_slope=0.1, threshold=0.5)', inputs: [x(4)] },
  { layer: 'layers.ReLU(threshold=-1.0)', inputs: [x(4)] },
  { layer: 'layers.ReLU(negative_slope=None)', inputs: [x(4)] },
  { layer: 'layers.LeakyReLU()', inputs: [x(4)] },
  { layer: 'layers.LeakyReLU(0.1)', inputs: [x(4)] },
  { layer: 'layers.LeakyReLU(negative_slope=-1.0)', inputs: [x(4)] },
  { layer: 'layers.LeakyReLU(alpha=0.2)', inputs: [x(4)] },
  { layer: 'layers.PReLU()', inputs: [x(5, 5, 3)] },
  { layer: 'layers.PReLU(shared_axes=[1, 2])', inputs: [x(5, 5, 3)] },
  { layer: 'layers.PReLU(shared_axes=[0])', inputs: [x(5, 5, 3)] },
  { layer: 'layers.PReLU(shared_axes=[4])', inputs: [x(5, 5, 3)] },
  { layer: 'layers.PReLU(shared_axes=-1)', inputs: [x(5, 5, 3)] },
  { layer: 'layers.PReLU(shared_axes=(1,))', inputs: [x(null, 3)] },
  { layer: 'layers.ELU()', inputs: [x(4)] },
  { layer: 'layers.ELU(alpha=0.5)', inputs: [x(4)] },
  { layer: 'layers.ELU(2.0)', inputs: [x(3, 4)] },
  { layer: 'layers.Softmax()', inputs: [x(3, 4)] },
  { layer: 'layers.Softmax(axis=1)', inputs: [x(3, 4)] },
  { layer: 'layers.Softmax(axis=(1, 2))', inputs: [x(3, 4)] },
  { layer: 'layers.Softmax(-2)', inputs: [x(3, 4, 5)] },
  // Noise
  { layer: 'layers.GaussianNoise(0.1)', inputs: [x(4)] },
  { layer: 'layers.GaussianNoise(-1.0)', inputs: [x(4)] },
  { layer: 'layers.GaussianNoise(2.0)', inputs: [x(4)] },
  { layer: 'layers.GaussianNoise(1.0, seed=1)', inputs: [x(3, 4)] },
  { layer: 'layers.GaussianNoise()', inputs: [x(4)] },
  { layer: 'layers.GaussianDropout(0.3)', inputs: [x(4)] },
  { layer: 'layers.GaussianDropout(1.5)', inputs: [x(4)] },
  { layer: 'layers.GaussianDropout(1.0)', inputs: [x(2, 4)] },
  { layer: 'layers.AlphaDropout(0.1)', inputs: [x(4)] },
  { layer: 'layers.AlphaDropout(1.0, noise_shape=(None, 4))', inputs: [x(4)] },
  { layer: 'layers.AlphaDropout(-0.5)', inputs: [x(4)] },
];

const d = draws(20250604);

function randomPrelu(): KCase {
  const rank = d.int(1, 3);
  const dims = Array.from({ length: rank }, () => d.int(1, 5));
  const shared: Py | undefined = d.chance(0.7) ? Array.from({ length: d.int(1, 2) }, () => d.int(-1, rank + 1)) : d.chance(0.5) ? d.int(1, rank) : undefined;
  return { layer: ctor('PReLU', [], { shared_axes: shared === undefined ? undefined : Array.isArray(shared) ? { py: `[${(shared as number[]).join(', ')}]` } : shared }), inputs: [x(...dims)] };
}

function randomRelu(): KCase {
  const keywords = {
    max_value: d.chance(0.4) ? d.pick([-1, 0, 1, 6]) : undefined,
    negative_slope: d.chance(0.4) ? d.pick([-0.5, 0, 0.2]) : undefined,
    threshold: d.chance(0.3) ? d.pick([-1, 0, 0.5]) : undefined,
  };
  return { layer: ctor('ReLU', [], keywords), inputs: [x(d.int(1, 4), d.int(1, 4))] };
}

function randomSoftmax(): KCase {
  const rank = d.int(1, 4);
  return { layer: ctor('Softmax', d.chance(0.7) ? [d.int(-rank, rank)] : []), inputs: [x(...Array.from({ length: rank }, () => d.int(1, 4)))] };
}

export const RANDOM_PRELU = 16;
export const RANDOM_RELU = 10;
export const RANDOM_SOFTMAX = 10;
export const ACTIVATION_CASES: readonly KCase[] = [
  ...HAND,
  ...Array.from({ length: RANDOM_PRELU }, randomPrelu),
  ...Array.from({ length: RANDOM_RELU }, randomRelu),
  ...Array.from({ length: RANDOM_SOFTMAX }, randomSoftmax),
];
