// Scenarios 8-11 (issue #9, "Keras in the editor"): Keras 3 model code in Python files and
// Jupyter notebooks, in the same workbench as the TS scenarios, with no Python or Jupyter
// extension installed (VS Code's built-in Python grammar and .ipynb support). Expected shapes,
// counts and errors come from real Keras 3 running the same files (harness/kerasOracle.ts).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';
import { acceptQuickFix, evaluateFormula, HINT_TIMEOUT, hoverFormula, openQuickFixMenu, savedText, settlesOnSameLine, waitForHints } from './harness/editorSteps';
import { kerasModel, kerasNotebookModel, kerasRaises, saveNotebookModel, type KerasLayer } from './harness/kerasOracle';
import { cellEditor, openNotebook, parkMouse, revealCell } from './harness/notebook';
import { compactShape, thousands } from './harness/oracle';
import { canvasPixels, featureMaps, panelContent, waitForDiagram } from './harness/panel';
import { docScreenshot } from './harness/screenshots';
import { sharedWorkbench, type Workbench } from './harness/session';
import { focusProblems, hoverText, lineContaining, openFile, problemRows, resetEditors, saveActiveEditor, squiggles } from './harness/workbench';

const NOTEBOOK = 'keras_cnn.ipynb';

/** The language the status bar says the active editor has ("Python"). */
async function languageMode(page: Page): Promise<string> {
  return (await page.locator('.statusbar-item[id="status.editor.mode"]').first().innerText()).trim();
}

