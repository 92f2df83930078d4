// Runs inside Chromium: the whole kernel matrix on the WebGL2 backend and the CPU reference,
// reporting per case how far apart they are. Exposed as globals for page.evaluate.

import { createCpuBackend } from '../../../webview/cpu/cpuBackend';
import { createBackend } from '../../../webview/kernels/createBackend';
import { allKernelCases, compareTensors, runCase } from '../kernelCases';

export interface CaseOutcome {
  readonly name: string;
  readonly shapeMatches: boolean;
  readonly maxAbsDiff: number;
  readonly detail: string;
  readonly error: string | null;
}

export interface MatrixReport {
  readonly backend: string;
  readonly fallbackReason: string | null;
  readonly outcomes: CaseOutcome[];
  readonly programs: number;
}

function runKernelMatrix(): MatrixReport {
  const choice = createBackend();
  const cpu = createCpuBackend();
  const outcomes: CaseOutcome[] = [];
  for (const c of allKernelCases()) {
    try {
      const cmp = compareTensors(runCase(choice.backend, c), runCase(cpu, c));
      // JSON cannot carry Infinity; -1 marks "not comparable".
      outcomes.push({ name: c.name, ...cmp, maxAbsDiff: Number.isFinite(cmp.maxAbsDiff) ? cmp.maxAbsDiff : -1, error: null });
    } catch (err) {
      outcomes.push({ name: c.name, shapeMatches: false, maxAbsDiff: -1, detail: '', error: err instanceof Error ? err.message : String(err) });
    }
  }
  const programs = 'programCount' in choice.backend ? Number(choice.backend.programCount) : 0;
  return { backend: choice.backend.name, fallbackReason: choice.fallbackReason, outcomes, programs };
}

/** Runs the same conv twice and reports how many programs exist after each, to show caching. */
function programCacheProbe(): { afterFirst: number; afterSecond: number } {
  const { backend } = createBackend();
  const count = (): number => ('programCount' in backend ? Number(backend.programCount) : -1);
  const conv = (): void => {
    const x = backend.upload({ height: 4, width: 4, channels: 3, data: new Float32Array(48).fill(1) });
    const y = backend.conv2d(x, {
      kernel: new Float32Array(27 * 2).fill(0.5), kernelSize: [3, 3], inChannels: 3, outChannels: 2, bias: null,
      strides: [1, 1], padding: 'same', dilation: [1, 1], activation: 'relu',
    });
    backend.download(y);
    backend.dispose(x);
    backend.dispose(y);
  };
  conv();
  const afterFirst = count();
  conv();
  return { afterFirst, afterSecond: count() };
}

/**
 * Programs a sliced conv compiles: each conv on its own (same input size, so one padding
 * program between them) on a fresh backend, counted after each.
 */
function slicedProgramProbe(): { counts: number[] } {
  const { backend } = createBackend();
  const count = (): number => ('programCount' in backend ? Number(backend.programCount) : -1);
  const start = count();
  const counts = [[64, 64], [64, 128], [128, 128], [256, 64]].map(([inC, outC]) => {
    const x = backend.upload({ height: 6, width: 6, channels: inC, data: new Float32Array(36 * inC).fill(0.25) });
    const y = backend.conv2d(x, {
      kernel: new Float32Array(9 * inC * outC).fill(0.01), kernelSize: [3, 3], inChannels: inC, outChannels: outC, bias: null,
      strides: [1, 1], padding: 'same', dilation: [1, 1], activation: 'relu',
    });
    backend.download(y);
    backend.dispose(x);
    backend.dispose(y);
    return count() - start;
  });
  return { counts };
}

function fallbackWithoutContext(): { backend: string; fallbackReason: string | null } {
  const choice = createBackend({ createContext: () => null });
  return { backend: choice.backend.name, fallbackReason: choice.fallbackReason };
}

function defaultChoice(): { backend: string; fallbackReason: string | null } {
  const choice = createBackend();
  return { backend: choice.backend.name, fallbackReason: choice.fallbackReason };
}

function useAfterDispose(): string {
  const { backend } = createBackend();
  const x = backend.upload({ height: 1, width: 1, channels: 1, data: Float32Array.from([1]) });
  backend.dispose(x);
  try {
    backend.download(x);
    return 'no error';
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

Object.assign(globalThis, { runKernelMatrix, programCacheProbe, slicedProgramProbe, fallbackWithoutContext, defaultChoice, useAfterDispose });
