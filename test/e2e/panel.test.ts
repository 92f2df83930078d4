// Scenarios 5 and 6: the ShapeLens panel (a webview) inside the real workbench — the layer
// diagram, the WebGL2 feature-map preview, diagram → editor navigation, and the panel
// following edits made in the editor.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { FrameLocator } from 'playwright-core';
import { buildModel, type OracleModel } from './harness/oracle';
import { docScreenshot } from './harness/screenshots';
import { sharedWorkbench, type Workbench } from './harness/session';
import { cursorLine, goTo, goToLineEnd, openFile, resetEditors, runCommand, webviewContent } from './harness/workbench';

/** The diagram writes shapes as TF.js tuples: `[null,62,62,32]`. */
const tuple = (shape: readonly (number | null)[]): string => JSON.stringify(shape);

async function diagramShapes(panel: FrameLocator): Promise<string[]> {
  return panel.locator('svg.diagram .node .n-shape').allTextContents();
}

async function waitForDiagram(wb: Workbench, panel: FrameLocator, oracle: OracleModel): Promise<void> {
  const expected = oracle.layers.map((l) => tuple(l.outputShape));
  const deadline = Date.now() + 60_000;
  let shown: string[] = [];
  while (Date.now() < deadline) {
    shown = await diagramShapes(panel).catch(() => []);
    if (JSON.stringify(shown) === JSON.stringify(expected)) return;
    await wb.page.waitForTimeout(250);
  }
  assert.fail(`the diagram never showed ${JSON.stringify(expected)}; it shows ${JSON.stringify(shown)}`);
}

/** Per feature-map canvas: how many distinct pixel values it holds (1 = blank or flat). */
async function distinctPixelCounts(panel: FrameLocator): Promise<number[]> {
  return panel.locator('.fmap-grid canvas.fmap-canvas').evaluateAll((canvases) =>
    canvases.map((c) => {
      const source = c as HTMLCanvasElement;
      // Copy first: the canvas may hold a WebGL context, which has no getImageData.
      const copy = document.createElement('canvas');
      copy.width = source.width;
      copy.height = source.height;
      const ctx = copy.getContext('2d');
      if (!ctx || source.width === 0 || source.height === 0) return 0;
      ctx.drawImage(source, 0, 0);
      const data = ctx.getImageData(0, 0, copy.width, copy.height).data;
      const seen = new Set<number>();
      for (let i = 0; i < data.length; i += 4) seen.add((data[i] << 24) | (data[i + 1] << 16) | (data[i + 2] << 8) | data[i + 3]);
      return seen.size;
    }),
  );
}

/** 1-based line of the n-th `model.add(` in the source: where the n-th layer is written. */
function layerLine(source: string, layerIndex: number): number {
  const lines = source.split('\n');
  const adds = lines.map((l, i) => (l.includes('model.add(') ? i + 1 : -1)).filter((i) => i > 0);
  return adds[layerIndex];
}

describe('e2e: ShapeLens panel', function () {
  let wb: Workbench;
  let source: string;
  let oracle: OracleModel;

  before(async function () {
    this.timeout(180_000);
    wb = await sharedWorkbench();
    await resetEditors(wb.page);
    source = fs.readFileSync(path.join(wb.workspace, 'classicCnn.ts'), 'utf8');
    oracle = await buildModel(source);
  });

  it('5. Open Panel: diagram with shapes; first Conv2D previews with WebGL2; clicking a node moves the cursor', async function () {
    await openFile(wb.page, 'classicCnn.ts');
    await runCommand(wb.page, 'ShapeLens: Open Panel');
    const panel = webviewContent(wb.page);
    await waitForDiagram(wb, panel, oracle);

    const firstConv = oracle.layers.findIndex((l) => l.className === 'Conv2D');
    const channels = oracle.layers[firstConv].outputShape.at(-1) as number;
    await panel.locator('#preview-layer').selectOption(String(firstConv));
    const maps = panel.locator(`.preview-result[data-layer="${firstConv}"] .fmap-grid canvas.fmap-canvas`);
    await maps
      .first()
      .waitFor({ state: 'attached', timeout: 60_000 })
      .catch(async () => assert.fail(`no feature maps for layer ${firstConv}; the preview reads:\n${await panel.locator('section.preview').innerText()}`));
    assert.strictEqual(await maps.count(), channels, 'one feature map per output channel of the first Conv2D');

    const distinct = await distinctPixelCounts(panel);
    const blank = distinct.filter((n) => n <= 1).length;
    // A ReLU channel can be all zero for one image; most must show structure.
    assert.ok(blank <= channels / 4, `${blank} of ${channels} feature maps are blank or flat: ${JSON.stringify(distinct)}`);

    // The panel says "CPU preview: <reason>" whenever it falls back from WebGL2.
    const notices = (await panel.locator('.notices').innerText()).trim();
    assert.ok(!/CPU preview/i.test(notices), `the preview fell back to the CPU: ${notices}`);
    const hasWebGl2 = await panel.locator('body').evaluate(() => document.createElement('canvas').getContext('webgl2') !== null);
    assert.ok(hasWebGl2, 'the webview has no WebGL2 context');
    await panel.locator('.fmap-grid').scrollIntoViewIfNeeded();
    await docScreenshot(wb.page, 'e2e-panel');

    // Clicking a diagram node reveals that layer in the editor. Start the cursor elsewhere.
    const target = oracle.layers.findIndex((l, i) => i > firstConv && l.className === 'Conv2D');
    await goToLineEnd(wb.page, 1);
    assert.strictEqual(await cursorLine(wb.page), 1);
    await panel.locator(`svg.diagram .node[data-index="${target}"]`).click();
    const expectedLine = layerLine(source, target);
    await wb.page.locator('.statusbar-item', { hasText: `Ln ${expectedLine},` }).first().waitFor({ timeout: 30_000 });
    assert.strictEqual(await cursorLine(wb.page), expectedLine);
  });

  it('6. editing filters: 32 → 16 in the editor: the panel follows', async function () {
    const edited = source.replace('filters: 32', 'filters: 16');
    assert.notStrictEqual(edited, source, 'fixture: classicCnn.ts has no "filters: 32"');
    const editedOracle = await buildModel(edited);
    const panel = webviewContent(wb.page);
    if ((await wb.page.locator('iframe.webview').count()) === 0) {
      // Scenario 5 normally leaves the panel open; run on its own, open it here.
      await openFile(wb.page, 'classicCnn.ts');
      await runCommand(wb.page, 'ShapeLens: Open Panel');
    }
    await waitForDiagram(wb, panel, oracle);

    // Select the "32" after "filters: " and type over it.
    const line = source.split('\n').findIndex((l) => l.includes('filters: 32')) + 1;
    const column = source.split('\n')[line - 1].indexOf('filters: 32') + 'filters: '.length;
    await goTo(wb.page, line, column + 1);
    await wb.page.keyboard.press('Shift+ArrowRight');
    await wb.page.keyboard.press('Shift+ArrowRight');
    await wb.page.keyboard.type('16');

    await waitForDiagram(wb, panel, editedOracle);
    await docScreenshot(wb.page, 'e2e-panel-follows-edit');
    await resetEditors(wb.page);
  });
});
