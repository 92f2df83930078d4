// Noise layers (tfjs-layers/src/layers/noise.ts): active only in training, shape unchanged.
import type { LayerSpec } from '../types';
import { identitySpec } from './identity';

export const noiseSpecs: readonly LayerSpec[] = [
  identitySpec('GaussianNoise', ['gaussianNoise'], 'noise', 'Adds zero-centred Gaussian noise (stddev) during training; shape unchanged.'),
  identitySpec('GaussianDropout', ['gaussianDropout'], 'noise', 'Multiplies by 1-centred Gaussian noise during training; shape unchanged.'),
  identitySpec('AlphaDropout', ['alphaDropout'], 'noise', 'Dropout that keeps mean and variance (for SELU) during training; shape unchanged.'),
];
