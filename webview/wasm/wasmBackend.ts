// The CPU preview's fast path: the plain-JS reference backend with its convolutions (conv2d,
// depthwise, transposed) and its pooling replaced by WebAssembly SIMD kernels (wasmConv.ts,
// wasmDepthwise.ts, wasmTranspose.ts on the conv2d kernel, wasmPool.ts, wasmAvgPool.ts) over one
// shared memory. Those windowed ops are nearly all of a preview's work, so the other ops
// (elementwise, padding, resizing, global pooling) stay on the reference loops, and tensors stay
// plain CpuTensors that both share. The modules' bytes come in as an argument: the bundle
// embeds them (wasmModules.ts), Node tests assemble them from the .wat text.

import { createCpuBackend } from '../cpu/cpuBackend';
import { asCpu } from '../cpu/tensor';
import type { DeviceTensor, KernelBackend } from '../kernels/types';
import { WasmAvgPool } from './wasmAvgPool';
import { WasmConv } from './wasmConv';
import { WasmDepthwise } from './wasmDepthwise';
import { OutputArrays, WasmHeap } from './wasmHeap';
import { WasmMaxPool } from './wasmPool';
import { WasmTranspose } from './wasmTranspose';

export interface WasmModuleBytes {
  /** A module using one SIMD instruction: validates exactly where WebAssembly SIMD exists. */
  readonly simdProbe: Uint8Array<ArrayBuffer>;
  readonly conv2d: Uint8Array<ArrayBuffer>;
  readonly depthwiseConv2d: Uint8Array<ArrayBuffer>;
  readonly maxPool2d: Uint8Array<ArrayBuffer>;
  readonly avgPool2d: Uint8Array<ArrayBuffer>;
}

export type WasmBackend = KernelBackend & { readonly name: 'wasm-simd'; readonly memoryBytes: number };

/** Null when this engine runs WebAssembly SIMD; otherwise why not. */
export function wasmSimdProblem(bytes: WasmModuleBytes): string | null {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.validate !== 'function') return 'WebAssembly is not available';
  try {
    return WebAssembly.validate(bytes.simdProbe) ? null : 'this engine has no WebAssembly SIMD';
  } catch (err) {
    return `WebAssembly.validate threw (${err instanceof Error ? err.message : String(err)})`;
  }
}

/** Compiles the kernels (throws if the engine or the page's CSP refuses them). */
export function createWasmBackend(bytes: WasmModuleBytes): WasmBackend {
  const heap = new WasmHeap();
  const outputs = new OutputArrays();
  const conv = new WasmConv(heap, outputs, bytes.conv2d);
  const depthwise = new WasmDepthwise(heap, outputs, bytes.depthwiseConv2d);
  const transpose = new WasmTranspose(conv, outputs);
  const maxPool = new WasmMaxPool(heap, outputs, bytes.maxPool2d);
  const avgPool = new WasmAvgPool(heap, outputs, bytes.avgPool2d);
  return {
    ...createCpuBackend(),
    name: 'wasm-simd',
    conv2d: (x, p) => conv.conv2d(asCpu(x), p),
    depthwiseConv2d: (x, p) => depthwise.depthwiseConv2d(asCpu(x), p),
    conv2dTranspose: (x, p) => transpose.conv2dTranspose(asCpu(x), p),
    pool2d: (x, p) => (p.kind === 'max' ? maxPool.maxPool2d(asCpu(x), p) : avgPool.avgPool2d(asCpu(x), p)),
    dispose: (t: DeviceTensor) => {
      const cpu = asCpu(t);
      let values: Float32Array | null = null;
      try {
        values = cpu.data;
      } catch {
        // Disposed before: nothing to give back (a second dispose is harmless, as on the reference).
      }
      cpu.dispose();
      if (values) outputs.giveBack(values);
    },
    get memoryBytes() {
      return heap.byteLength;
    },
  };
}
