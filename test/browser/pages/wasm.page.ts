// Runs inside Chromium: the WebAssembly SIMD backend (as bundled, the modules embedded by
// scripts/watPlugin.js) against the plain-JS reference on the whole kernel matrix, and the
// backend choice when WebGL2 is missing with and without usable SIMD. Globals for page.evaluate.

import { createCpuBackend } from '../../../webview/cpu/cpuBackend';
import { createBackend } from '../../../webview/kernels/createBackend';
import { createWasmBackend } from '../../../webview/wasm/wasmBackend';
import { WASM_MODULES } from '../../../webview/wasm/wasmModules';
import { allKernelCases, compareTensors, runCase } from '../kernelCases';
import type { CaseOutcome } from './kernels.page';

export interface WasmMatrixReport {
  readonly backend: string;
  /** Size of each bundled module, by name. */
  readonly moduleBytes: Record<string, number>;
  readonly outcomes: CaseOutcome[];
}

function runWasmMatrix(): WasmMatrixReport {
  const wasm = createWasmBackend(WASM_MODULES);
  const cpu = createCpuBackend();
  const outcomes: CaseOutcome[] = [];
  for (const c of allKernelCases()) {
    try {
      const cmp = compareTensors(runCase(wasm, c), runCase(cpu, c));
      outcomes.push({ name: c.name, ...cmp, maxAbsDiff: Number.isFinite(cmp.maxAbsDiff) ? cmp.maxAbsDiff : -1, error: null });
    } catch (err) {
      outcomes.push({ name: c.name, shapeMatches: false, maxAbsDiff: -1, detail: '', error: err instanceof Error ? err.message : String(err) });
    }
  }
  const moduleBytes: Record<string, number> = {};
  for (const [name, bytes] of Object.entries(WASM_MODULES)) moduleBytes[name] = bytes.length;
  return { backend: wasm.name, moduleBytes, outcomes };
}

type Choice = { backend: string; fallbackReason: string | null };

function choiceWithoutWebGl(): Choice {
  const choice = createBackend({ createContext: () => null });
  return { backend: choice.backend.name, fallbackReason: choice.fallbackReason };
}

/** The same, with a SIMD probe that cannot validate: the engine "has no SIMD". */
function choiceWithoutSimd(): Choice {
  const broken = Uint8Array.from([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 0xff]);
  const choice = createBackend({ createContext: () => null, wasm: { ...WASM_MODULES, simdProbe: broken } });
  return { backend: choice.backend.name, fallbackReason: choice.fallbackReason };
}

/** A conv module that validates but is not ours (no conv2d export): compiling "fails". */
function choiceWithBrokenModule(): Choice {
  const choice = createBackend({ forceCpu: true, wasm: { ...WASM_MODULES, conv2d: WASM_MODULES.simdProbe } });
  return { backend: choice.backend.name, fallbackReason: choice.fallbackReason };
}

function forcedCpuChoice(): Choice {
  const choice = createBackend({ forceCpu: true });
  return { backend: choice.backend.name, fallbackReason: choice.fallbackReason };
}

/** The user setting 'auto' on this browser's own WebGL2 (SwiftShader in headless Chromium). */
function autoChoice(): Choice {
  const choice = createBackend({ setting: 'auto' });
  return { backend: choice.backend.name, fallbackReason: choice.fallbackReason };
}

/** 'auto' where the fast CPU path cannot start: software WebGL2 still beats plain JavaScript. */
function autoChoiceWithoutSimd(): Choice {
  const broken = Uint8Array.from([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 0xff]);
  const choice = createBackend({ setting: 'auto', wasm: { ...WASM_MODULES, simdProbe: broken } });
  return { backend: choice.backend.name, fallbackReason: choice.fallbackReason };
}

function webglSettingChoice(): Choice {
  const choice = createBackend({ setting: 'webgl' });
  return { backend: choice.backend.name, fallbackReason: choice.fallbackReason };
}

Object.assign(globalThis, { runWasmMatrix, choiceWithoutWebGl, choiceWithoutSimd, choiceWithBrokenModule, forcedCpuChoice, autoChoice, autoChoiceWithoutSimd, webglSettingChoice });
