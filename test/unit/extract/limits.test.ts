import { strict as assert } from 'assert';
import { DEFAULT_LIMITS, extract, extractWithLimits, MAX_FILE_CHARS } from '../../../src/core/lang/typescript/extract/index';
import { only, run, TF_IMPORT } from './helpers';

function timed<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const r = f();
  return [r, performance.now() - t0];
}

describe('extract: limits (never hang, never throw)', () => {
  it('a loop of 1e9 iterations returns quickly and marks the model incomplete', () => {
    const [r, ms] = timed(() =>
      run(`const model = tf.sequential();\nmodel.add(tf.layers.dense({units: 8, inputShape: [4]}));\nfor (let i = 0; i < 1e9; i++) { model.add(tf.layers.dense({units: 8})); }\nmodel.add(tf.layers.dense({units: 1}));`),
    );
    assert.ok(ms < 3000, `${ms} ms`);
    const m = only(r);
    assert.equal(m.incomplete, true);
    assert.deepEqual(m.nodes[m.nodes.length - 1].inputs, [-1]);
  });

  it('an endless while(true) and unbounded recursion terminate', () => {
    const [r, ms] = timed(() =>
      run(`function down(n: number): number { return down(n + 1); }\nconst d = down(0);\nlet k = 0;\nwhile (true) { k++; }\nconst model = tf.sequential({layers: [tf.layers.dense({units: 2, inputShape: [1]})]});`),
    );
    assert.ok(ms < 3000, `${ms} ms`);
    assert.equal(r.models.length, 1, 'code after the endless loop is still read');
  });

  it('a spent step budget marks the models touched and stops', () => {
    const code = `const model = tf.sequential();\nmodel.add(tf.layers.dense({units: 8, inputShape: [4]}));\nlet s = 0;\nfor (let i = 0; i < 200; i++) for (let j = 0; j < 200; j++) s += j;\nmodel.add(tf.layers.dense({units: s}));`;
    const r = extractWithLimits(TF_IMPORT + code, 'm.ts', { ...DEFAULT_LIMITS, maxSteps: 20_000, maxLoopIterations: 10_000 });
    assert.equal(only(r).incomplete, true);
    const full = extract(TF_IMPORT + code, 'm.ts');
    assert.equal(only(full).incomplete, false, 'with the default budget the same code is fully read');
  });

  it('deeply nested expressions do not crash', () => {
    const deep = '('.repeat(3000) + '1' + ')'.repeat(3000);
    const sum = Array.from({ length: 20000 }, () => '1').join(' + ');
    assert.doesNotThrow(() => run(`const a = ${deep};\nconst b = ${sum};\nconst m = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [1]})]});`));
  });

  it('huge constant strings and arrays do not exhaust memory', () => {
    const r = run(`let s = 'x';\nfor (let i = 0; i < 64; i++) s = s + s;\nconst a = Array(1e9);\nconst b = 'ab'.repeat(1e9);\nconst m = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [1], name: s.slice(0, 3)})]});`);
    assert.equal(r.models.length, 1);
  });

  it('a file over 2 MB yields one info problem on the first line and no models, quickly', () => {
    const line = 'model.add(tf.layers.dense({units: 8}));\n';
    const text = TF_IMPORT + 'const model = tf.sequential();\n' + line.repeat(Math.ceil((5 * 1024 * 1024) / line.length));
    assert.ok(text.length > MAX_FILE_CHARS);
    const [r, ms] = timed(() => extract(text, 'huge.ts'));
    assert.ok(ms < 200, `${ms} ms`);
    assert.equal(r.models.length, 0);
    assert.equal(r.problems.length, 1);
    const p = r.problems[0];
    assert.equal(p.code, 'file/too-large');
    assert.equal(p.severity, 'info');
    assert.match(p.message, /MB/);
    assert.deepEqual(p.span, { start: 0, end: TF_IMPORT.length - 1 });
  });
});
