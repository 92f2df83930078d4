// Output sizes and padding offsets shared by both backends, so that the WebGL2 kernels and the
// CPU reference cannot disagree on geometry. The rules follow TF.js's conv_util: 'same' gives
// ceil(in / stride) and splits the total padding with the smaller half on top/left.

import type { Padding } from './types';

export interface Window1D {
  readonly outSize: number;
  /** Padding before the first input element (top or left). */
  readonly padBefore: number;
}

/** One spatial axis of a conv/pool window: kernel k, stride s, dilation d. */
export function convWindow(inSize: number, k: number, s: number, d: number, padding: Padding): Window1D {
  const effectiveK = (k - 1) * d + 1;
  if (padding === 'valid') {
    return { outSize: Math.max(0, Math.ceil((inSize - effectiveK + 1) / s)), padBefore: 0 };
  }
  const outSize = Math.ceil(inSize / s);
  const total = Math.max(0, (outSize - 1) * s + effectiveK - inSize);
  return { outSize, padBefore: Math.floor(total / 2) };
}

/**
 * One axis of a transposed convolution (tf.layers.conv2dTranspose): output length by Keras'
 * deconvLength, and the padding of the forward conv whose gradient the transpose is.
 */
export function transposeWindow(inSize: number, k: number, s: number, padding: Padding): Window1D {
  const outSize = padding === 'same' ? inSize * s : inSize * s + Math.max(k - s, 0);
  const forward = convWindow(outSize, k, s, 1, padding);
  return { outSize, padBefore: forward.padBefore };
}

/** Texels needed for c channels packed four to a texel (also the CPU's nothing-special count). */
export function texelsPerPixel(channels: number): number {
  return Math.ceil(channels / 4);
}

export function assertPositiveShape(what: string, height: number, width: number, channels: number): void {
  if (!(height > 0 && width > 0 && channels > 0)) {
    throw new Error(`${what}: result would be ${height}×${width}×${channels}; every dimension must be positive`);
  }
}
