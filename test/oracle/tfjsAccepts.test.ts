// Models TF.js builds and runs although something in them is degenerate (issue #13: "false
// errors, the bar is zero"), and their neighbours that TF.js does throw on. Each model is run
// in real TF.js (built, then predict on zeros) and the test first checks what TF.js does; then
// we must report an error exactly when TF.js throws, the warning that says what is odd when it
// does not, and, where TF.js's shapes are real sizes, the same shapes layer by layer.
import { strict as assert } from 'assert';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { analyzeText } from '../../src/core/analyze';
import { toFileReport } from '../../src/core/reportJson';
import type { FileReport } from '../../src/core/report';
import { describeModel, removeTranspiledFixtures, runFixtureSource } from './support/runFixture';
import { runVariant, type TfOutcome } from './support/runVariant';

interface AcceptCase {
  readonly name: string;
  /** The statements after `import * as tf` (Sequential cases start `const model = tf.sequential();`). */
  readonly body: string;
  /** What TF.js does: runs, or throws while building or in predict. */
  readonly tf: TfOutcome['kind'];
  /** The warning code we must give when TF.js runs it. */
  readonly warning?: string;
  /** Compare every layer's output shape with TF.js's (real sizes only). */
  readonly sameShapes?: boolean;
}

const sequential = (name: string, layers: readonly string[]): string => [`const ${name} = tf.sequential();`, ...layers.map((l) => `${name}.add(${l});`)].join('\n');
const seq = (...layers: string[]): string => sequential('model', layers);

const CASES: readonly AcceptCase[] = [
  {
    name: "five maxPooling2d({poolSize: 2}) after a 28×28 'same' conv reach a 0×0 map",
    body: seq(
      "tf.layers.conv2d({inputShape: [28, 28, 1], filters: 4, kernelSize: 3, padding: 'same'})",
      ...Array<string>(5).fill('tf.layers.maxPooling2d({poolSize: 2})'),
      'tf.layers.flatten()',
      'tf.layers.dense({units: 3})',
    ),
    tf: 'runs',
    warning: 'shape/empty-output',
    sameShapes: true,
  },
  {
    name: 'a stride larger than the overshoot: a 7×7 kernel with strides 4 on a 5×5 map gives 0×0',
    body: seq('tf.layers.conv2d({inputShape: [5, 5, 3], filters: 8, kernelSize: 7, strides: 4})'),
    tf: 'runs',
    warning: 'shape/empty-output',
    sameShapes: true,
  },
  {
    name: 'the same 7×7 kernel with strides 1 gives -1 rows: Sequential.add throws',
    body: seq('tf.layers.conv2d({inputShape: [5, 5, 3], filters: 8, kernelSize: 7})'),
    tf: 'build-throws',
  },
  {
    name: 'in a functional model a kernel larger than its input builds and predicts',
    body: [
      'const input = tf.input({shape: [5, 5, 3]});',
      'const output = tf.layers.conv2d({filters: 8, kernelSize: 7}).apply(input) as tf.SymbolicTensor;',
      'const model = tf.model({inputs: input, outputs: output});',
    ].join('\n'),
    tf: 'runs',
    warning: 'shape/non-positive-dim',
  },
  {
    name: 'conv2d strides 0.5 (a single number is not checked)',
    body: seq('tf.layers.conv2d({inputShape: [8, 8, 3], filters: 2, kernelSize: 3, strides: 0.5})'),
    tf: 'runs',
    warning: 'config/invalid',
  },
  {
    name: 'conv2d strides [0.5, 1] (an array entry is checked)',
    body: seq('tf.layers.conv2d({inputShape: [8, 8, 3], filters: 2, kernelSize: 3, strides: [0.5, 1]})'),
    tf: 'build-throws',
  },
  {
    name: 'conv2d strides -1 makes the size negative: Sequential.add throws',
    body: seq('tf.layers.conv2d({inputShape: [8, 8, 3], filters: 2, kernelSize: 3, strides: -1})'),
    tf: 'build-throws',
  },
  {
    name: 'conv2d dilationRate -2',
    body: seq('tf.layers.conv2d({inputShape: [8, 8, 3], filters: 2, kernelSize: 3, dilationRate: -2})'),
    tf: 'runs',
    warning: 'config/invalid',
  },
  {
    name: "conv2d dilationRate Infinity with padding 'same'",
    body: seq("tf.layers.conv2d({inputShape: [8, 8, 3], filters: 2, kernelSize: 3, dilationRate: Infinity, padding: 'same'})"),
    tf: 'runs',
    warning: 'config/invalid',
  },
  {
    name: "conv2d dilationRate Infinity with padding 'valid': the extent is infinite, Sequential.add throws",
    body: seq('tf.layers.conv2d({inputShape: [8, 8, 3], filters: 2, kernelSize: 3, dilationRate: Infinity})'),
    tf: 'build-throws',
  },
  {
    name: 'a 3-element poolSize on maxPooling2d (TF.js reads the first two)',
    body: seq('tf.layers.maxPooling2d({inputShape: [8, 8, 3], poolSize: [2, 2, 2]})', 'tf.layers.flatten()', 'tf.layers.dense({units: 2})'),
    tf: 'runs',
    sameShapes: true,
  },
  {
    name: 'a zero-channel input to maxPooling2d, conv2d and dense',
    body: [
      seq('tf.layers.maxPooling2d({inputShape: [8, 8, 0]})', 'tf.layers.conv2d({filters: 2, kernelSize: 3})', 'tf.layers.flatten()', 'tf.layers.dense({units: 2})'),
      sequential('dense', ['tf.layers.dense({inputShape: [0], units: 2})']),
    ].join('\n'),
    tf: 'runs',
    sameShapes: true,
  },
  {
    name: 'concatenate({axis: -2}) on equal shapes (TF.js joins along the last axis)',
    body: [
      'const a = tf.input({shape: [3, 4]});',
      'const b = tf.input({shape: [3, 4]});',
      'const joined = tf.layers.concatenate({axis: -2}).apply([a, b]) as tf.SymbolicTensor;',
      'const model = tf.model({inputs: [a, b], outputs: joined});',
    ].join('\n'),
    tf: 'runs',
    warning: 'config/invalid',
  },
  {
    name: 'concatenate({axis: -2}) on shapes that differ on that axis: predict throws',
    body: [
      'const a = tf.input({shape: [3, 4]});',
      'const b = tf.input({shape: [5, 4]});',
      'const joined = tf.layers.concatenate({axis: -2}).apply([a, b]) as tf.SymbolicTensor;',
      'const model = tf.model({inputs: [a, b], outputs: joined});',
    ].join('\n'),
    tf: 'predict-throws',
  },
  {
    name: 'cropping2D to exactly 0 rows',
    body: seq('tf.layers.cropping2D({inputShape: [16, 16, 3], cropping: [[8, 8], [2, 2]]})', 'tf.layers.flatten()', 'tf.layers.dense({units: 2})'),
    tf: 'runs',
    warning: 'shape/empty-output',
    sameShapes: true,
  },
];

