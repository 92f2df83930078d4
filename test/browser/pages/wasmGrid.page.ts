// Runs inside Chromium: the geometry grids of test/unit/wasm/wasmGrid.ts (depthwise conv,
// transposed conv, average pooling) on the WebAssembly SIMD backend as bundled, against the
// plain-JS reference. A global for page.evaluate.

import { createCpuBackend } from '../../../webview/cpu/cpuBackend';
import { createWasmBackend } from '../../../webview/wasm/wasmBackend';
import { WASM_MODULES } from '../../../webview/wasm/wasmModules';
import { avgPoolGrid, depthwiseGrid, runGrid, transposeGrid, type GridReport } from '../../unit/wasm/wasmGrid';

export type WasmGridReports = Record<'depthwise' | 'transpose' | 'avgPool', GridReport>;

function runWasmGrids(tolerance: number): WasmGridReports {
  const wasm = createWasmBackend(WASM_MODULES);
  const cpu = createCpuBackend();
  return {
    depthwise: runGrid(wasm, cpu, depthwiseGrid(), tolerance),
    transpose: runGrid(wasm, cpu, transposeGrid(), tolerance),
    avgPool: runGrid(wasm, cpu, avgPoolGrid(), tolerance),
  };
}

Object.assign(globalThis, { runWasmGrids });
