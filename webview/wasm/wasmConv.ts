// Drives the WebAssembly SIMD conv2d (conv2d.wat): lays the padded input, the repacked kernel
// and the bias out in the shared WebAssembly memory (wasmHeap.ts), runs the kernel, and copies
// the result out as a CPU tensor. Geometry comes from webview/kernels/geometry.ts, as for the
// other backends, so the three cannot disagree on output sizes or padding. `run` takes the
// geometry already decided, for the transposed conv (wasmTranspose.ts), whose phases are convs
// with padding of their own.

import { DEFAULT_LEAKY_ALPHA } from '../kernels/activations';
import { conv2dWindows } from '../kernels/opChecks';
import type { Activation, Conv2DParams } from '../kernels/types';
import { CpuTensor } from '../cpu/tensor';
import type { OutputArrays, WasmHeap } from './wasmHeap';
import { align16, FUSED, padInput, unpackOutput, type ConvExport } from './wasmLayout';

/** Output channels per block of the micro-kernel (two f32x4 accumulators per pixel). */
const BLOCK = 8;

/** One conv with its geometry decided: output size and the input's padding before it. */
export interface ConvRun {
  /** [kh, kw, cin, cout]. */
  readonly kernel: Float32Array;
  readonly bias: Float32Array | null;
  readonly kh: number;
  readonly kw: number;
  readonly cin: number;
  readonly cout: number;
  readonly strides: readonly [number, number];
  readonly dilation: readonly [number, number];
  readonly outH: number;
  readonly outW: number;
  readonly padTop: number;
  readonly padLeft: number;
  readonly activation: Activation;
  readonly alpha: number | undefined;
}

/** Where a run left its result: outH·outW pixels of coutPad floats at heap[at], `pending` still to apply. */
export interface ConvResult {
  readonly heap: Float32Array;
  readonly at: number;
  readonly coutPad: number;
  readonly pending: Activation | null;
}

export class WasmConv {
  private readonly exec: ConvExport;

  constructor(private readonly heap: WasmHeap, private readonly outputs: OutputArrays, moduleBytes: Uint8Array<ArrayBuffer>) {
    this.exec = heap.kernel<ConvExport>(moduleBytes, 'conv2d');
  }

  conv2d(x: CpuTensor, p: Conv2DParams): CpuTensor {
    const [kh, kw] = p.kernelSize;
    const cin = p.inChannels;
    const cout = p.outChannels;
    const { wy, wx } = conv2dWindows(x, p);
    const r = this.run(x, {
      kernel: p.kernel, bias: p.bias, kh, kw, cin, cout, strides: p.strides, dilation: p.dilation,
      outH: wy.outSize, outW: wx.outSize, padTop: wy.padBefore, padLeft: wx.padBefore, activation: p.activation, alpha: p.alpha,
    });
    const values = this.outputs.take(wy.outSize * wx.outSize * cout);
    unpackOutput(r.heap, r.at, values, cout, r.coutPad, r.pending, p.alpha);
    return new CpuTensor(wy.outSize, wx.outSize, cout, values);
  }

  /** Runs conv2d.wat; the result stays in the heap until the next kernel call. */
  run(x: CpuTensor, g: ConvRun): ConvResult {
    const { kh, kw, cin, cout, outH, outW } = g;
    const [sy, sx] = g.strides;
    const [dy, dx] = g.dilation;
    const coutPad = Math.ceil(cout / BLOCK) * BLOCK;
    // The padded input holds exactly the rows and columns some tap reads.
    const hp = (outH - 1) * sy + (kh - 1) * dy + 1;
    const wp = (outW - 1) * sx + (kw - 1) * dx + 1;

    const wOff = 0;
    const bOff = align16(wOff + kh * kw * cin * coutPad * 4);
    const inOff = align16(bOff + coutPad * 4);
    const outOff = align16(inOff + hp * wp * cin * 4);
    const heap = this.heap.reserve('conv2d', outOff + outH * outW * coutPad * 4);

    packKernel(heap, wOff / 4, g.kernel, kh * kw * cin, cout, coutPad);
    heap.fill(0, bOff / 4, bOff / 4 + coutPad);
    if (g.bias) heap.set(g.bias, bOff / 4);
    padInput(heap, inOff / 4, x, hp, wp, g.padTop, g.padLeft, 0);

    const fused = FUSED[g.activation];
    this.exec(
      inOff, wp, cin, outOff, outH, outW, coutPad, wOff, bOff,
      kh, kw, sy, sx, dy, dx, fused ?? 0, g.alpha ?? DEFAULT_LEAKY_ALPHA,
    );
    return { heap, at: outOff / 4, coutPad, pending: fused === undefined ? g.activation : null };
  }
}

/** [kh, kw, cin, cout] → [cout/8][kh·kw·cin][8], zeros in the lanes past cout. */
function packKernel(heap: Float32Array, at: number, kernel: Float32Array, rows: number, cout: number, coutPad: number): void {
  if (cout !== coutPad) heap.fill(0, at, at + rows * coutPad);
  const blockStride = rows * BLOCK;
  for (let r = 0; r < rows; r++) {
    const src = r * cout;
    for (let co = 0; co < cout; co++) {
      heap[at + (co >> 3) * blockStride + r * BLOCK + (co & 7)] = kernel[src + co];
    }
  }
}
