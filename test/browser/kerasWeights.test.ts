// Trained Keras weights in the panel, held to real Keras 3: the classic CNN of
// examples/classic_cnn.py, seeded weights saved by Keras as .keras, .weights.h5 and legacy .h5
// (made at run time in a temporary folder), previewed by the panel's own pipeline in real
// Chromium on WebGL2 and on the CPU reference, must equal Keras's own outputs of the first conv
// and the first pool on the panel's input tensor within 1e-4. Then the real bundle end to end
// (the worker under the real CSP) and what a broken file or a stuck reader shows.
import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Browser, Page } from 'playwright-core';
import { analyzeText } from '../../src/core/analyze';
import { toFileReport } from '../../src/core/reportJson';
import type { FileReport, ModelReport } from '../../src/core/report';
import { CLASSIC_CNN_EXAMPLE, makeKerasWeightFiles, type KerasWeightFiles } from '../oracle/keras/support/kerasWeightFiles';
import { bundleForBrowser } from './bundle';
import { launchChromium, openPage } from './chromium';
import { MockVsCodeHost, SAMPLES_DIR } from './panelHarness';
import type { KerasPreviewResult, PageTensor } from './pages/kerasPreview.page';

const TOLERANCE = 1e-4;
const SAMPLE = 'chelsea.png';

function floats(t: PageTensor): Float32Array {
  const b = Buffer.from(t.base64, 'base64');
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  assert.strictEqual(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= m)) m = Number.isNaN(d) ? Infinity : d;
  }
  return m;
}

async function messageText(host: MockVsCodeHost, pattern: RegExp, ms = 30000): Promise<string> {
  const handle = await host.page.waitForFunction(
    (src: string) => {
      const re = new RegExp(src, 'i');
      return Array.from(document.querySelectorAll('.message')).map((e) => e.textContent ?? '').find((t) => re.test(t)) ?? null;
    },
    pattern.source,
    { timeout: ms },
  );
  return (await handle.jsonValue()) as string;
}

