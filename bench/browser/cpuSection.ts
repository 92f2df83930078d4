// The CPU section of `npm run bench:browser` (issue #12: "a CPU fallback that is no toy"): per
// case of the WebGL2 table, our WebAssembly SIMD path against TF.js's WASM backend (target:
// within 2×, i.e. TF.js time / ours ≥ 0.5), with the plain-JS reference and our WebGL2
// (SwiftShader) path in the same page for scale, and where WebGL2 is slower than our WASM.
// Set BENCH_CPU=0 to skip it. The page side is bench/browser/cpuPage.ts.

import { readFileSync } from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { bundleForBrowser } from '../../test/browser/bundle';
import { measureCpuOps, printCpuOps } from './cpuOpsSection';
import type { CpuBenchResult } from './cpuPage';
import type { BenchSpec } from './page';

/** Issue #12's target: our WASM within 2× of TF.js's WASM backend. */
const TARGET_RATIO = 0.5;
const TFJS_WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];

export interface CpuSectionOptions {
  readonly warmup: number;
  readonly iterations: number;
  readonly heavyWarmup: number;
  readonly heavyIterations: number;
  /** Counts multiply-adds of a spec, for GMAC/s. */
  readonly macsOf: (spec: BenchSpec) => number;
}

export async function printCpuSection(page: Page, specs: ReadonlyArray<BenchSpec & { heavy?: boolean }>, o: CpuSectionOptions): Promise<void> {
  if (process.env.BENCH_CPU === '0') return;
  const root = path.join(__dirname, '..', '..');
  const dist = path.join(root, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
  await page.addScriptTag({ path: path.join(dist, 'tf-backend-wasm.min.js') });
  await page.addScriptTag({ content: await bundleForBrowser('bench/browser/cpuPage.ts') });
  const files = Object.fromEntries(TFJS_WASM_FILES.map((f) => [f, readFileSync(path.join(dist, f)).toString('base64')]));
  const tf = await page.evaluate((f) => (globalThis as unknown as { useTfjsWasm(f: Record<string, string>): Promise<{ backend: string; simd: boolean; threads: boolean }> }).useTfjsWasm(f), files);
  if (tf.backend !== 'wasm' || !tf.simd || tf.threads) throw new Error(`TF.js wasm is not the single-threaded SIMD build: ${JSON.stringify(tf)}`);
  const rows: Array<{ spec: BenchSpec; n: number; jsN: number; r: CpuBenchResult }> = [];
  const only = process.env.BENCH_CASES?.split(',').map(Number);
  for (const spec of specs.filter((_, i) => !only || only.includes(i))) {
    const [warmup, n] = spec.heavy ? [o.heavyWarmup, o.heavyIterations] : [o.warmup, o.iterations];
    // The plain-JS reference is ~50× slower than WASM: a few runs, one for the heavy case (~20 s).
    const jsN = spec.heavy ? 1 : Math.min(n, 3);
    const r = await page.evaluate(
      ([s, w, it, jit]) => (globalThis as unknown as { benchCpu(s: BenchSpec, w: number, n: number, j: number): CpuBenchResult }).benchCpu(s, w, it, jit),
      [{ name: spec.name, input: spec.input, steps: spec.steps }, warmup, n, jsN] as const,
    );
    rows.push({ spec, n, jsN, r });
    console.log(`  done (cpu): ${spec.name}`);
  }
  // The single-layer rows (depthwise, average pooling, transposed conv) while TF.js is on wasm.
  const opRows = await measureCpuOps(page, o.warmup, o.iterations);
  await page.evaluate(() => (globalThis as unknown as { restoreTfjsBackend(): Promise<void> }).restoreTfjsBackend());

  console.log('\nCPU paths, same page, inputs and weights as above: ours = WebAssembly SIMD convs and pooling (webview/wasm/, single thread);');
  console.log('tfjs wasm = @tensorflow/tfjs-backend-wasm, single-threaded SIMD build (XNNPACK), tf.fused.conv2d; plain JS = our reference (webview/cpu/);');
  console.log(`webgl2 = our WebGL2 path on SwiftShader. Median of n after ${o.warmup} warm-up runs (heavy case: ${o.heavyWarmup}), ours/tfjs/webgl2 alternating; plain JS: median of its own n (no warm-up when 1).`);
  console.log(`"tfjs/ours" = TF.js WASM time / ours: target >= ${TARGET_RATIO} (ours within 2x); "webgl2/ours" > 1 = WebGL2 (SwiftShader) slower than our WASM.\n`);
  const header = ['case', 'n', 'ours wasm (ms)', 'tfjs wasm (ms)', 'tfjs/ours', 'target', 'plain JS (ms)', 'JS n', 'js/ours', 'webgl2 (ms)', 'webgl2/ours', 'ours GMAC/s', 'pool share', '|ours-tfjs|', '|ours-js|'];
  const fmtDiff = (d: number): string => (d < 0 ? 'shape differs' : d.toExponential(1));
  const table = rows.map(({ spec, n, jsN, r }) => [
    spec.name, String(n), r.wasm.toFixed(1), r.tfjsWasm.toFixed(1), (r.tfjsWasm / r.wasm).toFixed(2), r.tfjsWasm / r.wasm >= TARGET_RATIO ? 'met' : 'NOT met',
    r.js.toFixed(0), String(jsN), `${(r.js / r.wasm).toFixed(0)}x`, r.webgl.toFixed(1), (r.webgl / r.wasm).toFixed(2),
    (o.macsOf(spec) / (r.wasm * 1e6)).toFixed(2), `${(100 * r.wasmPoolShare).toFixed(1)}%`, fmtDiff(r.diffTfjs), fmtDiff(r.diffJs),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of table) console.log(line(row));
  const webglBackends = [...new Set(rows.map((r) => r.r.webglBackend))];
  if (webglBackends.some((b) => b !== 'webgl2')) console.log(`note: the WebGL2 column ran on ${webglBackends.join(', ')}`);
  const slower = rows.filter((r) => r.r.webgl > r.r.wasm).map((r) => `${r.spec.name} (${(r.r.webgl / r.r.wasm).toFixed(2)}x)`);
  console.log(`WebGL2 (SwiftShader) slower than our WASM SIMD on: ${slower.length ? slower.join('; ') : 'none of these cases'}`);
  const worst = Math.min(...rows.map((r) => r.r.tfjsWasm / r.r.wasm));
  console.log(`cpu: ours wasm vs tfjs-wasm worst ratio ${worst.toFixed(2)} [target >= ${TARGET_RATIO}: ${worst >= TARGET_RATIO ? 'met' : 'NOT met'}]`);
  printCpuOps(opRows);
}