const FILE = path.resolve(__dirname, 'tfjsAccepts.generated.ts');

function sourceOf(c: AcceptCase): string {
  return `import * as tf from '@tensorflow/tfjs';\n${c.body}\n`;
}

/** Every model's layers as "Class [shape]" in TF.js's terms (its implicit Sequential input left out). */
function ourShapes(report: FileReport): string[][] {
  return report.models.map((m) => m.layers.filter((l) => l.className !== 'InputLayer' || m.kind !== 'sequential').map((l) => `${l.className} ${JSON.stringify(l.outputShape)}`));
}

function tfShapes(source: string): string[][] {
  const run = runFixtureSource(source, FILE);
  assert.equal(run.error, null);
  try {
    return run.models.map((m) => describeModel(m).layers.map((l) => `${l.className} ${JSON.stringify(l.outputShape)}`));
  } finally {
    for (const m of run.models) m.dispose();
  }
}

describe('oracle: what TF.js builds and runs is not an error (issue #13)', () => {
  before(async () => {
    tf.env().set('IS_TEST', true);
    await tf.setBackend('cpu');
  });
  after(removeTranspiledFixtures);

  for (const c of CASES) {
    it(c.name, () => {
      const source = sourceOf(c);
      const outcome = runVariant(source, FILE, FILE);
      assert.equal(outcome.kind, c.tf, `TF.js: ${JSON.stringify(outcome)}`);
      const report = toFileReport(analyzeText(source, 'case.ts'), 'case.ts');
      const errors = report.diagnostics.filter((d) => d.severity === 'error');
      if (c.tf !== 'runs') {
        assert.ok(errors.length > 0, `TF.js throws (${JSON.stringify(outcome)}), so we must report an error`);
        return;
      }
      assert.deepEqual(errors.map((e) => e.message), [], 'TF.js builds and predicts, so no error');
      if (c.warning) {
        const warnings = report.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.code);
        assert.ok(warnings.includes(c.warning), `a ${c.warning} warning, not [${warnings.join(', ')}]`);
      }
      if (c.sameShapes) assert.deepEqual(ourShapes(report), tfShapes(source), 'every layer as TF.js shapes it');
    });
  }
});
