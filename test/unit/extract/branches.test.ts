// `if` under an unknown condition: both branches run from the state before the `if` and are
// joined only where the join is certain (src/core/extract/branches.ts). The oracle suite
// (test/oracle/branches.test.ts) holds shapes and totals to TF.js on every path; these tests
// pin down the bookkeeping: what is kept, what is taken out, what becomes unknown.
import { strict as assert } from 'assert';
import { analyzeText } from '../../../src/core/analyze';
import { toFileReport } from '../../../src/core/reportJson';
import { formatSummaryReport } from '../../../src/core/summary';
import { extractWithLimits, DEFAULT_LIMITS } from '../../../src/core/lang/typescript/extract/index';
import { isUnknown } from '../../../src/core/types';
import { factories, layerOf, only, run, TF_IMPORT } from './helpers';

describe('extract: if under an unknown condition', () => {
  it('a branch that returns does not reach the code after the if: its layers are not in the model', () => {
    const m = only(
      run(`
export function build(head: boolean) {
  const model = tf.sequential();
  model.add(tf.layers.dense({inputShape: [10], units: 24}));
  if (!head) {
    model.add(tf.layers.dense({units: 7}));
    return model;
  }
  model.add(tf.layers.dense({units: 3}));
  return model;
}
`),
    );
    assert.equal(m.incomplete, false);
    assert.deepEqual(
      m.nodes.filter((n) => n.op.kind === 'layer').map((n) => layerOf(n).config.units),
      [24, 3],
    );
    assert.ok(m.nodes.every((n) => n.condition === undefined));
  });

  it('each branch starts from the state before the if: an assignment in one is not seen by the other', () => {
    const m = only(
      run(`
export function build(wide: boolean) {
  let units = 24;
  const model = tf.sequential();
  model.add(tf.layers.dense({inputShape: [10], units: 24}));
  if (wide) units = 64;
  else model.add(tf.layers.dense({units}));
  model.add(tf.layers.dense({units: 1}));
  return model;
}
`),
    );
    const kept = m.nodes.find((n) => n.condition !== undefined);
    assert.ok(kept, 'the else branch layer is kept (dense 24 on 24 keeps the shape)');
    assert.equal(layerOf(kept).config.units, 24);
    assert.equal(kept.condition, '!wide');
  });

  it('a variable both branches set to the same value keeps it; different values become unknown', () => {
    const r = run(`
export function build(a: boolean) {
  let same = 0;
  let differ = 0;
  if (a) { same = 8; differ = 8; } else { same = 8; differ = 16; }
  return tf.sequential({layers: [tf.layers.dense({inputShape: [2], units: same}), tf.layers.dense({units: differ})]});
}
`);
    const m = only(r);
    const [, first, second] = m.nodes;
    assert.equal(layerOf(first).config.units, 8);
    assert.ok(isUnknown(layerOf(second).config.units));
  });

  it('a branch with an error is not joined: no finding, and the layers after it are unknown', () => {
    const text = `${TF_IMPORT}
export function build(image: boolean) {
  const model = tf.sequential();
  model.add(tf.layers.dense({inputShape: [10], units: 8}));
  if (image) model.add(tf.layers.conv2d({filters: 4, kernelSize: 3}));
  model.add(tf.layers.dense({units: 1}));
  return model;
}
`;
    const analysis = analyzeText(text, 'model.ts');
    assert.deepEqual(analysis.findings.filter((f) => f.severity === 'error'), []);
    const model = analysis.models[0];
    assert.equal(model.graph.incomplete, true);
    assert.deepEqual(factories(model.graph), ['input', 'dense', 'dense']);
    assert.equal(model.nodes.at(-1)?.outputShape, null);
  });

  it('a model created inside a branch is not reported (it may never exist)', () => {
    const r = run(`
export function build(big: boolean) {
  if (big) {
    const m = tf.sequential();
    m.add(tf.layers.dense({inputShape: [4], units: 2}));
  }
}
`);
    assert.equal(r.models.length, 0);
  });

  it('tensors built in a branch that is not kept leave no stray graph behind', () => {
    const r = run(`
export function build(project: boolean) {
  const input = tf.input({shape: [4]});
  let x = input;
  if (project) x = tf.layers.dense({units: 8}).apply(x);
  const out = tf.layers.dense({units: 1}).apply(x);
  return tf.model({inputs: input, outputs: out});
}
`);
    const m = only(r);
    assert.equal(m.incomplete, true);
    assert.deepEqual(m.nodes[m.outputs[0]].inputs, [-1], 'the paths disagree (4 vs 8): the input of the last layer is unknown');
  });

  it('a step budget spent inside a branch leaves none of its layers behind', () => {
    const text = `${TF_IMPORT}
export function build(flag: boolean) {
  const model = tf.sequential();
  model.add(tf.layers.dense({inputShape: [10], units: 8}));
  if (flag) {
    model.add(tf.layers.conv2d({filters: 4, kernelSize: 3}));
    let s = 0;
    for (let i = 0; i < 4000; i++) s += i;
  }
  model.add(tf.layers.dense({units: 1}));
  return model;
}
`;
    const r = extractWithLimits(text, 'model.ts', { ...DEFAULT_LIMITS, maxSteps: 3000 });
    const m = only(r);
    assert.equal(m.incomplete, true);
    assert.ok(!factories(m).includes('conv2d'), `the branch's conv2d (an error on a 2D input) must be gone: ${factories(m).join(', ')}`);
  });

  it('a loop body that may break out half-way is not joined: what follows is unknown', () => {
    const m = only(
      run(`
export function build(depth: number, stop: boolean) {
  const model = tf.sequential();
  model.add(tf.layers.dense({inputShape: [8], units: 8}));
  for (let i = 0; i < depth; i++) {
    model.add(tf.layers.dense({units: 16}));
    if (stop) break;
    model.add(tf.layers.dense({units: 8}));
  }
  model.add(tf.layers.dense({units: 1}));
  return model;
}
`),
    );
    // A whole iteration keeps [8] (16 then 8), but a break after the first add leaves [16].
    assert.deepEqual(factories(m), ['input', 'dense', 'dense']);
    assert.deepEqual(m.nodes[2].inputs, [-1]);
  });

  it('values a loop changes are unknown in the iteration it runs: a width that grows is not taken for its first value', () => {
    const m = only(
      run(`
export function build(depth: number) {
  const input = tf.input({shape: [16]});
  let x = input;
  let units = 16;
  for (let i = 0; i < depth; i++) {
    x = tf.layers.dense({units}).apply(x);
    units = units * 2;
  }
  return tf.model({inputs: input, outputs: tf.layers.dense({units: 1}).apply(x)});
}
`),
    );
    const last = m.nodes[m.outputs[0]];
    assert.deepEqual(last.inputs, [-1], 'dense(16) keeps [16] once, but the next copy would be dense(32)');
    assert.ok(m.nodes.every((n) => n.repeat === undefined));
  });

  it('an if inside a loop: both marks, innermost last', () => {
    const m = only(
      run(`
export function build(blocks: number, norm: boolean) {
  const model = tf.sequential();
  model.add(tf.layers.dense({inputShape: [8], units: 8}));
  for (let b = 0; b < blocks; b++) {
    model.add(tf.layers.dense({units: 8, activation: 'relu'}));
    if (norm) model.add(tf.layers.layerNormalization());
  }
  return model;
}
`),
    );
    const norm = m.nodes.find((n) => n.op.kind === 'layer' && n.op.layer.factory === 'layerNormalization');
    assert.ok(norm);
    assert.equal(norm.condition, 'norm');
    assert.equal(norm.repeat, 'while b < blocks');
  });

  it('totals of paths that differ: a range in the report, the summary, and no single total', () => {
    const text = `${TF_IMPORT}
export function build(norm: boolean, blocks: number) {
  const input = tf.input({shape: [6]});
  let x = tf.layers.dense({units: 4}).apply(input);
  if (norm) x = tf.layers.batchNormalization().apply(x);
  const out = tf.layers.dense({units: 1}).apply(x);
  const head = tf.model({inputs: input, outputs: out});
  const model = tf.sequential();
  model.add(tf.layers.dense({inputShape: [3], units: 2}));
  for (let b = 0; b < blocks; b++) model.add(tf.layers.dense({units: 2}));
  return [head, model];
}
`;
    const report = toFileReport(analyzeText(text, 'model.ts'), 'model.ts');
    const [head, stack] = report.models;
    // dense 6→4 (28) + dense 4→1 (5), plus BatchNormalization's 4·4 = 16 on one path.
    assert.equal(head.totalParams, null);
    assert.deepEqual(head.paramsRange, { min: 33, max: 49 });
    assert.equal(head.incomplete, false, 'every layer is known: only the path is not');
    // dense 3→2 (8), plus any number of dense 2→2 (6 each).
    assert.deepEqual(stack.paramsRange, { min: 8, max: null });
    const summary = formatSummaryReport(report);
    assert.ok(summary.includes('Total params: 33–49 (depends on the branches taken)'), summary);
    assert.ok(summary.includes('Total params: ≥ 8 (a loop repeats layers with weights)'), summary);
  });

  it('the report, the summary and the JSON carry the condition of a kept layer', () => {
    const text = `${TF_IMPORT}
export function build(useDropout: boolean) {
  const model = tf.sequential();
  model.add(tf.layers.dense({inputShape: [10], units: 8}));
  if (useDropout && 0.5 > 0) model.add(tf.layers.dropout({rate: 0.5}));
  model.add(tf.layers.dense({units: 1}));
  return model;
}
`;
    const report = toFileReport(analyzeText(text, 'model.ts'), 'model.ts');
    const layers = report.models[0].layers;
    assert.deepEqual(
      layers.map((l) => l.condition ?? null),
      [null, 'useDropout && 0.5 > 0', null],
    );
    assert.equal(report.models[0].totalParams, 10 * 8 + 8 + 8 + 1);
    const summary = formatSummaryReport(report);
    const dropoutRow = summary.split('\n').findIndex((l) => l.includes('(Dropout)'));
    assert.equal(summary.split('\n')[dropoutRow + 1], '   only if useDropout && 0.5 > 0');
  });
});
