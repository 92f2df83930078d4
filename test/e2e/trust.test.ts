// Scenario 7: a workspace that is not trusted (Restricted Mode). ShapeLens only reads text
// and never runs the user's code, so it declares support for untrusted workspaces and must
// keep analysing there. This needs its own code-server with workspace trust switched on.
import * as fs from 'fs';
import * as path from 'path';
import * as assert from 'assert';
import { buildModel, compactShape } from './harness/oracle';
import { closeSharedWorkbench, openWorkbench, vsixForTests, type Workbench } from './harness/session';
import { openFile, renderedLines } from './harness/workbench';

describe('e2e: untrusted workspace', function () {
  let wb: Workbench | null = null;

  before(async function () {
    this.timeout(180_000);
    await closeSharedWorkbench(); // two code-servers at once would share two cores
    wb = await openWorkbench({ vsix: vsixForTests(), trusted: false, label: 'untrusted workbench' });
  });

  after(async function () {
    await wb?.close();
  });

  it('7. in Restricted Mode the extension still analyses (it never runs code)', async function () {
    assert.ok(wb);
    const page = wb.page;
    // A fresh profile: VS Code asks whether to trust the folder. Decline, as a careful user would.
    const decline = page.locator('.monaco-dialog-box .monaco-button', { hasText: /No, I don't trust/i }).first();
    await decline.waitFor({ timeout: 30_000 });
    await decline.click();
    await decline.waitFor({ state: 'detached', timeout: 10_000 });
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 30_000 });

    const oracle = await buildModel(fs.readFileSync(path.join(wb.workspace, 'classicCnn.ts'), 'utf8'));
    const editor = await openFile(page, 'classicCnn.ts');
    const expected = oracle.layers.map((l) => `→ ${compactShape(l.outputShape)}`);
    const deadline = Date.now() + 60_000;
    let adds: string[] = [];
    while (Date.now() < deadline) {
      adds = (await renderedLines(editor)).filter((l) => l.includes('model.add('));
      if (adds.length === expected.length && adds.every((l, i) => l.includes(expected[i]))) break;
      await page.waitForTimeout(250);
    }
    assert.ok(adds.length === expected.length && adds.every((l, i) => l.includes(expected[i])), `no hints in Restricted Mode; lines:\n${adds.join('\n')}`);
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 5_000 });
  });
});
