// Checks over symbols held to real Keras 3 (fixture test/fixtures/python/symbolic/checks.py),
// as test/oracle/symbolicChecks.test.ts does for TF.js: each shape/symbolic-minimum condition is
// exact (at the minimum Keras builds every layer with an output; one below it raises or a
// layer's output is empty), each symbolic merge error is one Keras raises on for every size
// the windows allow, and a merge that fails for some sizes only gets no finding.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeText } from '../../../src/core/analyze';
import { toFileReport } from '../../../src/core/reportJson';
import type { FileReport } from '../../../src/core/report';
import { kerasOracle } from './support/kerasOracle';

const FIXTURE = path.join(__dirname, '../../fixtures/python/symbolic/checks.py');
const ORDER = ['deep', 'cropped', 'concat_skip', 'add_branches', 'add_maybe'] as const;
type Builder = (typeof ORDER)[number];
type Outcome = 'throws' | 'empty' | 'ok';

/** Builds each (builder, size) in one Keras run: 'throws', 'empty' (a dim ≤ 0) or 'ok'. */
async function outcomes(source: string, calls: readonly [Builder, number][]): Promise<Outcome[]> {
  const program = `${source}
import json

def _outcome(name, size):
    try:
        m = globals()[name](size)
    except Exception:
        return "throws"
    dims = [d for l in m.layers for s in (l.output if isinstance(l.output, (list, tuple)) else [l.output]) for d in s.shape if d is not None]
    return "empty" if any(d <= 0 for d in dims) else "ok"

print(json.dumps([_outcome(n, s) for n, s in ${JSON.stringify(calls)}]))
`;
  const run = await kerasOracle().runProgram(program, { filename: 'checks.py' });
  assert.equal(run.raised, null, JSON.stringify(run.raised));
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '[]') as Outcome[];
}

function findings(report: FileReport, builder: Builder, code: string) {
  return report.diagnostics.filter((d) => d.code === code && d.model === ORDER.indexOf(builder));
}

function minimumOf(report: FileReport, builder: Builder): number {
  const found = findings(report, builder, 'shape/symbolic-minimum');
  assert.equal(found.length, 1, `${builder}: one minimum finding`);
  assert.equal(found[0].severity, 'info');
  const m = /needs \S+ ≥ (\d+):/.exec(found[0].message);
  assert.ok(m, found[0].message);
  return Number(m[1]);
}

describe('symbolic checks vs real Keras 3 (minimum sizes, merges that always or sometimes differ)', function () {
  this.timeout(180_000);
  after(() => kerasOracle().close());
  const source = fs.readFileSync(FIXTURE, 'utf8');
  const report = toFileReport(analyzeText(source, FIXTURE), FIXTURE);

  it('finds each builder, and errors only on the merges that always differ', () => {
    assert.equal(report.models.length, ORDER.length);
    const errorModels = report.diagnostics.filter((d) => d.severity === 'error').map((d) => ORDER[d.model ?? -1]);
    assert.deepEqual(errorModels, ['concat_skip', 'add_branches']);
  });

  it('each minimum builds, one below does not; each certain merge error raises for every size', async () => {
    const deep = minimumOf(report, 'deep');
    const cropped = minimumOf(report, 'cropped');
    assert.deepEqual([deep, cropped], [12, 12]);
    const concatMin = minimumOf(report, 'concat_skip');
    const addMin = minimumOf(report, 'add_branches');
    const merges: [Builder, number][] = [];
    for (let size = 1; size < 24; size++) merges.push(['concat_skip', size], ['add_branches', size]);
    const calls: [Builder, number][] = [['deep', deep], ['deep', deep - 1], ['cropped', cropped], ['cropped', cropped - 1], ['add_maybe', 3], ['add_maybe', 6], ...merges];
    const got = await outcomes(source, calls);
    assert.equal(got[0], 'ok', `deep(${deep})`);
    assert.notEqual(got[1], 'ok', `deep(${deep - 1})`);
    assert.equal(got[2], 'ok', `cropped(${cropped})`);
    assert.notEqual(got[3], 'ok', `cropped(${cropped - 1})`);
    // add_maybe: Keras broadcasts img − 2 = 1 onto img = 3 and raises for other sizes: no finding is right.
    assert.deepEqual(got.slice(4, 6), ['ok', 'throws']);
    merges.forEach(([name, size], i) => {
      const outcome = got[6 + i];
      const min = name === 'concat_skip' ? concatMin : addMin;
      if (size >= min) assert.equal(outcome, 'throws', `${name}(${size})`);
      else assert.notEqual(outcome, 'ok', `${name}(${size})`);
    });
  });
});
