// Picks the preview backend: WebGL2 with float render targets when the webview has them, else
// the CPU reference with a reason the panel shows ("why is the preview slow?").

import { createCpuBackend } from '../cpu/cpuBackend';
import { WebGl2Backend, type WebGl2Options } from '../gl/glBackend';
import type { KernelBackend } from './types';

export interface BackendChoice {
  readonly backend: KernelBackend;
  /** Null when WebGL2 is in use; otherwise a sentence saying why the CPU was chosen. */
  readonly fallbackReason: string | null;
}

export interface CreateBackendOptions {
  /** Where the WebGL2 context comes from; tests pass one that returns null. */
  readonly createContext?: () => WebGL2RenderingContext | null;
  /** Skip WebGL2 on purpose (a user setting). */
  readonly forceCpu?: boolean;
  /** Tuning and measuring knobs of the WebGL2 backend (tests and benchmarks). */
  readonly webgl?: WebGl2Options;
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

export function createBackend(options: CreateBackendOptions = {}): BackendChoice {
  const cpu = (reason: string): BackendChoice => ({ backend: createCpuBackend(), fallbackReason: reason });
  if (options.forceCpu) return cpu('CPU preview selected in settings.');
  let gl: WebGL2RenderingContext | null;
  try {
    gl = (options.createContext ?? defaultContext)();
  } catch (err) {
    return cpu(`WebGL2 context creation failed (${message(err)}); using the CPU preview.`);
  }
  if (!gl) return cpu('WebGL2 is not available in this webview; using the slower CPU preview.');
  let backend: WebGl2Backend;
  try {
    backend = new WebGl2Backend(gl, options.webgl);
  } catch (err) {
    return cpu(`WebGL2 cannot render float32 textures (${message(err)}); using the slower CPU preview.`);
  }
  try {
    const problem = selfCheck(backend);
    if (problem) return cpu(`WebGL2 gave wrong results (${problem}); using the CPU preview.`);
  } catch (err) {
    return cpu(`WebGL2 self-check failed (${message(err)}); using the CPU preview.`);
  }
  return { backend, fallbackReason: null };
}
