import { strict as assert } from 'assert';
import { isUnknown } from '../../../src/core/types';
import { factories, layerOf, only, run } from './helpers';

describe('extract: unknown stays unknown', () => {
  it('a parameter without a constant argument is Unknown in the config, with its name as reason', () => {
    const r = run(`
export function make(units: number) {
  const m = tf.sequential();
  m.add(tf.layers.dense({units: units * 2, inputShape: [3]}));
  return m;
}
declare const fromOutside: number;
make(fromOutside);
`);
    const units = layerOf(only(r).nodes[1]).config.units;
    assert.ok(isUnknown(units));
    assert.match(units.reason, /fromOutside/);
  });

  it('an unknown condition guarding a shape-preserving model.add: the layer is kept, marked with its condition, and later layers follow it', () => {
    const m = only(
      run(`
export function build(useDropout: boolean) {
  const model = tf.sequential();
  model.add(tf.layers.dense({units: 8, inputShape: [4]}));
  if (useDropout) {
    model.add(tf.layers.dropout({rate: 0.5}));
  }
  model.add(tf.layers.dense({units: 1}));
  return model;
}
`),
    );
    // Dropout keeps the shape and has no params: both paths give the same shapes and totals.
    assert.equal(m.incomplete, false);
    assert.deepEqual(factories(m), ['input', 'dense', 'dropout', 'dense']);
    assert.equal(m.nodes[2].condition, 'useDropout');
    assert.equal(m.nodes[3].condition, undefined);
    assert.deepEqual(m.nodes[3].inputs, [2]);
  });

  it('a constant condition is simply followed', () => {
    const m = only(run(`const DROPOUT = false;\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({units: 8, inputShape: [4]}));\nif (DROPOUT) model.add(tf.layers.dropout({rate: 0.5}));\nelse model.add(tf.layers.dense({units: 2}));`));
    assert.equal(m.incomplete, false);
    assert.deepEqual(factories(m), ['input', 'dense', 'dense']);
  });

  it('variables assigned under an unknown condition become unknown', () => {
    const m = only(
      run(`
declare const flag: boolean;
let units = 4;
if (flag) units = 8;
const model = tf.sequential({layers: [tf.layers.dense({units, inputShape: [2]})]});
`),
    );
    assert.ok(isUnknown(layerOf(m.nodes[1]).config.units));
    assert.equal(m.incomplete, false, 'the model itself was not touched by the branch');
  });

  it('a tensor reassigned under an unknown condition to the same shape is followed; its params widen the total to a range', () => {
    const m = only(
      run(`
declare const deep: boolean;
const input = tf.input({shape: [8]});
let x = input as tf.SymbolicTensor;
if (deep) x = tf.layers.dense({units: 8}).apply(x) as tf.SymbolicTensor;
const out = tf.layers.dense({units: 1}).apply(x) as tf.SymbolicTensor;
const model = tf.model({inputs: input, outputs: out});
`),
    );
    // dense(8) on [8] keeps the shape, so the next layer's input is known either way; with
    // 72 params on one path and 0 on the other the total lies 72 below the listed layers' sum.
    assert.equal(m.incomplete, false);
    assert.deepEqual(m.paramsSlack, { low: -72, high: 0 });
    const last = m.nodes[m.outputs[0]];
    const conditional = m.nodes[last.inputs[0]];
    assert.equal(conditional.condition, 'deep');
    assert.equal(layerOf(conditional).config.units, 8);
  });

  it('a read-only model call under an unknown condition does not make it incomplete', () => {
    const m = only(run(`declare const verbose: boolean;\nconst model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [2]})]});\nif (verbose) model.summary();`));
    assert.equal(m.incomplete, false);
  });

  it('a call to an unknown function receiving the model marks it incomplete', () => {
    const m = only(
      run(`
import { addHead } from './heads';
const model = tf.sequential();
model.add(tf.layers.dense({units: 8, inputShape: [4]}));
addHead(model);
model.add(tf.layers.dense({units: 1}));
`),
    );
    assert.equal(m.incomplete, true);
    assert.deepEqual(m.nodes[2].inputs, [-1]);
  });

  it('a loop with an unknown bound whose body keeps the shape: one copy, marked repeated; no upper bound on params', () => {
    const m = only(
      run(`
export function build(depth: number) {
  const model = tf.sequential();
  model.add(tf.layers.dense({units: 8, inputShape: [4]}));
  for (let i = 0; i < depth; i++) model.add(tf.layers.dense({units: 8}));
  model.add(tf.layers.dense({units: 1}));
  return model;
}
`),
    );
    assert.equal(m.incomplete, false);
    assert.deepEqual(m.paramsSlack, { low: -72, high: Infinity }, 'each copy adds 72 params: zero or more copies');
    assert.deepEqual(factories(m), ['input', 'dense', 'dense', 'dense']);
    assert.equal(m.nodes[2].repeat, 'while i < depth');
    assert.deepEqual(m.nodes[3].inputs, [2]);
  });

  it('a loop with an unknown bound whose body changes the shape is not unrolled; later inputs unknown', () => {
    const m = only(
      run(`
export function build(depth: number) {
  const model = tf.sequential();
  model.add(tf.layers.dense({units: 8, inputShape: [4]}));
  for (let i = 0; i < depth; i++) model.add(tf.layers.dense({units: 16}));
  model.add(tf.layers.dense({units: 1}));
  return model;
}
`),
    );
    assert.equal(m.incomplete, true);
    assert.deepEqual(factories(m), ['input', 'dense', 'dense']);
    assert.deepEqual(m.nodes[2].inputs, [-1]);
  });

  it('a while loop with an unknown condition: a repeated layer, and a total with no upper bound', () => {
    const m = only(run(`declare function more(): boolean;\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({units: 8, inputShape: [4]}));\nwhile (more()) model.add(tf.layers.dense({units: 8}));`));
    assert.equal(m.nodes[2].repeat, 'while more()');
    assert.equal(m.paramsSlack?.high, Infinity);
  });

  it('a while loop with an unknown condition whose body changes the shape marks the model incomplete', () => {
    const m = only(run(`declare function more(): boolean;\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({units: 8, inputShape: [4]}));\nwhile (more()) model.add(tf.layers.dense({units: 4}));`));
    assert.equal(m.incomplete, true);
    assert.deepEqual(factories(m), ['input', 'dense']);
  });

  it('an unknown spread leaves the config open: no guessed keys, configIncomplete says why', () => {
    const r = run(`
export function layer(opts: object) {
  const model = tf.sequential();
  model.add(tf.layers.dense({units: 3, ...opts}));
  return model;
}
`);
    const l = layerOf(only(r).nodes[0]);
    assert.ok(isUnknown(l.config.units), 'units may be overridden by the spread');
    assert.match(l.configIncomplete ?? '', /spread/);
  });

  it('class members and unknown globals are unknown, never guessed', () => {
    const r = run(`
class Net {
  units = 16;
  build() {
    const m = tf.sequential();
    m.add(tf.layers.dense({units: this.units, inputShape: [window.innerWidth]}));
    return m;
  }
}
`);
    const l = layerOf(only(r).nodes[1]);
    assert.ok(isUnknown(l.config.units));
    const first = only(r).nodes[0].op;
    assert.ok(first.kind === 'input');
    assert.deepEqual(first.input.shape, [null, null]);
  });

  it('an array filled by unknown code is unknown, and so are the layers taken from it', () => {
    const m = only(
      run(`
import { fill } from './elsewhere';
const layers = [tf.layers.dense({units: 4, inputShape: [2]})];
fill(layers);
const model = tf.sequential({layers});
`),
    );
    assert.equal(m.incomplete, true);
    assert.equal(m.nodes.length, 0);
  });
});
