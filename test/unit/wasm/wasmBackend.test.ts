// The WebAssembly SIMD conv in Node (V8, as in the webview) against the plain-JS reference on
// every case of the kernel matrix, plus the layout corners the matrix cannot reach alone:
// memory reuse across calls and the channel counts that are not a multiple of the 8-lane block.
// The browser suite (test/browser/wasmKernels.test.ts) runs the same matrix in Chromium.

import * as assert from 'assert';
import { createCpuBackend } from '../../../webview/cpu/cpuBackend';
import type { KernelBackend } from '../../../webview/kernels/types';
import { createWasmBackend, wasmSimdProblem, type WasmBackend, type WasmModuleBytes } from '../../../webview/wasm/wasmBackend';
import { allKernelCases, compareTensors, runCase } from '../../browser/kernelCases';
import { assembledModules } from './assembleModules';

const TOLERANCE = 1e-4;

describe('WebAssembly SIMD backend equals the plain-JS reference (Node)', () => {
  let modules: WasmModuleBytes;
  let wasm: WasmBackend;
  let cpu: KernelBackend;

  before(async () => {
    modules = await assembledModules();
    assert.strictEqual(wasmSimdProblem(modules), null, 'Node 20 runs WebAssembly SIMD');
    wasm = createWasmBackend(modules);
    cpu = createCpuBackend();
  });

  it('stays small enough for a synchronous compile on a browser main thread (4 KB a module)', () => {
    for (const [name, bytes] of Object.entries(modules)) assert.ok(bytes.length < 4096, `${name}: ${bytes.length} bytes`);
  });

  it('rejects a module without SIMD support as its probe says', () => {
    assert.match(wasmSimdProblem({ ...modules, simdProbe: Uint8Array.from([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 0xff]) }) ?? '', /no WebAssembly SIMD/);
  });

  for (const c of allKernelCases()) {
    it(c.name, () => {
      const cmp = compareTensors(runCase(wasm, c), runCase(cpu, c));
      assert.ok(cmp.shapeMatches, cmp.detail);
      assert.ok(cmp.maxAbsDiff <= TOLERANCE, `max |diff| ${cmp.maxAbsDiff}: ${cmp.detail}`);
    });
  }

  it('reuses its memory: the same conv again grows nothing', () => {
    const c = allKernelCases().find((k) => k.op === 'conv2d' && k.input.c === 64);
    assert.ok(c);
    runCase(wasm, c);
    const after = wasm.memoryBytes;
    runCase(wasm, c);
    assert.strictEqual(wasm.memoryBytes, after);
  });

  it('max pooling: every channel count around the 4-lane vector, same/valid, NaN skipped as the reference skips it', () => {
    for (const c of [1, 2, 3, 4, 5, 7, 8, 9]) {
      for (const padding of ['same', 'valid'] as const) {
        const data = Float32Array.from({ length: 7 * 6 * c }, (_, i) => (i % 11 === 3 ? NaN : Math.sin(i * 1.3) - 2));
        const x = { height: 7, width: 6, channels: c, data };
        const p = { kind: 'max' as const, poolSize: [3, 2] as const, strides: [2, 1] as const, padding };
        const got = wasm.download(wasm.pool2d(wasm.upload(x), p));
        const want = cpu.download(cpu.pool2d(cpu.upload(x), p));
        assert.deepStrictEqual(got, want, `c ${c} ${padding}`);
      }
    }
  });

  it('reuses a disposed result\'s array for the next result of its size, never a live one\'s', () => {
    const x = wasm.upload({ height: 6, width: 6, channels: 3, data: Float32Array.from({ length: 108 }, (_, i) => i / 100) });
    const p = (scale: number) => ({
      kernel: new Float32Array(27 * 8).fill(scale), kernelSize: [3, 3] as const, inChannels: 3, outChannels: 8, bias: null,
      strides: [1, 1] as const, padding: 'same' as const, dilation: [1, 1] as const, activation: 'linear' as const,
    });
    const a = wasm.conv2d(x, p(1));
    const b = wasm.conv2d(x, p(2));
    const bBefore = wasm.download(b).data;
    wasm.dispose(a);
    wasm.dispose(a); // twice: harmless, gives nothing back twice
    const c = wasm.conv2d(x, p(3));
    const d = wasm.conv2d(x, p(4));
    assert.deepStrictEqual(wasm.download(b).data, bBefore, 'a live result is never overwritten');
    const cData = wasm.download(c).data;
    const dData = wasm.download(d).data;
    for (let i = 0; i < bBefore.length; i++) {
      assert.ok(Math.abs(cData[i] - 1.5 * bBefore[i]) < 1e-4 && Math.abs(dData[i] - 2 * bBefore[i]) < 1e-4, `at ${i}`);
    }
  });

  it('handles every output channel count around the 8-lane block, and widths around the 4-pixel tile', () => {
    for (const cout of [1, 7, 8, 9, 15, 17, 24]) {
      for (const width of [1, 3, 4, 5, 9]) {
        const cin = 2;
        const x = { height: 3, width, channels: cin, data: Float32Array.from({ length: 3 * width * cin }, (_, i) => Math.sin(i + cout)) };
        const p = {
          kernel: Float32Array.from({ length: 9 * cin * cout }, (_, i) => Math.cos(i * 0.7)), kernelSize: [3, 3] as const, inChannels: cin, outChannels: cout,
          bias: Float32Array.from({ length: cout }, (_, i) => i / 10), strides: [1, 1] as const, padding: 'same' as const, dilation: [1, 1] as const, activation: 'relu6' as const,
        };
        const got = wasm.download(wasm.conv2d(wasm.upload(x), p));
        const want = cpu.download(cpu.conv2d(cpu.upload(x), p));
        const cmp = compareTensors(got, want);
        assert.ok(cmp.shapeMatches && cmp.maxAbsDiff <= TOLERANCE, `cout ${cout} width ${width}: ${cmp.detail} (${cmp.maxAbsDiff})`);
      }
    }
  });
});
