import { strict as assert } from 'assert';
import { extract } from '../../../src/core/lang/typescript/extract/index';
import { factories } from './helpers';

const BODY = `
const model = sequential();
model.add(layers.dense({units: 4, inputShape: [3]}));
`;

describe('extract: TF.js imports', () => {
  const cases: [string, string][] = [
    ['namespace import', "import * as tf from '@tensorflow/tfjs';\nconst {sequential, layers} = tf;"],
    ['default import', "import tf from '@tensorflow/tfjs-node';\nconst sequential = tf.sequential; const layers = tf.layers;"],
    ['named imports', "import {sequential, layers} from '@tensorflow/tfjs-layers';"],
    ['aliased named imports', "import {sequential as seq, layers as L} from '@tensorflow/tfjs-node-gpu';\nconst sequential = seq, layers = L;"],
    ['require of the namespace', "const tf = require('@tensorflow/tfjs');\nconst sequential = tf.sequential, layers = tf.layers;"],
    ['destructuring require', "const {sequential, layers} = require('@tensorflow/tfjs-node');"],
    ['import = require', "import tf = require('@tensorflow/tfjs');\nconst {sequential, layers} = tf;"],
  ];
  for (const [title, header] of cases) {
    it(`reads a model through a ${title}`, () => {
      const r = extract(header + BODY, title.includes('require') && !title.includes('import') ? 'm.js' : 'm.ts');
      assert.equal(r.importsTf, true);
      assert.equal(r.models.length, 1);
      assert.deepEqual(factories(r.models[0]), ['input', 'dense']);
      assert.equal(r.models[0].name, 'model');
    });
  }

  it('resolves destructured layer factories (`const {conv2d, dense} = tf.layers`)', () => {
    const r = extract(
      "import * as tf from '@tensorflow/tfjs';\nconst {conv2d, dense} = tf.layers;\nconst m = tf.sequential({layers: [conv2d({filters: 2, kernelSize: 3, inputShape: [8, 8, 1]}), dense({units: 1})]});",
      'm.ts',
    );
    assert.deepEqual(factories(r.models[0]), ['input', 'conv2d', 'dense']);
  });

  it('reads .mjs, .cjs, .jsx and .tsx files', () => {
    const src = "import * as tf from '@tensorflow/tfjs';\nconst m = tf.sequential();\nm.add(tf.layers.dense({units: 2, inputDim: 3}));\n";
    for (const f of ['a.mjs', 'a.cjs', 'a.js']) assert.equal(extract(src, f).models.length, 1, f);
    const jsx = src + 'export const View = () => <div className="x">{m.name}</div>;\n';
    for (const f of ['a.jsx', 'a.tsx']) {
      const r = extract(jsx, f);
      assert.equal(r.syntaxErrors.length, 0, f);
      assert.equal(r.models.length, 1, f);
    }
  });

  it('ignores files without a TF.js import, even with tf-like code', () => {
    const r = extract("import * as tf from './my-tf';\nconst m = tf.sequential();\nm.add(tf.layers.dense({units: 1}));", 'm.ts');
    assert.equal(r.importsTf, false);
    assert.equal(r.models.length, 0);
    assert.equal(r.problems.length, 0);
  });

  it('returns quickly for a large file with no TF.js import', () => {
    const big = 'const a = [1, 2, 3].map((x) => x * 2);\n'.repeat(40_000);
    const t0 = performance.now();
    const r = extract(big, 'big.ts');
    assert.ok(performance.now() - t0 < 50, 'should not even parse');
    assert.equal(r.importsTf, false);
  });

  it('sees a dynamic import of TF.js', () => {
    const r = extract("async function main() {\n  const tf = await import('@tensorflow/tfjs');\n  const m = tf.sequential();\n  m.add(tf.layers.dense({units: 1, inputShape: [2]}));\n}\nmain();", 'm.ts');
    assert.equal(r.importsTf, true);
    assert.equal(r.models.length, 1);
  });
});
