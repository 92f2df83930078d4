// Host-side packing of kernel weights, biases and batch-norm affines into RGBA32F texture data
// and conv weight uniform blocks, in the layouts documented in shaders/convShaders.ts.

import type { BatchNormParams } from '../kernels/types';
import { convColumns } from './shaders/convShaders';

export interface PackedTexture { readonly width: number; readonly height: number; readonly data: Float32Array }

/** Which slice of a conv one pass computes (see ConvPassSpec). */
export interface ConvSlice {
  readonly taps: number; readonly inC: number; readonly outC: number;
  /** Input layers c0 .. c0+cn-1 and output groups g0 .. g0+outs-1. */
  readonly c0: number; readonly cn: number;
  readonly g0: number; readonly outs: number;
  /** A slice in the program all slices share (ConvPassSpec.sliced): four columns a layer. */
  readonly sliced?: boolean;
}

/**
 * The std140 weight block of one conv pass (layout in shaders/convShaders.ts): vec4 columns
 * w[(tap * COLUMNS + col) * outs + k], then vec4 bias[outs] and vec4 mask[outs] (1 for real
 * channels, 0 for padded lanes). `kernel` is [taps, inC, outC] flattened, as TF.js stores it.
 */
export function packConvBlock(s: ConvSlice, kernel: Float32Array, bias: Float32Array | null): Float32Array {
  const { taps, inC, outC, c0, cn, g0, outs } = s;
  const cols = convColumns(taps, inC, c0, cn, outs, s.sliced === true);
  const columns = cols.reduce((a, b) => a + b, 0);
  const vectors = taps * columns * outs;
  const data = new Float32Array((vectors + outs * 2) * 4);
  for (let tap = 0; tap < taps; tap++) {
    let col = tap * columns;
    for (let c = 0; c < cn; c++) {
      for (let j = 0; j < cols[c]; j++, col++) {
        const ci = (c0 + c) * 4 + j;
        if (ci >= inC) continue; // loop-form and sliced passes keep zero columns for padded lanes
        const row = (tap * inC + ci) * outC;
        for (let k = 0; k < outs; k++) {
          const at = (col * outs + k) * 4;
          const co0 = (g0 + k) * 4;
          const lanes = Math.min(4, outC - co0);
          for (let l = 0; l < lanes; l++) data[at + l] = kernel[row + co0 + l];
        }
      }
    }
  }
  for (let k = 0; k < outs; k++) {
    const co0 = (g0 + k) * 4;
    const lanes = Math.min(4, outC - co0);
    for (let l = 0; l < lanes; l++) {
      if (bias) data[(vectors + k) * 4 + l] = bias[co0 + l];
      data[(vectors + outs + k) * 4 + l] = 1;
    }
  }
  return data;
}

/**
 * Conv-style weights: `at(tap, ci, co)` reads the source kernel; the result has one row per
 * (tap, input texel) and four texels (input lanes) per output texel.
 */
export function packConvWeights(
  taps: number, inC: number, outC: number, at: (tap: number, ci: number, co: number) => number,
): PackedTexture {
  const ci4 = Math.ceil(inC / 4);
  const co4 = Math.ceil(outC / 4);
  const width = co4 * 4;
  const height = taps * ci4;
  const data = new Float32Array(width * height * 4);
  for (let tap = 0; tap < taps; tap++) {
    for (let ci = 0; ci < inC; ci++) {
      const row = tap * ci4 + (ci >> 2);
      const j = ci & 3;
      for (let co = 0; co < outC; co++) {
        const texel = (co >> 2) * 4 + j;
        data[(row * width + texel) * 4 + (co & 3)] = at(tap, ci, co);
      }
    }
  }
  return { width, height, data };
}

/** Depthwise weights [kh, kw, inC, mult]: one row per tap, one texel per four output channels. */
export function packDepthwiseWeights(taps: number, outC: number, kernel: Float32Array): PackedTexture {
  const co4 = Math.ceil(outC / 4);
  const data = new Float32Array(co4 * 4 * taps);
  for (let tap = 0; tap < taps; tap++) data.set(kernel.subarray(tap * outC, (tap + 1) * outC), tap * co4 * 4);
  return { width: co4, height: taps, data };
}

/** One row of ceil(C/4) texels; zeros when there is no vector (e.g. use_bias false). */
export function packVector(channels: number, values: Float32Array | null): PackedTexture {
  const c4 = Math.ceil(channels / 4);
  const data = new Float32Array(c4 * 4);
  if (values) data.set(values.subarray(0, channels));
  return { width: c4, height: 1, data };
}

/** Inference batch norm folded into y = x * scale + shift, computed once on the host. */
export function packBatchNormAffine(channels: number, p: BatchNormParams): PackedTexture {
  const c4 = Math.ceil(channels / 4);
  const data = new Float32Array(c4 * 4 * 2);
  for (let ch = 0; ch < channels; ch++) {
    const scale = (p.gamma ? p.gamma[ch] : 1) / Math.sqrt(p.movingVariance[ch] + p.epsilon);
    data[ch] = scale;
    data[c4 * 4 + ch] = (p.beta ? p.beta[ch] : 0) - p.movingMean[ch] * scale;
  }
  return { width: c4, height: 2, data };
}

/**
 * The untile pass's block (shaders/tiledConvShaders.ts): vec4 bias[groups] for output groups
 * g0 .. g0+groups-1 (zeros without a bias), then vec4 mask[groups], 1 for real channels and 0
 * for padded lanes.
 */
export function packBiasMask(g0: number, groups: number, outC: number, bias: Float32Array | null): Float32Array {
  const data = new Float32Array(groups * 8);
  for (let k = 0; k < groups; k++) {
    const co0 = (g0 + k) * 4;
    const lanes = Math.min(4, outC - co0);
    for (let l = 0; l < lanes; l++) {
      if (bias) data[k * 4 + l] = bias[co0 + l];
      data[(groups + k) * 4 + l] = 1;
    }
  }
  return data;
}
