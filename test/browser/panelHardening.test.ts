// The panel against the inputs that once broke it (issue #13, item 7), in real Chromium with the
// real bundle: what it saves for a restore is what the host reads back; it loads nothing outside
// dist/ and media/; a 200,000-weight model.json, quantisation without its metadata, NaN and
// Infinity weights, and a 10,000-layer model each end in a drawn result or a sentence.
import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Browser } from 'playwright-core';
import { analyzeText } from '../../src/core/analyze';
import { toFileReport } from '../../src/core/reportJson';
import type { FileReport, LayerReport } from '../../src/core/report';
import { restorableDocumentUri } from '../../src/client/panel/restoreTarget';
import type { HostMessage } from '../../webview/panel/messages';
import { launchChromium } from './chromium';
import { MockVsCodeHost, PANEL_JS, SAMPLES_DIR } from './panelHarness';

const ROOT = path.resolve(__dirname, '../..');
const samples = ['chelsea.png', 'coffee.png', 'camera.png'].map((name) => ({ name, uri: pathToFileURL(path.join(SAMPLES_DIR, name)).href }));

function reportOf(fixture: string): FileReport {
  const file = path.join(ROOT, 'test/fixtures', fixture);
  return toFileReport(analyzeText(readFileSync(file, 'utf8'), file), fixture);
}

function modelMessage(report: FileReport, extra: Partial<Extract<HostMessage, { type: 'model' }>> = {}): HostMessage {
  return { type: 'model', report, documentUri: `file:///ws/${report.file}`, selectedModel: 0, cursorLayer: null, samples, weights: [], origin: 'server', ...extra };
}

/** A model.json + one float32 shard; `dtype`/`quantization` per entry as given. */
function modelJson(entries: { name: string; shape: number[]; bytes: Uint8Array; quantization?: Record<string, unknown> }[]): { modelJson: string; files: { path: string; bytes: Uint8Array }[] } {
  const total = entries.reduce((s, e) => s + e.bytes.length, 0);
  const shard = new Uint8Array(total);
  let at = 0;
  for (const e of entries) {
    shard.set(e.bytes, at);
    at += e.bytes.length;
  }
  const weights = entries.map((e) => ({ name: e.name, shape: e.shape, dtype: 'float32', ...(e.quantization ? { quantization: e.quantization } : {}) }));
  return { modelJson: JSON.stringify({ format: 'layers-model', modelTopology: {}, weightsManifest: [{ paths: ['w.bin'], weights }] }), files: [{ path: 'w.bin', bytes: shard }] };
}
const f32 = (values: ArrayLike<number>) => new Uint8Array(Float32Array.from(values).buffer);

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

