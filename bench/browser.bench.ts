// Feature-map preview speed in headless Chromium (SwiftShader WebGL2): our WebGL2 kernels vs
// TF.js's WebGL backend on the same inputs and weights, in the same page, each timed from
// dispatch to read-back (median of 20 after warm-up). The last line is machine-read:
//   webgl speedup vs tfjs-webgl: <ratio>x   (ratio for the first case)

import * as path from 'path';
import { launchChromium, openPage } from '../test/browser/chromium';
import { bundleForBrowser } from '../test/browser/bundle';
import type { BenchSpec, FirstPreviewCase, FirstPreviewResult } from './browser/page';
import type { LayerMove } from './browser/layerMoves';
import type { WarmupMovesResult } from './browser/warmupMoves';
import { readFileSync } from 'fs';
import type { Page } from 'playwright-core';
import { analyzeText } from '../src/core/analyze';
import { toFileReport } from '../src/core/reportJson';
// The CPU fallback's section (WASM SIMD vs TF.js WASM), kept in its own file.
import { printCpuSection } from './browser/cpuSection';

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

/** Issue #12: the first preview of any conv of these models compiles in at most this long. */
const FIRST_PREVIEW_TARGET_MS = 300;

/**
 * Every distinct conv of examples/classic_cnn and of VGG16 (3×3, 'same' in VGG16), at its output
 * width in the model (on a 64×64 and a 224×224 input): the tile size, so the program, depends on it.
 */
const FIRST_PREVIEW_CASES: FirstPreviewCase[] = [
  { model: 'classic', inC: 3, outC: 32, k: 3, width: 62 },
  { model: 'classic', inC: 32, outC: 64, k: 3, width: 29 },
  ...([[3, 64, 224], [64, 64, 224], [64, 128, 112], [128, 128, 112], [128, 256, 56], [256, 256, 56], [256, 512, 28], [512, 512, 28]] as const)
    .map(([inC, outC, width]) => ({ model: 'VGG16', inC, outC, k: 3, width })),
];

/** Multiply-adds of a spec's convs (pools are free beside them), for GMAC/s. */
function macsOf(spec: BenchSpec): number {
  let [h, w, c] = spec.input;
  let macs = 0;
  for (const s of spec.steps) {
    if (s.kind === 'conv') {
      if (s.padding === 'valid') {
        h -= s.k - 1;
        w -= s.k - 1;
      }
      macs += h * w * s.k * s.k * c * s.filters;
      c = s.filters;
    } else {
      h = Math.floor(h / s.size);
      w = Math.floor(w / s.size);
    }
  }
  return macs;
}

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
    const peak = await page.evaluate(() => (globalThis as unknown as { measurePeakGmacs(): number }).measurePeakGmacs());
    console.log(`peak (trivial vec4 multiply-add shader, same WebGL2): ${peak.toFixed(2)} GMAC/s; "% peak" below is each side's GMAC/s over it\n`);
    const header = ['case', 'n', 'ours webgl2 (ms)', 'tfjs webgl (ms)', 'speedup', 'ours GMAC/s', '% peak', 'tfjs GMAC/s', '% peak', 'max |diff|'];
    const gmacs = (spec: BenchSpec, ms: number): number => macsOf(spec) / (ms * 1e6);
    const share = (g: number): string => `${((100 * g) / peak).toFixed(0)}%`;
    const table = rows.map(({ spec, r, iterations }) => [
      spec.name, String(iterations), r.ours.medianMs.toFixed(1), r.tfjs.medianMs.toFixed(1),
      `${(r.tfjs.medianMs / r.ours.medianMs).toFixed(2)}x`,
      gmacs(spec, r.ours.medianMs).toFixed(2), share(gmacs(spec, r.ours.medianMs)),
      gmacs(spec, r.tfjs.medianMs).toFixed(2), share(gmacs(spec, r.tfjs.medianMs)),
      r.maxAbsDiff < 0 ? 'shape differs' : r.maxAbsDiff.toExponential(1),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
    const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
    console.log(line(header));
    console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const row of table) console.log(line(row));
    await printFirstPreviews(page);
    await printWarmupMoves(page);
    await printLayerMoves(page);
    await printCpuSection(page, SPECS, { warmup: WARMUP, iterations: ITERATIONS, heavyWarmup: HEAVY_WARMUP, heavyIterations: HEAVY_ITERATIONS, macsOf });
    const first = rows[0]?.r;
    if (first) console.log(`\nwebgl speedup vs tfjs-webgl: ${(first.tfjs.medianMs / first.ours.medianMs).toFixed(2)}x`);
  } finally {
    await browser.close();
  }
}

/** One first-preview table: per conv, what its first call compiled and how long that took. */
async function printFirstPreviewTable(page: Page, inModelOrder: boolean, title: string): Promise<number> {
  const previews = await page.evaluate(
    ([cases, ordered]) => (globalThis as unknown as { firstPreviews(c: FirstPreviewCase[], o: boolean): FirstPreviewResult[] }).firstPreviews(cases, ordered),
    [FIRST_PREVIEW_CASES, inModelOrder] as const,
  );
  console.log(title);
  for (const p of previews) {
    const cost = p.compileMs + p.firstDrawMs;
    const verdict = cost <= FIRST_PREVIEW_TARGET_MS ? 'met' : 'NOT met';
    const draws = p.draws.length ? p.draws.map((d) => `${d.pass} ${d.ms.toFixed(0)}`).join(', ') : 'none new';
    console.log(`  ${`${p.model} ${p.inC}->${p.outC}`.padEnd(16)} compile ${p.compileMs.toFixed(0).padStart(4)} ms + first draws ${p.firstDrawMs.toFixed(0).padStart(4)} ms = ${cost.toFixed(0).padStart(4)} ms, ${p.programs} programs (${draws}); first-call extra ${p.firstExtraMs.toFixed(0).padStart(5)} ms  ${verdict}`);
  }
  return Math.max(...previews.map((p) => p.compileMs + p.firstDrawMs));
}

