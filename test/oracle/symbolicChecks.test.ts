// Checks over symbols held to real TF.js (fixture test/fixtures/symbolic/checks.ts): each
// shape/symbolic-minimum condition is exact (at the minimum TF.js builds every layer with an
// output; one below, it throws or some layer's output is empty or negative), each symbolic
// merge error is one TF.js throws on for every size the windows allow, and a merge that fails
// for some sizes only gets no finding.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { analyzeText } from '../../src/core/analyze';
import { toFileReport } from '../../src/core/reportJson';
import type { FileReport } from '../../src/core/report';
import * as builders from '../fixtures/symbolic/checks';

const FIXTURE = path.join(__dirname, '../fixtures/symbolic/checks.ts');
const ORDER = ['deep', 'dilated', 'concatSkip', 'addBranches', 'addMaybe'] as const;
type Builder = (typeof ORDER)[number];

/** 'throws', 'empty' (some layer has a dim ≤ 0), or 'ok'. */
function build(name: Builder, size: number): 'throws' | 'empty' | 'ok' {
  let model: tf.LayersModel;
  try {
    model = builders[name](size);
  } catch {
    return 'throws';
  }
  const dims = model.layers.flatMap((l) => {
    const s = l.outputShape;
    return (Array.isArray(s[0]) ? (s as (number | null)[][]).flat() : (s as (number | null)[])).filter((d): d is number => d !== null);
  });
  model.dispose();
  return dims.some((d) => d <= 0) ? 'empty' : 'ok';
}

function findings(report: FileReport, builder: Builder, code: string) {
  return report.diagnostics.filter((d) => d.code === code && d.model === ORDER.indexOf(builder));
}

function minimumOf(report: FileReport, builder: Builder): { symbol: string; min: number } {
  const found = findings(report, builder, 'shape/symbolic-minimum');
  assert.equal(found.length, 1, `${builder}: one minimum finding`);
  const m = /needs (\S+) ≥ (\d+):/.exec(found[0].message);
  assert.ok(m, found[0].message);
  assert.equal(found[0].severity, 'info');
  return { symbol: m[1], min: Number(m[2]) };
}

describe('symbolic checks vs real TF.js (minimum sizes, merges that always or sometimes differ)', function () {
  this.timeout(60_000);
  let report: FileReport;
  before(async () => {
    await tf.setBackend('cpu');
    report = toFileReport(analyzeText(fs.readFileSync(FIXTURE, 'utf8'), FIXTURE), FIXTURE);
    assert.equal(report.models.length, ORDER.length);
  });

  for (const builder of ['deep', 'dilated'] as const) {
    it(`${builder}: the minimum builds, one below does not`, () => {
      const { min } = minimumOf(report, builder);
      assert.ok(min > 1);
      assert.equal(build(builder, min), 'ok', `${builder}(${min})`);
      assert.notEqual(build(builder, min - 1), 'ok', `${builder}(${min - 1})`);
      assert.deepEqual(report.diagnostics.filter((d) => d.severity === 'error' && d.model === ORDER.indexOf(builder)), []);
    });
  }

  for (const builder of ['concatSkip', 'addBranches'] as const) {
    it(`${builder}: a merge error with the symbolic dims, and TF.js fails for every size`, () => {
      const errors = findings(report, builder, 'shape/merge-mismatch');
      assert.equal(errors.length, 1);
      assert.equal(errors[0].severity, 'error');
      assert.match(errors[0].message, /IMG(\/2⌋)?−2/);
      const { min } = minimumOf(report, builder);
      for (let size = 1; size < min + 12; size++) {
        const got = build(builder, size);
        // At and above the windows' minimum the merge itself throws; below it a window fails first.
        if (size >= min) assert.equal(got, 'throws', `${builder}(${size})`);
        else assert.notEqual(got, 'ok', `${builder}(${size})`);
      }
    });
  }

  it('addMaybe: no error, since TF.js broadcasts IMG−2 = 1 onto IMG = 3 and throws only for other sizes', () => {
    assert.deepEqual(report.diagnostics.filter((d) => d.severity === 'error' && d.model === ORDER.indexOf('addMaybe')), []);
    assert.equal(build('addMaybe', 3), 'ok');
    assert.equal(build('addMaybe', 6), 'throws');
  });
});
