// How a feature map lives on the GPU. Layout (one RGBA32F 2D texture per tensor):
//   texture width  = W * ceil(C / 4), texture height = H;
//   texel (x * C4 + c4, y) holds channels 4*c4 .. 4*c4+3 of pixel (x, y).
// Channels of one pixel sit side by side so a kernel's inner loop over input channels reads
// neighbouring texels. Lanes past C in the last group are always zero (every pass masks them),
// so sums, concat and pooling never see garbage.

import type { DeviceTensor, HostTensor } from '../kernels/types';
import { texelsPerPixel } from '../kernels/geometry';
import type { GlContext, TextureSize } from './glContext';

export class GlTensor implements DeviceTensor {
  readonly texelsPerPixel: number;
  private tex: WebGLTexture | null;

  constructor(
    private readonly ctx: GlContext,
    readonly height: number,
    readonly width: number,
    readonly channels: number,
    packed: Float32Array | null,
  ) {
    this.texelsPerPixel = texelsPerPixel(channels);
    this.tex = ctx.createTexture(this.size, packed);
  }

  get size(): TextureSize {
    return { width: this.width * this.texelsPerPixel, height: this.height };
  }

  get texture(): WebGLTexture {
    if (!this.tex) throw new Error('webgl tensor used after dispose');
    return this.tex;
  }

  dispose(): void {
    if (this.tex) this.ctx.deleteTexture(this.tex);
    this.tex = null;
  }
}

export function packHwc(t: HostTensor): Float32Array {
  const c4 = texelsPerPixel(t.channels);
  const out = new Float32Array(t.height * t.width * c4 * 4);
  const stride = c4 * 4;
  for (let p = 0; p < t.height * t.width; p++) {
    out.set(t.data.subarray(p * t.channels, (p + 1) * t.channels), p * stride);
  }
  return out;
}

export function unpackHwc(packed: Float32Array, height: number, width: number, channels: number): HostTensor {
  const stride = texelsPerPixel(channels) * 4;
  const data = new Float32Array(height * width * channels);
  for (let p = 0; p < height * width; p++) {
    data.set(packed.subarray(p * stride, p * stride + channels), p * channels);
  }
  return { height, width, channels, data };
}
