// Files that all import one another (src/core/workspace/workspace.ts, ImportSession): each
// module is evaluated once a session, so one analysis reads a bounded number of files, not one
// growing exponentially with the cycle's size, and what the cycle does not hide stays known.
import { strict as assert } from 'assert';
import { analyzeText } from '../../../src/core/analyze';
import { toFileReport } from '../../../src/core/reportJson';
import { Workspace } from '../../../src/core/workspace/workspace';

const ROOT = '/proj';
const SIZE = 10;

/** A project of SIZE modules, each importing every other one; m0's model applies m1's block. */
function denseProject(python: boolean): Map<string, string> {
  const files = new Map<string, string>();
  for (let i = 0; i < SIZE; i++) {
    const others = Array.from({ length: SIZE }, (_, j) => j).filter((j) => j !== i);
    const text = python
      ? ['import keras', 'from keras import layers', ...others.map((j) => `from m${j} import block${j}`),
        `def block${i}(x):`, `    return layers.Dense(${i + 1})(x)`,
        ...(i === 0 ? ['inputs = keras.Input((10,))', 'model = keras.Model(inputs, block1(inputs))'] : [])]
      : ["import * as tf from '@tensorflow/tfjs';", ...others.map((j) => `import { block${j} } from './m${j}';`),
        `export function block${i}(x: tf.SymbolicTensor) { return tf.layers.dense({ units: ${i + 1} }).apply(x) as tf.SymbolicTensor; }`,
        ...(i === 0 ? ['const inputs = tf.input({ shape: [10] });', 'export const model = tf.model({ inputs, outputs: block1(inputs) });'] : [])];
    files.set(`${ROOT}/m${i}.${python ? 'py' : 'ts'}`, text.join('\n') + '\n');
  }
  return files;
}

for (const python of [false, true]) {
  describe(`workspace imports: ${SIZE} ${python ? 'Python' : 'TS'} files that all import one another`, () => {
    it('one analysis of a file reads each module a bounded number of times, and the block from the cycle is still known', () => {
      const files = denseProject(python);
      let reads = 0;
      const workspace = new Workspace({ read: (p) => { reads++; return files.get(p) ?? null; } });
      const entry = `${ROOT}/m0.${python ? 'py' : 'ts'}`;
      const analysis = analyzeText(files.get(entry) ?? '', entry, { project: { workspace, root: ROOT, path: entry } });
      // Each module evaluated once: 180 reads (TS) and 108 (Python) here, texts checked still
      // valid included. Evaluated again on every path that reached it, 6 such modules took
      // 4,880 and 2,280 reads and 10 took minutes.
      assert.ok(reads <= 3 * SIZE * SIZE, `read ${reads} files`);
      const report = toFileReport(analysis, entry);
      assert.deepEqual(report.diagnostics.filter((d) => d.severity === 'error'), [], 'no error finding');
      const dense = report.models[0]?.layers.filter((l) => l.className === 'Dense') ?? [];
      assert.deepEqual(dense.map((l) => l.params), [22], "m1's block: Dense(2) on 10 features");
    });
  });
}
