// The missing-input-shape problem, held against real TF.js: for each snippet, TF.js throws on
// the add exactly when extract reports the problem.
import { strict as assert } from 'assert';
import * as tfjs from '@tensorflow/tfjs';
import { extract, MISSING_INPUT_SHAPE_MESSAGE } from '../../../src/core/lang/typescript/extract/index';
import { only, slice, TF_IMPORT } from './helpers';

function tfThrows(body: string): boolean {
  try {
    new Function('tf', body)(tfjs);
    return false;
  } catch (e) {
    return /must get an `inputShape` or `batchInputShape`/.test(String(e));
  }
}

const cases: [string, string][] = [
  ['dense without an input shape', "const m = tf.sequential();\nm.add(tf.layers.dense({units: 3}));"],
  ['flatten() first', 'const m = tf.sequential();\nm.add(tf.layers.flatten());'],
  ['conv2d with inputShape', 'const m = tf.sequential();\nm.add(tf.layers.conv2d({filters: 2, kernelSize: 3, inputShape: [8, 8, 1]}));'],
  ['dense with inputDim', 'const m = tf.sequential();\nm.add(tf.layers.dense({units: 3, inputDim: 5}));'],
  ['dense with batchInputShape', 'const m = tf.sequential();\nm.add(tf.layers.dense({units: 3, batchInputShape: [2, 5]}));'],
  ['an inputLayer first', 'const m = tf.sequential();\nm.add(tf.layers.inputLayer({inputShape: [5]}));\nm.add(tf.layers.dense({units: 3}));'],
  ['embedding (declares its own input)', 'const m = tf.sequential();\nm.add(tf.layers.embedding({inputDim: 100, outputDim: 8}));'],
  ['an array element in layers: [...]', 'const m = tf.sequential({layers: [tf.layers.dense({units: 3}), tf.layers.dense({units: 1})]});'],
  ['bidirectional without an input shape', 'const m = tf.sequential();\nm.add(tf.layers.bidirectional({layer: tf.layers.lstm({units: 2})}));'],
  ['inputShape: undefined', 'const m = tf.sequential();\nm.add(tf.layers.dense({units: 3, inputShape: undefined}));'],
];

describe('extract: model/missing-input-shape (oracle: TF.js)', () => {
  before(async () => {
    await tfjs.setBackend('cpu');
  });
  for (const [title, body] of cases) {
    it(title, () => {
      const throws = tfThrows(body);
      const text = TF_IMPORT + body;
      const r = extract(text, 'm.ts');
      const problems = r.problems.filter((p) => p.code === 'model/missing-input-shape');
      assert.equal(problems.length, throws ? 1 : 0, `TF.js ${throws ? 'throws' : 'accepts'}; problems: ${JSON.stringify(problems)}`);
      const m = only(r);
      if (throws) {
        const p = problems[0];
        assert.equal(p.severity, 'error');
        assert.equal(p.message, MISSING_INPUT_SHAPE_MESSAGE);
        const written = slice(text, p.span);
        assert.ok(written === slice(text, m.nodes[0].span), 'the problem is on the first node');
        assert.ok(/^m\.add\(|^tf\.layers\./.test(written), written);
        assert.deepEqual(m.nodes[0].inputs, [-1]);
      } else {
        assert.equal(m.nodes[0].op.kind, 'input', 'the declared input becomes an input node');
      }
    });
  }

  it('no problem when the config may hold an input shape (unknown spread or unknown config)', () => {
    const r = extract(TF_IMPORT + 'export function f(opts: object, cfg: any) {\n  const a = tf.sequential();\n  a.add(tf.layers.dense({units: 3, ...opts}));\n  const b = tf.sequential();\n  b.add(tf.layers.dense(cfg));\n}\n', 'm.ts');
    assert.equal(r.models.length, 2);
    assert.equal(r.problems.length, 0);
  });

  it('no problem when an unknown value holds the input shape', () => {
    const r = extract(TF_IMPORT + 'export function f(shape: number[]) {\n  const a = tf.sequential();\n  a.add(tf.layers.dense({units: 3, inputShape: shape}));\n}\n', 'm.ts');
    assert.equal(r.problems.length, 0);
    const first = only(r).nodes[0].op;
    assert.ok(first.kind === 'input');
    assert.equal(first.input.shape, null);
  });

  it('no problem when something unknown was added first', () => {
    const r = extract(TF_IMPORT + "import { stem } from './stem';\nconst a = tf.sequential();\na.add(stem());\na.add(tf.layers.dense({units: 3}));\n", 'm.ts');
    assert.equal(r.problems.length, 0);
    assert.equal(only(r).incomplete, true);
  });

  it('the input node of a declared input spans the layer call', () => {
    const text = TF_IMPORT + 'const m = tf.sequential();\nm.add(tf.layers.dense({units: 3, inputShape: [7]}));';
    const n = only(extract(text, 'm.ts')).nodes[0];
    assert.ok(n.op.kind === 'input');
    assert.equal(slice(text, n.span), 'tf.layers.dense({units: 3, inputShape: [7]})');
    assert.deepEqual(n.op.input.shape, [null, 7]);
  });
});
