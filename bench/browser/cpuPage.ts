// Runs inside Chromium for the CPU section of bench/browser.bench.ts (bench/browser/cpuSection.ts):
// the same conv stacks, inputs and weights as the WebGL2 table (same seeds as page.ts), on
// our WebAssembly SIMD backend, TF.js's WASM backend (tf-backend-wasm, its single-threaded SIMD
// build, fed to it as blob: URLs), our plain-JS reference and our WebGL2 backend, in one page.
// Each timed from dispatch to the result on the host. Ours packs its weights on every call, as
// the panel does; TF.js's weights stay resident and run through tf.fused.conv2d (bias and relu
// fused into XNNPACK's conv: its fastest path).

import { createCpuBackend } from '../../webview/cpu/cpuBackend';
import { createBackend } from '../../webview/kernels/createBackend';
import type { DeviceTensor, KernelBackend, Padding } from '../../webview/kernels/types';
import { createWasmBackend } from '../../webview/wasm/wasmBackend';
import { WASM_MODULES } from '../../webview/wasm/wasmModules';
import { median, seeded, weightsFor } from './benchInputs';
import type { BenchSpec } from './page';
// Registers benchCpuOp (the single-layer rows) on the same page.
import './cpuOpsPage';

interface TfTensor { dispose(): void; dataSync(): Float32Array }
interface TfWasm {
  setWasmPaths(paths: Record<string, string>): void;
}
interface Tf {
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  getBackend(): string;
  env(): { set(flag: string, value: boolean): void; getAsync(flag: string): Promise<boolean> };
  tensor4d(values: Float32Array, shape: number[]): TfTensor;
  tensor1d(values: Float32Array): TfTensor;
  fused: { conv2d(a: { x: TfTensor; filter: TfTensor; strides: number; pad: Padding; bias?: TfTensor; activation?: string }): TfTensor };
  conv2d(x: TfTensor, filter: TfTensor, strides: number, pad: Padding): TfTensor;
  maxPool(x: TfTensor, size: number, strides: number, pad: Padding): TfTensor;
  tidy<T extends TfTensor>(fn: () => T): T;
  wasm: TfWasm;
}

const tfGlobal = (): Tf => (globalThis as unknown as { tf: Tf }).tf;


interface Runner { readonly run: () => Float32Array; readonly cleanup: () => void; poolMs: number }

/** Our chain on a backend; `poolMs` adds up the time spent in pooling (is it worth a kernel of its own?). */
function oursRunner(backend: KernelBackend, spec: BenchSpec): Runner {
  const [h, w, c] = spec.input;
  const x = backend.upload({ height: h, width: w, channels: c, data: seeded(`${spec.name}/x`, h * w * c, 1) });
  const weights = weightsFor(spec);
  const runner: Runner = {
    poolMs: 0,
    run: () => {
      let cur: DeviceTensor = x;
      let wi = 0;
      for (const s of spec.steps) {
        let next: DeviceTensor;
        if (s.kind === 'conv') {
          const wt = weights[wi++];
          next = backend.conv2d(cur, {
            kernel: wt.kernel, kernelSize: [s.k, s.k], inChannels: wt.inC, outChannels: s.filters, bias: wt.bias,
            strides: [1, 1], padding: s.padding, dilation: [1, 1], activation: s.activation,
          });
        } else {
          const t0 = performance.now();
          next = backend.pool2d(cur, { kind: 'max', poolSize: [s.size, s.size], strides: [s.size, s.size], padding: 'valid' });
          runner.poolMs += performance.now() - t0;
        }
        if (cur !== x) backend.dispose(cur);
        cur = next;
      }
      const data = backend.download(cur).data;
      backend.dispose(cur);
      return data;
    },
    cleanup: () => backend.dispose(x),
  };
  return runner;
}

function tfjsRunner(spec: BenchSpec): Runner {
  const tf = tfGlobal();
  const [h, w, c] = spec.input;
  const x = tf.tensor4d(seeded(`${spec.name}/x`, h * w * c, 1), [1, h, w, c]);
  const weights = weightsFor(spec);
  let wi = 0;
  const kernels = spec.steps.map((s) => {
    if (s.kind !== 'conv') return null;
    const wt = weights[wi++];
    return { k: tf.tensor4d(wt.kernel, [s.k, s.k, wt.inC, s.filters]), b: wt.bias ? tf.tensor1d(wt.bias) : undefined };
  });
  return {
    poolMs: 0,
    run: () => {
      const y = tf.tidy(() => {
        let cur = x;
        spec.steps.forEach((s, i) => {
          const kw = kernels[i];
          if (s.kind === 'conv') {
            if (!kw) throw new Error('missing kernel');
            cur = tf.fused.conv2d({ x: cur, filter: kw.k, strides: 1, pad: s.padding, bias: kw.b, activation: s.activation === 'relu' ? 'relu' : 'linear' });
          } else {
            cur = tf.maxPool(cur, s.size, s.size, 'valid');
          }
        });
        return cur;
      });
      const data = y.dataSync();
      y.dispose();
      return data;
    },
    cleanup: () => {
      x.dispose();
      for (const k of kernels) {
        k?.k.dispose();
        k?.b?.dispose();
      }
    },
  };
}

