// The WebAssembly SIMD CPU path in real headless Chromium against the plain-JS reference (which
// test/oracle/cpu-kernels.test.ts holds to TF.js) on every case of the kernel matrix, and on the
// geometry grids of the depthwise conv, transposed conv and average pooling
// (test/unit/wasm/wasmGrid.ts), with the modules as the bundle embeds them. test/unit/wasm/
// runs the same matrix and grids in Node.

import * as assert from 'assert';
import type { Browser } from 'playwright-core';
import { launchChromium, openPage } from './chromium';
import { bundleForBrowser } from './bundle';
import { allKernelCases } from './kernelCases';
import type { WasmMatrixReport } from './pages/wasm.page';
import type { WasmGridReports } from './pages/wasmGrid.page';

const TOLERANCE = 1e-4;

describe('WebAssembly SIMD kernels equal the CPU reference (headless Chromium)', function () {
  this.timeout(180000);
  let browser: Browser;
  let pageErrors: string[];
  let report: WasmMatrixReport;
  let grids: WasmGridReports;

  before(async () => {
    const script = await bundleForBrowser('test/browser/pages/wasm.page.ts');
    browser = await launchChromium();
    const opened = await openPage(browser);
    pageErrors = opened.pageErrors;
    await opened.page.addScriptTag({ content: script });
    report = await opened.page.evaluate(() => (globalThis as unknown as { runWasmMatrix(): WasmMatrixReport }).runWasmMatrix());
    await opened.page.addScriptTag({ content: await bundleForBrowser('test/browser/pages/wasmGrid.page.ts') });
    grids = await opened.page.evaluate((t) => (globalThis as unknown as { runWasmGrids(t: number): WasmGridReports }).runWasmGrids(t), TOLERANCE);
  });

  after(async () => {
    await browser?.close();
  });

  it('runs the bundled modules (each small enough for a synchronous main-thread compile)', () => {
    assert.strictEqual(report.backend, 'wasm-simd');
    assert.deepStrictEqual(Object.keys(report.moduleBytes).sort(), ['avgPool2d', 'conv2d', 'depthwiseConv2d', 'maxPool2d', 'simdProbe']);
    for (const [name, n] of Object.entries(report.moduleBytes)) assert.ok(n > 0 && n < 4096, `${name}: ${n} bytes`);
    assert.deepStrictEqual(pageErrors, []);
  });

  it('covers every case of the matrix', () => {
    assert.deepStrictEqual(report.outcomes.map((o) => o.name), allKernelCases().map((c) => c.name));
  });

  for (const c of allKernelCases()) {
    it(c.name, () => {
      const o = report.outcomes.find((r) => r.name === c.name);
      assert.ok(o, 'case missing from the page report');
      assert.strictEqual(o.error, null, `threw in the page: ${o.error}`);
      assert.ok(o.shapeMatches, `shape: ${o.detail}`);
      assert.ok(o.maxAbsDiff >= 0 && o.maxAbsDiff <= TOLERANCE, `max |diff| ${o.maxAbsDiff} > ${TOLERANCE}: ${o.detail}`);
    });
  }

  // The sizes of test/unit/wasm/wasmGrid.test.ts: the grids ran whole, and mostly ran (not refused).
  for (const [name, minCases] of [['depthwise', 2000], ['transpose', 700], ['avgPool', 1700]] as const) {
    it(`${name}: every geometry of its grid`, () => {
      const r = grids[name];
      assert.deepStrictEqual(r.failures, [], `${r.failures.length}+ of ${r.cases} cases differ`);
      assert.ok(r.cases >= minCases, `only ${r.cases} cases`);
      assert.ok(r.refusedByBoth < r.cases / 4, `${r.refusedByBoth} of ${r.cases} refused by both`);
    });
  }
});
