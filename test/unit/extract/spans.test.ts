import { strict as assert } from 'assert';
import { extract } from '../../../src/core/lang/typescript/extract/index';
import { layerOf, only, slice, TF_IMPORT } from './helpers';

describe('extract: spans', () => {
  it('Sequential: node span = the add call, layer span = the factory call, config spans = key and value', () => {
    const text = `${TF_IMPORT}const model = tf.sequential();
model.add(tf.layers.conv2d({
  inputShape: [28, 28, 1],
  filters: 32,
  kernelSize: 3,
}));
model.add(tf.layers.dense({units: 10}));
`;
    const m = only(extract(text, 'm.ts'));
    assert.equal(slice(text, m.span), 'tf.sequential()');
    const conv = m.nodes[1];
    assert.equal(slice(text, conv.span), 'model.add(tf.layers.conv2d({\n  inputShape: [28, 28, 1],\n  filters: 32,\n  kernelSize: 3,\n}))');
    const decl = layerOf(conv);
    assert.ok(slice(text, decl.span).startsWith('tf.layers.conv2d({') && slice(text, decl.span).endsWith('})'));
    assert.deepEqual(
      Object.fromEntries(Object.entries(decl.configSpans).map(([k, s]) => [k, slice(text, s)])),
      { inputShape: 'inputShape: [28, 28, 1]', filters: 'filters: 32', kernelSize: 'kernelSize: 3' },
    );
    assert.ok(decl.configObjectSpan);
    assert.ok(slice(text, decl.configObjectSpan).startsWith('{') && slice(text, decl.configObjectSpan).endsWith('}'));
    assert.equal(slice(text, m.nodes[2].span), 'model.add(tf.layers.dense({units: 10}))');
  });

  it('Sequential layers array: node span = the array element', () => {
    const text = `${TF_IMPORT}const m = tf.sequential({layers: [
  tf.layers.dense({units: 4, inputShape: [2]}),
  tf.layers.dense({units: 1}),
]});`;
    const m = only(extract(text, 'm.ts'));
    assert.deepEqual(m.nodes.slice(1).map((n) => slice(text, n.span)), ['tf.layers.dense({units: 4, inputShape: [2]})', 'tf.layers.dense({units: 1})']);
  });

  it('functional: node span = the apply call; input span = the tf.input call; no config object span for a config variable', () => {
    const text = `${TF_IMPORT}const cfg = {units: 3};
const x = tf.input({shape: [5]});
const y = tf.layers.dense(cfg).apply(x);
const model = tf.model({inputs: x, outputs: y as tf.SymbolicTensor});`;
    const m = only(extract(text, 'm.ts'));
    assert.equal(slice(text, m.nodes[0].span), 'tf.input({shape: [5]})');
    assert.equal(slice(text, m.nodes[1].span), 'tf.layers.dense(cfg).apply(x)');
    const l = layerOf(m.nodes[1]);
    assert.equal(l.configObjectSpan, null);
    assert.equal(slice(text, l.configSpans.units), 'units: 3', 'the property where it was written');
    assert.equal(slice(text, m.span), 'tf.model({inputs: x, outputs: y as tf.SymbolicTensor})');
  });

  it('compile spans', () => {
    const text = `${TF_IMPORT}const m = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [1]})]});\nm.compile({loss: 'meanSquaredError', optimizer: 'sgd'});`;
    const c = only(extract(text, 'm.ts')).compile;
    assert.ok(c);
    assert.equal(slice(text, c.span), "m.compile({loss: 'meanSquaredError', optimizer: 'sgd'})");
    assert.equal(slice(text, c.configSpans.optimizer), "optimizer: 'sgd'");
  });
});
