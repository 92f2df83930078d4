// The Python interpreter against CPython: every snippet of evaluatorCases.ts runs in both, and
// the `RESULT` we compute must print exactly as Python's repr() of it. Where Python raises,
// we must not claim a value. CPython here is the machine's python3 (no packages needed).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { isUnknown } from '../../../src/core/types';
import { interpretPython } from '../../../src/core/lang/python/extract';
import { parsePython } from '../../../src/core/lang/python/parse';
import { pyRepr } from '../../../src/core/lang/python/values';
import { EVAL_CASES } from './evaluatorCases';

/** Runs every case in one CPython process: the repr of RESULT, or the exception's class name. */
function cpythonResults(codes: readonly string[]): ({ repr: string } | { raised: string })[] {
  const script = `
import json, sys
out = []
for code in json.load(sys.stdin):
    ns = {"__name__": "__main__"}
    try:
        exec(compile(code, "<case>", "exec"), ns)
        out.append({"repr": repr(ns["RESULT"])})
    except Exception as e:
        out.append({"raised": type(e).__name__})
print(json.dumps(out))
`;
  const res = spawnSync('python3', ['-c', script], { input: JSON.stringify(codes), encoding: 'utf8' });
  assert.equal(res.status, 0, `python3 ran the cases: ${res.stderr}`);
  return JSON.parse(res.stdout) as ({ repr: string } | { raised: string })[];
}

describe('Python interpreter vs CPython', () => {
  const expected = cpythonResults(EVAL_CASES.map((c) => c.code));
  EVAL_CASES.forEach((c, i) => {
    it(c.name, () => {
      const module = parsePython(c.code);
      assert.deepEqual(module.syntaxErrors, [], 'parses cleanly');
      const { scope } = interpretPython(module, c.code);
      const ours = scope.read('RESULT');
      const python = expected[i];
      if ('raised' in python) {
        assert.ok(isUnknown(ours), `CPython raises ${python.raised}; we must not claim a value, but give ${pyRepr(ours)}`);
        return;
      }
      assert.ok(!isUnknown(ours), `we compute a value (CPython: ${python.repr}), not Unknown (${isUnknown(ours) ? ours.reason : ''})`);
      assert.equal(pyRepr(ours), python.repr);
    });
  });
});
