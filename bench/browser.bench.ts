// Feature-map preview speed in headless Chromium (SwiftShader WebGL2): our WebGL2 kernels vs
// TF.js's WebGL backend on the same inputs and weights, in the same page, each timed from
// dispatch to read-back (median of 20 after warm-up). The last line is machine-read:
//   webgl speedup vs tfjs-webgl: <ratio>x   (ratio for the first case)

import * as path from 'path';
import { launchChromium, openPage } from '../test/browser/chromium';
import { bundleForBrowser } from '../test/browser/bundle';
import type { BenchSpec } from './browser/page';

const WARMUP = 3;
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20);
/**
 * VGG16's first two blocks are ~3.7 GMAC per image: seconds per run on SwiftShader, so 20
 * alternating runs of each side would take over ten minutes. That case uses fewer iterations and one warm-up
 * (printed in the table); the others use ITERATIONS.
 */
const HEAVY_ITERATIONS = Number(process.env.BENCH_HEAVY_ITERATIONS ?? 3);
const HEAVY_WARMUP = 1;

const conv = (filters: number, padding: 'same' | 'valid', bias = true) => ({ kind: 'conv', filters, k: 3, padding, bias, activation: 'relu' }) as const;
const pool = { kind: 'maxPool', size: 2 } as const;

const SPECS: Array<BenchSpec & { heavy?: boolean }> = [
  { name: '[1,256,256,3]×[3,3,3,32] same relu', input: [256, 256, 3], steps: [conv(32, 'same', false)] },
  { name: '64×64×3 conv32→pool→conv64→pool', input: [64, 64, 3], steps: [conv(32, 'valid'), pool, conv(64, 'valid'), pool] },
  { name: '224×224×3 VGG16 block1+block2', heavy: true, input: [224, 224, 3], steps: [conv(64, 'same'), conv(64, 'same'), pool, conv(128, 'same'), conv(128, 'same'), pool] },
];

type PairResult = {
  ours: { medianMs: number; backend: string; fallbackReason: string | null };
  tfjs: { medianMs: number; backend: string };
  maxAbsDiff: number;
};

async function main(): Promise<void> {
  const script = await bundleForBrowser('bench/browser/page.ts');
  const browser = await launchChromium();
  try {
    const { page, pageErrors } = await openPage(browser);
    await page.addScriptTag({ path: path.join(__dirname, '..', 'node_modules', '@tensorflow', 'tfjs', 'dist', 'tf.min.js') });
    await page.addScriptTag({ content: script });
    const rows: Array<{ spec: BenchSpec; r: PairResult; iterations: number }> = [];
    // BENCH_CASES=0,1 runs a subset (by index) while iterating; the default is all of them.
    const only = process.env.BENCH_CASES?.split(',').map(Number);
    for (const spec of SPECS.filter((_, i) => !only || only.includes(i))) {
      const r = await page.evaluate(
        ([s, w, n]) => (globalThis as unknown as { benchPair(s: BenchSpec, w: number, n: number): Promise<PairResult> }).benchPair(s, w, n),
        [{ name: spec.name, input: spec.input, steps: spec.steps }, spec.heavy ? HEAVY_WARMUP : WARMUP, spec.heavy ? HEAVY_ITERATIONS : ITERATIONS] as const,
      );
      if (r.ours.fallbackReason) throw new Error(`our kernels fell back to the CPU: ${r.ours.fallbackReason}`);
      if (r.tfjs.backend !== 'webgl') throw new Error(`TF.js ran on ${r.tfjs.backend}, not webgl`);
      rows.push({ spec, r, iterations: spec.heavy ? HEAVY_ITERATIONS : ITERATIONS });
      console.log(`  done: ${spec.name}`);
    }
    if (pageErrors.length) console.log(`page errors: ${pageErrors.join(' | ')}`);
    console.log(`\nheadless Chromium, SwiftShader WebGL2; median of n runs after ${WARMUP} warm-up runs (heavy case: ${HEAVY_WARMUP}), ours and TF.js alternating, timed to read-back\n`);
    const header = ['case', 'n', 'ours webgl2 (ms)', 'tfjs webgl (ms)', 'speedup', 'max |diff|'];
    const table = rows.map(({ spec, r, iterations }) => [
      spec.name, String(iterations), r.ours.medianMs.toFixed(1), r.tfjs.medianMs.toFixed(1),
      `${(r.tfjs.medianMs / r.ours.medianMs).toFixed(2)}x`, r.maxAbsDiff < 0 ? 'shape differs' : r.maxAbsDiff.toExponential(1),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
    const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
    console.log(line(header));
    console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const row of table) console.log(line(row));
    const first = rows[0].r;
    console.log(`\nwebgl speedup vs tfjs-webgl: ${(first.tfjs.medianMs / first.ours.medianMs).toFixed(2)}x`);
  } finally {
    await browser.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
