import * as assert from 'assert';
import { analyzeText } from '../../../src/core/analyze';
import { analyze, applyFix, sourceOf, textAt, withCode } from './helpers';

const CLASSIC = `
const model = tf.sequential();
model.add(tf.layers.conv2d({inputShape: [64, 64, 3], filters: 32, kernelSize: 3, activation: 'relu'}));
model.add(tf.layers.maxPooling2d({poolSize: 2}));
model.add(tf.layers.conv2d({filters: 64, kernelSize: 3, activation: 'relu'}));
model.add(tf.layers.maxPooling2d({poolSize: 2}));
model.add(tf.layers.flatten());
model.add(tf.layers.dense({units: 128, activation: 'relu'}));
model.add(tf.layers.dense({units: 1, activation: 'sigmoid'}));
`;

describe('lint rules', () => {
  describe('shape/non-positive-dim', () => {
    const body = `
const model = tf.sequential();
model.add(tf.layers.conv2d({inputShape: [8, 8, 1], filters: 4, kernelSize: 3}));
model.add(tf.layers.maxPooling2d({poolSize: 4}));
model.add(tf.layers.conv2d({filters: 8, kernelSize: 5}));
`;
    it('reports an error on the kernelSize of the layer whose kernel does not fit, naming the producer', () => {
      const a = analyze(body);
      const errors = a.findings.filter((f) => f.severity === 'error');
      assert.strictEqual(errors.length, 1, JSON.stringify(a.findings.map((f) => f.message)));
      const f = errors[0];
      assert.strictEqual(f.code, 'shape/non-positive-dim');
      assert.strictEqual(textAt(a, body, f), 'kernelSize: 5');
      assert.ok(f.related && f.related.length === 1, 'related information names the producer');
      assert.match(f.related[0].message, /MaxPooling2D/);
    });
    it("offers padding: 'same', and the fixed code is clean", () => {
      const a = analyze(body);
      const f = withCode(a, 'shape/non-positive-dim')[0];
      const fix = f.fixes?.[0];
      assert.ok(fix, 'a quick fix exists');
      const fixed = applyFix(sourceOf(body), fix);
      assert.match(fixed, /kernelSize: 5, padding: 'same'/);
      const again = analyzeText(fixed, 'snippet.ts');
      assert.deepStrictEqual(again.findings.filter((x) => x.severity === 'error'), []);
    });
    it('stays silent when the input size is unknown', () => {
      const a = analyze(`
export function build(size: number) {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({inputShape: [size, size, 1], filters: 4, kernelSize: 7}));
  return model;
}`);
      assert.deepStrictEqual(a.findings.filter((f) => f.severity === 'error'), []);
    });
  });

  describe('shape/dense-on-feature-map', () => {
    const body = `
const model = tf.sequential();
model.add(tf.layers.conv2d({inputShape: [28, 28, 1], filters: 8, kernelSize: 3}));
model.add(tf.layers.dense({units: 10}));
`;
    it('warns on Dense fed a rank-4 map and offers Flatten / GlobalAveragePooling2D fixes', () => {
      const a = analyze(body);
      const [f] = withCode(a, 'shape/dense-on-feature-map');
      assert.ok(f);
      assert.strictEqual(f.severity, 'warning');
      assert.match(f.message, /26×26×8/);
      assert.deepStrictEqual(
        f.fixes?.map((x) => x.title),
        ['Insert Flatten before this Dense', 'Insert GlobalAveragePooling2D before this Dense'],
      );
      for (const fix of f.fixes ?? []) {
        const fixed = analyzeText(applyFix(sourceOf(body), fix), 'snippet.ts');
        assert.deepStrictEqual(withCode(fixed, 'shape/dense-on-feature-map'), []);
        assert.strictEqual(fixed.models[0].nodes.at(-1)?.outputShape?.length, 2);
      }
    });
    it('is silent for rank-3 sequences', () => {
      const a = analyze(`
const model = tf.sequential();
model.add(tf.layers.embedding({inputDim: 1000, outputDim: 16, inputLength: 20}));
model.add(tf.layers.dense({units: 8}));
`);
      assert.deepStrictEqual(withCode(a, 'shape/dense-on-feature-map'), []);
    });
  });

  describe('shape/unseen-input', () => {
    it('reports the unseen row/column of a valid stride-2 pool on an odd map', () => {
      const a = analyze(CLASSIC);
      const found = withCode(a, 'shape/unseen-input');
      assert.strictEqual(found.length, 1);
      assert.strictEqual(found[0].severity, 'info');
      assert.match(found[0].message, /last 1 row of 29/);
    });
    it('is silent when the stride divides', () => {
      const a = analyze(`
const model = tf.sequential();
model.add(tf.layers.maxPooling2d({inputShape: [32, 32, 3], poolSize: 2}));
`);
      assert.deepStrictEqual(withCode(a, 'shape/unseen-input'), []);
    });
  });

  describe('activation/softmax-single-unit', () => {
    it("warns and fixes to 'sigmoid'", () => {
      const body = `
const model = tf.sequential();
model.add(tf.layers.dense({inputShape: [4], units: 1, activation: 'softmax'}));
`;
      const a = analyze(body);
      const [f] = withCode(a, 'activation/softmax-single-unit');
      assert.ok(f);
      assert.strictEqual(textAt(a, body, f), "activation: 'softmax'");
      const fixed = applyFix(sourceOf(body), f.fixes![0]);
      assert.match(fixed, /activation: 'sigmoid'/);
      assert.deepStrictEqual(withCode(analyzeText(fixed, 'x.ts'), 'activation/softmax-single-unit'), []);
    });
  });

  describe('params/dominant-layer', () => {
    it('names the GlobalAveragePooling2D alternative with its count, as in the classic CNN', () => {
      const a = analyze(CLASSIC);
      assert.strictEqual(a.models[0].totalParams, 1_625_281);
      const [f] = withCode(a, 'params/dominant-layer');
      assert.ok(f);
      assert.match(f.message, /8,320 params instead of 1,605,760/);
      const fixed = analyzeText(applyFix(sourceOf(CLASSIC), f.fixes![0]), 'x.ts');
      assert.strictEqual(fixed.models[0].totalParams, 19_392 + 8_320 + 129);
      assert.deepStrictEqual(withCode(fixed, 'params/dominant-layer'), []);
    });
    it('is silent for small models', () => {
      const a = analyze(`
const model = tf.sequential();
model.add(tf.layers.dense({inputShape: [10], units: 100}));
model.add(tf.layers.dense({units: 1}));
`);
      assert.deepStrictEqual(withCode(a, 'params/dominant-layer'), []);
    });
  });

  describe('params ceilings', () => {
    it('follows the configured per-layer and total ceilings', () => {
      const a = analyze(CLASSIC, { maxLayerParams: 1_000_000, maxTotalParams: 1_500_000 });
      assert.strictEqual(withCode(a, 'params/layer-ceiling').length, 1);
      assert.strictEqual(withCode(a, 'params/model-ceiling').length, 1);
      const b = analyze(CLASSIC);
      assert.strictEqual(withCode(b, 'params/layer-ceiling').length + withCode(b, 'params/model-ceiling').length, 0);
    });

    it('a model whose total depends on a loop count: every path is above the ceiling, so it warns with "at least"', () => {
      const body = `export function build(blocks: number) {
  const model = tf.sequential();
  model.add(tf.layers.dense({inputShape: [1000], units: 1000}));
  for (let i = 0; i < blocks; i++) model.add(tf.layers.dense({units: 1000}));
  return model;
}`;
      const above = withCode(analyze(body, { maxTotalParams: 1_000_000 }), 'params/model-ceiling');
      assert.strictEqual(above.length, 1);
      assert.match(above[0].message, /at least 1,001,000 params/);
      assert.strictEqual(withCode(analyze(body, { maxTotalParams: 1_001_000 }), 'params/model-ceiling').length, 0, 'more blocks may pass the ceiling, but with none it does not: no warning');
    });
  });

  describe('loss/head-mismatch', () => {
    it('says nothing when code it cannot follow may have changed the head (no false warning)', () => {
      const body = `import { addHead } from './heads';
const model = tf.sequential();
model.add(tf.layers.dense({inputShape: [4], units: 1, activation: 'sigmoid'}));
addHead(model);
model.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});`;
      const a = analyze(body);
      assert.deepStrictEqual(withCode(a, 'loss/head-mismatch'), []);
      assert.deepStrictEqual(a.models[0].graph.outputs, [], 'the output is not known after addHead');
    });

    it('warns on categoricalCrossentropy with one sigmoid unit, on the loss property', () => {
      const body = `${CLASSIC}model.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});\n`;
      const a = analyze(body);
      const [f] = withCode(a, 'loss/head-mismatch');
      assert.ok(f);
      assert.strictEqual(textAt(a, body, f), "loss: 'categoricalCrossentropy'");
    });
    it('warns on binaryCrossentropy over a 10-way softmax', () => {
      const a = analyze(`
const model = tf.sequential();
model.add(tf.layers.dense({inputShape: [4], units: 10, activation: 'softmax'}));
model.compile({optimizer: 'sgd', loss: 'binaryCrossentropy'});
`);
      assert.strictEqual(withCode(a, 'loss/head-mismatch').length, 1);
    });
    it('is silent for matching pairs', () => {
      const a = analyze(`${CLASSIC}model.compile({optimizer: 'adam', loss: 'binaryCrossentropy'});\n`);
      assert.deepStrictEqual(withCode(a, 'loss/head-mismatch'), []);
    });
  });

  describe('training risks', () => {
    it('notes stacked sigmoid layers without normalization', () => {
      const a = analyze(`
const model = tf.sequential();
model.add(tf.layers.dense({inputShape: [8], units: 16, activation: 'sigmoid'}));
model.add(tf.layers.dense({units: 16, activation: 'sigmoid'}));
model.add(tf.layers.dense({units: 16, activation: 'tanh'}));
model.add(tf.layers.dense({units: 16, activation: 'sigmoid'}));
model.add(tf.layers.dense({units: 1}));
`);
      assert.strictEqual(withCode(a, 'training/vanishing-gradient').length, 1);
    });
    it('notes a large model without dropout, and not once dropout is added', () => {
      assert.strictEqual(withCode(analyze(CLASSIC), 'training/no-regularization').length, 1);
      const withDropout = CLASSIC.replace("model.add(tf.layers.flatten());", "model.add(tf.layers.flatten());\nmodel.add(tf.layers.dropout({rate: 0.5}));");
      assert.strictEqual(withCode(analyze(withDropout), 'training/no-regularization').length, 0);
    });
  });

  describe('severity overrides', () => {
    it("changes a finding's severity, or drops it with 'off'", () => {
      const a = analyze(CLASSIC, { severityOverrides: { 'params/dominant-layer': 'error', 'shape/unseen-input': 'off' } });
      assert.strictEqual(withCode(a, 'params/dominant-layer')[0].severity, 'error');
      assert.deepStrictEqual(withCode(a, 'shape/unseen-input'), []);
    });
  });
});