describe('panel hardening (real bundle, real Chromium)', function () {
  this.timeout(240_000);
  let browser: Browser;
  const classic = reportOf('valid/classicCnn.ts');
  const conv = classic.models[0].layers[0];

  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  async function trainedPanel(): Promise<MockVsCodeHost> {
    const host = await MockVsCodeHost.open(browser);
    await host.send(modelMessage(classic, { weights: [{ path: 'model.json' }] }));
    await host.page.waitForSelector('.fmap-canvas', { timeout: 30000 });
    await host.page.selectOption('#weights-source', 'trained:model.json');
    await host.waitFor((m) => m.type === 'loadWeights', 'loadWeights');
    return host;
  }

  it('saves the followed document where the host\'s restore looks for it, and the host accepts it', async () => {
    const host = await MockVsCodeHost.open(browser);
    const uri = 'file:///home/u/project/src/classicCnn.ts';
    await host.send(modelMessage(classic, { documentUri: uri }));
    await host.page.waitForSelector('svg.diagram .node');
    const state = await host.state();
    // What VS Code hands deserializeWebviewPanel after a reload.
    assert.strictEqual(restorableDocumentUri(state, ['file:///home/u/project']), uri);
    assert.strictEqual(restorableDocumentUri(state, ['file:///home/u/elsewhere']), null, 'outside the workspace it is not reopened');
    await host.page.close();
  });

  it('loads nothing but the bundle from dist/ and images from media/ (the webview\'s only resource roots)', async () => {
    const loaded: string[] = [];
    const host = await MockVsCodeHost.open(browser);
    host.page.on('request', (r) => loaded.push(r.url()));
    // Load the page again with the listener in place, then exercise the preview.
    await host.page.reload();
    await host.waitFor(() => host.received.filter((m) => m.type === 'ready').length >= 2, 'ready after reload');
    await host.send(modelMessage(classic));
    await host.page.waitForSelector('.fmap-canvas', { timeout: 30000 });
    await host.page.waitForSelector('.sample img');
    await host.page.waitForLoadState('networkidle');
    const files = loaded.filter((u) => u.startsWith('file:') && !u.endsWith('/panel.html')).map((u) => path.relative(ROOT, new URL(u).pathname));
    assert.ok(files.some((f) => f === path.relative(ROOT, PANEL_JS)), files.join(', '));
    assert.ok(files.some((f) => f.startsWith('media/samples/')), files.join(', '));
    for (const f of files) assert.ok(/^(dist|media)\//.test(f), `${f} lies outside dist/ and media/`);
    assert.deepStrictEqual(loaded.filter((u) => !/^(file|blob|data):/.test(u)), []);
    await host.page.close();
  });

  it('a model.json with 200,000 weight entries previews, and sums up what it cannot show', async () => {
    const host = await trainedPanel();
    const [kh, kw, cin, f] = [3, 3, 3, conv.config.filters as number];
    const stray = 200_000;
    const entries = [
      { name: `${conv.name}/kernel`, shape: [kh, kw, cin, f], bytes: f32(new Array(kh * kw * cin * f).fill(0)) },
      { name: `${conv.name}/bias`, shape: [f], bytes: f32(new Array(f).fill(0.25)) },
    ];
    const straySpecs = Array.from({ length: stray }, (_, i) => ({ name: `extra/w${i}`, shape: [1], dtype: 'float32' }));
    const base = modelJson(entries);
    const json = JSON.parse(base.modelJson) as { weightsManifest: { weights: unknown[] }[] };
    json.weightsManifest[0].weights = json.weightsManifest[0].weights.concat(straySpecs);
    const shard = new Uint8Array(base.files[0].bytes.length + stray * 4);
    shard.set(base.files[0].bytes);
    const started = Date.now();
    await host.send({ type: 'weights', path: 'model.json', modelJson: JSON.stringify(json), files: [{ path: 'w.bin', bytes: shard }] });
    await host.page.waitForSelector('.message >> text=Weights: trained (model.json)', { timeout: 60000 });
    const summary = await messageText(host, /more messages/);
    assert.match(summary, /^Trained weights: … and [\d,]+ more messages \(.*[\d,]+ warnings.*\) not shown\.$/);
    const shown = await host.page.$$eval('.message', (els) => els.filter((e) => (e.textContent ?? '').startsWith('Trained weights:')).length);
    assert.ok(shown <= 31, `${shown} weight messages drawn`);
    assert.strictEqual(await host.page.$$eval('.fmap-canvas', (e) => e.length), f);
    await host.page.click('.fmap[aria-label="channel 0"]');
    assert.strictEqual(await host.page.textContent('.enlarged .range'), 'min 0.25 · max 0.25');
    assert.ok(Date.now() - started < 60000);
    assert.deepStrictEqual(host.pageErrors, []);
    await host.page.close();
  });

  it('uint8 quantisation without scale and min is refused by name, not turned into NaN', async () => {
    const host = await trainedPanel();
    const n = 3 * 3 * 3 * (conv.config.filters as number);
    const { modelJson: json, files } = modelJson([
      { name: `${conv.name}/kernel`, shape: [3, 3, 3, conv.config.filters as number], bytes: new Uint8Array(n).fill(7), quantization: { dtype: 'uint8' } },
    ]);
    await host.send({ type: 'weights', path: 'model.json', modelJson: json, files });
    const text = await messageText(host, /quantized/);
    assert.strictEqual(text, `Trained weights: model.json: weight '${conv.name}/kernel' is quantized to uint8 but its quantization has no finite 'scale' and 'min' (TF.js refuses it too)`);
    await host.page.close();
  });

  it('NaN and Infinity weights are previewed with a warning naming the layer and weight, and the maps say so', async () => {
    const host = await trainedPanel();
    const filters = conv.config.filters as number;
    const kernel = new Float32Array(3 * 3 * 3 * filters).fill(0.01);
    kernel[0] = NaN;
    kernel[1] = Infinity;
    const { modelJson: json, files } = modelJson([
      { name: `${conv.name}/kernel`, shape: [3, 3, 3, filters], bytes: new Uint8Array(kernel.buffer) },
      { name: `${conv.name}/bias`, shape: [filters], bytes: f32(new Array(filters).fill(0)) },
    ]);
    await host.send({ type: 'weights', path: 'model.json', modelJson: json, files });
    const warning = await messageText(host, /holds 1 NaN/);
    assert.strictEqual(warning, `Trained weights: layer '${conv.name}' kernel ('${conv.name}/kernel' in model.json) holds 1 NaN and 1 infinite values of ${kernel.length}; feature maps computed from it are not meaningful`);
    const output = await messageText(host, /output holds/);
    assert.match(output, new RegExp(`^${conv.name}'s output holds [\\d,]+ (NaN|infinite)`));
    assert.strictEqual(await host.page.$$eval('.fmap-canvas', (e) => e.length), filters);
    await host.page.close();
  });

  it('draws a 10,000-layer model, laid out top-down, and says why it is not the full graph layout', async () => {
    const small = toFileReport(analyzeText("import * as tf from '@tensorflow/tfjs';\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({ inputShape: [8], units: 8 }));\nmodel.add(tf.layers.dense({ units: 8 }));\n", 'deep.ts'), 'deep.ts');
    const [first, proto] = small.models[0].layers;
    const layers: LayerReport[] = [first];
    for (let i = 1; i < 10_000; i++) layers.push({ ...proto, index: i, name: `dense_${i}`, inputs: [i - 1] });
    const report: FileReport = { ...small, models: [{ ...small.models[0], layers }] };
    const host = await MockVsCodeHost.open(browser);
    const started = Date.now();
    await host.send(modelMessage(report));
    await host.page.waitForSelector('svg.diagram[data-layout="layered"] .node', { timeout: 120000 });
    const drawnMs = Date.now() - started;
    assert.strictEqual(await host.page.$$eval('svg.diagram .node', (e) => e.length), 10_000);
    assert.strictEqual(await host.page.$$eval('svg.diagram path.edge', (e) => e.length), 9_999);
    assert.match(await messageText(host, /10,000 layers: drawn top-down/), /graphs over 400 layers skip the full graph layout/);
    // In execution order, one below the other.
    const ys = await host.page.$$eval('svg.diagram .node', (els) => els.slice(0, 50).map((e) => Number(/translate\([-\d.]+,([-\d.]+)\)/.exec(e.getAttribute('transform') ?? '')?.[1])));
    for (let i = 1; i < ys.length; i++) assert.ok(ys[i] > ys[i - 1], `node ${i} below node ${i - 1}`);
    // Still a panel: clicking the last node selects it and asks the host to reveal its line.
    await host.page.click('svg.diagram .node[data-index="9999"]');
    await host.waitFor((m) => m.type === 'reveal', 'reveal of the last layer');
    // A PNG that tall cannot exist; the panel says so instead of failing silently.
    await host.page.click('#export-png');
    assert.match(await messageText(host, /Export failed/), /^Export failed: the diagram is [\d,]+×[\d,]+ px, too large for a PNG; export it as SVG instead$/);
    assert.deepStrictEqual(host.pageErrors, []);
    console.log(`      10,000 layers drawn in ${(drawnMs / 1000).toFixed(1)} s`);
    await host.page.close();
  });
});
