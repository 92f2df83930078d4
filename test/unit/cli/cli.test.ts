import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../../src/cli/main';
import type { FileReport } from '../../../src/core/report';

function run(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCli(args, { out: (t) => (out += t), err: (t) => (err += t), isTty: false });
  return { code, out, err };
}

const HEADER = "import * as tf from '@tensorflow/tfjs';\n";
const GOOD = `${HEADER}const model = tf.sequential();
model.add(tf.layers.conv2d({inputShape: [64, 64, 3], filters: 32, kernelSize: 3, activation: 'relu'}));
model.add(tf.layers.flatten());
model.add(tf.layers.dense({units: 1, activation: 'sigmoid'}));
`;
const BAD = `${HEADER}const model = tf.sequential();
model.add(tf.layers.conv2d({inputShape: [3, 3, 1], filters: 8, kernelSize: 5}));
`;

describe('shapelens CLI', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shapelens-cli-'));
    fs.writeFileSync(path.join(dir, 'good.ts'), GOOD);
    fs.writeFileSync(path.join(dir, 'bad.ts'), BAD);
    fs.mkdirSync(path.join(dir, 'nested'));
    fs.writeFileSync(path.join(dir, 'nested', 'half.js'), `${HEADER}const m = tf.sequential();\nm.add(tf.layers.dense({inputShape: [4], units: 2}));\nm.add(tf.layers.dense({units: `);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints a Keras-style summary and exits 0 on a clean file', () => {
    const r = run([path.join(dir, 'good.ts')]);
    assert.strictEqual(r.code, 0, r.out + r.err);
    assert.match(r.out, /conv2d \(Conv2D\)\s+\(None, 62, 62, 32\)\s+896/);
    assert.match(r.out, /Total params: 123,905/);
  });

  it('prints eslint-style findings and exits 1 on error findings', () => {
    const file = path.join(dir, 'bad.ts');
    const r = run([file]);
    assert.strictEqual(r.code, 1);
    assert.match(r.out, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+  error  .*shape/non-positive-dim`));
  });

  it('emits the documented --json shape', () => {
    const r = run(['--json', path.join(dir, 'good.ts')]);
    assert.strictEqual(r.code, 0);
    const reports = JSON.parse(r.out) as FileReport[];
    assert.strictEqual(reports.length, 1);
    const [m] = reports[0].models;
    assert.strictEqual(reports[0].file, path.join(dir, 'good.ts'));
    assert.strictEqual(m.name, 'model');
    assert.strictEqual(m.line, 2);
    assert.deepStrictEqual(
      m.layers.map((l) => [l.className, l.line, l.outputShape, l.params]),
      [
        ['Conv2D', 3, [null, 62, 62, 32], 896],
        ['Flatten', 4, [null, 123008], 0],
        ['Dense', 5, [null, 1], 123009],
      ],
    );
    assert.strictEqual(m.totalParams, 123905);
    assert.strictEqual(m.trainableParams, 123905);
    assert.ok(Array.isArray(reports[0].diagnostics));
  });

  it('expands directories and globs, and says when a file has syntax errors', () => {
    const r = run(['--json', `${dir}/**/*.js`]);
    const reports = JSON.parse(r.out) as FileReport[];
    assert.deepStrictEqual(reports.map((x) => path.basename(x.file)), ['half.js']);
    assert.strictEqual(reports[0].syntaxErrors, true);
    const text = run([path.join(dir, 'nested')]);
    assert.match(text.out, /syntax errors/);
  });

  it('exits 2 for an unreadable file but still analyses the others', () => {
    const r = run([path.join(dir, 'missing.ts'), path.join(dir, 'good.ts')]);
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /missing\.ts: no such file/);
    assert.match(r.out, /Total params: 123,905/);
  });

  it('exits 2 with usage on bad options', () => {
    assert.strictEqual(run(['--frobnicate', 'x.ts']).code, 2);
    assert.strictEqual(run([]).code, 2);
    assert.strictEqual(run(['--max-layer-params', 'lots', 'x.ts']).code, 2);
  });
});
