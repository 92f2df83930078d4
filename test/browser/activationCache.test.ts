// The preview computes only what the selected layer needs and what it has not computed before:
// the panel's pipeline and activation cache on WebGL2 in real Chromium, with a backend that
// counts the kernels it runs. Reports come from the real core on a small conv model.
import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { analyzeText } from '../../src/core/analyze';
import { toFileReport } from '../../src/core/reportJson';
import type { ModelReport } from '../../src/core/report';
import { bundleForBrowser } from './bundle';
import { launchChromium, openPage } from './chromium';
import { SAMPLES_DIR } from './panelHarness';
import type { CacheStep, CacheStepOutcome } from './pages/activationCache.page';

/** Six previewable layers, the first carrying inputShape itself (it reads the image). */
const SOURCE = (lastFilters: number) => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.conv2d({ inputShape: [32, 32, 3], filters: 8, kernelSize: 3, activation: 'relu' }));
model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
model.add(tf.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same' }));
model.add(tf.layers.batchNormalization());
model.add(tf.layers.activation({ activation: 'relu' }));
model.add(tf.layers.conv2d({ filters: ${lastFilters}, kernelSize: 3 }));
`;

function modelOf(source: string): ModelReport {
  return toFileReport(analyzeText(source, 'cache.ts'), 'cache.ts').models[0];
}

describe('preview activation cache (WebGL2, headless Chromium)', function () {
  this.timeout(180000);
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let backend: string;
  let outcomes: CacheStepOutcome[];

  // Layer 0 is Conv2D (image upload + conv), 1 pool, 2 conv, 3 BN, 4 activation, 5 conv.
  const steps: CacheStep[] = [
    { report: 0, layer: 3, image: 0, weights: 'seeded' }, // 0: cold: layers 0-3
    { report: 0, layer: 5, image: 0, weights: 'seeded' }, // 1: the next layers: 4-5 only
    { report: 0, layer: 3, image: 0, weights: 'seeded' }, // 2: back: nothing, not even a read-back
    { report: 1, layer: 3, image: 0, weights: 'seeded' }, // 3: a new report (cursor move): same layers, nothing
    { report: 1, layer: 5, image: 1, weights: 'seeded' }, // 4: a new image: everything again
    { report: 2, layer: 5, image: 1, weights: 'seeded' }, // 5: an edit of layer 5 only: layer 5 only
    { report: 2, layer: 5, image: 1, weights: 'classic' }, // 6: classic bank replaces layer 0's weights: all from 0
  ];

  before(async () => {
    const script = await bundleForBrowser('test/browser/pages/activationCache.page.ts');
    browser = await launchChromium();
    ({ page, pageErrors } = await openPage(browser));
    await page.addScriptTag({ content: script });
    // Report 1 is report 0 analysed again (new objects, same layers); report 2 edits the last conv.
    const reports = [modelOf(SOURCE(4)), modelOf(SOURCE(4)), modelOf(SOURCE(6))];
    assert.deepStrictEqual(reports[0].layers.map((l) => l.className), ['Conv2D', 'MaxPooling2D', 'Conv2D', 'BatchNormalization', 'Activation', 'Conv2D']);
    const images = ['chelsea.png', 'coffee.png'].map((n) => readFileSync(path.join(SAMPLES_DIR, n)).toString('base64'));
    ({ backend, outcomes } = await page.evaluate(
      ([r, i, s]) => (globalThis as unknown as { cacheProbe(r: string, i: string[], s: CacheStep[]): Promise<{ backend: string; outcomes: CacheStepOutcome[] }> }).cacheProbe(r, i, s),
      [JSON.stringify(reports), images, steps] as const,
    ));
  });

  after(async () => {
    await browser?.close();
  });

  it('runs on WebGL2', () => {
    assert.strictEqual(backend, 'webgl2');
    assert.deepStrictEqual(pageErrors, []);
  });

  it('computes the chain of the first selected layer, once: one upload and one kernel per layer', () => {
    assert.deepStrictEqual(outcomes[0].computed, [0, 1, 2, 3]);
    assert.strictEqual(outcomes[0].kernelCalls, 5);
    assert.strictEqual(outcomes[0].downloads, 1);
  });

  it('moving to a later layer computes only the layers in between', () => {
    assert.deepStrictEqual(outcomes[1].computed, [4, 5]);
    assert.strictEqual(outcomes[1].kernelCalls, 2);
  });

  it('going back to a layer shown before computes and reads back nothing', () => {
    assert.deepStrictEqual(outcomes[2].computed, []);
    assert.strictEqual(outcomes[2].kernelCalls, 0);
    assert.strictEqual(outcomes[2].downloads, 0);
  });

  it('a new report with the same layers (the cursor moved) reuses everything', () => {
    assert.deepStrictEqual(outcomes[3].computed, []);
    assert.strictEqual(outcomes[3].kernelCalls, 0);
  });

  it('a new image recomputes the whole chain, and drops what the old image made', () => {
    assert.deepStrictEqual(outcomes[4].computed, [0, 1, 2, 3, 4, 5]);
    assert.strictEqual(outcomes[4].kernelCalls, 7);
    assert.strictEqual(outcomes[4].cachedLayers, 6);
  });

  it('an edit recomputes from the edited layer on', () => {
    assert.deepStrictEqual(outcomes[5].computed, [5]);
    assert.strictEqual(outcomes[5].kernelCalls, 1);
  });

  it('weights that change a layer recompute it and what follows', () => {
    assert.deepStrictEqual(outcomes[6].computed, [0, 1, 2, 3, 4, 5]);
  });

  it('every cached result equals an uncached run of the same step', () => {
    for (const [i, o] of outcomes.entries()) assert.ok(o.maxAbsDiff === 0, `step ${i}: max |diff| ${o.maxAbsDiff}`);
  });
});
