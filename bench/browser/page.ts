// Runs inside Chromium for bench/browser.bench.ts: the same conv stacks on our WebGL2 kernels
// and on TF.js's WebGL backend (tf.min.js, injected by the runner as a global `tf`), each timed
// from dispatch to read-back. Inputs and TF.js weights stay resident; our weights are packed and
// uploaded on every call, as the panel does, so that cost is counted on our side.

import { createBackend } from '../../webview/kernels/createBackend';
import { WebGl2Backend } from '../../webview/gl/glBackend';
import type { Activation, DeviceTensor, KernelBackend, Padding } from '../../webview/kernels/types';
import { median, seeded, weightsFor, type ConvWeights } from './benchInputs';
import { measurePeakGmacs } from './peak';
// Registers layerMoves (the activation cache's figures) on the page.
import './layerMoves';
// And warmupMoves (the idle warm-up's figures).
import './warmupMoves';

/** The part of the TF.js API the benchmark uses (the bundle is loaded as a plain script). */
interface TfTensor { dispose(): void; dataSync(): Float32Array }
interface Tf {
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  getBackend(): string;
  tensor4d(values: Float32Array, shape: number[]): TfTensor;
  tensor1d(values: Float32Array): TfTensor;
  conv2d(x: TfTensor, filter: TfTensor, strides: number, pad: Padding): TfTensor;
  add(a: TfTensor, b: TfTensor): TfTensor;
  relu(x: TfTensor): TfTensor;
  maxPool(x: TfTensor, size: number, strides: number, pad: Padding): TfTensor;
  tidy<T extends TfTensor>(fn: () => T): T;
}

type Step =
  | { readonly kind: 'conv'; readonly filters: number; readonly k: number; readonly padding: Padding; readonly bias: boolean; readonly activation: Activation }
  | { readonly kind: 'maxPool'; readonly size: number };

export interface BenchSpec { readonly name: string; readonly input: [number, number, number]; readonly steps: readonly Step[] }


interface Runner { readonly run: () => Float32Array; readonly cleanup: () => void }

let ours: KernelBackend | null = null;

function oursChain(backend: KernelBackend, spec: BenchSpec, x: DeviceTensor, weights: ConvWeights[]): Float32Array {
  let cur = x;
  let wi = 0;
  for (const s of spec.steps) {
    let next: DeviceTensor;
    if (s.kind === 'conv') {
      const w = weights[wi++];
      next = backend.conv2d(cur, {
        kernel: w.kernel, kernelSize: [s.k, s.k], inChannels: w.inC, outChannels: s.filters, bias: w.bias,
        strides: [1, 1], padding: s.padding, dilation: [1, 1], activation: s.activation,
      });
    } else {
      next = backend.pool2d(cur, { kind: 'max', poolSize: [s.size, s.size], strides: [s.size, s.size], padding: 'valid' });
    }
    if (cur !== x) backend.dispose(cur);
    cur = next;
  }
  const data = backend.download(cur).data;
  backend.dispose(cur);
  return data;
}

function oursRunner(spec: BenchSpec): Runner & { backend: string; fallbackReason: string | null } {
  const choice = ours ? { backend: ours, fallbackReason: null } : createBackend();
  const backend = choice.backend;
  ours = backend;
  const [h, w, c] = spec.input;
  const x = backend.upload({ height: h, width: w, channels: c, data: seeded(`${spec.name}/x`, h * w * c, 1) });
  const weights = weightsFor(spec);
  return {
    run: () => oursChain(backend, spec, x, weights),
    cleanup: () => backend.dispose(x),
    backend: backend.name,
    fallbackReason: choice.fallbackReason,
  };
}

