// One finding per mistake and place: a loop that builds a bad layer 2,000 times gave 1,015
// error lines on one line of code (each with its own value); now one, with the count.
import { strict as assert } from 'assert';
import { mergeRepeatedFindings } from '../../../src/core/lint/dedupe';
import { toFileReport } from '../../../src/core/reportJson';
import type { Finding } from '../../../src/core/types';
import { analyze, sourceOf, textAt, withCode } from './helpers';

const LOOP = `const m = tf.sequential();
m.add(tf.layers.dense({units: 512, inputShape: [10]}));
for (let i = 1; i < 2000; i++) m.add(tf.layers.dense({units: 512 / 2 ** i}));
`;

function finding(message: string, start = 10, code = 'config/invalid'): Finding {
  return { code, severity: 'error', span: { start, end: start + 5 }, message };
}

describe('lint: repeated findings are merged', () => {
  it("the issue's loop: one error at the layer call, holding the 1,015 it replaces", () => {
    const a = analyze(LOOP);
    assert.equal(a.findings.length, 1, a.findings.map((f) => f.message).slice(0, 3).join('\n'));
    const [f] = withCode(a, 'config/invalid');
    assert.equal(f.severity, 'error');
    assert.equal(f.occurrences, 1015);
    assert.equal(textAt(a, LOOP, f), 'units: 512 / 2 ** i');
    assert.equal(f.message, "Dense's units must be a positive integer, but is 0.5 (and 1,014 more times here, with other values).");
    const report = toFileReport(a, 'loop.ts');
    assert.equal(report.diagnostics[0].occurrences, 1015, 'the count is in the JSON report too');
  });

  it('findings that differ in their words stay apart, and so do words with digits (Conv2D, Conv3D)', () => {
    const merged = mergeRepeatedFindings([finding('A Conv2D layer needs 4 dims.'), finding('A Conv3D layer needs 4 dims.'), finding('Another message: 4.')]);
    assert.equal(merged.length, 3);
    assert.ok(merged.every((f) => f.occurrences === undefined));
  });

  it('exact duplicates (a builder called twice) are dropped as before, without a count', () => {
    const merged = mergeRepeatedFindings([finding('Units is 0.'), finding('Units is 0.')]);
    assert.deepEqual(merged, [finding('Units is 0.')]);
  });

  it('only the same place and code merge', () => {
    const merged = mergeRepeatedFindings([finding('Units is 0.5.', 10), finding('Units is 0.25.', 20), finding('Units is 0.125.', 10, 'config/other')]);
    assert.equal(merged.length, 3);
  });

  it('a builder called with different sizes gives one finding at its line, with the count', () => {
    const body = `function block(units: number): tf.Sequential {\n  const net = tf.sequential();\n  net.add(tf.layers.dense({units, inputShape: [4]}));\n  return net;\n}\nconst a = block(-1);\nconst b = block(-2);\nconst c = block(-3);\n`;
    const a = analyze(body);
    const found = a.findings.filter((f) => f.severity === 'error');
    assert.equal(found.length, 1, found.map((f) => f.message).join('\n'));
    assert.equal(found[0].occurrences, 3);
    assert.equal(sourceOf(body).slice(found[0].span.start, found[0].span.end), 'units');
  });
});
