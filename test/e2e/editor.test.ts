// Scenarios 1-3 of the e2e plan: what a user meets in the editor itself — inlay hints,
// hovers, diagnostics with a quick fix, and typing. Expected values come from TF.js
// building the same files (harness/oracle.ts).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';
import { buildModel, compactShape, thousands } from './harness/oracle';
import { docScreenshot } from './harness/screenshots';
import { sharedWorkbench, type Workbench } from './harness/session';
import {
  cursorLine,
  focusProblems,
  goTo,
  goToLineEnd,
  hoverText,
  lineContaining,
  onSameLine,
  openFile,
  problemRows,
  renderedLines,
  resetEditors,
  saveActiveEditor,
  squiggles,
} from './harness/workbench';

const HINT_TIMEOUT = 60_000;

/** Evaluates a params formula as the hover writes it, e.g. "(3·3·3 + 1)·32" → 896. */
function evaluateFormula(formula: string): number {
  const arithmetic = formula.replace(/·|×/g, '*');
  if (!/^[\d\s+*()-]+$/.test(arithmetic)) throw new Error(`not a plain arithmetic formula: "${formula}"`);
  return Function(`"use strict"; return (${arithmetic});`)() as number;
}

/** The rendered lines that add a layer (`model.add(...)`), in source order. */
async function addLines(editor: Locator): Promise<string[]> {
  return (await renderedLines(editor)).filter((l) => l.includes('model.add('));
}

async function waitForHints(page: Page, editor: Locator, expected: readonly string[]): Promise<string[]> {
  const deadline = Date.now() + HINT_TIMEOUT;
  let lines: string[] = [];
  while (Date.now() < deadline) {
    lines = await addLines(editor);
    if (lines.length === expected.length && lines.every((l, i) => l.includes(`→ ${expected[i]}`))) return lines;
    await page.waitForTimeout(250);
  }
  assert.fail(`inlay hints never showed ${JSON.stringify(expected)}; the layer lines read:\n${lines.join('\n')}`);
}

/**
 * The file's text once the editor's save has landed on disk: the dirty marker can clear
 * while the write is still under way (an empty or old file), so wait for a new, stable text.
 */
async function savedText(file: string, previous: string): Promise<string> {
  const deadline = Date.now() + 15_000;
  let last = '';
  while (Date.now() < deadline) {
    const text = fs.readFileSync(file, 'utf8');
    if (text !== previous && text.length > 0 && text === last) return text;
    last = text;
    await new Promise((r) => setTimeout(r, 150));
  }
  assert.fail(`${path.basename(file)} on disk never changed after the save; it reads:\n${last}`);
}

/**
 * Opens the light-bulb menu at a position and returns the action whose title contains `text`.
 * VS Code 1.100 draws the bulb in the glyph margin (older builds: a content widget) once its
 * debounced code-action request for the cursor returns; only a bulb on the cursor's own line
 * is ours to click. Where it misses its paint on a loaded machine, a user (and this test)
 * presses Ctrl+. instead. A menu without the action is closed and the whole step retried.
 */
async function openQuickFixMenu(page: Page, editor: Locator, line: number, column: number, text: string): Promise<Locator> {
  const attempts: string[] = [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    await page.keyboard.press('Escape');
    await goTo(page, line, column);
    const atLine = await cursorLine(page);
    const cursorRow = editor.locator('.view-overlays .current-line').first();
    const bulb = editor.locator('[class*="gutter-lightbulb"]:visible, .lightBulbWidget .codicon:visible').first();
    let bulbOnLine = false;
    for (const started = Date.now(); !bulbOnLine && Date.now() - started < 10_000; ) {
      bulbOnLine = (await bulb.isVisible()) && (await onSameLine(bulb, cursorRow));
      if (!bulbOnLine) await page.waitForTimeout(250);
    }
    if (bulbOnLine) await bulb.click();
    else await page.keyboard.press('Control+.');
    const rows = page.locator('.action-widget .monaco-list-row.action');
    const action = rows.filter({ hasText: text }).first();
    const shown = await action
      .waitFor({ timeout: 10_000 })
      .then(() => true)
      .catch(() => false);
    if (shown) return action;
    const offered = (await rows.allInnerTexts()).map((t) => t.trim());
    attempts.push(`attempt ${attempt}: cursor on line ${atLine}, ${bulbOnLine ? 'clicked the bulb' : 'pressed Ctrl+.'}; menu offered ${JSON.stringify(offered)}`);
  }
  assert.fail(`no quick fix containing "${text}" at ${line}:${column}:\n${attempts.join('\n')}`);
}

