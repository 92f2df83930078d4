// Drives the WebAssembly SIMD conv2d (conv2d.wat): lays the padded input, the repacked kernel
// and the bias out in the shared WebAssembly memory (wasmHeap.ts), runs the kernel, and copies
// the result out as a CPU tensor. Geometry comes from webview/kernels/geometry.ts, as for the
// other backends, so the three cannot disagree on output sizes or padding.

import { applyActivation, DEFAULT_LEAKY_ALPHA } from '../kernels/activations';
import { assertPositiveShape, convWindow } from '../kernels/geometry';
import type { Activation, Conv2DParams } from '../kernels/types';
import { checkLength } from '../cpu/conv';
import { CpuTensor } from '../cpu/tensor';
import type { OutputArrays, WasmHeap } from './wasmHeap';

/** Output channels per block of the micro-kernel (two f32x4 accumulators per pixel). */
const BLOCK = 8;

/** Activations with an exact SIMD form in conv2d.wat ($activate); the others are applied here. */
const FUSED: Partial<Record<Activation, number>> = { linear: 0, relu: 1, relu6: 2, leakyRelu: 3 };

type Conv2DExport = (
  input: number, wpad: number, cin: number,
  out: number, outH: number, outW: number, coutPad: number,
  weights: number, bias: number,
  kh: number, kw: number, sy: number, sx: number, dy: number, dx: number,
  act: number, alpha: number,
) => void;

export const align16 = (n: number): number => Math.ceil(n / 16) * 16;

export class WasmConv {
  private readonly run: Conv2DExport;

  constructor(private readonly heap: WasmHeap, private readonly outputs: OutputArrays, moduleBytes: Uint8Array<ArrayBuffer>) {
    const { conv2d } = heap.instantiate(moduleBytes);
    if (typeof conv2d !== 'function') throw new Error('the conv2d module has no conv2d export');
    this.run = conv2d as Conv2DExport;
  }

  conv2d(x: CpuTensor, p: Conv2DParams): CpuTensor {
    const [kh, kw] = p.kernelSize;
    const cin = p.inChannels;
    const cout = p.outChannels;
    if (x.channels !== cin) throw new Error(`conv2d: input has ${x.channels} channels, kernel expects ${cin}`);
    checkLength('conv2d kernel', p.kernel, kh * kw * cin * cout);
    checkLength('conv2d bias', p.bias, cout);
    const [sy, sx] = p.strides;
    const [dy, dx] = p.dilation;
    const wy = convWindow(x.height, kh, sy, dy, p.padding);
    const wx = convWindow(x.width, kw, sx, dx, p.padding);
    assertPositiveShape('conv2d', wy.outSize, wx.outSize, cout);
    const outH = wy.outSize;
    const outW = wx.outSize;
    const coutPad = Math.ceil(cout / BLOCK) * BLOCK;
    // The padded input holds exactly the rows and columns some tap reads.
    const hp = (outH - 1) * sy + (kh - 1) * dy + 1;
    const wp = (outW - 1) * sx + (kw - 1) * dx + 1;

    const wOff = 0;
    const bOff = align16(wOff + kh * kw * cin * coutPad * 4);
    const inOff = align16(bOff + coutPad * 4);
    const outOff = align16(inOff + hp * wp * cin * 4);
    const heap = this.heap.reserve('conv2d', outOff + outH * outW * coutPad * 4);

    packKernel(heap, wOff / 4, p.kernel, kh * kw * cin, cout, coutPad);
    heap.fill(0, bOff / 4, bOff / 4 + coutPad);
    if (p.bias) heap.set(p.bias, bOff / 4);
    padInput(heap, inOff / 4, x, hp, wp, wy.padBefore, wx.padBefore, 0);

    const fused = FUSED[p.activation];
    this.run(
      inOff, wp, cin, outOff, outH, outW, coutPad, wOff, bOff,
      kh, kw, sy, sx, dy, dx, fused ?? 0, p.alpha ?? DEFAULT_LEAKY_ALPHA,
    );
    const values = this.outputs.take(outH * outW * cout);
    unpackOutput(heap, outOff / 4, values, cout, coutPad, fused === undefined ? p.activation : null, p.alpha);
    return new CpuTensor(outH, outW, cout, values);
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

/** Copies x into an hp × wp × C buffer at (padTop, padLeft), `fill` around it. */
export function padInput(heap: Float32Array, at: number, x: CpuTensor, hp: number, wp: number, padTop: number, padLeft: number, fill: number): void {
  const c = x.channels;
  const src = x.data;
  const c0 = padLeft;
  const c1 = Math.min(wp, padLeft + x.width);
  const exact = padTop === 0 && padLeft === 0 && c1 === wp && hp <= x.height;
  if (!exact) heap.fill(fill, at, at + hp * wp * c);
  for (let r = 0; r < hp; r++) {
    const iy = r - padTop;
    if (iy < 0 || iy >= x.height) continue;
    const from = (iy * x.width + (c0 - padLeft)) * c;
    heap.set(src.subarray(from, from + (c1 - c0) * c), at + (r * wp + c0) * c);
  }
}

/** The kernel's output (pixels × coutPad) into `out` as HWC values of cout channels, activated if asked. */
function unpackOutput(
  heap: Float32Array, at: number, out: Float32Array, cout: number, coutPad: number, act: Activation | null, alpha: number | undefined,
): void {
  if (cout === coutPad && act === null) {
    out.set(heap.subarray(at, at + out.length));
    return;
  }
  const pixels = out.length / cout;
  for (let i = 0; i < pixels; i++) {
    const src = at + i * coutPad;
    const dst = i * cout;
    if (act === null) {
      out.set(heap.subarray(src, src + cout), dst);
    } else {
      for (let co = 0; co < cout; co++) out[dst + co] = applyActivation(act, heap[src + co], alpha);
    }
  }
}
