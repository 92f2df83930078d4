// Where symbols come from, in both front ends: what the code names becomes a symbol, what it
// computes or does not name stays unknown, and the report, hints and summary spell them.
import { strict as assert } from 'assert';
import { analyzeText } from '../../../src/core/analyze';
import { formatSymbolicShape } from '../../../src/core/format';
import { toFileReport } from '../../../src/core/reportJson';
import { formatSummary } from '../../../src/core/summary';

function report(text: string, file: string) {
  return toFileReport(analyzeText(text, file), file);
}

describe('symbolic dimensions: front ends and display', () => {
  it('TS: a constant read from data takes its name; the same name assigned elsewhere gets none', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
const xs = tf.tensor2d(await (await fetch('data.json')).json());
const numFeatures = xs.shape[1];
const a = tf.sequential();
a.add(tf.layers.dense({ units: 8, inputShape: [numFeatures] }));
function other(ys: tf.Tensor) {
  const numFeatures = ys.shape[0];
  const b = tf.sequential();
  b.add(tf.layers.dense({ units: 8, inputShape: [numFeatures] }));
}
`;
    const r = report(text, 'data.ts');
    const named = r.models.map((m) => (m.symbols ?? []).map((s) => [s.name, s.range.line]));
    assert.deepEqual(named[0], [['numFeatures', 3]]);
    assert.equal(r.models[0].layers[0].paramsExpr, '8*numFeatures+8');
    // The second `numFeatures` may be another value: it is not claimed equal to the first.
    assert.ok(!named[1].some(([n]) => n === 'numFeatures'));
  });

  it('Python: computing with a symbol drops it; a parameter path keeps it', () => {
    const text = `import keras
from keras import layers

def build(shape, n):
    m = keras.Sequential([layers.Input(shape=(shape[0],)), layers.Dense(n + 1), layers.Dense(max(n, 4)), layers.Dense(n)])
    return m
`;
    const m = report(text, 'b.py').models[0];
    assert.deepEqual((m.symbols ?? []).map((s) => s.name), ['shape[0]', 'n']);
    const dense = m.layers.filter((l) => l.className === 'Dense');
    assert.deepEqual(dense.map((l) => l.symbolicShape ?? l.outputShape), [[null, null], [null, null], [null, 'n']]);
    assert.equal(dense[0].paramsExpr, undefined); // n + 1 units: unknown, so its count too
    assert.equal(dense[0].params, null);
    assert.equal(dense[2].paramsExpr, undefined); // its input size, max(n, 4), is unknown
  });

  it('TS: a config with an unknown spread gets nothing symbolic (it may set useBias: false)', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
export function build(n: number, opts: object) {
  const m = tf.sequential();
  m.add(tf.layers.dense({ units: n, inputShape: [4] }));
  m.add(tf.layers.dense({ ...opts, units: 3 }));
  m.add(tf.layers.dense({ units: 3 }));
  return m;
}
`;
    const layers = report(text, 'spread.ts').models[0].layers;
    assert.equal(layers[0].paramsExpr, '5*n');
    assert.equal(layers[1].paramsExpr, undefined);
  });

  it('hints, tuples and the summary spell symbolic shapes', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
export function cnn(IMG: number) {
  const m = tf.sequential();
  m.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, inputShape: [IMG, IMG, 1] }));
  m.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2, padding: 'same' }));
  m.add(tf.layers.flatten());
  m.add(tf.layers.dense({ units: 10 }));
  return m;
}
`;
    const analysis = analyzeText(text, 'cnn.ts');
    const nodes = analysis.models[0].nodes.filter((n) => n.symbolicShape);
    const hints = nodes.map((n) => formatSymbolicShape(n.symbolicShape ?? [], 'compact'));
    // ⌈(IMG−2)/2⌉ is kept as ⌈IMG/2⌉−1: whole multiples leave the bracket (canonical form).
    assert.deepEqual(hints, ['IMG×IMG×1', '(IMG−2)×(IMG−2)×32', '(⌈IMG/2⌉−1)×(⌈IMG/2⌉−1)×32', '32·⌈IMG/2⌉²−64·⌈IMG/2⌉+32']);
    assert.equal(formatSymbolicShape(nodes[1].symbolicShape ?? [], 'tuple', 'python'), '(None, IMG−2, IMG−2, 32)');
    const summary = formatSummary(analysis);
    assert.match(summary, /\(None, IMG−2, IMG−2, 32\)/);
    assert.match(summary, /Total params: 320·⌈IMG\/2⌉² − 640·⌈IMG\/2⌉ \+ 650/);
  });

  it('TS: elements destructured from a named shape are paths into it, never all the same symbol', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
export function build(inputShape: number[], { numClasses, hidden = 8 }: { numClasses: number; hidden?: number }) {
  const [h, w, c] = inputShape;
  const input = tf.input({ shape: [h, w, c] });
  const x = tf.layers.flatten().apply(tf.layers.conv2d({ filters: hidden, kernelSize: 3 }).apply(input)) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: tf.layers.dense({ units: numClasses }).apply(x) as tf.SymbolicTensor });
}
`;
    const m = report(text, 'shape.ts').models[0];
    assert.deepEqual(m.layers[0].symbolicShape, [null, 'inputShape[0]', 'inputShape[1]', 'inputShape[2]']);
    // The default of a destructured option is what runs; the option without one is a symbol.
    assert.equal(m.layers[1].paramsExpr, '72*inputShape[2]+8');
    assert.deepEqual(m.layers[3].symbolicShape, [null, 'numClasses']);
  });

  it('Python: unpacking a named shape and a plain dict key name paths into the parameter', () => {
    const text = `import keras
from keras import layers

def build(config, input_shape):
    h, w, c = input_shape
    inputs = keras.Input(shape=(h, w, c))
    x = layers.Conv2D(config["filters"], 3)(inputs)
    y = layers.Dense(config[key])(layers.Flatten()(x))
    return keras.Model(inputs, y)
`;
    const m = report(text, 'cfg.py').models[0];
    assert.deepEqual(m.layers[0].symbolicShape, [null, 'input_shape[0]', 'input_shape[1]', 'input_shape[2]']);
    assert.deepEqual(m.layers[1].symbolicShape, [null, 'input_shape[0]-2', 'input_shape[1]-2', 'config["filters"]']);
    // A key that is not a literal names nothing: that size stays unknown.
    assert.deepEqual(m.layers[3].symbolicShape ?? m.layers[3].outputShape, [null, null]);
  });
});
