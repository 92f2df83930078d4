// The panel webview in real headless Chromium: the real bundle inside the real CSP shell, fed
// reports produced by the real core (analyzeText + toFileReport) on fixtures, with a mock
// VS Code host recording what the webview posts back.
import * as assert from 'assert';
import { readFileSync, mkdirSync } from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { deflateSync } from 'zlib';
import type { Browser } from 'playwright-core';
import { analyzeText } from '../../src/core/analyze';
import { toFileReport } from '../../src/core/reportJson';
import type { FileReport } from '../../src/core/report';
import { formatShape } from '../../webview/panel/diagram';
import type { HostMessage } from '../../webview/panel/messages';
import { FLAGGED_BUILDER } from '../support/flaggedModel';
import { launchChromium } from './chromium';
import { MockVsCodeHost, SAMPLES_DIR } from './panelHarness';
import { primaryShape } from '../../src/core/report';

const ROOT = path.resolve(__dirname, '../..');
// The README's panel screenshots: written into docs/ only when asked (SHAPELENS_UPDATE_DOCS=1),
// so that a test run leaves the checkout as it found it; otherwise into test-results/.
const DOCS = process.env.SHAPELENS_UPDATE_DOCS === '1' ? path.join(ROOT, 'docs') : path.join(ROOT, 'test-results', 'browser-screenshots');

function reportOf(fixture: string): FileReport {
  const file = path.join(ROOT, 'test/fixtures', fixture);
  return toFileReport(analyzeText(readFileSync(file, 'utf8'), file), fixture);
}

const samples = ['chelsea.png', 'coffee.png', 'camera.png'].map((name) => ({ name, uri: pathToFileURL(path.join(SAMPLES_DIR, name)).href }));

function modelMessage(report: FileReport, extra: Partial<Extract<HostMessage, { type: 'model' }>> = {}): HostMessage {
  return { type: 'model', report, documentUri: `file:///${report.file}`, selectedModel: 0, cursorLayer: null, samples, weights: [], origin: 'server', ...extra };
}

