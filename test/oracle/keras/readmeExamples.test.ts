// The README's Python examples, run in real Keras: an example of an error finding must make
// Keras raise; an example of a warning or info must build (it describes code Keras accepts).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeText } from '../../../src/core/analyze';
import { kerasOracle } from './support/kerasOracle';

const README = fs.readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');

function pythonExamples(): { code: string; source: string }[] {
  const findings = README.slice(README.indexOf('## Findings'));
  const end = findings.indexOf('\n## ', 5);
  return (end < 0 ? findings : findings.slice(0, end))
    .split(/^### /m)
    .slice(1)
    .flatMap((part) => [...part.matchAll(/```python\n([\s\S]*?)```/g)].map((m) => ({ code: part.split('\n')[0].trim(), source: m[1] })));
}

describe('README Python examples in real Keras', function () {
  this.timeout(120_000);
  for (const example of pythonExamples()) {
    it(`${example.code}`, async () => {
      const ours = analyzeText(example.source, 'example.py').findings.filter((f) => f.code === example.code);
      assert.ok(ours.length > 0, 'the example gives its finding');
      const keras = await kerasOracle().runProgram(example.source);
      if (ours.some((f) => f.severity === 'error')) assert.ok(keras.raised, 'an error finding: Keras raises on this example');
      // A recursion that never ends is a warning about the program, not about Keras: Python stops it.
      else if (example.code === 'extract/unbounded-recursion') assert.equal(keras.raised?.type, 'RecursionError');
      else assert.equal(keras.raised, null, `a ${ours[0].severity}: Keras builds this example (${keras.raised?.message})`);
    });
  }
});
