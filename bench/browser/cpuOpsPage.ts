// Runs inside Chromium, in the CPU section's page (imported by cpuPage.ts): single layers other
// than conv2d (depthwise conv, average pooling, transposed conv) on our WebAssembly SIMD
// backend, TF.js's WASM backend and our plain-JS reference (what our WASM backend ran for these
// ops before they had kernels of their own). Timed as benchCpu times its stacks: from dispatch
// to the result on the host; ours packs weights on every call, TF.js's stay resident and run
// through its fused ops where it has them (tf.fused.depthwiseConv2d: bias and relu in XNNPACK).

import { createCpuBackend } from '../../webview/cpu/cpuBackend';
import type { Activation, DeviceTensor, KernelBackend, Padding } from '../../webview/kernels/types';
import { createWasmBackend } from '../../webview/wasm/wasmBackend';
import { WASM_MODULES } from '../../webview/wasm/wasmModules';
import { median, seeded } from './benchInputs';

export type CpuOpSpec =
  | { readonly op: 'depthwise'; readonly name: string; readonly input: [number, number, number]; readonly k: number; readonly stride: number; readonly mult: number; readonly padding: Padding; readonly activation: Activation }
  | { readonly op: 'avgPool'; readonly name: string; readonly input: [number, number, number]; readonly size: number; readonly stride: number; readonly padding: Padding }
  | { readonly op: 'transpose'; readonly name: string; readonly input: [number, number, number]; readonly k: number; readonly stride: number; readonly filters: number; readonly padding: Padding };

export interface CpuOpResult {
  readonly wasm: number;
  readonly tfjsWasm: number;
  readonly js: number;
  readonly diffTfjs: number;
  readonly diffJs: number;
}

interface TfTensor { dispose(): void; dataSync(): Float32Array }
interface Tf {
  tensor4d(values: Float32Array, shape: number[]): TfTensor;
  tensor1d(values: Float32Array): TfTensor;
  fused: { depthwiseConv2d(a: { x: TfTensor; filter: TfTensor; strides: number; pad: Padding; bias?: TfTensor; activation?: string }): TfTensor };
  avgPool(x: TfTensor, size: number, strides: number, pad: Padding): TfTensor;
  conv2dTranspose(x: TfTensor, filter: TfTensor, outputShape: number[], strides: number, pad: Padding): TfTensor;
}

interface Runner { readonly run: () => Float32Array; readonly cleanup: () => void }

/** Keras' deconvLength, as webview/kernels/geometry.ts transposeWindow. */
const transposeSize = (n: number, k: number, s: number, padding: Padding): number => (padding === 'same' ? n * s : n * s + Math.max(k - s, 0));

function weightsOf(spec: CpuOpSpec): { kernel: Float32Array; bias: Float32Array | null } {
  const c = spec.input[2];
  if (spec.op === 'depthwise') {
    const fanIn = spec.k * spec.k;
    return { kernel: seeded(`${spec.name}/k`, fanIn * c * spec.mult, Math.sqrt(6 / (fanIn * (1 + spec.mult)))), bias: seeded(`${spec.name}/b`, c * spec.mult, 0.1) };
  }
  if (spec.op === 'transpose') {
    const taps = spec.k * spec.k;
    return { kernel: seeded(`${spec.name}/k`, taps * spec.filters * c, Math.sqrt(6 / (taps * (c + spec.filters)))), bias: null };
  }
  return { kernel: new Float32Array(0), bias: null };
}

