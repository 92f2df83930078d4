// Picks the preview backend: WebGL2 with float render targets when the webview has them, else
// the CPU, with a reason the panel shows ("why is the preview slow?"). On the CPU, convs run in
// WebAssembly SIMD where the engine validates and compiles it (the webview's CSP allows
// 'wasm-unsafe-eval' for this), else on the plain-JS reference; the reason says which and why.

import { createCpuBackend } from '../cpu/cpuBackend';
import { WebGl2Backend, type WebGl2Options } from '../gl/glBackend';
import { createWasmBackend, wasmSimdProblem, type WasmModuleBytes } from '../wasm/wasmBackend';
import { WASM_MODULES } from '../wasm/wasmModules';
import type { KernelBackend } from './types';

export interface BackendChoice {
  readonly backend: KernelBackend;
  /** Null when WebGL2 is in use; otherwise a sentence saying why the CPU was chosen. */
  readonly fallbackReason: string | null;
}

/**
 * The `shapelens.preview.backend` setting: 'webgl' uses WebGL2 whenever it works; 'cpu' never;
 * 'auto' is 'webgl' except where WebGL2 renders in software (SwiftShader, llvmpipe: no GPU),
 * where the WebAssembly SIMD path measured 3–18× faster (README, `npm run bench:browser`).
 */
export type PreviewBackendSetting = 'auto' | 'webgl' | 'cpu';

export interface CreateBackendOptions {
  /** Where the WebGL2 context comes from; tests pass one that returns null. */
  readonly createContext?: () => WebGL2RenderingContext | null;
  /** Skip WebGL2 on purpose (a user setting). */
  readonly forceCpu?: boolean;
  /** The user's choice; absent means 'webgl' (kernel tests and benchmarks measure WebGL2). */
  readonly setting?: PreviewBackendSetting;
  /** Tuning and measuring knobs of the WebGL2 backend (tests and benchmarks). */
  readonly webgl?: WebGl2Options;
  /** The CPU path's WebAssembly modules; tests pass broken ones to reach the plain-JS path. */
  readonly wasm?: WasmModuleBytes;
}

function defaultContext(): WebGL2RenderingContext | null {
  if (typeof document === 'undefined') return null;
  const canvas = document.createElement('canvas');
  return canvas.getContext('webgl2', { antialias: false, depth: false, stencil: false, premultipliedAlpha: false, preserveDrawingBuffer: false });
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * A tiny end-to-end check: some drivers expose the extension yet render floats wrongly, so we
 * run a 1×1 conv with a negative value and a relu and read it back before trusting the GPU.
 */
function selfCheck(backend: KernelBackend): string | null {
  const x = backend.upload({ height: 1, width: 2, channels: 1, data: Float32Array.from([1.5, -2.25]) });
  const y = backend.conv2d(x, {
    kernel: Float32Array.from([2]), kernelSize: [1, 1], inChannels: 1, outChannels: 1, bias: Float32Array.from([0.25]),
    strides: [1, 1], padding: 'valid', dilation: [1, 1], activation: 'relu',
  });
  const got = backend.download(y).data;
  backend.dispose(x);
  backend.dispose(y);
  return got[0] === 3.25 && got[1] === 0 ? null : `float self-check read back [${Array.from(got).join(', ')}] instead of [3.25, 0]`;
}

/**
 * The CPU backend, and the end of the fallback sentence: WebAssembly SIMD when it validates,
 * compiles and passes the same self-check as WebGL2, else the plain-JS reference and why.
 */
function cpuBackend(modules: WasmModuleBytes): { backend: KernelBackend; path: string } {
  let problem = wasmSimdProblem(modules);
  if (problem === null) {
    try {
      const backend = createWasmBackend(modules);
      problem = selfCheck(backend);
      if (problem === null) return { backend, path: 'using the CPU preview (WebAssembly SIMD).' };
    } catch (err) {
      problem = `it failed to start: ${message(err)}`;
    }
  }
  return { backend: createCpuBackend(), path: `using the slower plain-JavaScript CPU preview (WebAssembly SIMD: ${problem}).` };
}

/** The renderer's name when the browser tells it and it is a software rasterizer. */
export function softwareRenderer(gl: WebGL2RenderingContext): string | null {
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  const m = /SwiftShader|llvmpipe|softpipe|Software Rasterizer|Microsoft Basic Render/i.exec(name);
  return m ? m[0] : null;
}

export function createBackend(options: CreateBackendOptions = {}): BackendChoice {
  const cpu = (why: string): BackendChoice => {
    const { backend, path } = cpuBackend(options.wasm ?? WASM_MODULES);
    return { backend, fallbackReason: `${why}; ${path}` };
  };
  if (options.forceCpu || options.setting === 'cpu') return cpu('CPU preview selected in settings');
  let gl: WebGL2RenderingContext | null;
  try {
    gl = (options.createContext ?? defaultContext)();
  } catch (err) {
    return cpu(`WebGL2 context creation failed (${message(err)})`);
  }
  if (!gl) return cpu('WebGL2 is not available in this webview');
  const software = options.setting === 'auto' ? softwareRenderer(gl) : null;
  if (software) {
    // Only when the fast CPU path really runs: the plain-JS reference is slower than software WebGL2.
    const fast = cpuBackend(options.wasm ?? WASM_MODULES);
    if (fast.backend.name === 'wasm-simd') {
      return { backend: fast.backend, fallbackReason: `WebGL2 renders in software here (${software}, no GPU), where the CPU is faster; ${fast.path}` };
    }
  }
  let backend: WebGl2Backend;
  try {
    backend = new WebGl2Backend(gl, options.webgl);
  } catch (err) {
    return cpu(`WebGL2 cannot render float32 textures (${message(err)})`);
  }
  try {
    const problem = selfCheck(backend);
    if (problem) return cpu(`WebGL2 gave wrong results (${problem})`);
  } catch (err) {
    return cpu(`WebGL2 self-check failed (${message(err)})`);
  }
  return { backend, fallbackReason: null };
}
