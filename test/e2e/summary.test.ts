// Scenario 4: "ShapeLens: Show Model Summary" opens a Keras-style summary document with the
// totals TF.js reports for the same model.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { buildModel, kerasShape, thousands } from './harness/oracle';
import { docScreenshot } from './harness/screenshots';
import { sharedWorkbench, type Workbench } from './harness/session';
import { openFile, renderedLines, resetEditors, runCommand } from './harness/workbench';

describe('e2e: model summary command', function () {
  let wb: Workbench;

  before(async function () {
    this.timeout(180_000);
    wb = await sharedWorkbench();
  });

  beforeEach(async function () {
    await resetEditors(wb.page);
  });

  it('4. Show Model Summary opens the summary document with the right totals', async function () {
    const oracle = await buildModel(fs.readFileSync(path.join(wb.workspace, 'classicCnn.ts'), 'utf8'));
    await openFile(wb.page, 'classicCnn.ts');
    await runCommand(wb.page, 'ShapeLens: Show Model Summary');

    // The summary opens beside the source, in its own editor group.
    const group = wb.page.locator('.editor-group-container').filter({ has: wb.page.locator('.tab.active', { hasText: 'model summary' }) });
    const summary = group.locator('.monaco-editor').first();
    await summary.locator('.view-lines', { hasText: 'Total params' }).waitFor({ timeout: 60_000 });
    const text = (await renderedLines(summary)).join('\n');

    const total = /Total params:\s*([\d,]+)/.exec(text);
    assert.ok(total, `no "Total params" line in the summary:\n${text}`);
    assert.strictEqual(total[1], thousands(oracle.totalParams), `summary total vs TF.js:\n${text}`);
    const trainable = /(?<!Non-)Trainable params:\s*([\d,]+)/i.exec(text);
    assert.ok(trainable, `no "Trainable params" line in the summary:\n${text}`);
    assert.strictEqual(trainable[1], thousands(oracle.trainableParams));
    for (const layer of oracle.layers) {
      assert.ok(text.includes(kerasShape(layer.outputShape)), `the ${layer.className} row's shape ${kerasShape(layer.outputShape)} is missing:\n${text}`);
    }
    await docScreenshot(wb.page, 'e2e-summary');
  });
});
