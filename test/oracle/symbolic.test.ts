// Symbolic dimensions held to real TF.js: the builders of test/fixtures/symbolic/builders.ts are
// never called in their file, so we analyse them with their sizes as symbols; then TF.js builds
// each for several values, and substituting those values into our symbolic shapes and params
// must give exactly TF.js's output shape and count, for every layer and every value tried.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { analyzeText } from '../../src/core/analyze';
import { toFileReport } from '../../src/core/reportJson';
import type { ModelReport } from '../../src/core/report';
import { concrete, substitute } from '../support/symbolic';
import { seededRandom } from '../support/seededRandom';
import * as builders from '../fixtures/symbolic/builders';

const FIXTURE = path.join(__dirname, '../fixtures/symbolic/builders.ts');

interface Case {
  readonly builder: string;
  /** Values for the builder's symbols, and the arguments that give them. */
  readonly values: (rand: () => number) => { symbols: Record<string, number>; build: () => tf.LayersModel };
}

const int = (rand: () => number, lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));

const CASES: readonly Case[] = [
  { builder: 'regression', values: (r) => { const n = int(r, 1, 40); return { symbols: { numFeatures: n }, build: () => builders.regression(n) }; } },
  { builder: 'fromData', values: (r) => { const n = int(r, 1, 40); return { symbols: { 'xs.shape[1]': n }, build: () => builders.fromData(tf.zeros([2, n]) as tf.Tensor2D) }; } },
  {
    builder: 'cnn',
    values: (r) => {
      const img = int(r, 16, 80);
      const k = int(r, 2, 12);
      return { symbols: { 'inputShape[0]': img, numClasses: k }, build: () => builders.cnn([img, img, 3], k) };
    },
  },
  { builder: 'branches', values: (r) => { const w = int(r, 2, 64); const c = int(r, 1, 9); return { symbols: { width: w, channels: c }, build: () => builders.branches(w, c) }; } },
  { builder: 'text', values: (r) => { const v = int(r, 2, 5000); const s = int(r, 1, 30); return { symbols: { vocabSize: v, seqLength: s }, build: () => builders.text(v, s) }; } },
  { builder: 'resizer', values: (r) => { const img = int(r, 4, 60); return { symbols: { img }, build: () => builders.resizer(img) }; } },
  { builder: 'sequences', values: (r) => { const t = int(r, 1, 30); const f = int(r, 1, 20); return { symbols: { steps: t, features: f }, build: () => builders.sequences(t, f) }; } },
  { builder: 'volume', values: (r) => { const d = int(r, 1, 12); const s = int(r, 6, 40); return { symbols: { depth: d, size: s }, build: () => builders.volume(d, s) }; } },
  { builder: 'recurrentUnits', values: (r) => { const h = int(r, 1, 24); const f = int(r, 1, 10); return { symbols: { hidden: h, features: f }, build: () => builders.recurrentUnits(h, f) }; } },
  { builder: 'fromOptions', values: (r) => { const n = int(r, 1, 60); return { symbols: { numFeatures: n }, build: () => builders.fromOptions({ numFeatures: n }) }; } },
  { builder: 'fromShape', values: (r) => { const h = int(r, 5, 40); const w = int(r, 5, 40); const c = int(r, 1, 6); return { symbols: { 'inputShape[0]': h, 'inputShape[1]': w, 'inputShape[2]': c }, build: () => builders.fromShape([h, w, c]) }; } },
];

describe('symbolic dimensions vs real TF.js (builders sized by parameters and data)', function () {
  this.timeout(60_000);
  let models: readonly ModelReport[] = [];
  before(async () => {
    await tf.setBackend('cpu');
    const text = fs.readFileSync(FIXTURE, 'utf8');
    models = toFileReport(analyzeText(text, FIXTURE), FIXTURE).models;
  });

  it('finds one symbolic model per builder, naming each symbol after the code', () => {
    assert.equal(models.length, CASES.length);
    assert.deepEqual(
      models.map((m) => (m.symbols ?? []).map((s) => s.name).sort()),
      CASES.map((c) => Object.keys(c.values(seededRandom(1)).symbols).sort()),
    );
    for (const m of models) for (const s of m.symbols ?? []) assert.ok(s.range.line > 0 && s.why.length > 0);
  });

  CASES.forEach((c, index) => {
    it(`${c.builder}: every layer's shape and params equal TF.js's on 6 values of its symbols`, () => {
      const ours = models[index];
      const rand = seededRandom(1000 + index);
      for (let trial = 0; trial < 6; trial++) {
        const { symbols, build } = c.values(rand);
        const values = new Map(Object.entries(symbols));
        const model = build();
        const listed = ours.layers.filter((l) => !(ours.kind === 'sequential' && l.className === 'InputLayer'));
        assert.equal(listed.length, model.layers.length);
        listed.forEach((layer, i) => {
          const real = model.layers[i];
          const got = concrete(layer, values);
          const label = `${c.builder} ${JSON.stringify(symbols)} layer ${i} (${layer.className})`;
          assert.equal(layer.className, real.getClassName(), label);
          assert.deepEqual(got.shape, real.outputShape, `${label}: shape ${JSON.stringify(layer.symbolicShape ?? layer.outputShape)}`);
          assert.equal(got.params, real.countParams(), `${label}: params ${layer.paramsExpr ?? layer.params}`);
        });
        const total = ours.totalParams ?? (ours.totalParamsExpr !== undefined ? substitute(ours.totalParamsExpr, values) : null);
        assert.equal(total, model.countParams(), `${c.builder} total`);
        model.dispose();
      }
    });
  });

  it('never invents a symbol where the code names nothing, and adds no finding', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
export function build(shape: number[], opts: { units: number }) {
  const m = tf.sequential();
  m.add(tf.layers.dense({ units: opts.units + 1, inputShape: shape }));
  m.add(tf.layers.dense({ units: Math.max(opts.units, 4) }));
  return m;
}`;
    const report = toFileReport(analyzeText(text, 'plain.ts'), 'plain.ts');
    const m = report.models[0];
    assert.equal(m.symbols, undefined);
    assert.ok(m.layers.every((l) => l.symbolicShape === undefined && l.paramsExpr === undefined));
    assert.deepEqual(report.diagnostics.filter((d) => d.severity === 'error'), []);
  });
});
