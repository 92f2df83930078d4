// Scalar activation functions with TF.js's definitions (tfjs-core kernels and tfjs-layers
// activations). The CPU reference applies these; the WebGL2 backend has a GLSL twin in
// webview/gl/shaders/activationGlsl.ts, and the browser tests hold the two equal.

import type { Activation } from './types';

/** SELU constants from Klambauer et al., as in TF.js. */
export const SELU_SCALE = 1.0507009873554805;
export const SELU_ALPHA = 1.6732632423543772;

/**
 * Default slope when a params object says 'leakyRelu' without alpha: the LeakyReLU layer's
 * default (the raw op defaults to 0.2, but the panel previews layers).
 */
export const DEFAULT_LEAKY_ALPHA = 0.3;

/** TF.js's softplus guards exp against overflow and underflow with this float32 threshold. */
const SOFTPLUS_THRESHOLD = Math.log(1.1920928955078125e-7) + 2.0;

export function applyActivation(act: Activation, x: number, alpha: number = DEFAULT_LEAKY_ALPHA): number {
  switch (act) {
    case 'linear':
      return x;
    case 'relu':
      return x > 0 ? x : 0;
    case 'relu6':
      return Math.min(Math.max(x, 0), 6);
    case 'elu':
      return x > 0 ? x : Math.expm1(x);
    case 'selu':
      return x > 0 ? SELU_SCALE * x : SELU_SCALE * SELU_ALPHA * Math.expm1(x);
    case 'sigmoid':
      return 1 / (1 + Math.exp(-x));
    case 'tanh':
      return Math.tanh(x);
    case 'softplus':
      if (x > -SOFTPLUS_THRESHOLD) return x;
      if (x < SOFTPLUS_THRESHOLD) return Math.exp(x);
      return Math.log1p(Math.exp(x));
    case 'softsign':
      return x / (1 + Math.abs(x));
    case 'leakyRelu':
      return x < 0 ? alpha * x : x;
  }
}

export const ALL_ACTIVATIONS: readonly Activation[] = [
  'linear', 'relu', 'relu6', 'elu', 'selu', 'sigmoid', 'tanh', 'softplus', 'softsign', 'leakyRelu',
];
