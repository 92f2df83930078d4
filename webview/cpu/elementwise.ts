// Per-element and layout ops: activation, inference batch norm, padding, cropping, up-sampling,
// add and channel concat.

import { applyActivation } from '../kernels/activations';
import { assertPositiveShape } from '../kernels/geometry';
import type { Activation, BatchNormParams } from '../kernels/types';
import { CpuTensor } from './tensor';

type Pad2D = readonly [readonly [number, number], readonly [number, number]];

export function activation(x: CpuTensor, act: Activation, alpha?: number): CpuTensor {
  const out = CpuTensor.zeros(x.height, x.width, x.channels);
  for (let i = 0; i < out.data.length; i++) out.data[i] = applyActivation(act, x.data[i], alpha);
  return out;
}

export function batchNorm(x: CpuTensor, p: BatchNormParams): CpuTensor {
  const c = x.channels;
  for (const [what, arr] of [['movingMean', p.movingMean], ['movingVariance', p.movingVariance], ['gamma', p.gamma], ['beta', p.beta]] as const) {
    if (arr !== null && arr.length !== c) throw new Error(`batchNorm ${what}: expected ${c} values, got ${arr.length}`);
  }
  const out = CpuTensor.zeros(x.height, x.width, c);
  for (let i = 0; i < out.data.length; i++) {
    const ch = i % c;
    const inv = 1 / Math.sqrt(p.movingVariance[ch] + p.epsilon);
    const gamma = p.gamma ? p.gamma[ch] : 1;
    const beta = p.beta ? p.beta[ch] : 0;
    out.data[i] = (x.data[i] - p.movingMean[ch]) * inv * gamma + beta;
  }
  return out;
}

/** Copies x into a zero tensor of the given size at offset (top, left); negative offsets crop. */
function placed(x: CpuTensor, height: number, width: number, top: number, left: number): CpuTensor {
  const c = x.channels;
  const out = CpuTensor.zeros(height, width, c);
  for (let y = 0; y < height; y++) {
    const sy = y - top;
    if (sy < 0 || sy >= x.height) continue;
    for (let xx = 0; xx < width; xx++) {
      const sx = xx - left;
      if (sx < 0 || sx >= x.width) continue;
      for (let ch = 0; ch < c; ch++) out.data[(y * width + xx) * c + ch] = x.data[(sy * x.width + sx) * c + ch];
    }
  }
  return out;
}

export function zeroPad2d(x: CpuTensor, pad: Pad2D): CpuTensor {
  const [[top, bottom], [left, right]] = pad;
  return placed(x, x.height + top + bottom, x.width + left + right, top, left);
}

export function crop2d(x: CpuTensor, crop: Pad2D): CpuTensor {
  const [[top, bottom], [left, right]] = crop;
  const h = x.height - top - bottom;
  const w = x.width - left - right;
  assertPositiveShape('crop2d', h, w, x.channels);
  return placed(x, h, w, -top, -left);
}

/**
 * UpSampling2D: TF.js resizes to [H*sh, W*sw] with resizeNearestNeighbor / resizeBilinear,
 * alignCorners false and halfPixelCenters false, so source = floor(dst * in / out).
 */
export function upSample2d(x: CpuTensor, size: readonly [number, number], interpolation: 'nearest' | 'bilinear'): CpuTensor {
  const oh = x.height * size[0];
  const ow = x.width * size[1];
  const c = x.channels;
  const out = CpuTensor.zeros(oh, ow, c);
  const scaleY = x.height / oh;
  const scaleX = x.width / ow;
  for (let y = 0; y < oh; y++) {
    const srcY = y * scaleY;
    const y0 = Math.min(x.height - 1, Math.floor(srcY));
    const y1 = Math.min(x.height - 1, y0 + 1);
    const fy = srcY - y0;
    for (let xx = 0; xx < ow; xx++) {
      const srcX = xx * scaleX;
      const x0 = Math.min(x.width - 1, Math.floor(srcX));
      const x1 = Math.min(x.width - 1, x0 + 1);
      const fx = srcX - x0;
      for (let ch = 0; ch < c; ch++) {
        const at = (yy: number, xi: number): number => x.data[(yy * x.width + xi) * c + ch];
        let v: number;
        if (interpolation === 'nearest') {
          v = at(y0, x0);
        } else {
          const top = at(y0, x0) + (at(y0, x1) - at(y0, x0)) * fx;
          const bottom = at(y1, x0) + (at(y1, x1) - at(y1, x0)) * fx;
          v = top + (bottom - top) * fy;
        }
        out.data[(y * ow + xx) * c + ch] = v;
      }
    }
  }
  return out;
}

function assertSameSpatial(op: string, xs: readonly CpuTensor[]): void {
  if (xs.length === 0) throw new Error(`${op}: needs at least one input`);
  for (const t of xs) {
    if (t.height !== xs[0].height || t.width !== xs[0].width) {
      throw new Error(`${op}: inputs differ in size (${xs[0].height}×${xs[0].width} vs ${t.height}×${t.width})`);
    }
  }
}

export function add(xs: readonly CpuTensor[]): CpuTensor {
  assertSameSpatial('add', xs);
  for (const t of xs) {
    if (t.channels !== xs[0].channels) throw new Error(`add: inputs differ in channels (${xs[0].channels} vs ${t.channels})`);
  }
  const out = CpuTensor.zeros(xs[0].height, xs[0].width, xs[0].channels);
  for (const t of xs) for (let i = 0; i < out.data.length; i++) out.data[i] += t.data[i];
  return out;
}

export function concat(xs: readonly CpuTensor[]): CpuTensor {
  assertSameSpatial('concat', xs);
  const total = xs.reduce((s, t) => s + t.channels, 0);
  const out = CpuTensor.zeros(xs[0].height, xs[0].width, total);
  const pixels = xs[0].height * xs[0].width;
  let offset = 0;
  for (const t of xs) {
    for (let i = 0; i < pixels; i++) {
      for (let ch = 0; ch < t.channels; ch++) out.data[i * total + offset + ch] = t.data[i * t.channels + ch];
    }
    offset += t.channels;
  }
  return out;
}
