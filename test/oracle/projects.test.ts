// Multi-file projects against real TF.js: each entry is run with its relative imports and
// requires loading the project's own files (runProjectFile), and our analysis, following the
// same imports through the workspace resolver, must agree layer by layer. Entries TF.js throws
// on must get an error finding on the statement of the entry it throws in.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { analyzeText } from '../../src/core/analyze';
import { toFileReport } from '../../src/core/reportJson';
import type { FileReport, LayerReport } from '../../src/core/report';
import { Workspace } from '../../src/core/workspace/workspace';
import { corePath, DiskFiles } from '../../src/cli/diskFiles';
import { describeModel, removeTranspiledFixtures, runProjectFile, type OracleLayer } from './support/runFixture';
import { statementLinesAt } from './support/statementAt';

const PROJECTS = path.resolve(__dirname, '../fixtures/projects');

/** A project's entries: the files TF.js runs (their imports load the rest). */
const VALID: readonly [project: string, entry: string][] = [
  ['tfjs-mnist', 'train.js'],
  ['tfjs-mnist', 'index.js'],
  ['tfjs-reexports', 'model.ts'],
];
const INVALID: readonly [project: string, entry: string][] = [
  ['tfjs-invalid', 'imported-size.js'],
  ['tfjs-invalid', 'imported-builder.js'],
];

function analyse(file: string, root: string, follow = true): FileReport {
  const text = fs.readFileSync(file, 'utf8');
  const project = follow ? { project: { workspace: new Workspace(new DiskFiles()), root: corePath(root), path: corePath(file) } } : {};
  return toFileReport(analyzeText(text, file, project), path.relative(PROJECTS, file));
}

const key = (l: OracleLayer): string => `${l.className} ${JSON.stringify(l.outputShape)} ${l.params}`;

function ourLayers(layers: readonly LayerReport[], oracleHasInput: boolean, sequential: boolean): string[] {
  return layers
    .filter((l) => !l.sharedRepeat && !(sequential && !oracleHasInput && l.className === 'InputLayer'))
    .map((l) => key({ className: l.className ?? '(unknown)', outputShape: l.outputShape, params: l.params ?? Number.NaN }))
    .sort();
}

describe('oracle: multi-file projects vs real TF.js', function () {
  this.timeout(60_000);
  before(async () => {
    tf.env().set('IS_TEST', true);
    await tf.setBackend('cpu');
  });
  after(removeTranspiledFixtures);

  for (const [project, entry] of VALID) {
    it(`${project}/${entry}: every layer matches TF.js`, () => {
      const root = path.join(PROJECTS, project);
      const file = path.join(root, entry);
      const run = runProjectFile(file, root);
      try {
        assert.equal(run.error, null, `TF.js failed to run ${entry}: ${String(run.error)}`);
        const oracle = run.models.map(describeModel);
        assert.ok(oracle.length > 0, 'the entry builds models');
        const report = analyse(file, root);
        assert.deepEqual(report.diagnostics.filter((d) => d.severity === 'error'), [], 'no error findings on models TF.js builds');
        assert.equal(report.models.length, oracle.length, 'one model per model the entry builds, in creation order');
        oracle.forEach((expected, i) => {
          const ours = report.models[i];
          const where = `${entry} model #${i} (${ours.name ?? 'unnamed'}, line ${ours.line})`;
          assert.equal(ours.kind, expected.kind, `${where}: kind`);
          const hasInput = expected.layers.some((l) => l.className === 'InputLayer');
          assert.deepEqual(ourLayers(ours.layers, hasInput, ours.kind === 'sequential'), expected.layers.map(key).sort(), `${where}: layers`);
          assert.equal(ours.totalParams, expected.totalParams, `${where}: totalParams`);
        });
      } finally {
        for (const m of run.models) m.dispose();
      }
    });
  }

  it('without following imports the same entries lose their shapes (the resolver is what finds them)', () => {
    for (const [project, entry] of VALID) {
      const root = path.join(PROJECTS, project);
      const report = analyse(path.join(root, entry), root, false);
      const known = report.models.flatMap((m) => m.layers).filter((l) => l.params !== null && l.outputShape !== null && (l.outputShape as unknown[]).every((d, i) => i === 0 || d !== null));
      const followed = analyse(path.join(root, entry), root).models.flatMap((m) => m.layers);
      assert.ok(known.length < followed.length, `${entry}: ${known.length} layers fully known alone, ${followed.length} with its imports`);
    }
  });

  for (const [project, entry] of INVALID) {
    it(`${project}/${entry}: an error finding on the statement TF.js throws in`, () => {
      const root = path.join(PROJECTS, project);
      const file = path.join(root, entry);
      const run = runProjectFile(file, root);
      for (const m of run.models) m.dispose();
      assert.notEqual(run.error, null, 'TF.js throws on this entry');
      assert.ok(run.throwSite, `no stack frame in ${entry}: ${String(run.error)}`);
      const text = fs.readFileSync(file, 'utf8');
      const statement = statementLinesAt(text, entry, run.throwSite.line, run.throwSite.column);
      assert.ok(statement, `no statement at ${run.throwSite.line}:${run.throwSite.column}`);
      const errors = analyse(file, root).diagnostics.filter((d) => d.severity === 'error');
      assert.ok(
        errors.some((d) => d.line <= statement.endLine && d.endLine >= statement.startLine),
        `TF.js threw "${String(run.error).slice(0, 120)}" on lines ${statement.startLine}-${statement.endLine}; ours: ${JSON.stringify(errors.map((d) => `${d.line} ${d.code}`))}`,
      );
    });
  }
});
