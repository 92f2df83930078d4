// The diagram's full graph layout (elkjs) runs in a worker that dist/webview/elk.js brings, in
// real Chromium with the real bundles and CSP: a branching model is laid out by it (branches
// side by side), elkjs's code never runs on the page, and a page whose elk.js does not load still
// draws the model, top-down, saying why. Neither the preview nor a first, quick top-down diagram
// waits for elkjs, whose layout replaces that diagram when it comes.
import * as assert from 'assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Browser, Page } from 'playwright-core';
import { analyzeText } from '../../src/core/analyze';
import { toFileReport } from '../../src/core/reportJson';
import type { FileReport } from '../../src/core/report';
import { launchChromium } from './chromium';
import { MockVsCodeHost, SAMPLES_DIR } from './panelHarness';

const ROOT = path.resolve(__dirname, '../..');

function reportOf(fixture: string): FileReport {
  const file = path.join(ROOT, 'test/fixtures', fixture);
  return toFileReport(analyzeText(readFileSync(file, 'utf8'), file), fixture);
}

const samples = [{ name: 'chelsea.png', uri: pathToFileURL(path.join(SAMPLES_DIR, 'chelsea.png')).href }];

/** Each node's top-left corner, by layer index. */
async function nodePositions(page: Page): Promise<Map<number, { x: number; y: number }>> {
  const list = await page.$$eval('svg.diagram .node', (els) =>
    els.map((e) => {
      const m = /translate\(([-\d.]+),([-\d.]+)\)/.exec(e.getAttribute('transform') ?? '');
      return { index: Number(e.getAttribute('data-index')), x: Number(m?.[1]), y: Number(m?.[2]) };
    }),
  );
  return new Map(list.map((n) => [n.index, { x: n.x, y: n.y }]));
}