let previousTfBackend: string | null = null;

/**
 * Switches TF.js to its WASM backend, single-threaded SIMD, with the .wasm files handed over as
 * blob: URLs (the page has no server). Returns what TF.js says it runs.
 */
async function useTfjsWasm(wasmBase64: Record<string, string>): Promise<{ backend: string; simd: boolean; threads: boolean }> {
  const tf = tfGlobal();
  previousTfBackend = tf.getBackend();
  const urls: Record<string, string> = {};
  for (const [file, b64] of Object.entries(wasmBase64)) {
    const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
    urls[file] = URL.createObjectURL(new Blob([bytes], { type: 'application/wasm' }));
  }
  tf.wasm.setWasmPaths(urls);
  // The webview is not cross-origin isolated either: no SharedArrayBuffer, so no threads.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (!(await tf.setBackend('wasm'))) throw new Error('TF.js could not start its wasm backend');
  await tf.ready();
  return { backend: tf.getBackend(), simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'), threads: await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT') };
}

async function restoreTfjsBackend(): Promise<void> {
  if (previousTfBackend) await tfGlobal().setBackend(previousTfBackend);
}

export interface CpuBenchResult {
  readonly wasm: number;
  readonly tfjsWasm: number;
  readonly webgl: number;
  readonly js: number;
  /** Share of our WASM path's time spent in pooling. */
  readonly wasmPoolShare: number;
  readonly diffTfjs: number;
  readonly diffJs: number;
  readonly webglBackend: string;
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return -1;
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

/**
 * One spec on all four: ours WASM, TF.js WASM and ours WebGL2 alternate (so load from other
 * processes hits them alike), the plain-JS reference runs `jsIterations` times after them
 * (without warm-up when that is 1: it is tens of times slower).
 */
function benchCpu(spec: BenchSpec, warmup: number, iterations: number, jsIterations: number): CpuBenchResult {
  const webglChoice = createBackend();
  const runners = { wasm: oursRunner(createWasmBackend(WASM_MODULES), spec), tfjsWasm: tfjsRunner(spec), webgl: oursRunner(webglChoice.backend, spec) };
  const order = ['wasm', 'tfjsWasm', 'webgl'] as const;
  for (let i = 0; i < warmup; i++) for (const k of order) runners[k].run();
  runners.wasm.poolMs = 0;
  const times = { wasm: [] as number[], tfjsWasm: [] as number[], webgl: [] as number[] };
  const outs: Record<string, Float32Array> = {};
  for (let i = 0; i < iterations; i++) {
    for (const k of order) {
      const t0 = performance.now();
      outs[k] = runners[k].run();
      times[k].push(performance.now() - t0);
    }
  }
  const wasmTotal = times.wasm.reduce((a, b) => a + b, 0);
  const poolShare = runners.wasm.poolMs / wasmTotal;
  for (const k of order) runners[k].cleanup();
  const js = oursRunner(createCpuBackend(), spec);
  if (jsIterations > 1) js.run();
  const jsTimes: number[] = [];
  for (let i = 0; i < jsIterations; i++) {
    const t0 = performance.now();
    outs.js = js.run();
    jsTimes.push(performance.now() - t0);
  }
  js.cleanup();
  return {
    wasm: median(times.wasm), tfjsWasm: median(times.tfjsWasm), webgl: median(times.webgl), js: median(jsTimes),
    wasmPoolShare: poolShare, diffTfjs: maxDiff(outs.wasm, outs.tfjsWasm), diffJs: maxDiff(outs.wasm, outs.js),
    webglBackend: webglChoice.fallbackReason === null ? webglChoice.backend.name : `${webglChoice.backend.name} (${webglChoice.fallbackReason})`,
  };
}

Object.assign(globalThis, { useTfjsWasm, restoreTfjsBackend, benchCpu });
