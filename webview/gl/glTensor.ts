// How a feature map lives on the GPU. Layout (one RGBA32F 2D array texture per tensor):
//   layer size = W × H, layers = ceil(C / 4);
//   texel (x, y) of layer g holds channels 4g .. 4g+3 of pixel (x, y).
// Channel-group-major, so one pass can write several groups of one pixel at once through
// multiple render targets (one layer each), and a fragment never works out which group it is
// from its position. Lanes past C in the last layer are always zero (every pass masks them),
// so sums, concat and pooling never see garbage.

import type { DeviceTensor, HostTensor } from '../kernels/types';
import { texelsPerPixel } from '../kernels/geometry';
import type { GlContext, TextureSize } from './glContext';

export class GlTensor implements DeviceTensor {
  /** Layers of the array texture: groups of four channels. */
  readonly layers: number;
  private tex: WebGLTexture | null;

  constructor(
    private readonly ctx: GlContext,
    readonly height: number,
    readonly width: number,
    readonly channels: number,
    packed: Float32Array | null,
  ) {
    this.layers = texelsPerPixel(channels);
    this.tex = ctx.createArrayTexture(this.size, this.layers, packed);
  }

  get size(): TextureSize {
    return { width: this.width, height: this.height };
  }

  get texture(): WebGLTexture {
    if (!this.tex) throw new Error('webgl tensor used after dispose');
    return this.tex;
  }

  dispose(): void {
    if (this.tex) this.ctx.recycleArrayTexture(this.tex, this.size, this.layers);
    this.tex = null;
  }
}

/** HWC host data → layer-major RGBA texels (zeros in the lanes past C). */
export function packLayers(t: HostTensor): Float32Array {
  const pixels = t.height * t.width;
  const c = t.channels;
  const layers = texelsPerPixel(c);
  const out = new Float32Array(pixels * layers * 4);
  const src = t.data;
  for (let g = 0; g < layers; g++) {
    const lanes = Math.min(4, c - g * 4);
    const base = g * pixels * 4;
    for (let p = 0, s = g * 4, d = base; p < pixels; p++, s += c, d += 4) {
      for (let l = 0; l < lanes; l++) out[d + l] = src[s + l];
    }
  }
  return out;
}

/**
 * A new array of `length` floats with every page already written once. Large typed arrays get
 * fresh pages from the OS, and the first write to each page faults (on some machines that costs
 * as much as the whole copy); doing it while the GPU works hides that cost.
 */
export function prefaultedArray(length: number): Float32Array {
  const data = new Float32Array(length);
  // 1024 floats = 4 KiB, the smallest page size; zero is what the array already holds.
  for (let i = 0; i < length; i += 1024) data[i] = 0;
  return data;
}

/**
 * Layer-major RGBA texels (as read back) → HWC host data, written into `into` when given (it
 * must hold height × width × channels floats). Pixel-major order: the output is written
 * sequentially and each layer is read as a sequential stream, which is several times faster
 * than one strided pass per layer over a large output.
 */
export function unpackLayers(packed: Float32Array, height: number, width: number, channels: number, into?: Float32Array): HostTensor {
  const pixels = height * width;
  const c = channels;
  if (into && into.length !== pixels * c) throw new Error(`unpackLayers: target holds ${into.length} floats, needs ${pixels * c}`);
  const data = into ?? new Float32Array(pixels * c);
  const fullLayers = c >> 2;
  const tailLanes = c & 3;
  const layerStride = pixels * 4;
  for (let p = 0, d = 0; p < pixels; p++) {
    let s = p * 4;
    for (let g = 0; g < fullLayers; g++, s += layerStride, d += 4) {
      data[d] = packed[s];
      data[d + 1] = packed[s + 1];
      data[d + 2] = packed[s + 2];
      data[d + 3] = packed[s + 3];
    }
    for (let l = 0; l < tailLanes; l++) data[d++] = packed[s + l];
  }
  return { height, width, channels, data };
}