function oursRunner(backend: KernelBackend, spec: CpuOpSpec): Runner {
  const [h, w, c] = spec.input;
  const x = backend.upload({ height: h, width: w, channels: c, data: seeded(`${spec.name}/x`, h * w * c, 1) });
  const { kernel, bias } = weightsOf(spec);
  const once = (): DeviceTensor => {
    switch (spec.op) {
      case 'depthwise':
        return backend.depthwiseConv2d(x, {
          kernel, kernelSize: [spec.k, spec.k], inChannels: c, depthMultiplier: spec.mult, bias,
          strides: [spec.stride, spec.stride], padding: spec.padding, dilation: [1, 1], activation: spec.activation,
        });
      case 'avgPool':
        return backend.pool2d(x, { kind: 'avg', poolSize: [spec.size, spec.size], strides: [spec.stride, spec.stride], padding: spec.padding });
      case 'transpose':
        return backend.conv2dTranspose(x, {
          kernel, kernelSize: [spec.k, spec.k], inChannels: c, outChannels: spec.filters, bias,
          strides: [spec.stride, spec.stride], padding: spec.padding, activation: 'linear',
        });
    }
  };
  return {
    run: () => {
      const y = once();
      const data = backend.download(y).data;
      backend.dispose(y);
      return data;
    },
    cleanup: () => backend.dispose(x),
  };
}

function tfjsRunner(spec: CpuOpSpec): Runner {
  const tf = (globalThis as unknown as { tf: Tf }).tf;
  const [h, w, c] = spec.input;
  const x = tf.tensor4d(seeded(`${spec.name}/x`, h * w * c, 1), [1, h, w, c]);
  const { kernel, bias } = weightsOf(spec);
  const filter = spec.op === 'depthwise' ? tf.tensor4d(kernel, [spec.k, spec.k, c, spec.mult])
    : spec.op === 'transpose' ? tf.tensor4d(kernel, [spec.k, spec.k, spec.filters, c]) : null;
  const b = bias ? tf.tensor1d(bias) : undefined;
  const once = (): TfTensor => {
    switch (spec.op) {
      case 'depthwise':
        if (!filter) throw new Error('missing filter');
        return tf.fused.depthwiseConv2d({ x, filter, strides: spec.stride, pad: spec.padding, bias: b, activation: spec.activation === 'relu' ? 'relu' : 'linear' });
      case 'avgPool':
        return tf.avgPool(x, spec.size, spec.stride, spec.padding);
      case 'transpose': {
        if (!filter) throw new Error('missing filter');
        const shape = [1, transposeSize(h, spec.k, spec.stride, spec.padding), transposeSize(w, spec.k, spec.stride, spec.padding), spec.filters];
        return tf.conv2dTranspose(x, filter, shape, spec.stride, spec.padding);
      }
    }
  };
  return {
    run: () => {
      const y = once();
      const data = y.dataSync();
      y.dispose();
      return data;
    },
    cleanup: () => {
      x.dispose();
      filter?.dispose();
      b?.dispose();
    },
  };
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return -1;
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

/** Ours and TF.js alternate (load from other processes hits both alike); the plain-JS reference runs after, once warmed. */
function benchCpuOp(spec: CpuOpSpec, warmup: number, iterations: number, jsIterations: number): CpuOpResult {
  const wasm = oursRunner(createWasmBackend(WASM_MODULES), spec);
  const tfjs = tfjsRunner(spec);
  for (let i = 0; i < warmup; i++) {
    wasm.run();
    tfjs.run();
  }
  const times = { wasm: [] as number[], tfjs: [] as number[] };
  let outWasm: Float32Array = new Float32Array(0);
  let outTfjs: Float32Array = new Float32Array(0);
  for (let i = 0; i < iterations; i++) {
    let t0 = performance.now();
    outWasm = wasm.run();
    times.wasm.push(performance.now() - t0);
    t0 = performance.now();
    outTfjs = tfjs.run();
    times.tfjs.push(performance.now() - t0);
  }
  wasm.cleanup();
  tfjs.cleanup();
  const js = oursRunner(createCpuBackend(), spec);
  js.run();
  const jsTimes: number[] = [];
  let outJs: Float32Array = new Float32Array(0);
  for (let i = 0; i < jsIterations; i++) {
    const t0 = performance.now();
    outJs = js.run();
    jsTimes.push(performance.now() - t0);
  }
  js.cleanup();
  return {
    wasm: median(times.wasm), tfjsWasm: median(times.tfjs), js: median(jsTimes),
    diffTfjs: maxDiff(outWasm, outTfjs), diffJs: maxDiff(outWasm, outJs),
  };
}

Object.assign(globalThis, { benchCpuOp });
