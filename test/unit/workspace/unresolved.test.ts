// Imports that cannot give a value (test/fixtures/projects/unresolved): a cycle through the
// analysed file, a cycle between two imported modules, and files that do not exist, in TS/JS
// and Python. What they would set is unknown — never a guess, an error finding or a crash —
// and what does not depend on them stays known.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../../../src/core/analyze';
import { toFileReport } from '../../../src/core/reportJson';
import { Workspace } from '../../../src/core/workspace/workspace';
import { corePath, DiskFiles } from '../../../src/cli/diskFiles';

const ROOT = path.resolve(__dirname, '../../fixtures/projects/unresolved');

/** Per entry, each layer's params as they must come out: a number, or null (unknown). */
const CASES: readonly [entry: string, params: readonly (number | null)[]][] = [
  ['cycle-entry.js', [null, null]],
  ['loop-entry.js', [25, null]],
  ['missing.js', [null, 0, null]],
  ['cycle_entry.py', [null, null]],
  ['loop_entry.py', [25, null]],
  ['missing.py', [null, 0, null, null]],
];

describe('workspace imports: cycles and missing files give unknown', () => {
  for (const [entry, params] of CASES) {
    it(`${entry}: unknown where the import gives nothing, no error, no crash`, () => {
      const file = path.join(ROOT, entry);
      const workspace = new Workspace(new DiskFiles());
      const analysis = analyzeText(fs.readFileSync(file, 'utf8'), file, { project: { workspace, root: corePath(ROOT), path: corePath(file) } });
      const report = toFileReport(analysis, entry);
      assert.deepEqual(report.diagnostics.filter((d) => d.severity === 'error'), [], 'no error finding');
      assert.equal(report.models.length, 1, 'the model is still found');
      const layers = report.models[0].layers.filter((l) => l.className !== 'InputLayer');
      assert.deepEqual(layers.map((l) => l.params), params, 'params per layer');
      assert.equal(report.models[0].totalParams, null, 'the total is unknown, not a partial sum');
      assert.ok((analysis.dependencies ?? []).length > 0, 'the files looked for are dependencies (a file created later re-analyses this one)');
    });
  }

  it('analysing every file of the folder, each as the entry, never throws (the partners see the cycle from the other side)', () => {
    const workspace = new Workspace(new DiskFiles());
    for (const name of fs.readdirSync(ROOT).filter((f) => /\.(js|py)$/.test(f))) {
      const file = path.join(ROOT, name);
      const report = toFileReport(analyzeText(fs.readFileSync(file, 'utf8'), file, { project: { workspace, root: corePath(ROOT), path: corePath(file) } }), name);
      assert.deepEqual(report.diagnostics.filter((d) => d.severity === 'error'), [], `${name}: no error finding`);
    }
  });
});
