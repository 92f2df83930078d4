// The panel's idle warm-up of the other layers' GPU programs (webview/panel/programWarmup.ts),
// on WebGL2 in real Chromium, on a report from the real core: after it, no later preview
// compiles a program, and every map equals a never-warmed backend's.
import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import type { Browser } from 'playwright-core';
import { analyzeText } from '../../src/core/analyze';
import { toFileReport } from '../../src/core/reportJson';
import { bundleForBrowser } from './bundle';
import { launchChromium, openPage } from './chromium';
import { SAMPLES_DIR } from './panelHarness';
import type { WarmupProbe } from './pages/programWarmup.page';

// A small inline-weight first conv, tiled 'same' convs of two widths, pooling, batch norm, an
// activation, a depthwise conv, and a flat tail (not previewable, so not warmed).
const SOURCE = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.conv2d({ inputShape: [40, 40, 3], filters: 8, kernelSize: 3, activation: 'relu' }));
model.add(tf.layers.conv2d({ filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' }));
model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
model.add(tf.layers.conv2d({ filters: 24, kernelSize: 3, padding: 'same' }));
model.add(tf.layers.batchNormalization());
model.add(tf.layers.activation({ activation: 'relu' }));
model.add(tf.layers.depthwiseConv2d({ kernelSize: 3, padding: 'same' }));
model.add(tf.layers.flatten());
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
`;

describe('idle warm-up of the preview programs (WebGL2, headless Chromium)', function () {
  this.timeout(180000);
  let browser: Browser;
  let probe: WarmupProbe;
  let pageErrors: string[];

  before(async () => {
    const model = toFileReport(analyzeText(SOURCE, 'warm.ts'), 'warm.ts').models[0];
    assert.deepStrictEqual(model.layers.map((l) => l.className), ['Conv2D', 'Conv2D', 'MaxPooling2D', 'Conv2D', 'BatchNormalization', 'Activation', 'DepthwiseConv2D', 'Flatten', 'Dense']);
    const script = await bundleForBrowser('test/browser/pages/programWarmup.page.ts');
    browser = await launchChromium();
    let page;
    ({ page, pageErrors } = await openPage(browser));
    await page.addScriptTag({ content: script });
    const png = readFileSync(path.join(SAMPLES_DIR, 'chelsea.png')).toString('base64');
    probe = await page.evaluate(([m, p]) => (globalThis as unknown as { warmupProbe(m: string, p: string): Promise<WarmupProbe> }).warmupProbe(m, p), [JSON.stringify(model), png] as const);
  });

  after(async () => {
    await browser?.close();
  });

  it('warms every layer a feature map can need, not the flat tail', () => {
    assert.strictEqual(probe.backend, 'webgl2');
    assert.deepStrictEqual(pageErrors, []);
    assert.deepStrictEqual(probe.toWarm, [0, 1, 2, 3, 4, 5, 6]);
    assert.deepStrictEqual(probe.outcome, { warmed: [0, 1, 2, 3, 4, 5, 6], failed: [], finished: true });
  });

  it('compiles the programs the first map did not need, and frees every tensor it made', () => {
    assert.ok(probe.firstMapPrograms > 0, 'the first map compiled its own programs');
    assert.ok(probe.warmupPrograms > 0, 'the warm-up compiled the other layers\' programs');
    assert.strictEqual(probe.leaked, 0);
  });

  it('leaves no program for a later preview to compile, and changes no map', () => {
    assert.deepStrictEqual(probe.after.map((a) => a.layer), [1, 2, 3, 4, 5, 6]);
    for (const a of probe.after) {
      assert.strictEqual(a.programs, 0, `layer ${a.layer} compiled ${a.programs} programs after the warm-up`);
      assert.ok(a.maxAbsDiff >= 0 && a.maxAbsDiff <= 1e-6, `layer ${a.layer}: maps differ from a never-warmed backend's by ${a.maxAbsDiff}`);
    }
  });

  it('stops when told, freeing what it made', () => {
    assert.deepStrictEqual(probe.stopped, { warmed: [0], failed: [], finished: false });
    assert.strictEqual(probe.stoppedLeaked, 0);
  });

  it('does nothing on the CPU backend (it compiles nothing)', () => {
    assert.strictEqual(probe.cpuOutcome, undefined);
  });

  it('restarts only when the layers change, stopping the warm-up it replaces', () => {
    assert.ok(probe.sameKeysReused);
    assert.strictEqual(probe.replacedFinished, false);
    assert.strictEqual(probe.replacementFinished, true);
  });

  it('waits for what it is told to wait for (the diagram) before compiling anything', () => {
    assert.strictEqual(probe.compiledWhileGated, 0);
    assert.ok(probe.compiledAfterGate > 0);
    assert.strictEqual(probe.gatedFinished, true);
  });
});
