// The panel must still preview (on the CPU) and say why when WebGL2 is missing: once with a
// context factory that yields nothing, once in a Chromium started with WebGL disabled. The CPU
// path is WebAssembly SIMD where it validates and compiles, else the plain-JS reference, and
// the reason names the one in use; the real panel, under its real CSP, previews on WASM.

import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Browser } from 'playwright-core';
import { analyzeText } from '../../src/core/analyze';
import { toFileReport } from '../../src/core/reportJson';
import { launchChromium, openPage } from './chromium';
import { bundleForBrowser } from './bundle';
import { MockVsCodeHost, SAMPLES_DIR } from './panelHarness';

type Choice = { backend: string; fallbackReason: string | null };
type ChoiceFn = 'fallbackWithoutContext' | 'defaultChoice' | 'choiceWithoutSimd' | 'choiceWithBrokenModule' | 'forcedCpuChoice' | 'autoChoice' | 'autoChoiceWithoutSimd' | 'webglSettingChoice';

async function choiceIn(browser: Browser, fn: ChoiceFn): Promise<Choice> {
  const page = fn === 'fallbackWithoutContext' || fn === 'defaultChoice' ? 'kernels' : 'wasm';
  const script = await bundleForBrowser(`test/browser/pages/${page}.page.ts`);
  const { page: p } = await openPage(browser);
  await p.addScriptTag({ content: script });
  return p.evaluate((name) => (globalThis as unknown as Record<string, () => Choice>)[name](), fn);
}