describe('diagram layout worker (elk.js, real Chromium)', function () {
  this.timeout(120_000);
  let browser: Browser;
  // Inception blocks: parallel conv branches from one layer, concatenated.
  const branching = reportOf('valid/inception.ts');

  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  it('lays out a branching model with elkjs in a worker: branches side by side, nothing of elkjs on the page', async () => {
    const host = await MockVsCodeHost.open(browser);
    await host.send({ type: 'model', report: branching, documentUri: 'file:///ws/branching.ts', selectedModel: 0, cursorLayer: null, samples, weights: [], origin: 'server' });
    await host.page.waitForSelector('svg.diagram[data-layout="elk"] .node', { timeout: 60000 });
    assert.strictEqual(await host.page.$eval('svg.diagram', (e) => e.getAttribute('data-layout-fallback')), null);
    assert.strictEqual(await host.page.$eval('svg.diagram', (e) => e.getAttribute('data-layout-provisional')), null);
    // A fresh page's elkjs had not answered yet: a quick layout was shown first, then replaced.
    const marks = await host.page.evaluate(() => ['diagramShown', 'diagramLaidOut'].map((n) => performance.getEntriesByName(`shapelens:${n}`)[0]?.startTime ?? null));
    assert.ok(marks[0] !== null && marks[1] !== null && marks[0] <= marks[1], `diagram marks: ${JSON.stringify(marks)}`);
    assert.strictEqual(await host.page.$$eval('svg.diagram', (els) => els.length), 1);
    const model = branching.models[0];
    const pos = await nodePositions(host.page);
    assert.strictEqual(pos.size, model.layers.length);
    // Some two layers share a row: only a graph layout puts nodes side by side.
    const rows = new Map<number, number>();
    for (const p of pos.values()) rows.set(Math.round(p.y), (rows.get(Math.round(p.y)) ?? 0) + 1);
    assert.ok([...rows.values()].some((n) => n >= 2), `no two nodes side by side: ${JSON.stringify([...pos])}`);
    // The worker did the work: the page holds elkjs's source as a string and never defined its classes.
    const page = await host.page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return { source: typeof w.__shapelensElkWorkerSource, sourceLength: String(w.__shapelensElkWorkerSource ?? '').length, elk: typeof w.ELK, gwt: typeof w.$wnd };
    });
    assert.deepStrictEqual({ ...page, sourceLength: page.sourceLength > 1_000_000 }, { source: 'string', sourceLength: true, elk: 'undefined', gwt: 'undefined' });
    assert.deepStrictEqual(host.cspViolations, []);
    assert.deepStrictEqual(host.pageErrors, []);
    await host.page.close();
  });

  it('without elk.js the model is still drawn, top-down, and the panel says why', async () => {
    const missing = pathToFileURL(path.join(ROOT, 'dist/webview/no-such-elk.js')).href;
    const host = await MockVsCodeHost.open(browser, undefined, undefined, missing);
    await host.send({ type: 'model', report: branching, documentUri: 'file:///ws/branching.ts', selectedModel: 0, cursorLayer: null, samples, weights: [], origin: 'server' });
    await host.page.waitForSelector('svg.diagram[data-layout="layered"]:not([data-layout-provisional]) .node', { timeout: 60000 });
    assert.strictEqual(await host.page.$eval('svg.diagram', (e) => e.getAttribute('data-layout-fallback')), 'the layout script (elk.js) did not load');
    const pos = await nodePositions(host.page);
    assert.strictEqual(pos.size, branching.models[0].layers.length);
    const note = await host.page.waitForFunction(() => Array.from(document.querySelectorAll('.message')).map((e) => e.textContent ?? '').find((t) => /drawn top-down/.test(t)) ?? null, undefined, { timeout: 30000 });
    assert.match(String(await note.jsonValue()), /the full graph layout could not be used: the layout script \(elk\.js\) did not load/);
    // The rest of the panel works: the preview draws its maps.
    await host.page.waitForSelector('.fmap-canvas', { timeout: 60000 });
    await host.page.close();
  });

  it('neither the maps nor the diagram wait for the layout: with a layout worker that never answers, both are drawn', async () => {
    // An elk.js as the real one publishes its worker source, but the worker only listens.
    const dir = mkdtempSync(path.join(tmpdir(), 'shapelens-elk-'));
    const stuck = path.join(dir, 'elk.js');
    writeFileSync(stuck, `window.__shapelensElkWorkerSource = ${JSON.stringify('self.onmessage = () => {};')};`);
    const host = await MockVsCodeHost.open(browser, undefined, undefined, pathToFileURL(stuck).href);
    // As in a cold workbench: the sample image is in before the model (the page asks for it at
    // once), so it is the model's arrival that must start the preview.
    await host.page.waitForFunction(() => performance.getEntriesByName('shapelens:imageDecoded').length > 0, undefined, { timeout: 60000 });
    await host.send({ type: 'model', report: branching, documentUri: 'file:///ws/branching.ts', selectedModel: 0, cursorLayer: null, samples, weights: [], origin: 'local' });
    await host.page.waitForSelector('.fmap-canvas', { timeout: 60000 });
    // The quick top-down layout, marked as waiting for elkjs's, with every layer and no note
    // (nothing failed: elkjs is only slow).
    await host.page.waitForSelector('svg.diagram[data-layout="layered"][data-layout-provisional="elk"] .node', { timeout: 30000 });
    assert.strictEqual(await host.page.$$eval('svg.diagram .node', (els) => els.length), branching.models[0].layers.length);
    const notes = await host.page.$$eval('.message', (els) => els.map((e) => e.textContent ?? ''));
    assert.ok(!notes.some((t) => /drawn top-down/.test(t)), `unexpected layout note: ${JSON.stringify(notes)}`);
    await host.page.close();
  });

  it('a model with no feature map to show still gets elkjs\'s layout (its worker waits for a map only so long)', async () => {
    // Embedding → LSTM → Dense: the preview explains why there are no maps, and paints none.
    const sequenceModel = reportOf('valid/embeddingLstm.ts');
    const host = await MockVsCodeHost.open(browser);
    await host.send({ type: 'model', report: sequenceModel, documentUri: 'file:///ws/lstm.ts', selectedModel: 0, cursorLayer: null, samples, weights: [], origin: 'local' });
    await host.page.waitForSelector('svg.diagram[data-layout="elk"] .node', { timeout: 60000 });
    assert.strictEqual(await host.page.$$eval('svg.diagram .node', (els) => els.length), sequenceModel.models[0].layers.length);
    assert.strictEqual(await host.page.$('.fmap-canvas'), null);
    assert.strictEqual(await host.page.evaluate(() => performance.getEntriesByName('shapelens:firstMap').length), 0);
    assert.deepStrictEqual(host.pageErrors, []);
    await host.page.close();
  });
});
