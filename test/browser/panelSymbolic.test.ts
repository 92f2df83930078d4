// The preview of a model whose input size is a symbol: the panel asks for a size per symbol,
// starts at the sample image's (free) size, and computes feature maps whose shape is the
// report's symbolic shape with that size substituted; a changed size recomputes. Real bundle,
// real Chromium, reports from the real core.
import * as assert from 'assert';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Browser } from 'playwright-core';
import { analyzeText } from '../../src/core/analyze';
import { toFileReport } from '../../src/core/reportJson';
import type { LayerReport } from '../../src/core/report';
import { evaluate } from '../../src/core/symbolic/expr';
import { parseExpr } from '../../src/core/symbolic/parse';
import { launchChromium } from './chromium';
import { MockVsCodeHost, SAMPLES_DIR } from './panelHarness';

const SOURCE = `import * as tf from '@tensorflow/tfjs';
export function build(IMG: number) {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ filters: 4, kernelSize: 3, inputShape: [IMG, IMG, 3], activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 6, kernelSize: 3 }));
  return model;
}
export function wide(H: number, W: number) {
  const input = tf.input({ shape: [H, W, 3] });
  const y = tf.layers.conv2d({ filters: 2, kernelSize: 5, strides: 2 }).apply(input) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: y });
}
`;

const report = toFileReport(analyzeText(SOURCE, 'sized.ts'), 'sized.ts');
const samples = ['chelsea.png'].map((name) => ({ name, uri: pathToFileURL(path.join(SAMPLES_DIR, name)).href }));
// chelsea.png is 451×300; an input of free size takes it at 224 on the long side.
const FREE = { height: Math.round((300 * 224) / 451), width: 224 };

/** The layer's symbolic output shape at the given sizes, batch dropped. */
function at(layer: LayerReport, values: Record<string, number>): number[] {
  const vals = new Map(Object.entries(values));
  return (layer.symbolicShape ?? []).slice(1).map((d) => {
    const e = typeof d === 'string' ? parseExpr(d) : null;
    const v = typeof d === 'number' ? d : e && evaluate(e, vals);
    assert.ok(typeof v === 'number', `${layer.name}: dim ${String(d)} evaluates`);
    return v;
  });
}

async function heading(host: MockVsCodeHost, layer: number): Promise<string> {
  await host.page.waitForSelector(`.preview-result[data-layer="${layer}"]`, { timeout: 30000 });
  return (await host.page.textContent('.preview-result h3')) ?? '';
}

describe('panel preview of a symbolic input (real bundle, real Chromium)', function () {
  this.timeout(120000);
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  it('previews at the sample image\'s size, then at a size the user enters, shapes as substituted', async () => {
    const model = report.models[0];
    const [conv1, , conv2] = model.layers;
    assert.deepStrictEqual(conv1.symbolicInputShape, [null, 'IMG', 'IMG', 3]);
    const host = await MockVsCodeHost.open(browser);
    await host.send({ type: 'model', report, documentUri: 'file:///sized.ts', selectedModel: 0, cursorLayer: null, samples, weights: [], origin: 'server' });

    // Out of the box: IMG is the shorter side of the image as a free-size input.
    const first = await heading(host, conv1.index);
    assert.strictEqual(await host.page.inputValue('input[data-symbol="IMG"]'), String(FREE.height));
    assert.ok(first.includes(`output ${at(conv1, { IMG: FREE.height }).join('×')}`), first);
    assert.match(await host.page.textContent('.input-note') ?? '', new RegExp(`resized → ${FREE.height}×${FREE.height}`));
    assert.strictEqual(await host.page.$$eval('.fmap-canvas', (e) => e.length), 4);

    // A size typed in recomputes, and the deeper layer follows the same substitution.
    await host.page.fill('input[data-symbol="IMG"]', '40');
    await host.page.dispatchEvent('input[data-symbol="IMG"]', 'change');
    await host.page.waitForSelector('.message >> text=previewed at IMG = 40');
    await host.page.selectOption('#preview-layer', String(conv2.index));
    const deep = await heading(host, conv2.index);
    assert.ok(deep.includes(`output ${at(conv2, { IMG: 40 }).join('×')}`), deep);
    const size = await host.page.$eval('.fmap-canvas', (c) => [(c as HTMLCanvasElement).height, (c as HTMLCanvasElement).width]);
    assert.deepStrictEqual(size, at(conv2, { IMG: 40 }).slice(0, 2));

    // Too small for the second conv: said, not computed.
    await host.page.fill('input[data-symbol="IMG"]', '6');
    await host.page.dispatchEvent('input[data-symbol="IMG"]', 'change');
    await host.page.waitForSelector(`.message >> text=${conv2.name}'s output would be 0×0×6`);
    assert.strictEqual(await host.page.$$eval('.fmap-canvas', (e) => e.length), 0);
    assert.deepStrictEqual(host.pageErrors, []);
    await host.page.close();
  });

  it('gives each symbol of a functional input its own size: height and width from the image', async () => {
    const model = report.models[1];
    const conv = model.layers.find((l) => l.className === 'Conv2D') as LayerReport;
    const host = await MockVsCodeHost.open(browser);
    await host.send({ type: 'model', report, documentUri: 'file:///sized.ts', selectedModel: 1, cursorLayer: null, samples, weights: [], origin: 'server' });
    const shown = await heading(host, conv.index);
    assert.strictEqual(await host.page.inputValue('input[data-symbol="H"]'), String(FREE.height));
    assert.strictEqual(await host.page.inputValue('input[data-symbol="W"]'), String(FREE.width));
    assert.ok(shown.includes(`output ${at(conv, { H: FREE.height, W: FREE.width }).join('×')}`), shown);
    await host.page.fill('input[data-symbol="W"]', '21');
    await host.page.dispatchEvent('input[data-symbol="W"]', 'change');
    await host.page.waitForSelector('.message >> text=W = 21');
    const changed = await heading(host, conv.index);
    assert.ok(changed.includes(`output ${at(conv, { H: FREE.height, W: 21 }).join('×')}`), changed);
    assert.deepStrictEqual(host.pageErrors, []);
    await host.page.close();
  });
});
