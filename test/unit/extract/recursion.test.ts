// Recursion the interpreter gives up as a whole: a function entered again in the state of its
// previous entry never ends (reported once, extract/unbounded-recursion, nothing it built is
// kept), and one that passes the call-depth limit is not followed (silently, nothing kept).
// Legitimate recursion, and recursion whose end depends on what we do not know, is unchanged.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../../../src/core/analyze';
import { factories, run, slice, TF_IMPORT } from './helpers';

/** The builder: a self-call pasted one block too high. */
const PASTED_TOO_HIGH = `const make = (hidden: number[]): tf.Sequential => {
  const net = tf.sequential();
  hidden.forEach((units, i) => {
    make([128, 64, 32]); // pasted one block too high
    net.add(tf.layers.dense({ units, ...(i === 0 ? { inputShape: [30] } : {}) }));
  });
  return net;
};
export const m = make([128, 64, 32]);
`;

const AFTER = `const after = tf.sequential();\nafter.add(tf.layers.dense({units: 2, inputShape: [5]}));\n`;

describe('extract: recursion', () => {
  it('the pasted self-call: one warning at the call, no phantom models (there were 14,097)', () => {
    const text = TF_IMPORT + PASTED_TOO_HIGH + AFTER;
    const a = analyzeText(text, 'make.ts');
    assert.deepEqual(a.models.map((m) => m.graph.name), ['after'], 'only the model after the recursion');
    const found = a.findings.filter((f) => f.code === 'extract/unbounded-recursion');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'warning');
    assert.equal(slice(text, found[0].span), 'make([128, 64, 32])');
    assert.match(found[0].message, /`make` calls itself again with the same arguments.*Maximum call stack size exceeded/);
    assert.equal(a.findings.length, 1, JSON.stringify(a.findings.map((f) => f.code)));
  });

  it('a model that exists before the recursion and is changed in it becomes incomplete', () => {
    const r = run(`const outer = tf.sequential();\nouter.add(tf.layers.dense({units: 4, inputShape: [3]}));\nfunction grow(): void { outer.add(tf.layers.dense({units: 4})); grow(); }\ngrow();\nouter.add(tf.layers.dense({units: 1}));\n`);
    assert.equal(r.models.length, 1);
    assert.equal(r.models[0].incomplete, true);
    assert.equal(r.problems.filter((p) => p.code === 'extract/unbounded-recursion').length, 1);
  });

  it('mutual recursion in a repeating state is found too', () => {
    const r = run(`function ping(n: number): number { return pong(n); }\nfunction pong(n: number): number { return ping(n); }\nconst v = ping(1);\n${AFTER}`);
    assert.equal(r.problems.filter((p) => p.code === 'extract/unbounded-recursion').length, 1);
    assert.equal(r.models.length, 1);
  });

  it('recursion that ends is followed as before', () => {
    const r = run(`function blocks(model: tf.Sequential, n: number): void { if (n === 0) return; model.add(tf.layers.dense({units: 4})); blocks(model, n - 1); }\nconst deep = tf.sequential();\ndeep.add(tf.layers.dense({units: 4, inputShape: [4]}));\nblocks(deep, 10);\n`);
    assert.equal(r.problems.length, 0);
    assert.equal(r.models.length, 1);
    assert.equal(factories(r.models[0]).filter((f) => f === 'dense').length, 11);
    assert.equal(r.models[0].incomplete, false);
  });

  it('state outside the arguments counts: a counter in a closure ends the recursion', () => {
    const r = run(`let calls = 0;\nconst m = tf.sequential();\nm.add(tf.layers.dense({units: 4, inputShape: [4]}));\nfunction more(): void { calls++; if (calls > 3) return; m.add(tf.layers.dense({units: 4})); more(); }\nmore();\n`);
    assert.equal(r.problems.length, 0);
    assert.equal(factories(r.models[0]).filter((f) => f === 'dense').length, 4);
  });

  it('an array argument that shrinks in place ends the recursion', () => {
    const r = run(`const m = tf.sequential();\nm.add(tf.layers.dense({units: 4, inputShape: [4]}));\nfunction drain(list: number[]): void { if (list.length === 0) return; m.add(tf.layers.dense({units: list.pop() as number})); drain(list); }\ndrain([8, 16, 32]);\n`);
    assert.equal(r.problems.length, 0);
    assert.deepEqual(r.models[0].nodes.slice(1).map((n) => (n.op.kind === 'layer' ? n.op.layer.config.units : null)), [4, 32, 16, 8]);
  });

  it('a recursion under a condition we cannot decide is not reported', () => {
    const r = run(`function maybe(): void { if (Math.random() > 0.5) maybe(); }\nmaybe();\n${AFTER}`);
    assert.equal(r.problems.length, 0);
    assert.equal(r.models.length, 1);
  });

  it('recursion past the call-depth limit with growing arguments leaves no phantom models and no warning', () => {
    const text = `const make = (hidden: number[], depth: number): tf.Sequential => {\n  const net = tf.sequential();\n  hidden.forEach((units, i) => {\n    make(hidden, depth + 1);\n    net.add(tf.layers.dense({ units, ...(i === 0 ? { inputShape: [30] } : {}) }));\n  });\n  return net;\n};\nexport const m = make([128, 64, 32], 0);\n${AFTER}`;
    const r = run(text);
    assert.deepEqual(r.models.map((m) => m.name), ['after']);
    assert.equal(r.problems.length, 0);
  });

  it('a never-called function that recurses forever is reported when run on its own', () => {
    const r = run(`export function loop(): tf.Sequential { const net = tf.sequential(); net.add(tf.layers.dense({units: 1, inputShape: [1]})); loop(); return net; }\n`);
    assert.equal(r.problems.filter((p) => p.code === 'extract/unbounded-recursion').length, 1);
    assert.equal(r.models.length, 0);
  });

  it("README's example gives the finding it documents", () => {
    const readme = fs.readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### extract/unbounded-recursion'));
    const example = /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    const a = analyzeText(TF_IMPORT + example, 'example.ts');
    assert.deepEqual(a.findings.map((f) => f.code), ['extract/unbounded-recursion']);
    assert.equal(a.models.length, 0);
  });
});