async function tfjsRunner(spec: BenchSpec): Promise<Runner & { backend: string }> {
  const tf = (globalThis as unknown as { tf: Tf }).tf;
  await tf.setBackend('webgl');
  await tf.ready();
  const [h, w, c] = spec.input;
  const x = tf.tensor4d(seeded(`${spec.name}/x`, h * w * c, 1), [1, h, w, c]);
  const weights = weightsFor(spec);
  let wi = 0;
  const kernels = spec.steps.map((s) => {
    if (s.kind !== 'conv') return null;
    const wt = weights[wi++];
    return { k: tf.tensor4d(wt.kernel, [s.k, s.k, wt.inC, s.filters]), b: wt.bias ? tf.tensor1d(wt.bias) : null };
  });
  const run = (): Float32Array => {
    const y = tf.tidy(() => {
      let cur = x;
      spec.steps.forEach((s, i) => {
        if (s.kind === 'conv') {
          const kw = kernels[i];
          if (!kw) throw new Error('missing kernel');
          let z = tf.conv2d(cur, kw.k, 1, s.padding);
          if (kw.b) z = tf.add(z, kw.b);
          cur = s.activation === 'relu' ? tf.relu(z) : z;
        } else {
          cur = tf.maxPool(cur, s.size, s.size, 'valid');
        }
      });
      return cur;
    });
    const data = y.dataSync();
    y.dispose();
    return data;
  };
  const cleanup = (): void => {
    x.dispose();
    for (const k of kernels) {
      k?.k.dispose();
      k?.b?.dispose();
    }
  };
  return { run, cleanup, backend: tf.getBackend() };
}

/**
 * Runs both implementations on one spec. Iterations alternate ours / TF.js so that load from
 * other processes on the machine hits both sides alike; returns medians and the largest
 * difference between the two outputs.
 */
async function benchPair(spec: BenchSpec, warmup: number, iterations: number): Promise<{
  ours: { medianMs: number; backend: string; fallbackReason: string | null };
  tfjs: { medianMs: number; backend: string };
  maxAbsDiff: number;
}> {
  const a = oursRunner(spec);
  const b = await tfjsRunner(spec);
  for (let i = 0; i < warmup; i++) {
    a.run();
    b.run();
  }
  const timesA: number[] = [];
  const timesB: number[] = [];
  let outA: Float32Array = new Float32Array(0);
  let outB: Float32Array = new Float32Array(0);
  for (let i = 0; i < iterations; i++) {
    let t0 = performance.now();
    outA = a.run();
    timesA.push(performance.now() - t0);
    t0 = performance.now();
    outB = b.run();
    timesB.push(performance.now() - t0);
  }
  a.cleanup();
  b.cleanup();
  let diff = outA.length === outB.length ? 0 : -1;
  for (let i = 0; diff >= 0 && i < outA.length; i++) diff = Math.max(diff, Math.abs(outA[i] - outB[i]));
  return {
    ours: { medianMs: median(timesA), backend: a.backend, fallbackReason: a.fallbackReason },
    tfjs: { medianMs: median(timesB), backend: b.backend },
    maxAbsDiff: diff,
  };
}

Object.assign(globalThis, { benchPair });

/** One conv of a real model, for the first-preview (compile) figures. */
export interface FirstPreviewCase {
  readonly model: string; readonly inC: number; readonly outC: number; readonly k: number;
  /** The conv's output width in the model: the backend picks the tile size by it. */
  readonly width: number;
}

export interface FirstPreviewResult {
  readonly model: string; readonly inC: number; readonly outC: number;
  /** The first call on a fresh backend, minus the fastest of WARM_CALLS identical calls: what the first preview adds. */
  readonly firstExtraMs: number;
  /** Compiling and linking the programs it needed, as GlContext timed them. */
  readonly compileMs: number;
  /** The first draw of each new program, GPU waits around it: SwiftShader's JIT happens here. */
  readonly firstDrawMs: number;
  readonly programs: number;
  /** Each new program's first draw, by pass (pad, tile, untile, the one-pixel conv, or another op's). */
  readonly draws: ReadonlyArray<{ readonly pass: string; readonly ms: number }>;
}

