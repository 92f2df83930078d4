// Drives the WebAssembly SIMD average pooling (avgPool2d.wat) in the shared memory, with the
// reference's semantics (webview/cpu/pool.ts): padded cells take no part, so a 'same' window
// at the border divides by the real cells it covers, never by the full pool size.

import { poolWindows } from '../kernels/opChecks';
import type { Pool2DParams } from '../kernels/types';
import { CpuTensor } from '../cpu/tensor';
import type { OutputArrays, WasmHeap } from './wasmHeap';
import { align16, padInput } from './wasmLayout';

type AvgPoolExport = (
  input: number, wpad: number, c: number, out: number, outH: number, outW: number,
  ph: number, pw: number, sy: number, sx: number, rowCnt: number, colCnt: number,
) => void;

export class WasmAvgPool {
  private readonly exec: AvgPoolExport;

  constructor(private readonly heap: WasmHeap, private readonly outputs: OutputArrays, moduleBytes: Uint8Array<ArrayBuffer>) {
    this.exec = heap.kernel<AvgPoolExport>(moduleBytes, 'avgPool2d');
  }

  avgPool2d(x: CpuTensor, p: Pool2DParams): CpuTensor {
    const [ph, pw] = p.poolSize;
    const [sy, sx] = p.strides;
    const { wy, wx } = poolWindows(x, p);
    const c = x.channels;
    const outH = wy.outSize;
    const outW = wx.outSize;
    const hp = (outH - 1) * sy + ph;
    const wp = (outW - 1) * sx + pw;
    const rowOff = 0;
    const colOff = align16(outH * 4);
    const inOff = align16(colOff + outW * 4);
    const outOff = align16(inOff + hp * wp * c * 4);
    const n = outH * outW * c;
    const heap = this.heap.reserve('avgPool2d', outOff + n * 4);
    // A window's real cells are its real rows times its real columns.
    realCells(heap, rowOff / 4, outH, sy, ph, wy.padBefore, x.height);
    realCells(heap, colOff / 4, outW, sx, pw, wx.padBefore, x.width);
    // Zeros add nothing to a sum: padded cells take no part, as in the reference.
    padInput(heap, inOff / 4, x, hp, wp, wy.padBefore, wx.padBefore, 0);
    this.exec(inOff, wp, c, outOff, outH, outW, ph, pw, sy, sx, rowOff, colOff);
    return new CpuTensor(outH, outW, c, this.heap.copyOut(this.outputs, outOff / 4, n));
  }
}

/** Per output index along one axis: how many of the window's k cells fall inside the input. */
function realCells(heap: Float32Array, at: number, outSize: number, s: number, k: number, padBefore: number, inSize: number): void {
  for (let o = 0; o < outSize; o++) {
    const start = o * s - padBefore;
    heap[at + o] = Math.max(0, Math.min(start + k, inSize) - Math.max(start, 0));
  }
}
