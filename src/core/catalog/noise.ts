// Noise layers (tfjs-layers/src/layers/noise.ts): active only in training, shape unchanged.
// Keras 3 checks that stddev / rate lie in [0, 1] in the constructor; TF.js does not.
import type { LayerSpec } from '../types';
import { identitySpec } from './identity';
import { keras, withKeras } from './keras';
import { kerasUnitInterval } from './kerasChecks';

export const noiseSpecs: readonly LayerSpec[] = [
  withKeras(identitySpec('GaussianNoise', ['gaussianNoise'], 'noise', 'Adds zero-centred Gaussian noise (stddev) during training; shape unchanged.', { check: kerasUnitInterval('GaussianNoise', 'stddev') }), keras('GaussianNoise', 'stddev seed')),
  withKeras(identitySpec('GaussianDropout', ['gaussianDropout'], 'noise', 'Multiplies by 1-centred Gaussian noise during training; shape unchanged.', { check: kerasUnitInterval('GaussianDropout', 'rate') }), keras('GaussianDropout', 'rate seed')),
  withKeras(identitySpec('AlphaDropout', ['alphaDropout'], 'noise', 'Dropout that keeps mean and variance (for SELU) during training; shape unchanged.', { check: kerasUnitInterval('AlphaDropout', 'rate') }), keras('AlphaDropout', 'rate noise_shape seed')),
];
