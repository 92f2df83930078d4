import { strict as assert } from 'assert';
import { factories, layerOf, only, run, TF_IMPORT } from './helpers';

describe('extract: model styles', () => {
  it('reads tf.sequential() + model.add with the compile call', () => {
    const m = only(
      run(`
const model = tf.sequential();
model.add(tf.layers.conv2d({inputShape: [28, 28, 1], filters: 8, kernelSize: 3}));
model.add(tf.layers.flatten());
model.add(tf.layers.dense({units: 10, activation: 'softmax'}));
model.compile({optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy']});
`),
    );
    assert.equal(m.kind, 'sequential');
    assert.equal(m.name, 'model');
    assert.deepEqual(factories(m), ['input', 'conv2d', 'flatten', 'dense']);
    assert.deepEqual(m.nodes.map((n) => n.inputs), [[], [0], [1], [2]]);
    assert.deepEqual(m.outputs, [3]);
    assert.equal(m.incomplete, false);
    const input = m.nodes[0].op;
    assert.ok(input.kind === 'input');
    assert.deepEqual(input.input.shape, [null, 28, 28, 1]);
    assert.deepEqual(m.compile?.config, { optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    assert.deepEqual(Object.keys(m.compile?.configSpans ?? {}), ['optimizer', 'loss', 'metrics']);
  });

  it('reads tf.sequential({layers: [...], name})', () => {
    const m = only(run(`export const net = tf.sequential({name: 'mlp', layers: [tf.layers.dense({units: 8, inputShape: [4]}), tf.layers.dense({units: 1})]});`));
    assert.equal(m.name, 'net');
    assert.equal(m.configName, 'mlp');
    assert.deepEqual(factories(m), ['input', 'dense', 'dense']);
  });

  it('reads a functional model with tf.input, apply and tf.model', () => {
    const m = only(
      run(`
const input = tf.input({shape: [16], name: 'features'});
const hidden = tf.layers.dense({units: 8, activation: 'relu'}).apply(input);
const out = tf.layers.dense({units: 1}).apply(hidden) as tf.SymbolicTensor;
const model = tf.model({inputs: input, outputs: out, name: 'reg'});
`),
    );
    assert.equal(m.kind, 'functional');
    assert.equal(m.configName, 'reg');
    assert.deepEqual(factories(m), ['input', 'dense', 'dense']);
    assert.deepEqual(m.nodes.map((n) => n.inputs), [[], [0], [1]]);
    const input = m.nodes[0].op;
    assert.ok(input.kind === 'input');
    assert.deepEqual(input.input.shape, [null, 16]);
    assert.equal(input.input.name, 'features');
    assert.deepEqual(m.outputs, [2]);
  });

  it('keeps batchShape as written and takes multiple inputs and outputs in order', () => {
    const m = only(
      run(`
const a = tf.input({batchShape: [4, 10]});
const b = tf.input({shape: [10]});
const unused = tf.layers.dense({units: 3}).apply(a);
const merged = tf.layers.concatenate().apply([a, b]);
const o1 = tf.layers.dense({units: 1}).apply(merged);
const o2 = tf.layers.dense({units: 2}).apply(merged);
const model = tf.model({inputs: [a, b], outputs: [o1, o2]});
`),
    );
    assert.deepEqual(factories(m), ['input', 'input', 'concatenate', 'dense', 'dense'], 'the unused branch is not part of the model');
    const [a, b] = m.nodes;
    assert.ok(a.op.kind === 'input' && b.op.kind === 'input');
    assert.deepEqual(a.op.input.shape, [4, 10]);
    assert.deepEqual(b.op.input.shape, [null, 10]);
    assert.deepEqual(m.nodes[2].inputs, [0, 1]);
    assert.deepEqual(m.outputs, [3, 4]);
  });

  it('shares one LayerDecl between two applications of the same layer object', () => {
    const m = only(
      run(`
const shared = tf.layers.dense({units: 4});
const a = tf.input({shape: [3]});
const b = tf.input({shape: [3]});
const ya = shared.apply(a);
const yb = shared.apply(b);
const model = tf.model({inputs: [a, b], outputs: tf.layers.add().apply([ya, yb])});
`),
    );
    const denses = m.nodes.filter((n) => n.op.kind === 'layer' && n.op.layer.factory === 'dense');
    assert.equal(denses.length, 2);
    assert.equal(layerOf(denses[0]), layerOf(denses[1]), 'same object = same weights');
    assert.notEqual(denses[0].span.start, denses[1].span.start);
  });

  it('reads Bidirectional / TimeDistributed wrappers with their inner layer', () => {
    const m = only(
      run(`
const model = tf.sequential();
model.add(tf.layers.bidirectional({layer: tf.layers.lstm({units: 8, returnSequences: true}) as tf.RNN, inputShape: [10, 4], mergeMode: 'concat'}));
model.add(tf.layers.timeDistributed({layer: tf.layers.dense({units: 2})}));
`),
    );
    const bi = layerOf(m.nodes[1]);
    assert.equal(bi.factory, 'bidirectional');
    assert.equal(bi.inner?.factory, 'lstm');
    assert.deepEqual(bi.inner?.config, { units: 8, returnSequences: true });
    assert.equal(bi.config.mergeMode, 'concat');
    assert.equal(layerOf(m.nodes[2]).inner?.factory, 'dense');
    assert.equal(m.nodes[0].op.kind, 'input');
  });

  it('treats a model used as a layer as factory "model" with an unknown class', () => {
    const r = run(`
const base = tf.sequential({layers: [tf.layers.dense({units: 4, inputShape: [2]})]});
const outer = tf.sequential();
outer.add(base);
outer.add(tf.layers.dense({units: 1}));
const x = tf.input({shape: [2]});
const f = tf.model({inputs: x, outputs: base.apply(x) as tf.SymbolicTensor});
`);
    assert.equal(r.models.length, 3);
    const outer = r.models[1];
    assert.deepEqual(factories(outer), ['model', 'dense']);
    assert.equal(layerOf(outer.nodes[0]).className, null);
    assert.deepEqual(outer.nodes[0].inputs, [-1]);
    assert.deepEqual(outer.nodes[1].inputs, [0]);
    assert.equal(r.problems.length, 0, 'a model as first layer brings its own input');
    const f = r.models[2];
    assert.deepEqual(factories(f), ['input', 'model']);
    assert.equal(layerOf(f.nodes[1]), layerOf(outer.nodes[0]), 'one decl per model object');
  });

  it('lists models in the execution order of their creation calls', () => {
    const r = run(`
function second() { return tf.sequential({name: 'second', layers: [tf.layers.dense({units: 1, inputShape: [1]})]}); }
const first = tf.sequential({name: 'first', layers: [tf.layers.dense({units: 1, inputShape: [1]})]});
const s = second();
const third = tf.sequential({name: 'third', layers: [tf.layers.dense({units: 1, inputShape: [1]})]});
`);
    assert.deepEqual(r.models.map((m) => m.configName), ['first', 'second', 'third']);
    assert.deepEqual(r.models.map((m) => m.name), ['first', 's', 'third']);
  });

  it('names a model by assignment and by property', () => {
    const r = run(`
let m;
m = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [1]})]});
const holder = { net: null as unknown };
holder.net = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [1]})]});
tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [1]})]}).summary();
`);
    assert.deepEqual(r.models.map((m) => m.name), ['m', 'net', null]);
  });

  it('runs helpers that take a model and add layers', () => {
    const m = only(
      run(`
function addBlock(model: tf.Sequential, filters: number) {
  model.add(tf.layers.conv2d({filters, kernelSize: 3, padding: 'same'}));
  model.add(tf.layers.maxPooling2d({poolSize: 2}));
}
const model = tf.sequential();
model.add(tf.layers.inputLayer({inputShape: [32, 32, 3]}));
addBlock(model, 16);
addBlock(model, 32);
model.add(tf.layers.flatten());
`),
    );
    assert.deepEqual(factories(m), ['input', 'conv2d', 'maxPooling2d', 'conv2d', 'maxPooling2d', 'flatten']);
    assert.deepEqual(m.nodes.map((n) => (n.op.kind === 'layer' ? n.op.layer.config.filters : null)), [null, 16, undefined, 32, undefined, undefined]);
    assert.equal(m.incomplete, false);
  });

  it('follows model.pop()', () => {
    const m = only(run(`const m = tf.sequential();\nm.add(tf.layers.dense({units: 3, inputShape: [2]}));\nm.add(tf.layers.dense({units: 9}));\nm.pop();\nm.add(tf.layers.dense({units: 1}));`));
    assert.deepEqual(m.nodes.map((n) => (n.op.kind === 'layer' ? n.op.layer.config.units : 'in')), ['in', 3, 1]);
  });

  it('reads models built in functions called several times, once per call', () => {
    const r = run(`
const build = (units: number) => tf.sequential({layers: [tf.layers.dense({units, inputShape: [4]})]});
const small = build(8);
const large = build(64);
`);
    assert.deepEqual(r.models.map((m) => layerOf(m.nodes[1]).config.units), [8, 64]);
    assert.deepEqual(r.models.map((m) => m.name), ['small', 'large']);
  });

  it('evaluates a function that is never called once, parameters unknown and defaults applied', () => {
    const text = TF_IMPORT + `
export function createModel(units = 10, activation: string) {
  const model = tf.sequential();
  model.add(tf.layers.dense({units, activation, inputShape: [4]}));
  return model;
}
class Trainer {
  build() { return tf.sequential({layers: [tf.layers.dense({units: 3, inputShape: [2]})]}); }
}
`;
    const r = run(text.slice(TF_IMPORT.length));
    assert.equal(r.models.length, 2);
    const cfg = layerOf(r.models[0].nodes[1]).config;
    assert.equal(cfg.units, 10);
    // Unknown, and named after the parameter (a size it gave would be carried as `activation`).
    const activation = cfg.activation as { kind: string; reason: string; symbol?: { name: string } };
    assert.deepEqual([activation.kind, activation.reason, activation.symbol?.name], ['unknown', 'parameter `activation` of createModel', 'activation']);
    assert.equal(r.models[1].kind, 'sequential');
  });

  it('does not run a helper standalone when a never-called caller runs it with real arguments', () => {
    const r = run(`
function build(units: number) { return tf.sequential({layers: [tf.layers.dense({units, inputShape: [4]})]}); }
function main() { const model = build(5); }
`);
    assert.equal(r.models.length, 1);
    assert.equal(layerOf(r.models[0].nodes[1]).config.units, 5);
  });

  it('an explicit inputLayer is an input node marked fromInputLayer; an implied input is not', () => {
    const r = run(`const a = tf.sequential();\na.add(tf.layers.inputLayer({inputShape: [5], name: 'in'}));\na.add(tf.layers.dense({units: 1}));\nconst b = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [5]})]});`);
    const [a, b] = r.models.map((m) => m.nodes[0].op);
    assert.ok(a.kind === 'input' && b.kind === 'input');
    assert.equal(a.input.fromInputLayer, true);
    assert.equal(a.input.name, 'in');
    assert.deepEqual(a.input.shape, [null, 5]);
    assert.equal(b.input.fromInputLayer, undefined);
    assert.equal(r.models[0].nodes.length, 2);
  });

  it('symbolic tensors no tf.model collects (yet) form an unbound functional graph', () => {
    const r = run(`
const input = tf.input({shape: [32]});
const a = tf.layers.dense({units: 10}).apply(input) as tf.SymbolicTensor;
const b = tf.layers.dense({units: 12}).apply(input) as tf.SymbolicTensor;
const sum = tf.layers.add().apply([a, b]);
export function head(x: tf.SymbolicTensor) { return tf.layers.dense({units: 1}).apply(x); }
`);
    const m = only(r);
    assert.equal(m.unbound, true);
    assert.equal(m.kind, 'functional');
    assert.deepEqual(factories(m), ['input', 'dense', 'dense', 'add']);
    assert.deepEqual(m.outputs, [3]);
    assert.deepEqual(m.nodes[3].inputs, [1, 2]);
  });

  it('a graph collected by tf.model is not also reported as unbound', () => {
    const r = run(`const x = tf.input({shape: [3]});\nconst y = tf.layers.dense({units: 2}).apply(x) as tf.SymbolicTensor;\nconst m = tf.model({inputs: x, outputs: y});`);
    assert.equal(r.models.length, 1);
    assert.equal(r.models[0].unbound, undefined);
  });
});