describe('backend fallback when WebGL2 is unavailable', function () {
  this.timeout(60000);
  let browser: Browser;

  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  it('falls back to the WebAssembly SIMD CPU path with a reason when the context factory returns null', async () => {
    const choice = await choiceIn(browser, 'fallbackWithoutContext');
    assert.strictEqual(choice.backend, 'wasm-simd');
    assert.strictEqual(choice.fallbackReason, 'WebGL2 is not available in this webview; using the CPU preview (WebAssembly SIMD).');
  });

  it('uses the plain-JS reference, and says why, where WebAssembly SIMD does not validate', async () => {
    const choice = await choiceIn(browser, 'choiceWithoutSimd');
    assert.strictEqual(choice.backend, 'cpu');
    assert.strictEqual(choice.fallbackReason, 'WebGL2 is not available in this webview; using the slower plain-JavaScript CPU preview (WebAssembly SIMD: this engine has no WebAssembly SIMD).');
  });

  it('uses the plain-JS reference, and says why, when the module does not start', async () => {
    const choice = await choiceIn(browser, 'choiceWithBrokenModule');
    assert.strictEqual(choice.backend, 'cpu');
    assert.match(choice.fallbackReason ?? '', /^CPU preview selected in settings; using the slower plain-JavaScript CPU preview \(WebAssembly SIMD: it failed to start: .*conv2d export/);
  });

  it('a forced CPU preview runs on WebAssembly SIMD', async () => {
    const choice = await choiceIn(browser, 'forcedCpuChoice');
    assert.deepStrictEqual(choice, { backend: 'wasm-simd', fallbackReason: 'CPU preview selected in settings; using the CPU preview (WebAssembly SIMD).' });
  });

  describe('the shapelens.preview.backend setting on software WebGL2 (SwiftShader here)', () => {
    it("'auto' picks the WebAssembly SIMD path and says WebGL2 renders in software", async () => {
      const choice = await choiceIn(browser, 'autoChoice');
      assert.strictEqual(choice.backend, 'wasm-simd');
      assert.strictEqual(choice.fallbackReason, 'WebGL2 renders in software here (SwiftShader, no GPU), where the CPU is faster; using the CPU preview (WebAssembly SIMD).');
    });

    it("'auto' keeps software WebGL2 when SIMD cannot run (plain JavaScript would be slower); 'webgl' always keeps it", async () => {
      assert.deepStrictEqual(await choiceIn(browser, 'autoChoiceWithoutSimd'), { backend: 'webgl2', fallbackReason: null });
      assert.deepStrictEqual(await choiceIn(browser, 'webglSettingChoice'), { backend: 'webgl2', fallbackReason: null });
    });

    it("the real panel with 'auto' previews on WebAssembly SIMD and says why; with 'webgl' on WebGL2", async () => {
      const root = path.resolve(__dirname, '../..');
      const file = path.join(root, 'test/fixtures/valid/classicCnn.ts');
      const report = toFileReport(analyzeText(readFileSync(file, 'utf8'), file), 'classicCnn.ts');
      const samples = [{ name: 'chelsea.png', uri: pathToFileURL(path.join(SAMPLES_DIR, 'chelsea.png')).href }];
      for (const [setting, expected] of [['auto', 'wasm-simd'], ['webgl', 'webgl2']] as const) {
        const host = await MockVsCodeHost.open(browser, undefined, setting);
        await host.send({ type: 'model', report, documentUri: 'file:///classicCnn.ts', selectedModel: 0, cursorLayer: null, samples, weights: [], origin: 'server' });
        await host.page.waitForSelector('.fmap-canvas', { timeout: 30000 });
        const seen = await host.page.evaluate(() => ({
          backend: (document.querySelector('.preview') as HTMLElement).dataset.backend,
          notices: Array.from(document.querySelectorAll('.message')).map((e) => e.textContent ?? ''),
        }));
        assert.strictEqual(seen.backend, expected, `${setting}: ${seen.notices.join(' | ')}`);
        const softwareNotice = seen.notices.some((t) => /renders in software here \(SwiftShader/.test(t));
        assert.strictEqual(softwareNotice, setting === 'auto', seen.notices.join(' | '));
        assert.deepStrictEqual(host.pageErrors, []);
        await host.page.close();
      }
    });
  });

  describe('in a browser started with --disable-webgl', () => {
    let noGl: Browser;
    before(async () => {
      noGl = await launchChromium(['--disable-webgl']);
    });
    after(async () => {
      await noGl?.close();
    });

    it('falls back to the WebAssembly SIMD CPU path with a reason', async () => {
      const choice = await choiceIn(noGl, 'defaultChoice');
      assert.strictEqual(choice.backend, 'wasm-simd');
      assert.match(choice.fallbackReason ?? '', /WebGL2.*; using the CPU preview \(WebAssembly SIMD\)\.$/);
    });

    it('the real panel, under its CSP, previews the first conv on WebAssembly SIMD and says so', async () => {
      const root = path.resolve(__dirname, '../..');
      const file = path.join(root, 'test/fixtures/valid/classicCnn.ts');
      const report = toFileReport(analyzeText(readFileSync(file, 'utf8'), file), 'classicCnn.ts');
      const host = await MockVsCodeHost.open(noGl);
      const samples = [{ name: 'chelsea.png', uri: pathToFileURL(path.join(SAMPLES_DIR, 'chelsea.png')).href }];
      await host.send({ type: 'model', report, documentUri: 'file:///classicCnn.ts', selectedModel: 0, cursorLayer: null, samples, weights: [], origin: 'server' });
      await host.page.waitForSelector('.fmap-canvas', { timeout: 30000 });
      const seen = await host.page.evaluate(() => ({
        backend: (document.querySelector('.preview') as HTMLElement).dataset.backend,
        maps: document.querySelectorAll('.fmap-canvas').length,
        notices: Array.from(document.querySelectorAll('.message')).map((e) => e.textContent ?? ''),
      }));
      assert.strictEqual(seen.backend, 'wasm-simd', `notices: ${seen.notices.join(' | ')}`);
      assert.strictEqual(seen.maps, report.models[0].layers[0].config.filters);
      assert.ok(seen.notices.some((t) => /CPU preview: .*WebGL2.*\(WebAssembly SIMD\)/.test(t)), seen.notices.join(' | '));
      assert.deepStrictEqual(host.cspViolations, []);
      assert.deepStrictEqual(host.pageErrors, []);
      await host.page.close();
    });
  });
});