describe('Keras weights in the panel, held to real Keras 3 (headless Chromium)', function () {
  this.timeout(300_000);
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let report: FileReport;
  let model: ModelReport;
  let files: KerasWeightFiles;
  const png = readFileSync(path.join(SAMPLES_DIR, SAMPLE));

  before(async () => {
    report = toFileReport(analyzeText(readFileSync(CLASSIC_CNN_EXAMPLE, 'utf8'), CLASSIC_CNN_EXAMPLE), 'examples/classic_cnn.py');
    model = report.models[0];
    const script = await bundleForBrowser('test/browser/pages/kerasPreview.page.ts');
    browser = await launchChromium();
    ({ page, pageErrors } = await openPage(browser));
    await page.addScriptTag({ content: script });
    // Keras gets the panel's own input: the sample image as the webview decodes and fits it.
    const input = await page.evaluate(
      ([b64, name, m]) => (globalThis as unknown as { panelInputTensor(b: string, n: string, m: string): Promise<PageTensor> }).panelInputTensor(b64, name, m),
      [png.toString('base64'), SAMPLE, JSON.stringify(model)] as const,
    );
    assert.deepStrictEqual([input.height, input.width, input.channels], [64, 64, 3]);
    files = makeKerasWeightFiles({ ...input, data: floats(input) }, [model.layers[0].name, model.layers[1].name]);
  });

  after(async () => {
    await browser?.close();
  });

  const measured: Record<string, number> = {};

  for (const kind of ['keras', 'weights.h5', 'legacy-h5'] as const) {
    it(`${kind}: the first Conv2D and MaxPooling2D maps equal Keras's on WebGL2 and on the CPU`, async () => {
      const bytes = readFileSync(files.files[kind]);
      const label = path.basename(files.files[kind]);
      const result = await page.evaluate(
        ([b64, l, p, m, layers]) => (globalThis as unknown as { kerasPreview(...a: unknown[]): Promise<KerasPreviewResult> }).kerasPreview(b64, l, p, m, layers),
        [bytes.toString('base64'), label, png.toString('base64'), JSON.stringify(model), [0, 1]] as const,
      );
      assert.strictEqual(result.error, null, result.error ?? '');
      assert.deepStrictEqual(result.messages.filter((m) => !m.startsWith('info')), []);
      assert.deepStrictEqual(Object.keys(result.maps).sort(), ['cpu', 'webgl2']);
      assert.strictEqual(result.backends.webgl2, null, 'WebGL2 without a fallback');
      for (const [backend, byLayer] of Object.entries(result.maps)) {
        for (const index of [0, 1]) {
          const keras = files.outputs[model.layers[index].name];
          const ours = byLayer[index];
          assert.deepStrictEqual([1, ours.height, ours.width, ours.channels], keras.shape, `${backend} layer ${index} shape`);
          const diff = maxAbsDiff(floats(ours), keras.data);
          measured[`${kind} ${backend} ${model.layers[index].name}`] = diff;
          assert.ok(diff <= TOLERANCE, `${kind} ${backend} ${model.layers[index].name}: max |ours - Keras| = ${diff}`);
        }
      }
      // Not a vacuous match: relu left a good share of the conv outputs positive.
      const conv = files.outputs[model.layers[0].name].data;
      assert.ok(conv.filter((v) => v > 0).length > conv.length / 5);
      if (kind === 'keras') console.log(`      parse of ${label} (${(bytes.length / 1e6).toFixed(1)} MB) in the worker: ${result.parseMs.toFixed(0)} ms`);
      assert.deepStrictEqual(pageErrors, []);
    });
  }

  after(() => {
    const entries = Object.entries(measured);
    if (!entries.length) return;
    const worst = (b: string) => Math.max(...entries.filter(([k]) => k.includes(` ${b} `)).map(([, v]) => v));
    console.log(`      max |ours - Keras|: webgl2 ${worst('webgl2').toExponential(2)}, cpu ${worst('cpu').toExponential(2)} (over ${entries.length} maps)`);
  });

  it('gives up on a reader that never answers, with a message, on time', async () => {
    const r = await page.evaluate((ms) => (globalThis as unknown as { abandonedParse(ms: number): Promise<{ error: string | null; ms: number }> }).abandonedParse(ms), 400);
    assert.match(r.error ?? '', /stuck\.keras took longer than 0 s to read and was abandoned; the file may be corrupt or crafted/);
    assert.ok(r.ms >= 390 && r.ms < 5000, `${r.ms} ms`);
  });

  describe('through the real panel bundle', () => {
    const sampleRefs = ['chelsea.png'].map((name) => ({ name, uri: pathToFileURL(path.join(SAMPLES_DIR, name)).href }));
    const weightsPath = 'models/classic_cnn.keras';

    async function panelWithKerasChoice(): Promise<MockVsCodeHost> {
      const host = await MockVsCodeHost.open(browser);
      await host.send({ type: 'model', report, documentUri: 'file:///ws/examples/classic_cnn.py', selectedModel: 0, cursorLayer: 0, samples: sampleRefs, weights: [{ path: weightsPath }], origin: 'server' });
      await host.page.waitForSelector('.fmap-canvas', { timeout: 30000 });
      await host.page.selectOption('#weights-source', `trained:${weightsPath}`);
      const request = await host.waitFor((m) => m.type === 'loadWeights', 'loadWeights');
      assert.deepStrictEqual(request, { type: 'loadWeights', path: weightsPath });
      return host;
    }

    it('previews the first conv with the .keras weights, read in a worker under the panel\'s CSP', async () => {
      const host = await panelWithKerasChoice();
      await host.send({ type: 'kerasWeights', path: weightsPath, bytes: readFileSync(files.files.keras) });
      await host.page.waitForSelector('.message >> text=Weights: trained (classic_cnn.keras)', { timeout: 30000 });
      assert.strictEqual(await host.page.$$eval('.fmap-canvas', (e) => e.length), model.layers[0].config.filters);
      const notes = await host.page.$$eval('.message', (els) => els.map((e) => e.textContent ?? ''));
      assert.ok(!notes.some((t) => /could not start/.test(t)), 'the worker started');
      assert.ok(!notes.some((t) => /^Trained weights: .*(error|no weights)/i.test(t)), notes.join('\n'));
      assert.deepStrictEqual(host.cspViolations, []);
      assert.deepStrictEqual(host.pageErrors, []);
      await host.page.close();
    });

    it('a truncated .keras, and bytes that are no weights at all, each get a sentence', async () => {
      const host = await panelWithKerasChoice();
      const whole = readFileSync(files.files.keras);
      await host.send({ type: 'kerasWeights', path: weightsPath, bytes: whole.subarray(0, Math.floor(whole.length / 2)) });
      assert.match(await messageText(host, /Trained weights: models\/classic_cnn\.keras/), /classic_cnn\.keras is not a readable zip archive .*is it truncated\?/);
      await host.send({ type: 'kerasWeights', path: weightsPath, bytes: Buffer.from('certainly not a model') });
      assert.match(await messageText(host, /neither a \.keras archive/), /classic_cnn\.keras is neither a \.keras archive \(zip\) nor an HDF5 file/);
      assert.strictEqual(await host.page.$$eval('.fmap-canvas', (e) => e.length), 0);
      // Recovers: a good file after bad ones previews again.
      await host.send({ type: 'kerasWeights', path: weightsPath, bytes: whole });
      await host.page.waitForSelector('.message >> text=Weights: trained (classic_cnn.keras)', { timeout: 30000 });
      assert.deepStrictEqual(host.pageErrors, []);
      await host.page.close();
    });
  });
});
