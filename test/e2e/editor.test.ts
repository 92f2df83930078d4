// Scenarios 1-3 of the e2e plan: what a user meets in the editor itself — inlay hints,
// hovers, diagnostics with a quick fix, and typing. Expected values come from TF.js
// building the same files (harness/oracle.ts).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { acceptQuickFix, evaluateFormula, HINT_TIMEOUT, hoverFormula, openQuickFixMenu, savedText, settlesOnSameLine, waitForHints } from './harness/editorSteps';
import { buildModel, compactShape, thousands } from './harness/oracle';
import { docScreenshot } from './harness/screenshots';
import { sharedWorkbench, type Workbench } from './harness/session';
import { focusProblems, goToLineEnd, hoverText, lineContaining, openFile, problemRows, resetEditors, saveActiveEditor, squiggles } from './harness/workbench';

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
    const { formula, count } = hoverFormula(text);
    assert.strictEqual(count, conv.params, `hover count vs TF.js:\n${text}`);
    assert.strictEqual(evaluateFormula(formula), conv.params, `the formula "${formula}" does not add up`);
    await docScreenshot(wb.page, 'e2e-hover');
  });

  it('2. a kernel larger than its input: squiggle on that layer, listed in Problems, fixed by the light bulb', async function () {
    const file = path.join(wb.workspace, 'kernelTooLarge.ts');
    const before = fs.readFileSync(file, 'utf8');
    const culprit = await firstThrowingAdd(before);
    assert.ok(culprit >= 0, 'fixture: TF.js should throw in one of the model.add calls');
    const culpritLine = before.split('\n').filter((l) => l.includes('model.add('))[culprit];
    const culpritText = /kernelSize: \d+/.exec(culpritLine)?.[0];
    assert.ok(culpritText, `fixture: no kernelSize on the culprit line: ${culpritLine}`);

    const editor = await openFile(wb.page, 'kernelTooLarge.ts');
    const error = squiggles(editor, 'error');
    await error.first().waitFor({ timeout: HINT_TIMEOUT });
    assert.strictEqual(await error.count(), 1, 'exactly one error squiggle');
    // Code lenses and inlay hints arrive a moment after the squiggle and move lines down, so
    // compare positions once the layout has settled (polled, bounded).
    const sameLine = await settlesOnSameLine(wb.page, error.first(), lineContaining(editor, culpritText));
    assert.ok(sameLine, `the error squiggle is not on the line with "${culpritText}"`);

    await focusProblems(wb.page);
    const rows = problemRows(wb.page).filter({ hasText: 'shape/non-positive-dim' });
    await rows.first().waitFor({ timeout: 30_000 });
    await docScreenshot(wb.page, 'e2e-problems');

    // Put the cursor inside the squiggled text (Go to Line: TypeScript's own light bulb
    // elsewhere would offer unrelated actions), then open the fixes.
    const culpritLineNumber = before.split('\n').indexOf(culpritLine) + 1;
    const culpritColumn = culpritLine.indexOf(culpritText) + 1;
    const action = await openQuickFixMenu(wb.page, editor, culpritLineNumber, culpritColumn, 'padding');
    const title = (await action.innerText()).trim();
    const promised = /(\w+): ('[^']*'|\d+)/.exec(title);
    assert.ok(promised, `the quick fix title promises no property: "${title}"`);
    await acceptQuickFix(wb.page, action);

    await error.first().waitFor({ state: 'detached', timeout: 30_000 });
    await rows.first().waitFor({ state: 'detached', timeout: 30_000 });
    await saveActiveEditor(wb.page);
    const after = await savedText(file, before);
    const changed = after.split('\n').filter((l, i) => l !== before.split('\n')[i]);
    assert.strictEqual(changed.length, 1, `the fix should change exactly the culprit line; changed:\n${changed.join('\n')}`);
    assert.ok(changed[0].includes(`${promised[1]}: ${promised[2]}`), `"${title}" promised ${promised[0]}; the line is now:\n${changed[0]}`);
    assert.strictEqual(changed[0].replace(new RegExp(`,?\\s*${promised[1]}: ${promised[2]},?`), ''), culpritLine.replace(/,\s*(?=\s*\})/, ''), 'the fix changed more than the promised property');
    const fixed = await buildModel(after);
    assert.ok(fixed.layers.every((l) => l.outputShape.every((d) => d === null || d > 0)), 'TF.js builds the fixed model, but some dimension is not positive');
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

/**
 * Index of the first `model.add(...)` line TF.js throws in: the file is built with only the
 * first k add lines, for growing k, so the oracle names the statement rather than a guess.
 */
async function firstThrowingAdd(source: string): Promise<number> {
  const lines = source.split('\n');
  const addLines = lines.map((l, i) => (l.includes('model.add(') ? i : -1)).filter((i) => i >= 0);
  for (let k = 0; k < addLines.length; k++) {
    const kept = lines.filter((l, i) => !addLines.includes(i) || addLines.indexOf(i) <= k).join('\n');
    try {
      await buildModel(kept);
    } catch {
      return k;
    }
  }
  return -1;
}