describe('e2e: editor features in VS Code (code-server)', function () {
  let wb: Workbench;

  before(async function () {
    this.timeout(180_000);
    wb = await sharedWorkbench();
  });

  // Reset before, not after: a failed test's screenshot (root afterEach) must show its state.
  beforeEach(async function () {
    await resetEditors(wb.page);
  });

  it('1. inlay hints show every layer output shape; hovering a Conv2D shows its params and formula', async function () {
    const source = fs.readFileSync(path.join(wb.workspace, 'classicCnn.ts'), 'utf8');
    const oracle = await buildModel(source);
    const editor = await openFile(wb.page, 'classicCnn.ts');

    const expected = oracle.layers.map((l) => compactShape(l.outputShape));
    await waitForHints(wb.page, editor, expected);
    await docScreenshot(wb.page, 'e2e-inlay-hints');

    const conv = oracle.layers[0];
    assert.strictEqual(conv.className, 'Conv2D');
    const hover = await hoverText(wb.page, editor, 'model.add(tf.layers.conv2d', 'conv2d');
    // The hover is filled in asynchronously: wait for the parameter count to arrive.
    await hover.filter({ hasText: thousands(conv.params) }).waitFor({ timeout: 30_000 });
    const text = (await hover.innerText()).replace(/\u00a0/g, ' ');
    const formula = /([()\d\s+·×]+?)\s*=\s*([\d,]+)/.exec(text);
    assert.ok(formula, `no "formula = count" in the hover:\n${text}`);
    assert.strictEqual(Number(formula[2].replace(/,/g, '')), conv.params, `hover count vs TF.js:\n${text}`);
    assert.strictEqual(evaluateFormula(formula[1].trim()), conv.params, `the formula "${formula[1].trim()}" does not add up`);
    await docScreenshot(wb.page, 'e2e-hover');
  });

  it('2. a kernel larger than its input: squiggle on that layer, listed in Problems, fixed by the light bulb', async function () {
    const file = path.join(wb.workspace, 'kernelTooLarge.ts');
    const before = fs.readFileSync(file, 'utf8');
    const oracle = await buildModel(before);
    const culprit = oracle.layers.findIndex((l) => l.outputShape.some((d) => d !== null && d <= 0));
    assert.ok(culprit >= 0, 'fixture: TF.js should give some layer a non-positive dimension');
    const culpritLine = before.split('\n').filter((l) => l.includes('model.add('))[culprit];
    const culpritText = /kernelSize: \d+/.exec(culpritLine)?.[0];
    assert.ok(culpritText, `fixture: no kernelSize on the culprit line: ${culpritLine}`);

    const editor = await openFile(wb.page, 'kernelTooLarge.ts');
    const error = squiggles(editor, 'error');
    await error.first().waitFor({ timeout: HINT_TIMEOUT });
    assert.strictEqual(await error.count(), 1, 'exactly one error squiggle');
    // Code lenses and inlay hints arrive a moment after the squiggle and move lines down, so
    // compare positions once the layout has settled (polled, bounded).
    let sameLine = false;
    for (const started = Date.now(); !sameLine && Date.now() - started < 15_000; ) {
      sameLine = await onSameLine(error.first(), lineContaining(editor, culpritText));
      if (!sameLine) await wb.page.waitForTimeout(250);
    }
    assert.ok(sameLine, `the error squiggle is not on the line with "${culpritText}"`);

    await focusProblems(wb.page);
    const rows = problemRows(wb.page).filter({ hasText: 'shape/non-positive-dim' });
    await rows.first().waitFor({ timeout: 30_000 });
    await docScreenshot(wb.page, 'e2e-problems');

    // Put the cursor inside the squiggled text (Go to Line, not a mouse click: the layout
    // shifts as code lenses and hints arrive, and a click that lands elsewhere leaves the cursor
    // where TypeScript's own light bulb may offer unrelated actions), then open the fixes.
    const culpritLineNumber = before.split('\n').indexOf(culpritLine) + 1;
    const culpritColumn = culpritLine.indexOf(culpritText) + 1;
    const action = await openQuickFixMenu(wb.page, editor, culpritLineNumber, culpritColumn, 'padding');
    const title = (await action.innerText()).trim();
    const promised = /(\w+): ('[^']*'|\d+)/.exec(title);
    assert.ok(promised, `the quick fix title promises no property: "${title}"`);
    // The menu takes the keyboard (a pointer block covers it until the mouse moves): walk to the fix.
    for (let i = 0; i < 10 && !(await action.evaluate((e) => e.classList.contains('focused'))); i++) await wb.page.keyboard.press('ArrowDown');
    await wb.page.keyboard.press('Enter');

    await error.first().waitFor({ state: 'detached', timeout: 30_000 });
    await rows.first().waitFor({ state: 'detached', timeout: 30_000 });
    await saveActiveEditor(wb.page);
    const after = await savedText(file, before);
    const changed = after.split('\n').filter((l, i) => l !== before.split('\n')[i]);
    assert.strictEqual(changed.length, 1, `the fix should change exactly the culprit line; changed:\n${changed.join('\n')}`);
    assert.ok(changed[0].includes(`${promised[1]}: ${promised[2]}`), `"${title}" promised ${promised[0]}; the line is now:\n${changed[0]}`);
    assert.strictEqual(changed[0].replace(new RegExp(`,?\\s*${promised[1]}: ${promised[2]},?`), ''), culpritLine.replace(/,\s*(?=\s*\})/, ''), 'the fix changed more than the promised property');
    const fixed = await buildModel(after);
    assert.ok(fixed.layers.every((l) => l.outputShape.every((d) => d === null || d > 0)), 'TF.js still finds a non-positive dimension after the fix');
  });

  it('3. typing a new layer character by character: hints update, no spurious errors while typing', async function () {
    const file = path.join(wb.workspace, 'denseClassifier.ts');
    const before = fs.readFileSync(file, 'utf8');
    const oracleBefore = await buildModel(before);
    const editor = await openFile(wb.page, 'denseClassifier.ts');
    await waitForHints(wb.page, editor, oracleBefore.layers.map((l) => compactShape(l.outputShape)));

    const lines = before.split('\n');
    const lastAdd = lines.reduce((last, l, i) => (l.includes('model.add(') ? i : last), -1);
    await goToLineEnd(wb.page, lastAdd + 1);
    await wb.page.keyboard.press('Enter');
    const typed = 'model.add(tf.layers.dense({units: 10}));';
    const errorsSeen: string[] = [];
    for (let i = 0; i < typed.length; i++) {
      await wb.page.keyboard.type(typed[i]);
      // Longer than the server's debounce, so each half-typed state really gets analysed.
      await wb.page.waitForTimeout(200);
      const count = await squiggles(editor, 'error').count();
      if (count > 0) errorsSeen.push(`after "${typed.slice(0, i + 1)}": ${count} error squiggle(s)`);
    }
    await saveActiveEditor(wb.page);
    const after = await savedText(file, before);
    assert.ok(after.includes(typed), `the editor did not receive the typed text:\n${after}`);
    const oracleAfter = await buildModel(after);
    await waitForHints(wb.page, editor, oracleAfter.layers.map((l) => compactShape(l.outputShape)));
    const total = `${thousands(oracleAfter.totalParams)} params`;
    await lineContaining(editor, total).waitFor({ timeout: HINT_TIMEOUT });
    assert.deepStrictEqual(errorsSeen, [], 'error squiggles appeared while typing');
    assert.strictEqual(await squiggles(editor, 'error').count(), 0);
    await docScreenshot(wb.page, 'e2e-typing');
  });
});
