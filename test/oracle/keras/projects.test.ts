// A multi-file Python package against real Keras 3: each entry is run the way its author runs
// it (`python -m vision.train` for the package's entry, `python star_import.py` for the
// scripts beside it), its imports loading the project's own files, and our analysis, following
// the same imports through the workspace resolver, must agree model by model and layer by
// layer: constructor line, class, Keras's names, output shapes, parameters and totals.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeText } from '../../../src/core/analyze';
import type { FileReport, LayerReport } from '../../../src/core/report';
import { toFileReport } from '../../../src/core/reportJson';
import { Workspace } from '../../../src/core/workspace/workspace';
import { corePath, DiskFiles } from '../../../src/cli/diskFiles';
import { kerasOracle, type KLayer, type RunOptions } from './support/kerasOracle';

const ROOT = path.resolve(__dirname, '../../fixtures/projects/keras-package');

/** Each entry and how Python runs it: the package it is a module of, if any. */
const ENTRIES: readonly { readonly file: string; readonly run: RunOptions }[] = [
  { file: 'vision/train.py', run: { sysPath: [ROOT], package: 'vision' } },
  { file: 'star_import.py', run: { sysPath: [ROOT] } },
  { file: 'module_alias.py', run: { sysPath: [ROOT] } },
];

function analyse(file: string, follow: boolean): FileReport {
  const text = fs.readFileSync(file, 'utf8');
  const project = follow ? { project: { workspace: new Workspace(new DiskFiles()), root: corePath(ROOT), path: corePath(file) } } : {};
  return toFileReport(analyzeText(text, file, project), path.relative(ROOT, file));
}

const theirKey = (l: KLayer): string => `${l.name} (${l.className}) ${JSON.stringify(l.outputShape)} ${l.params}`;
const ourKey = (l: LayerReport): string => `${l.name} (${l.className}) ${JSON.stringify(l.outputShape)} ${l.params}`;

describe('oracle: a multi-file Python package vs real Keras 3', function () {
  this.timeout(240_000);

  for (const { file, run } of ENTRIES) {
    it(`keras-package/${file}: every model and layer matches Keras`, async () => {
      const absolute = path.join(ROOT, file);
      const keras = await kerasOracle().modelsOfFile(absolute, { ...run, timeoutSeconds: 120 });
      assert.equal(keras.raised, null, `Keras runs ${file} (${keras.raised?.type}: ${keras.raised?.message})`);
      assert.ok(keras.models.length > 0, 'the entry builds models');
      const ours = analyse(absolute, true);
      assert.deepEqual(ours.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}: ${d.message}`), [], 'no error finding on models Keras builds');
      const models = ours.models.filter((m) => !m.unbound);
      assert.deepEqual(models.map((m) => m.line), keras.models.map((k) => k.line), 'one model per Keras model, at the line of its constructor (or of the imported builder’s call)');
      keras.models.forEach((k, i) => {
        const where = `${file} line ${k.line} (${k.name})`;
        const m = models[i];
        assert.equal(m.className, k.className, `${where}: class`);
        assert.equal(m.displayName, k.name, `${where}: name`);
        assert.deepEqual(m.layers.filter((l) => !l.operation).map(ourKey).sort(), k.layers.map(theirKey).sort(), `${where}: layers (name, class, output shape, params)`);
        assert.equal(m.totalParams, k.params, `${where}: total params`);
        assert.equal(m.trainableParams, k.trainable, `${where}: trainable params`);
      });
    });
  }

  it('without following imports the same entries lose their shapes (the resolver is what finds them)', () => {
    for (const { file } of ENTRIES) {
      const absolute = path.join(ROOT, file);
      const complete = (r: FileReport): number => r.models.filter((m) => m.totalParams !== null).length;
      const alone = analyse(absolute, false);
      assert.ok(complete(alone) < complete(analyse(absolute, true)), `${file}: ${complete(alone)} models with known totals alone`);
    }
  });
});
