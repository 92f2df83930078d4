// The CPU section's single-layer rows (bench/browser/cpuSection.ts): the ops besides conv2d that
// have WebAssembly SIMD kernels of their own (depthwise conv, average pooling, transposed conv),
// ours against TF.js's WASM backend (issue #12: within 2×), and the plain-JS reference, which is
// what our WASM backend ran for them before ("before" columns). Measured while the section has
// TF.js on its WASM backend; the page side is bench/browser/cpuOpsPage.ts.
// BENCH_CPU_OPS=0,2 picks rows by index; BENCH_CPU_OPS=-1 skips them.

import type { Page } from 'playwright-core';
import type { CpuOpResult, CpuOpSpec } from './cpuOpsPage';

const TARGET_RATIO = 0.5;

const CPU_OPS: CpuOpSpec[] = [
  { op: 'depthwise', name: 'depthwise [1,112,112,32] 3x3 s1 same relu', input: [112, 112, 32], k: 3, stride: 1, mult: 1, padding: 'same', activation: 'relu' },
  { op: 'depthwise', name: 'depthwise [1,112,112,64] 3x3 s2 same relu', input: [112, 112, 64], k: 3, stride: 2, mult: 1, padding: 'same', activation: 'relu' },
  { op: 'avgPool', name: 'avgPool [1,56,56,64] 2x2 s2 valid', input: [56, 56, 64], size: 2, stride: 2, padding: 'valid' },
  { op: 'avgPool', name: 'avgPool [1,28,28,192] 3x3 s1 same', input: [28, 28, 192], size: 3, stride: 1, padding: 'same' },
  { op: 'transpose', name: 'conv2dTranspose [1,28,28,64] 3x3 s2 same ->32', input: [28, 28, 64], k: 3, stride: 2, filters: 32, padding: 'same' },
];

export interface CpuOpRow { readonly spec: CpuOpSpec; readonly n: number; readonly jsN: number; readonly r: CpuOpResult }

export async function measureCpuOps(page: Page, warmup: number, iterations: number): Promise<CpuOpRow[]> {
  const only = process.env.BENCH_CPU_OPS?.split(',').map(Number);
  const rows: CpuOpRow[] = [];
  const jsN = Math.min(iterations, 3);
  for (const spec of CPU_OPS.filter((_, i) => !only || only.includes(i))) {
    const r = await page.evaluate(
      ([s, w, n, j]) => (globalThis as unknown as { benchCpuOp(s: CpuOpSpec, w: number, n: number, j: number): CpuOpResult }).benchCpuOp(s, w, n, j),
      [spec, warmup, iterations, jsN] as const,
    );
    rows.push({ spec, n: iterations, jsN, r });
    console.log(`  done (cpu op): ${spec.name}`);
  }
  return rows;
}

export function printCpuOps(rows: readonly CpuOpRow[]): void {
  if (rows.length === 0) return;
  console.log('\nCPU single layers, same page: ours = WebAssembly SIMD (depthwiseConv2d.wat, avgPool2d.wat; the transposed conv runs conv2d.wat per stride phase);');
  console.log('tfjs wasm = tf.fused.depthwiseConv2d / tf.avgPool / tf.conv2dTranspose on @tensorflow/tfjs-backend-wasm (single-threaded SIMD);');
  console.log('before = the plain-JS reference, what our WASM backend ran for these ops before. Median of n after the warm-up (JS: its own n, warmed once).\n');
  const header = ['case', 'n', 'ours wasm (ms)', 'tfjs wasm (ms)', 'tfjs/ours', 'target', 'before: JS (ms)', 'JS n', 'tfjs/JS', 'target', '|ours-tfjs|', '|ours-js|'];
  const verdict = (ratio: number): string => (ratio >= TARGET_RATIO ? 'met' : 'NOT met');
  const fmtDiff = (d: number): string => (d < 0 ? 'shape differs' : d.toExponential(1));
  const table = rows.map(({ spec, n, jsN, r }) => [
    spec.name, String(n), r.wasm.toFixed(2), r.tfjsWasm.toFixed(2), (r.tfjsWasm / r.wasm).toFixed(2), verdict(r.tfjsWasm / r.wasm),
    r.js.toFixed(1), String(jsN), (r.tfjsWasm / r.js).toFixed(3), verdict(r.tfjsWasm / r.js), fmtDiff(r.diffTfjs), fmtDiff(r.diffJs),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of table) console.log(line(row));
  const worst = Math.min(...rows.map((r) => r.r.tfjsWasm / r.r.wasm));
  console.log(`cpu ops: ours wasm vs tfjs-wasm worst ratio ${worst.toFixed(2)} [target >= ${TARGET_RATIO}: ${worst >= TARGET_RATIO ? 'met' : 'NOT met'}]`);
}
