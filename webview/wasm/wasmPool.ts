// Drives the WebAssembly SIMD max pooling (maxPool2d.wat) in the shared memory. Pooling is
// cheap beside the convs around it, yet the reference's scalar loops took a fifth of a VGG16
// preview on the WASM path (bench:browser's "pool share"), so max pooling runs here (average
// pooling, whose 'same' windows divide by their real cells, has its own kernel: wasmAvgPool.ts).

import { poolWindows } from '../kernels/opChecks';
import type { Pool2DParams } from '../kernels/types';
import { CpuTensor } from '../cpu/tensor';
import { align16, padInput } from './wasmLayout';
import type { OutputArrays, WasmHeap } from './wasmHeap';

type MaxPoolExport = (
  input: number, wpad: number, c: number, out: number, outH: number, outW: number,
  ph: number, pw: number, sy: number, sx: number,
) => void;

export class WasmMaxPool {
  private readonly run: MaxPoolExport;

  constructor(private readonly heap: WasmHeap, private readonly outputs: OutputArrays, moduleBytes: Uint8Array<ArrayBuffer>) {
    this.run = heap.kernel<MaxPoolExport>(moduleBytes, 'maxPool2d');
  }

  maxPool2d(x: CpuTensor, p: Pool2DParams): CpuTensor {
    const [ph, pw] = p.poolSize;
    const [sy, sx] = p.strides;
    const { wy, wx } = poolWindows(x, p);
    const c = x.channels;
    const hp = (wy.outSize - 1) * sy + ph;
    const wp = (wx.outSize - 1) * sx + pw;
    const inOff = 0;
    const outOff = align16(hp * wp * c * 4);
    const n = wy.outSize * wx.outSize * c;
    const heap = this.heap.reserve('maxPool2d', outOff + n * 4);
    // -Infinity never wins a max: padded cells take no part, as in the reference.
    padInput(heap, inOff / 4, x, hp, wp, wy.padBefore, wx.padBefore, -Infinity);
    this.run(inOff, wp, c, outOff, wy.outSize, wx.outSize, ph, pw, sy, sx);
    return new CpuTensor(wy.outSize, wx.outSize, c, this.heap.copyOut(this.outputs, outOff / 4, n));
  }
}