/** Which pass a program is, told by what its source declares. */
function passKind(source: string): string {
  if (source.includes('uniform int slotX') && source.includes('uniform int partialPass')) return 'tile';
  if (source.includes('uniform sampler2DArray tiles')) return 'untile';
  if (source.includes('uniform int c0')) return 'conv';
  if (source.includes('bool inside')) return 'pad';
  return 'other';
}

/**
 * The height the compile figures run at: shaders do not depend on it, run time does. The width
 * is the conv's own (the tile size, so the program, depends on it).
 */
const FIRST_PREVIEW_SIZE = 16;
const WARM_CALLS = 3;

function convOnce(backend: KernelBackend, x: DeviceTensor, c: FirstPreviewCase, w: ConvWeights): number {
  const t0 = performance.now();
  const y = backend.conv2d(x, {
    kernel: w.kernel, kernelSize: [c.k, c.k], inChannels: c.inC, outChannels: c.outC, bias: w.bias,
    strides: [1, 1], padding: 'same', dilation: [1, 1], activation: 'relu',
  });
  backend.download(y);
  backend.dispose(y);
  return performance.now() - t0;
}

/**
 * Each conv's first call on a backend, as the panel's first preview of that layer meets it:
 * the extra time of the first call over warm ones, and the programs it had to compile.
 * `inModelOrder` false: each conv on a backend of its own (nothing compiled yet but the
 * self-check), the worst case. True: one backend per model, its convs in model order, as the
 * panel computes a layer's whole chain before it; a conv then compiles only the programs no
 * earlier conv of the model needed (a program is compiled once per geometry and kept).
 */
function firstPreviews(cases: readonly FirstPreviewCase[], inModelOrder: boolean): FirstPreviewResult[] {
  const backends = new Map<string, WebGl2Backend>();
  const backendFor = (model: string): WebGl2Backend => {
    const key = inModelOrder ? model : String(backends.size);
    const known = backends.get(key);
    if (known) return known;
    const { backend, fallbackReason } = createBackend({ webgl: { timeFirstDraws: true } });
    if (fallbackReason !== null || !(backend instanceof WebGl2Backend)) throw new Error(`no WebGL2 backend: ${fallbackReason ?? backend.name}`);
    backends.set(key, backend);
    return backend;
  };
  try {
    return cases.map((c) => {
      const backend = backendFor(c.model);
      const n = FIRST_PREVIEW_SIZE;
      const name = `${c.model}/${c.inC}->${c.outC}`;
      const fanIn = c.k * c.k * c.inC;
      const w: ConvWeights = { kernel: seeded(`${name}/k`, fanIn * c.outC, Math.sqrt(6 / (fanIn + c.k * c.k * c.outC))), bias: seeded(`${name}/b`, c.outC, 0.1), inC: c.inC };
      const x = backend.upload({ height: n, width: c.width, channels: c.inC, data: seeded(`${name}/x`, n * c.width * c.inC, 1) });
      const before = backend.compileStats;
      const first = convOnce(backend, x, c, w);
      const after = backend.compileStats;
      // The fastest of a few warm calls: other processes' load must not hide the first call's cost.
      const warm = Math.min(...Array.from({ length: WARM_CALLS }, () => convOnce(backend, x, c, w)));
      backend.dispose(x);
      return { model: c.model, inC: c.inC, outC: c.outC, firstExtraMs: first - warm, compileMs: after.ms - before.ms, firstDrawMs: after.firstDrawMs - before.firstDrawMs, programs: after.programs - before.programs,
        draws: after.firstDraws.slice(before.firstDraws.length).map((d) => ({ pass: passKind(d.source), ms: d.ms })),
      };
    });
  } finally {
    for (const b of backends.values()) b.release();
  }
}

Object.assign(globalThis, { firstPreviews, measurePeakGmacs });
