// Drives the WebAssembly SIMD depthwise conv2d (depthwiseConv2d.wat) in the shared memory, with
// the reference's semantics (webview/cpu/conv.ts): kernel [kh, kw, inC, multiplier], output
// channel co = ci · multiplier + m reading input channel ci, bias and activation per output
// channel, geometry from webview/kernels/geometry.ts.

import { DEFAULT_LEAKY_ALPHA } from '../kernels/activations';
import { depthwiseWindows } from '../kernels/opChecks';
import type { DepthwiseConv2DParams } from '../kernels/types';
import { CpuTensor } from '../cpu/tensor';
import type { OutputArrays, WasmHeap } from './wasmHeap';
import { align16, FUSED, padInput, unpackOutput, type ConvExport } from './wasmLayout';

/** Channels per block of the micro-kernel (two f32x4 accumulators per pixel). */
const BLOCK = 8;
/** The kernel's last block may read up to 7 floats past a pixel's channels: room for them. */
const SLACK_BYTES = 32;

export class WasmDepthwise {
  private readonly exec: ConvExport;

  constructor(private readonly heap: WasmHeap, private readonly outputs: OutputArrays, moduleBytes: Uint8Array<ArrayBuffer>) {
    this.exec = heap.kernel<ConvExport>(moduleBytes, 'depthwiseConv2d');
  }

  depthwiseConv2d(x: CpuTensor, p: DepthwiseConv2DParams): CpuTensor {
    const [kh, kw] = p.kernelSize;
    const mult = p.depthMultiplier;
    const { wy, wx, outChannels: c } = depthwiseWindows(x, p);
    const [sy, sx] = p.strides;
    const [dy, dx] = p.dilation;
    const outH = wy.outSize;
    const outW = wx.outSize;
    const cPad = Math.ceil(c / BLOCK) * BLOCK;
    const hp = (outH - 1) * sy + (kh - 1) * dy + 1;
    const wp = (outW - 1) * sx + (kw - 1) * dx + 1;

    const wOff = 0;
    const bOff = align16(wOff + kh * kw * cPad * 4);
    const inOff = align16(bOff + cPad * 4);
    const outOff = align16(inOff + hp * wp * c * 4 + SLACK_BYTES);
    const heap = this.heap.reserve('depthwiseConv2d', outOff + outH * outW * cPad * 4);

    // The kernel's flat order [kh][kw][ci·mult + m] is already the output channel order.
    if (c !== cPad) heap.fill(0, wOff / 4, wOff / 4 + kh * kw * cPad);
    for (let t = 0; t < kh * kw; t++) heap.set(p.kernel.subarray(t * c, (t + 1) * c), wOff / 4 + t * cPad);
    heap.fill(0, bOff / 4, bOff / 4 + cPad);
    if (p.bias) heap.set(p.bias, bOff / 4);
    const expanded = mult === 1 ? x : repeatChannels(x, mult);
    padInput(heap, inOff / 4, expanded, hp, wp, wy.padBefore, wx.padBefore, 0);
    // Whatever the slack holds only reaches padding lanes of the output; zero keeps it tidy.
    heap.fill(0, (inOff + hp * wp * c * 4) / 4, (inOff + hp * wp * c * 4 + SLACK_BYTES) / 4);

    const fused = FUSED[p.activation];
    this.exec(
      inOff, wp, c, outOff, outH, outW, cPad, wOff, bOff,
      kh, kw, sy, sx, dy, dx, fused ?? 0, p.alpha ?? DEFAULT_LEAKY_ALPHA,
    );
    const values = this.outputs.take(outH * outW * c);
    unpackOutput(heap, outOff / 4, values, c, cPad, fused === undefined ? p.activation : null, p.alpha);
    return new CpuTensor(outH, outW, c, values);
  }
}

/**
 * Each input channel `mult` times in a row, so that output channel co's input sits at channel co
 * and the kernel needs no multiplier. Multipliers above 1 are rare; this copy is their whole cost.
 */
function repeatChannels(x: CpuTensor, mult: number): CpuTensor {
  const cin = x.channels;
  const src = x.data;
  const out = new Float32Array(src.length * mult);
  for (let i = 0, o = 0; i < src.length; i++) {
    const v = src[i];
    for (let m = 0; m < mult; m++) out[o++] = v;
  }
  return new CpuTensor(x.height, x.width, cin * mult, out);
}
