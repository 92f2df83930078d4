// How the WASM kernels' drivers lay tensors out in the shared memory and read results back:
// the padded input copy every kernel reads without bounds checks, the activations the .wat
// files fuse, and the unpacking of a channel-padded result into a CPU tensor's values.

import { applyActivation } from '../kernels/activations';
import type { Activation } from '../kernels/types';
import type { CpuTensor } from '../cpu/tensor';

/** Activations with an exact SIMD form in the conv kernels ($activate); the others are applied in JS. */
export const FUSED: Partial<Record<Activation, number>> = { linear: 0, relu: 1, relu6: 2, leakyRelu: 3 };

/**
 * What conv2d.wat and depthwiseConv2d.wat export (byte offsets into the shared memory, sizes,
 * then the fused activation's code and its alpha): the padded input (wpad pixels a row, cin
 * channels), the output (outH × outW pixels of coutPad floats), the packed weights and bias.
 */
export type ConvExport = (
  input: number, wpad: number, cin: number,
  out: number, outH: number, outW: number, coutPad: number,
  weights: number, bias: number,
  kh: number, kw: number, sy: number, sx: number, dy: number, dx: number,
  act: number, alpha: number,
) => void;

export const align16 = (n: number): number => Math.ceil(n / 16) * 16;

/**
 * Copies x into an hp × wp × C buffer at (padTop, padLeft), `fill` around it. Only the border is
 * filled: filling the whole buffer first would write every byte twice, which for a depthwise
 * conv or a pool costs as much as the kernel itself.
 */
export function padInput(heap: Float32Array, at: number, x: CpuTensor, hp: number, wp: number, padTop: number, padLeft: number, fill: number): void {
  const c = x.channels;
  const src = x.data;
  const rowLen = wp * c;
  const c0 = Math.min(padLeft, wp);
  const c1 = Math.max(c0, Math.min(wp, padLeft + x.width));
  for (let r = 0; r < hp; r++) {
    const iy = r - padTop;
    const rowAt = at + r * rowLen;
    if (iy < 0 || iy >= x.height) {
      heap.fill(fill, rowAt, rowAt + rowLen);
      continue;
    }
    if (c0 > 0) heap.fill(fill, rowAt, rowAt + c0 * c);
    const from = (iy * x.width + (c0 - padLeft)) * c;
    heap.set(src.subarray(from, from + (c1 - c0) * c), rowAt + c0 * c);
    if (c1 < wp) heap.fill(fill, rowAt + c1 * c, rowAt + rowLen);
  }
}

/** A kernel's output (pixels × cPad) into `out` as HWC values of c channels, activated if asked. */
export function unpackOutput(
  heap: Float32Array, at: number, out: Float32Array, c: number, cPad: number, act: Activation | null, alpha: number | undefined,
): void {
  if (c === cPad && act === null) {
    out.set(heap.subarray(at, at + out.length));
    return;
  }
  const pixels = out.length / c;
  for (let i = 0; i < pixels; i++) {
    const src = at + i * cPad;
    const dst = i * c;
    if (act === null) {
      out.set(heap.subarray(src, src + c), dst);
    } else {
      for (let co = 0; co < c; co++) out[dst + co] = applyActivation(act, heap[src + co], alpha);
    }
  }
}