/** A PNG whose header says width×height, with an all-black grey image (compresses to little). */
function blackPng(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = Buffer.alloc((width + 1) * height); // filter byte 0 + zeros per row
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** A model.json + one shard holding `weights` (float32, in order) for the layers named. */
function modelJsonWith(weights: { name: string; shape: number[]; values: number[] }[]): { modelJson: string; files: { path: string; bytes: Uint8Array }[] } {
  const floats = Float32Array.from(weights.flatMap((w) => w.values));
  const manifest = [{ paths: ['group1-shard1of1.bin'], weights: weights.map((w) => ({ name: w.name, shape: w.shape, dtype: 'float32' })) }];
  return { modelJson: JSON.stringify({ format: 'layers-model', modelTopology: {}, weightsManifest: manifest }), files: [{ path: 'group1-shard1of1.bin', bytes: new Uint8Array(floats.buffer) }] };
}

async function messageText(host: MockVsCodeHost, pattern: RegExp, ms = 20000): Promise<string> {
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

describe('panel webview (real bundle, real Chromium)', function () {
  this.timeout(120000);
  let browser: Browser;
  const classic = reportOf('valid/classicCnn.ts');
  const classicModel = classic.models[0];

  before(async () => {
    browser = await launchChromium();
    mkdirSync(DOCS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
  });

  it('draws one node per layer with the analyzer\'s output shapes, and marks findings on their layer', async () => {
    const host = await MockVsCodeHost.open(browser);
    await host.send(modelMessage(classic));
    await host.page.waitForSelector('svg.diagram .node');
    const nodes = await host.page.$$eval('svg.diagram .node', (els) =>
      els.map((e) => ({ index: Number(e.getAttribute('data-index')), texts: Array.from(e.querySelectorAll('text')).map((t) => t.textContent), cls: e.getAttribute('class') ?? '' })),
    );
    assert.strictEqual(nodes.length, classicModel.layers.length);
    for (const layer of classicModel.layers) {
      const node = nodes.find((n) => n.index === layer.index);
      assert.ok(node, `node for layer ${layer.index}`);
      assert.strictEqual(node.texts[0], layer.className);
      assert.strictEqual(node.texts[1], formatShape(primaryShape(layer.outputShape)));
      assert.match(node.texts[2] ?? '', new RegExp(`^${(layer.params ?? 0).toLocaleString('en-US')} param`));
    }
    // Every finding the analyzer put on a layer's line shows on that node, in warning colour.
    const onLayers = classic.diagnostics.filter((d) => classicModel.layers.some((l) => l.line === d.line));
    assert.ok(onLayers.length > 0, 'the classic fixture has layer findings');
    for (const d of onLayers) {
      const layer = classicModel.layers.find((l) => l.line === d.line);
      const node = nodes.find((n) => n.index === layer?.index);
      assert.match(node?.cls ?? '', new RegExp(`sev-${d.severity}`));
      const title = await host.page.$eval(`svg.diagram .node[data-index="${layer?.index}"] title`, (t) => t.textContent ?? '');
      assert.ok(title.includes(d.message), `tooltip of layer ${layer?.index} holds "${d.message}"`);
    }
    // Blocks shrink with the feature map: the input conv's face is taller than the last pooling's.
    const faces = await host.page.$$eval('svg.diagram .node .block-front', (els) => els.map((e) => Number(e.getAttribute('height'))));
    assert.ok(faces[0] > faces[3], `face heights ${faces.join(', ')}`);
    assert.deepStrictEqual(host.cspViolations, []);
    assert.deepStrictEqual(host.pageErrors, []);
    await host.page.close();
  });

  it('marks a layer that exists only under a flag, or repeats an unknown number of times', async () => {
    const source = FLAGGED_BUILDER;
    const report = toFileReport(analyzeText(source, 'flagged.ts'), 'flagged.ts');
    const dropout = report.models[0].layers.find((l) => l.className === 'Dropout');
    assert.strictEqual(dropout?.condition, 'useDropout');
    assert.strictEqual(report.models[0].layers.filter((l) => l.repeat === 'while i < blocks').length, 1);
    const host = await MockVsCodeHost.open(browser);
    await host.send(modelMessage(report));
    await host.page.waitForSelector('svg.diagram .node');
    const texts = await host.page.$$eval('svg.diagram .node', (els) => els.map((e) => Array.from(e.querySelectorAll('text')).map((t) => t.textContent ?? '')));
    assert.deepStrictEqual(
      texts.map((t) => t.filter((x) => x.startsWith('only if') || x.startsWith('repeated'))),
      report.models[0].layers.map((l) => [...(l.condition ? [`only if ${l.condition}`] : []), ...(l.repeat ? [`repeated ${l.repeat}`] : [])]),
    );
    assert.deepStrictEqual(host.pageErrors, []);
    await host.page.close();
  });

  it('a repeated model message (the host posted the first while the page loaded) is shown only by a page that has no model', async () => {
    const nodeCount = (host: MockVsCodeHost) => host.page.$$eval('svg.diagram .node', (els) => els.length);
    const other = reportOf('valid/inception.ts');
    assert.notStrictEqual(other.models[0].layers.length, classicModel.layers.length);
    // The first reached the page: a repeat (here with another report, to tell them apart) changes nothing.
    const host = await MockVsCodeHost.open(browser);
    await host.send(modelMessage(classic));
    await host.page.waitForSelector('svg.diagram .node');
    await host.send(modelMessage(other, { repeat: true }));
    await host.send({ type: 'error', context: 'panel', message: 'after the repeat' });
    await host.page.waitForSelector('.message >> text=after the repeat');
    assert.strictEqual(await nodeCount(host), classicModel.layers.length);
    // A plain model message still replaces it.
    await host.send(modelMessage(other));
    await host.page.waitForFunction((n) => document.querySelectorAll('svg.diagram .node').length === n, other.models[0].layers.length);
    assert.deepStrictEqual(host.pageErrors, []);
    await host.page.close();
    // The first was lost: the repeat is shown.
    const fresh = await MockVsCodeHost.open(browser);
    await fresh.send(modelMessage(classic, { repeat: true }));
    await fresh.page.waitForSelector('svg.diagram .node');
    assert.strictEqual(await nodeCount(fresh), classicModel.layers.length);
    await fresh.page.close();
  });

  it('lays out a functional model as a DAG: branches side by side, the merge below them all', async () => {
    const report = reportOf('valid/inception.ts');
    const model = report.models[0];
    const host = await MockVsCodeHost.open(browser);
    await host.send(modelMessage(report));
    await host.page.waitForSelector('svg.diagram:not([data-layout-provisional]) .node');
    const boxes = await host.page.$$eval('svg.diagram .node', (els) =>
      els.map((e) => {
        const m = /translate\(([-\d.]+),([-\d.]+)\)/.exec(e.getAttribute('transform') ?? '');
        return { index: Number(e.getAttribute('data-index')), x: Number(m?.[1]), y: Number(m?.[2]) };
      }),
    );
    const merge = model.layers.find((l) => l.inputs.length > 1);
    assert.ok(merge, 'the fixture has a merge layer');
    const at = (i: number) => boxes.find((b) => b.index === i) as { x: number; y: number };
    for (const p of merge.inputs) assert.ok(at(p).y < at(merge.index).y, `producer ${p} above the merge`);
    const xs = new Set(merge.inputs.map((p) => Math.round(at(p).x)));
    assert.strictEqual(xs.size, merge.inputs.length, 'branches are placed side by side');
    const edgeCount = await host.page.$$eval('svg.diagram path.edge', (els) => els.length);
    assert.strictEqual(edgeCount, model.layers.reduce((n, l) => n + l.inputs.length, 0));
    await host.page.close();
  });

  it('renders the first Conv2D\'s feature maps with WebGL2: one non-blank map per filter, plus kernels', async () => {
    const host = await MockVsCodeHost.open(browser);
    await host.send(modelMessage(classic));
    const conv = classicModel.layers.find((l) => l.className === 'Conv2D');
    assert.ok(conv);
    const filters = conv.config.filters as number;
    await host.page.waitForSelector('.fmap-canvas', { timeout: 30000 });
    const info = await host.page.evaluate(() => {
      const maps = Array.from(document.querySelectorAll<HTMLCanvasElement>('.fmap-canvas'));
      const varied = maps.filter((c) => {
        const d = (c.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, c.width, c.height).data;
        for (let i = 4; i < d.length; i += 4) if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2]) return true;
        return false;
      }).length;
      return {
        count: maps.length,
        varied,
        size: maps.length ? [maps[0].height, maps[0].width] : [],
        backend: (document.querySelector('.preview') as HTMLElement).dataset.backend,
        kernels: document.querySelectorAll('.kernel-canvas').length,
        note: document.querySelector('.input-note')?.textContent ?? '',
        layer: (document.querySelector('#preview-layer') as HTMLSelectElement).value,
      };
    });
    assert.strictEqual(info.layer, String(conv.index));
    assert.strictEqual(info.backend, 'webgl2');
    assert.strictEqual(info.count, filters);
    assert.ok(info.varied >= filters / 2, `${info.varied} of ${info.count} maps have structure`);
    assert.deepStrictEqual(info.size, [primaryShape(conv.outputShape)?.[1], primaryShape(conv.outputShape)?.[2]]);
    assert.strictEqual(info.kernels, filters);
    assert.match(info.note, /center-cropped 451×300 → 300×300, resized → 64×64, RGB/);

    // Clicking a map enlarges it with its own value range.
    await host.page.click('.fmap[aria-label="channel 3"]');
    const range = await host.page.textContent('.enlarged .range');
    assert.match(range ?? '', /min -?[\d.e+-]+ · max -?[\d.e+-]+/);
    assert.deepStrictEqual(host.cspViolations, []);
    await host.page.close();
  });

  it('after the first map, the idle warm-up leaves no GPU program for the next conv to compile', async () => {
    const host = await MockVsCodeHost.open(browser);
    await host.send(modelMessage(classic));
    const [first, second] = classicModel.layers.filter((l) => l.className === 'Conv2D');
    assert.ok(first && second);
    const firstMap = await host.page.waitForSelector(`.preview-result[data-layer="${first.index}"]`, { timeout: 30000 });
    assert.ok(Number(await firstMap.getAttribute('data-compiled')) > 0, 'the first map compiled its own programs');
    await host.page.waitForSelector('.preview[data-warmup="done"]', { timeout: 30000 });
    await host.page.selectOption('#preview-layer', String(second.index));
    const next = await host.page.waitForSelector(`.preview-result[data-layer="${second.index}"]`, { timeout: 30000 });
    assert.strictEqual(await next.getAttribute('data-compiled'), '0');
    assert.strictEqual(await host.page.locator('.fmap-canvas').count(), second.config.filters as number);
    assert.deepStrictEqual(host.pageErrors, []);
    await host.page.close();
  });

  it('with panel.js and the default sample written into the page (as the host does), previews without asking, under the CSP; asks for a sample the page lacks', async () => {
    const chelsea = { name: 'chelsea.png', bytes: readFileSync(path.join(SAMPLES_DIR, 'chelsea.png')) };
    // As the host writes the page: the sample and panel.js itself inline, nothing fetched.
    const host = await MockVsCodeHost.open(browser, undefined, undefined, undefined, chelsea, true);
    host.answerSamples = false; // a preview now can only come from the page's own copy
    await host.send(modelMessage(classic));
    await host.page.waitForSelector('.fmap-canvas', { timeout: 30000 });
    assert.match((await host.page.textContent('.input-note')) ?? '', /center-cropped 451×300 → 300×300/);
    assert.strictEqual(await host.decodes(), 1);
    assert.deepStrictEqual(host.received.filter((m) => m.type === 'loadSample'), []);
    assert.deepStrictEqual(host.cspViolations, []);
    assert.deepStrictEqual(host.pageErrors, []);
    await host.page.close();

    // A model arriving while that decode still runs (a cold start's usual order) neither decodes
    // the sample again nor takes its bitmap twice (closing the one shown).
    const slow = await MockVsCodeHost.open(browser, undefined, undefined, undefined, chelsea, true, 1500);
    slow.answerSamples = false;
    await slow.send(modelMessage(classic));
    await slow.page.waitForSelector('.fmap-canvas', { timeout: 30000 });
    assert.strictEqual(await slow.decodes(), 1);
    await slow.send(modelMessage(classic, { cursorLayer: 2 }));
    await slow.page.waitForSelector('.fmap-canvas', { timeout: 30000 });
    assert.deepStrictEqual(slow.pageErrors, []);
    await slow.page.close();

    // A page carrying another image than the one it wants (here: a restored panel's choice) asks.
    const other = await MockVsCodeHost.open(browser, undefined, undefined, undefined, { ...chelsea, name: 'coffee-not-wanted.png' });
    await other.waitFor((m) => m.type === 'loadSample' && m.name === 'chelsea.png', 'loadSample for the wanted sample');
    await other.page.close();
  });

  it('posts reveal with the layer\'s line and column when a node is clicked', async () => {
    const host = await MockVsCodeHost.open(browser);
    await host.send(modelMessage(classic));
    const target = classicModel.layers[2];
    await host.page.click(`svg.diagram .node[data-index="${target.index}"]`);
    const reveal = await host.waitFor((m) => m.type === 'reveal', 'a reveal message');
    assert.deepStrictEqual(reveal, { type: 'reveal', line: target.range.line, column: target.range.column });
    // The final layout (elkjs's), still with the clicked node selected.
    await host.page.waitForSelector(`svg.diagram:not([data-layout-provisional]) .node.selected[data-index="${target.index}"]`);
    const box = await host.page.$eval('.diagram-host', (e) => e.getBoundingClientRect().bottom);
    await host.page.screenshot({ path: path.join(DOCS, 'panel-diagram.png'), clip: { x: 0, y: 0, width: 900, height: Math.ceil(box) + 10 } });
    await host.page.close();
  });

  it('exports the diagram as SVG and PNG through the host', async () => {
    const host = await MockVsCodeHost.open(browser);
    await host.send(modelMessage(classic));
    await host.page.waitForSelector('svg.diagram .node');
    await host.page.click('#export-svg');
    const svgMsg = await host.waitFor((m) => m.type === 'exportSvg', 'exportSvg');
    const svgText = String(svgMsg.data);
    assert.match(svgText, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    for (const l of classicModel.layers) assert.ok(svgText.includes(formatShape(primaryShape(l.outputShape))), `SVG holds ${formatShape(primaryShape(l.outputShape))}`);
    assert.ok(!/class="/.test(svgText), 'styles are inlined, classes dropped');
    await host.page.click('#export-png');
    const pngMsg = await host.waitFor((m) => m.type === 'exportPng', 'exportPng');
    const data = pngMsg.data as { byteLength: number; head: number[] };
    assert.deepStrictEqual(data.head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.ok(data.byteLength > 5000);
    await host.page.close();
  });

  it('previews with trained weights from a model.json matched by layer name and shape', async () => {
    const host = await MockVsCodeHost.open(browser);
    await host.send(modelMessage(classic, { weights: [{ path: 'model/model.json' }] }));
    await host.page.waitForSelector('.fmap-canvas', { timeout: 30000 });
    const conv = classicModel.layers[0];
    const [kh, kw] = [3, 3];
    const filters = conv.config.filters as number;
    await host.page.selectOption('#weights-source', 'trained:model/model.json');
    const request = await host.waitFor((m) => m.type === 'loadWeights', 'loadWeights');
    assert.deepStrictEqual(request, { type: 'loadWeights', path: 'model/model.json' });
    // Zero kernels and a bias of 0.5: after relu every map is exactly 0.5 everywhere.
    const { modelJson, files } = modelJsonWith([
      { name: `${conv.name}/kernel`, shape: [kh, kw, 3, filters], values: new Array(kh * kw * 3 * filters).fill(0) },
      { name: `${conv.name}/bias`, shape: [filters], values: new Array(filters).fill(0.5) },
    ]);
    await host.send({ type: 'weights', path: 'model/model.json', modelJson, files });
    await host.page.waitForSelector('.message >> text=Weights: trained');
    await host.page.click('.fmap[aria-label="channel 0"]');
    assert.strictEqual(await host.page.textContent('.enlarged .range'), 'min 0.5 · max 0.5');
    // Layers the file does not cover are reported, not guessed.
    assert.match(await messageText(host, /no weights for layer/), new RegExp(`no weights for layer '${classicModel.layers[2].name}'`));
    await host.page.close();
  });

  it('previews with the classic filter bank, and says why a Dense layer has no maps', async () => {
    const host = await MockVsCodeHost.open(browser);
    await host.send(modelMessage(classic));
    await host.page.waitForSelector('.fmap-canvas', { timeout: 30000 });
    await host.page.selectOption('#weights-source', 'classic');
    await host.page.waitForSelector('.message >> text=classic filter bank');
    assert.strictEqual(await host.page.$$eval('.fmap-canvas', (e) => e.length), classicModel.layers[0].config.filters);
    await host.page.check('#per-map-scale');
    await host.page.waitForSelector('.legend >> text=each map on its own range');
    await host.page.click('.fmap[aria-label="channel 1"]');
    await host.page.screenshot({ path: path.join(DOCS, 'panel-preview.png'), fullPage: true });
    const dense = classicModel.layers.find((l) => l.className === 'Dense');
    assert.ok(dense);
    await host.page.selectOption('#preview-layer', String(dense.index));
    assert.match(await messageText(host, /flat vector/), new RegExp(`${dense.name} \\(Dense\\) outputs a flat vector`));
    assert.strictEqual(await host.page.$$eval('.fmap-canvas', (e) => e.length), 0);
    await host.page.close();
  });

  it('runs a functional branch-and-merge chain up to a Concatenate', async () => {
    const report = reportOf('valid/inception.ts');
    const model = report.models[0];
    const merge = model.layers.find((l) => l.className === 'Concatenate');
    assert.ok(merge);
    const host = await MockVsCodeHost.open(browser);
    await host.send(modelMessage(report));
    await host.page.waitForSelector('.fmap-canvas', { timeout: 30000 });
    await host.page.selectOption('#preview-layer', String(merge.index));
    await host.page.waitForSelector(`.preview-result[data-layer="${merge.index}"]`, { timeout: 30000 });
    const mergeShape = primaryShape(merge.outputShape);
    const channels = mergeShape?.[3] as number;
    const shown = await host.page.$$eval('.fmap-canvas', (e) => e.length);
    assert.strictEqual(shown, Math.min(channels, 256));
    const heading = await host.page.textContent('.preview-result h3');
    assert.ok(heading?.includes(`output ${mergeShape?.[1]}×${mergeShape?.[2]}×${channels}`), heading ?? '');
    await host.page.close();
  });

  describe('bad inputs give a clear message and nothing hangs', () => {
    it('a model.json whose weights do not fit the code', async () => {
      const host = await MockVsCodeHost.open(browser);
      await host.send(modelMessage(classic, { weights: [{ path: 'model.json' }] }));
      await host.page.waitForSelector('.fmap-canvas', { timeout: 30000 });
      const conv = classicModel.layers[0];
      await host.page.selectOption('#weights-source', 'trained:model.json');
      await host.waitFor((m) => m.type === 'loadWeights', 'loadWeights');
      // A 5×5 kernel where the code declares 3×3.
      const { modelJson, files } = modelJsonWith([
        { name: `${conv.name}/kernel`, shape: [5, 5, 3, 32], values: new Array(5 * 5 * 3 * 32).fill(0.1) },
        { name: `${conv.name}/bias`, shape: [32], values: new Array(32).fill(0) },
      ]);
      await host.send({ type: 'weights', path: 'model.json', modelJson, files });
      const text = await messageText(host, /Trained weights do not fit/);
      assert.match(text, new RegExp(`layer '${conv.name}' kernel: model.json has shape \\[5, 5, 3, 32\\], the code declares \\[3, 3, 3, 32\\]`));
      assert.strictEqual(await host.page.$$eval('.fmap-canvas', (e) => e.length), 0);
      // Truncated shard: the parser says how many bytes are missing.
      const short = { path: files[0].path, bytes: files[0].bytes.subarray(0, 100) };
      await host.send({ type: 'weights', path: 'model.json', modelJson, files: [short] });
      assert.match(await messageText(host, /bytes/), /model\.json: weight files of group 0 hold 100 bytes/);
      await host.page.close();
    });

    it('a corrupt (truncated) PNG', async () => {
      const host = await MockVsCodeHost.open(browser);
      await host.send(modelMessage(classic));
      await host.page.waitForSelector('.fmap-canvas', { timeout: 30000 });
      const good = readFileSync(path.join(SAMPLES_DIR, 'coffee.png'));
      await host.sendImage('broken.png', good.subarray(0, 400));
      const text = await messageText(host, /broken\.png/);
      assert.match(text, /broken\.png could not be decoded; the file looks corrupt or truncated/);
      // Recovers: a good image after a bad one renders again.
      await host.sendImage('coffee.png', good);
      await host.page.waitForSelector('.fmap-canvas');
      await host.sendImage('noise.png', Buffer.from('definitely not an image'));
      assert.match(await messageText(host, /noise\.png/), /noise\.png is not a PNG or JPEG image/);
      await host.page.close();
    });

    it('a corrupt or oversized default sample carried in the page: refused with a clear message, or downscaled while decoding', async () => {
      const good = readFileSync(path.join(SAMPLES_DIR, 'chelsea.png'));
      const truncated = await MockVsCodeHost.open(browser, undefined, undefined, undefined, { name: 'chelsea.png', bytes: good.subarray(0, 400) }, true);
      await truncated.send(modelMessage(classic));
      assert.match(await messageText(truncated, /chelsea\.png/), /chelsea\.png could not be decoded; the file looks corrupt or truncated/);
      await truncated.page.close();
      // Wider than the decode keeps: downscaled in its one decode.
      const wide = await MockVsCodeHost.open(browser, undefined, undefined, undefined, { name: 'chelsea.png', bytes: blackPng(4096, 64) }, true);
      await wide.send(modelMessage(classic));
      await wide.page.waitForSelector('.fmap-canvas', { timeout: 30000 });
      assert.match((await wide.page.textContent('.input-note')) ?? '', /downscaled 4096×64 → 2048×32 while decoding/);
      assert.strictEqual(await wide.decodes(), 1);
      assert.deepStrictEqual(wide.pageErrors, []);
      await wide.page.close();
    });

    it('a 10,000×10,000 image', async () => {
      const host = await MockVsCodeHost.open(browser);
      await host.send(modelMessage(classic));
      await host.page.waitForSelector('.fmap-canvas', { timeout: 30000 });
      const started = Date.now();
      await host.sendImage('huge.png', blackPng(10000, 10000));
      const text = await messageText(host, /huge\.png/);
      assert.match(text, /huge\.png is 10000×10000 \(100 megapixels\); the preview takes images up to 40 megapixels/);
      assert.ok(Date.now() - started < 5000, 'refused from the header, without decoding');
      await host.page.close();
    });
  });
});
