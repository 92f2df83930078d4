// The WebGL2 kernels in real headless Chromium (SwiftShader) against the CPU reference, which
// itself is held to TF.js by test/oracle/cpu-kernels.test.ts. The whole matrix runs in one page
// evaluation; each case then gets its own assertion here.

import * as assert from 'assert';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage } from './chromium';
import { bundleForBrowser } from './bundle';
import { allKernelCases } from './kernelCases';
import type { MatrixReport } from './pages/kernels.page';

const TOLERANCE = 1e-4;

describe('WebGL2 preview kernels equal the CPU reference (headless Chromium)', function () {
  this.timeout(180000);
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let report: MatrixReport;

  before(async () => {
    const script = await bundleForBrowser('test/browser/pages/kernels.page.ts');
    browser = await launchChromium();
    ({ page, pageErrors } = await openPage(browser));
    await page.addScriptTag({ content: script });
    report = await page.evaluate(() => (globalThis as unknown as { runKernelMatrix(): MatrixReport }).runKernelMatrix());
  });

  after(async () => {
    await browser?.close();
  });

  it('runs on WebGL2, not the fallback', () => {
    assert.strictEqual(report.fallbackReason, null);
    assert.strictEqual(report.backend, 'webgl2');
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

  it('compiles each shader configuration once', async () => {
    const r = await page.evaluate(() => (globalThis as unknown as { programCacheProbe(): { afterFirst: number; afterSecond: number } }).programCacheProbe());
    assert.ok(r.afterFirst > 0);
    assert.strictEqual(r.afterSecond, r.afterFirst);
  });

  it('compiles one program for all the slices of big convs, shared by convs of the same kernel geometry', async () => {
    const r = await page.evaluate(() => (globalThis as unknown as { slicedProgramProbe(): { counts: number[] } }).slicedProgramProbe());
    // The first conv: its 'same' padding, its tile program and its untile program; the others
    // reuse all three.
    assert.deepStrictEqual(r.counts, [3, 3, 3, 3]);
  });

  it('refuses a tensor after dispose', async () => {
    const msg = await page.evaluate(() => (globalThis as unknown as { useAfterDispose(): string }).useAfterDispose());
    assert.match(msg, /after dispose/);
  });
});