/**
 * The first-preview (compile) figures twice: each conv on a fresh backend (the worst case, a
 * conv whose programs nothing compiled before), and each model's convs in order on one backend,
 * as the panel meets them (a layer's first map computes its whole chain, so a later conv
 * compiles only the programs no earlier one shared).
 */
async function printFirstPreviews(page: Page): Promise<void> {
  const common = `16 rows at the conv's width: compile+link and the first draw of each new program (GPU waits around it; SwiftShader JIT-compiles there), and for reference the first call's extra time over the fastest of 3 warm calls (noisy for convs of thousands of passes) [target <= ${FIRST_PREVIEW_TARGET_MS} ms]`;
  const fresh = await printFirstPreviewTable(page, false, `\nfirst preview of each conv on a fresh backend, ${common}`);
  const ordered = await printFirstPreviewTable(page, true, `\nfirst preview of each conv in model order on one backend per model (as the panel computes a layer's chain), ${common}`);
  const verdict = (ms: number): string => (ms <= FIRST_PREVIEW_TARGET_MS ? 'met' : 'NOT met');
  console.log(`first-preview compile worst: ${ordered.toFixed(0)} ms in model order [target <= ${FIRST_PREVIEW_TARGET_MS} ms: ${verdict(ordered)}], ${fresh.toFixed(0)} ms on a fresh backend [${verdict(fresh)}]`);
}

/**
 * Issue #12's first preview as a user stepping through a model meets it: after the first map,
 * each conv's first preview, with the panel's idle warm-up of the other layers' programs and
 * without it (then every program a conv is the first to use is JIT-compiled while they wait).
 */
async function printWarmupMoves(page: Page): Promise<void> {
  if (process.env.BENCH_WARMUP === '0') return;
  const root = path.join(__dirname, '..');
  const png = readFileSync(path.join(root, 'media/samples/chelsea.png')).toString('base64');
  console.log(`\nfirst preview of each later conv after the first map, stepping through the model on a fresh backend, chelsea.png, seeded weights: without and with the idle warm-up of the model's programs (ms; programs compiled) [target <= ${FIRST_PREVIEW_TARGET_MS} ms of compiling]`);
  for (const fixture of ['classicCnn.ts', 'vgg16.ts']) {
    const file = path.join(root, 'test/fixtures/valid', fixture);
    const model = toFileReport(analyzeText(readFileSync(file, 'utf8'), file), fixture).models[0];
    const r = await page.evaluate(
      ([m, p]) => (globalThis as unknown as { warmupMoves(m: string, p: string): Promise<WarmupMovesResult> }).warmupMoves(m, p),
      [JSON.stringify(model), png] as const,
    );
    console.log(`  ${fixture}: first map (layer ${r.firstLayer}) ${r.firstMapMs.toFixed(0)} ms; warm-up ${r.warmupMs.toFixed(0)} ms for ${r.warmedLayers} layers`);
    for (const m of r.moves) {
      console.log(`    -> ${`${m.layer} ${model.layers[m.layer].className ?? '?'}`.padEnd(12)} without ${m.coldMs.toFixed(0).padStart(6)} ms (${m.coldPrograms} programs), with ${m.warmedMs.toFixed(0).padStart(6)} ms (${m.warmedPrograms} programs)`);
    }
  }
}

/** Issue #12: moving the preview to the next layer costs only that layer (the activation cache). */
const MOVE_CASES: Array<{ fixture: string; moves: [number, number][]; heavy: boolean }> = [
  { fixture: 'classicCnn.ts', moves: [[0, 1], [1, 2], [2, 3]], heavy: false },
  { fixture: 'vgg16.ts', moves: [[0, 1], [1, 2], [2, 3]], heavy: true },
];

async function printLayerMoves(page: Page): Promise<void> {
  if (process.env.BENCH_MOVES === '0') return;
  const root = path.join(__dirname, '..');
  const png = readFileSync(path.join(root, 'media/samples/chelsea.png')).toString('base64');
  console.log('\nmoving the preview to the next layer (activation cache) vs that layer\'s first map (its whole chain), chelsea.png, seeded weights, programs compiled beforehand, median of n');
  for (const c of MOVE_CASES) {
    const file = path.join(root, 'test/fixtures/valid', c.fixture);
    const model = toFileReport(analyzeText(readFileSync(file, 'utf8'), file), c.fixture).models[0];
    const reps = c.heavy ? HEAVY_ITERATIONS : Math.min(ITERATIONS, 10);
    const moves = await page.evaluate(
      ([m, p, mv, n]) => (globalThis as unknown as { layerMoves(m: string, p: string, mv: [number, number][], n: number): Promise<LayerMove[]> }).layerMoves(m, p, mv, n),
      [JSON.stringify(model), png, c.moves, reps] as const,
    );
    for (const m of moves) {
      const name = (i: number) => `${i} ${model.layers[i].className ?? '?'}`;
      console.log(`  ${c.fixture.padEnd(14)} ${`${name(m.from)} -> ${name(m.to)}`.padEnd(30)} first map ${m.firstMs.toFixed(1).padStart(8)} ms, move ${m.moveMs.toFixed(1).padStart(8)} ms (${m.computed} layer computed): ${(m.firstMs / m.moveMs).toFixed(1)}x, n=${reps}`);
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