/** Where each layer is added: the code cells (indices among all cells) and their `model.add(` count, in order. */
function layerCells(notebookJson: string): { index: number; adds: number }[] {
  const cells = (JSON.parse(notebookJson) as { cells: { cell_type: string; source: string | string[] }[] }).cells;
  return cells
    .map((c, index) => ({ index, text: typeof c.source === 'string' ? c.source : c.source.join(''), code: c.cell_type === 'code' }))
    .filter((c) => c.code)
    .map((c) => ({ index: c.index, adds: (c.text.match(/model\.add\(/g) ?? []).length }))
    .filter((c) => c.adds > 0);
}

/** Index (among all cells) of the first cell whose source contains `text`. */
function cellIndexOf(notebookJson: string, text: string): number {
  const cells = (JSON.parse(notebookJson) as { cells: { source: string | string[] }[] }).cells;
  const index = cells.findIndex((c) => (typeof c.source === 'string' ? c.source : c.source.join('')).includes(text));
  assert.ok(index >= 0, `fixture: no cell of ${NOTEBOOK} contains "${text}"`);
  return index;
}

/** Each layer cell's editor shows the hints of exactly its own layers, as Keras computes them. */
async function waitForNotebookHints(page: Page, notebookJson: string, layers: readonly KerasLayer[]): Promise<void> {
  let next = 0;
  for (const cell of layerCells(notebookJson)) {
    const expected = layers.slice(next, next + cell.adds).map((l) => compactShape(l.outputShape));
    next += cell.adds;
    await waitForHints(page, await revealCell(page, cell.index), expected);
  }
  assert.strictEqual(next, layers.length, `fixture: ${next} model.add calls for ${layers.length} Keras layers`);
}

/** The cell (index among all cells) and the source line of the notebook's n-th `model.add(`. */
function layerSite(notebookJson: string, layerIndex: number): { cell: number; lineText: string } {
  const cells = (JSON.parse(notebookJson) as { cells: { cell_type: string; source: string | string[] }[] }).cells;
  let seen = 0;
  for (const [index, c] of cells.entries()) {
    if (c.cell_type !== 'code') continue;
    for (const line of (typeof c.source === 'string' ? c.source : c.source.join('')).split('\n')) {
      if (!line.includes('model.add(')) continue;
      if (seen++ === layerIndex) return { cell: index, lineText: line };
    }
  }
  assert.fail(`fixture: no model.add for layer ${layerIndex}`);
}

/** Squiggles of a severity per code cell (each scrolled into view: rows off screen are not drawn). */
async function squigglesPerCodeCell(page: Page, notebookJson: string, severity: 'error' | 'warning'): Promise<Map<number, number>> {
  const cells = (JSON.parse(notebookJson) as { cells: { cell_type: string }[] }).cells;
  const counts = new Map<number, number>();
  for (const [index, c] of cells.entries()) {
    if (c.cell_type !== 'code') continue;
    counts.set(index, await squiggles(await revealCell(page, index), severity).count());
  }
  return counts;
}

/**
 * Types `to` over `from` on the first line of a cell's editor that contains it: a click at the
 * line's end enters the cell, then the keyboard selects `from`. (The line must carry no inlay
 * hint: its rendered text is taken as the source text.)
 */
async function retypeInCell(page: Page, editor: Locator, from: string, to: string): Promise<void> {
  const line = lineContaining(editor, from);
  await line.waitFor({ timeout: 10_000 });
  const box = await line.boundingBox();
  assert.ok(box, `"${from}" is not visible in the cell`);
  // The far right of a line's row puts the cursor at its end (and enters the cell's editor).
  await page.mouse.click(box.x + box.width - 4, box.y + box.height / 2);
  const text = (await line.innerText()).replace(/\u00a0/g, ' ');
  const after = text.length - (text.indexOf(from) + from.length);
  for (let i = 0; i < after; i++) await page.keyboard.press('ArrowLeft');
  for (let i = 0; i < from.length; i++) await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.type(to);
}

describe('e2e: Keras in the editor (Python files and notebooks)', function () {
  let wb: Workbench;

  before(async function () {
    this.timeout(180_000);
    wb = await sharedWorkbench();
  });

  // Reset before, not after: a failed test's screenshot (root afterEach) must show its state.
  beforeEach(async function () {
    await resetEditors(wb.page);
  });

  it('8. a .py Keras CNN: inlay hints show each layer output shape as Keras computes it; hovering the first Conv2D shows its params formula', async function () {
    const source = fs.readFileSync(path.join(wb.workspace, 'classic_cnn.py'), 'utf8');
    const keras = await kerasModel(source, 'classic_cnn.py');
    const editor = await openFile(wb.page, 'classic_cnn.py');
    assert.strictEqual(await languageMode(wb.page), 'Python', 'VS Code should take a .py file as Python without a Python extension');

    await waitForHints(wb.page, editor, keras.layers.map((l) => compactShape(l.outputShape)));
    // The model's total, after `Sequential()`.
    await lineContaining(editor, 'Sequential()').filter({ hasText: `${thousands(keras.totalParams)} params` }).waitFor({ timeout: HINT_TIMEOUT });
    assert.strictEqual(await squiggles(editor, 'error').count(), 0, 'no error squiggles on a model Keras builds');

    const conv = keras.layers[0];
    assert.strictEqual(conv.className, 'Conv2D');
    const hover = await hoverText(wb.page, editor, 'model.add(Conv2D(32', 'Conv2D');
    await hover.filter({ hasText: thousands(conv.params) }).waitFor({ timeout: 30_000 });
    const text = (await hover.innerText()).replace(/\u00a0/g, ' ');
    const { formula, count } = hoverFormula(text);
    assert.strictEqual(count, conv.params, `hover count vs Keras count_params():\n${text}`);
    assert.strictEqual(evaluateFormula(formula), conv.params, `the formula "${formula}" does not add up`);
    // A Conv2D's count is (kernel height · width · input channels + bias) · filters.
    assert.match(formula, /^\(\d+·\d+·\d+ \+ 1\)·\d+$/, `not a Conv2D formula: ${formula}`);
    await docScreenshot(wb.page, 'e2e-python-hover');
  });

  it('9. a .py kernel larger than its input: squiggle where Keras raises, listed in Problems, fixed from the light bulb in Python spelling', async function () {
    const file = path.join(wb.workspace, 'kernel_too_large.py');
    const before = fs.readFileSync(file, 'utf8');
    const raised = await kerasRaises(before, 'kernel_too_large.py');
    assert.ok(raised.line !== null, `Keras raised without a line: ${raised.detail}`);
    const lines = before.split('\n');
    const culpritLine = lines[raised.line - 1];
    const culpritText = /\(\d+, \d+\)/.exec(culpritLine)?.[0];
    assert.ok(culpritText, `fixture: no kernel size on the line Keras raises on: ${culpritLine}`);

    const editor = await openFile(wb.page, 'kernel_too_large.py');
    const error = squiggles(editor, 'error');
    await error.first().waitFor({ timeout: HINT_TIMEOUT });
    assert.strictEqual(await error.count(), 1, 'exactly one error squiggle');
    assert.ok(await settlesOnSameLine(wb.page, error.first(), lineContaining(editor, culpritLine.trim())), `the error squiggle is not on line ${raised.line}, where Keras raises: ${culpritLine}`);

    await focusProblems(wb.page);
    const rows = problemRows(wb.page).filter({ hasText: 'shape/non-positive-dim' });
    await rows.first().waitFor({ timeout: 30_000 });
    assert.strictEqual(await rows.count(), 1);

    const action = await openQuickFixMenu(wb.page, editor, raised.line, culpritLine.indexOf(culpritText) + 1, "padding='same'");
    await docScreenshot(wb.page, 'e2e-python-quick-fix');
    const title = (await action.innerText()).trim();
    const promised = /(\w+)=('[^']*'|\d+)/.exec(title);
    assert.ok(promised, `the quick fix title promises no keyword argument in Python spelling: "${title}"`);
    await acceptQuickFix(wb.page, action);

    await error.first().waitFor({ state: 'detached', timeout: 30_000 });
    await rows.first().waitFor({ state: 'detached', timeout: 30_000 });
    await saveActiveEditor(wb.page);
    const after = await savedText(file, before);
    const changed = after.split('\n').filter((l, i) => l !== lines[i]);
    assert.strictEqual(changed.length, 1, `the fix should change exactly the culprit line; changed:\n${changed.join('\n')}`);
    assert.ok(changed[0].includes(promised[0]), `"${title}" promised ${promised[0]}; the line is now:\n${changed[0]}`);
    assert.strictEqual(changed[0].replace(new RegExp(`,\\s*${promised[1]}=${promised[2]}`), ''), culpritLine, 'the fix changed more than the promised keyword argument');

    const fixed = await kerasModel(after, 'kernel_too_large.py');
    assert.ok(
      fixed.layers.every((l) => l.outputShape.every((d) => d === null || d > 0)),
      'Keras builds the fixed file, every dimension positive',
    );
    await waitForHints(wb.page, editor, fixed.layers.map((l) => compactShape(l.outputShape)));
  });

  it('10. an .ipynb over several cells: hints in each cell, the diagnostic in its own cell, and editing a constant in an earlier cell updates a later cell', async function () {
    const notebookJson = fs.readFileSync(path.join(wb.workspace, NOTEBOOK), 'utf8');
    const keras = await kerasNotebookModel(notebookJson, NOTEBOOK);
    const edited = notebookJson.replace('"SIZE = 64"', '"SIZE = 128"');
    assert.notStrictEqual(edited, notebookJson, `fixture: ${NOTEBOOK} has no "SIZE = 64" cell`);
    const kerasEdited = await kerasNotebookModel(edited, NOTEBOOK);
    assert.notDeepStrictEqual(kerasEdited.layers[0].outputShape, keras.layers[0].outputShape, 'fixture: SIZE should change the first layer');
    assert.ok(layerCells(notebookJson).length >= 2, 'fixture: the layers are added in more than one cell');

    await openNotebook(wb.page, NOTEBOOK);
    await waitForNotebookHints(wb.page, notebookJson, keras.layers);
    const modelCell = cellIndexOf(notebookJson, 'Sequential()');
    const total = `${thousands(keras.totalParams)} params`;
    await lineContaining(await revealCell(wb.page, modelCell), 'Sequential()').filter({ hasText: total }).waitFor({ timeout: HINT_TIMEOUT });

    // The layer holding most of the parameters (Dense after Flatten) draws the dominant-layer
    // warning: in its own cell, on its own line, and nowhere else.
    const heaviest = keras.layers.reduce((best, l, i) => (l.params > keras.layers[best].params ? i : best), 0);
    const site = layerSite(notebookJson, heaviest);
    const warningCell = await revealCell(wb.page, site.cell);
    const warning = squiggles(warningCell, 'warning');
    await warning.first().waitFor({ timeout: HINT_TIMEOUT });
    assert.ok(await settlesOnSameLine(wb.page, warning.first(), lineContaining(warningCell, site.lineText.trim())), `the warning is not on "${site.lineText.trim()}"`);
    const warnings = await squigglesPerCodeCell(wb.page, notebookJson, 'warning');
    const errors = await squigglesPerCodeCell(wb.page, notebookJson, 'error');
    assert.deepStrictEqual(
      [...warnings].filter(([, n]) => n > 0),
      [[site.cell, 1]],
      `one warning squiggle, in cell ${site.cell} (${keras.layers[heaviest].name}, ${thousands(keras.layers[heaviest].params)} of ${total})`,
    );
    assert.deepStrictEqual([...errors].filter(([, n]) => n > 0), [], 'no error squiggles in a notebook Keras runs');

    // SIZE = 64 → 128 in its own (earlier) cell: the later cells follow.
    const sizeCell = cellIndexOf(notebookJson, 'SIZE = 64');
    assert.ok(sizeCell < modelCell, 'fixture: SIZE is set in an earlier cell than the model');
    await retypeInCell(wb.page, await revealCell(wb.page, sizeCell), '64', '128');
    await lineContaining(cellEditor(wb.page, sizeCell), 'SIZE = 128').waitFor({ timeout: 10_000 });
    await waitForNotebookHints(wb.page, edited, kerasEdited.layers);
    const editedTotal = `${thousands(kerasEdited.totalParams)} params`;
    await lineContaining(await revealCell(wb.page, modelCell), 'Sequential()').filter({ hasText: editedTotal }).waitFor({ timeout: HINT_TIMEOUT });
    assert.deepStrictEqual([...(await squigglesPerCodeCell(wb.page, edited, 'error'))].filter(([, n]) => n > 0), [], 'no error squiggles after the edit');
    await revealCell(wb.page, modelCell);
    await parkMouse(wb.page);
    await docScreenshot(wb.page, 'e2e-notebook');

    // And back: the hints are the original ones again.
    await retypeInCell(wb.page, await revealCell(wb.page, sizeCell), '128', '64');
    await lineContaining(cellEditor(wb.page, sizeCell), 'SIZE = 64').waitFor({ timeout: 10_000 });
    await waitForNotebookHints(wb.page, notebookJson, keras.layers);
  });

  it('11. the panel opened from a notebook cell: the layer diagram, and feature maps from a trained .keras file in the workspace', async function () {
    const notebookJson = fs.readFileSync(path.join(wb.workspace, NOTEBOOK), 'utf8');
    const keras = await kerasNotebookModel(notebookJson, NOTEBOOK);
    // What training leaves next to the notebook: the model saved with its weights.
    const weightsName = 'keras_cnn.keras';
    await saveNotebookModel(notebookJson, path.join(wb.workspace, weightsName), 20_240_901);

    await openNotebook(wb.page, NOTEBOOK);
    const modelCell = await revealCell(wb.page, cellIndexOf(notebookJson, 'Sequential()'));
    const lens = modelCell.locator('.codelens-decoration a', { hasText: 'Open panel' });
    await lens.waitFor({ timeout: HINT_TIMEOUT });
    await lens.click();
    const panel = panelContent(wb.page);
    await waitForDiagram(wb.page, panel, keras.layers);

    const firstConv = keras.layers.findIndex((l) => l.className === 'Conv2D');
    const channels = keras.layers[firstConv].outputShape.at(-1) as number;
    await panel.locator('#preview-layer').selectOption(String(firstConv));
    const maps = featureMaps(panel, firstConv);
    const preview = panel.locator('section.preview');
    await maps
      .first()
      .waitFor({ state: 'attached', timeout: 60_000 })
      .catch(async () => assert.fail(`no feature maps for layer ${firstConv} with seeded weights; the preview reads:\n${await preview.innerText()}`));
    const seeded = await canvasPixels(panel);

    // The weights list offers the .keras file; choosing it previews with the trained weights.
    const source = panel.locator('#weights-source');
    const trainedOption = source.locator('option', { hasText: weightsName });
    await trainedOption
      .first()
      .waitFor({ state: 'attached', timeout: 30_000 })
      .catch(async () => assert.fail(`the weights list does not offer ${weightsName}; it offers ${JSON.stringify(await source.locator('option').allInnerTexts())}`));
    await source.selectOption({ value: (await trainedOption.first().getAttribute('value')) ?? '' });
    const usingTrained = preview.locator('.message', { hasText: `Weights: trained (${weightsName})` });
    await usingTrained.waitFor({ timeout: 60_000 }).catch(async () => assert.fail(`the preview never used ${weightsName}; it reads:\n${await preview.innerText()}`));
    await maps.first().waitFor({ state: 'attached', timeout: 60_000 });
    assert.strictEqual(await maps.count(), channels, 'one feature map per output channel of the first Conv2D');
    const complaints = await preview.locator('.message.error, .message.warning').allInnerTexts();
    assert.deepStrictEqual(complaints, [], 'no error or warning messages with the trained weights');

    const trained = await canvasPixels(panel);
    const blank = trained.filter((c) => c.distinct <= 1).length;
    assert.ok(blank <= channels / 4, `${blank} of ${channels} feature maps are blank or flat: ${JSON.stringify(trained.map((c) => c.distinct))}`);
    const same = trained.filter((c, i) => c.hash === seeded[i]?.hash).length;
    assert.ok(same <= channels / 4, `${same} of ${channels} maps are the same with the trained weights as with the seeded ones`);
    const notices = (await panel.locator('.notices').innerText()).trim();
    assert.ok(!/CPU preview/i.test(notices), `the preview fell back to the CPU: ${notices}`);
    await panel.locator('.fmap-grid').scrollIntoViewIfNeeded();
    await docScreenshot(wb.page, 'e2e-notebook-panel');
    await resetEditors(wb.page);
  });
});
