// Symbolic dimensions held to real Keras 3: the builders of
// test/fixtures/python/symbolic/builders.py are never called in their file, so we analyse them
// with their sizes as symbols (parameters, `x_train.shape[1]`, `vocab_size = len(...) + 1`);
// then Keras builds each for several values, and substituting those values into our symbolic
// shapes and params must give exactly Keras's output shape and count_params(), for every layer.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeText } from '../../../src/core/analyze';
import { toFileReport } from '../../../src/core/reportJson';
import type { ModelReport } from '../../../src/core/report';
import { seededRandom } from '../../support/seededRandom';
import { concrete, substitute } from '../../support/symbolic';
import { kerasOracle } from './support/kerasOracle';

const FIXTURE = path.join(__dirname, '../../fixtures/python/symbolic/builders.py');

interface Case {
  readonly builder: string;
  /** Values of the symbols, and the Python call that gives them. */
  readonly values: (rand: () => number) => { symbols: Record<string, number>; call: string };
}

const int = (rand: () => number, lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));

const CASES: readonly Case[] = [
  { builder: 'regression', values: (r) => { const n = int(r, 1, 40); return { symbols: { 'x_train.shape[1]': n }, call: `regression(np.zeros((3, ${n})))` }; } },
  {
    builder: 'build_cnn',
    values: (r) => {
      const img = int(r, 16, 64);
      const k = int(r, 2, 12);
      return { symbols: { img_size: img, num_classes: k }, call: `build_cnn(${img}, ${k})` };
    },
  },
  {
    builder: 'text_model',
    values: (r) => {
      const words = int(r, 1, 300);
      const len = int(r, 1, 30);
      return { symbols: { vocab_size: words + 1, seq_len: len }, call: `text_model([f"w{i}" for i in range(${words})], ${len})` };
    },
  },
  { builder: 'two_towers', values: (r) => { const w = int(r, 2, 64); const c = int(r, 1, 9); return { symbols: { width: w, channels: c }, call: `two_towers(${w}, ${c})` }; } },
  { builder: 'resizer', values: (r) => { const img = int(r, 3, 40); return { symbols: { img }, call: `resizer(${img})` }; } },
  { builder: 'sequences', values: (r) => { const t = int(r, 3, 30); const f = int(r, 1, 20); return { symbols: { steps: t, features: f }, call: `sequences(${t}, ${f})` }; } },
  { builder: 'volume', values: (r) => { const d = int(r, 1, 10); const s = int(r, 4, 30); return { symbols: { depth: d, size: s }, call: `volume(${d}, ${s})` }; } },
  { builder: 'recurrent_units', values: (r) => { const v = int(r, 2, 900); const h = int(r, 1, 24); return { symbols: { vocab_size: v, hidden: h }, call: `recurrent_units(${v}, ${h})` }; } },
  {
    builder: 'from_config',
    values: (r) => {
      const [h, w, c, f, k] = [int(r, 2, 40), int(r, 2, 40), int(r, 1, 5), int(r, 1, 16), int(r, 2, 10)];
      const symbols = { 'input_shape[0]': h, 'input_shape[1]': w, 'input_shape[2]': c, 'config["filters"]': f, 'config["classes"]': k };
      return { symbols, call: `from_config({"filters": ${f}, "classes": ${k}}, (${h}, ${w}, ${c}))` };
    },
  },
];

const TRIALS = 4;

describe('symbolic dimensions vs real Keras 3 (builders sized by parameters, data and vocabularies)', function () {
  this.timeout(180_000);
  after(() => kerasOracle().close());
  const source = fs.readFileSync(FIXTURE, 'utf8');
  const models: readonly ModelReport[] = toFileReport(analyzeText(source, FIXTURE), FIXTURE).models;

  it('finds one symbolic model per builder, naming each symbol as the code does', () => {
    assert.deepEqual(
      models.map((m) => (m.symbols ?? []).map((s) => s.name).sort()),
      CASES.map((c) => Object.keys(c.values(seededRandom(1)).symbols).sort()),
    );
  });

  it(`every layer of every builder equals Keras's shape and count_params() on ${TRIALS} values of its symbols`, async () => {
    const rand = seededRandom(2024);
    const trials = CASES.flatMap((c, index) => Array.from({ length: TRIALS }, () => ({ c, index, ...c.values(rand) })));
    // One program builds them all: one oracle request.
    const program = `${source}\nimport numpy as np\n${trials.map((t, i) => `m${i} = ${t.call}`).join('\n')}\n`;
    const keras = await kerasOracle().models(program, { filename: 'symbolic.py' });
    assert.equal(keras.raised, null, JSON.stringify(keras.raised));
    assert.equal(keras.models.length, trials.length);
    trials.forEach((t, i) => {
      const real = keras.models[i];
      const ours = models[t.index];
      const values = new Map(Object.entries(t.symbols));
      const label = `${t.call}`;
      assert.equal(ours.layers.length, real.layers.length, label);
      ours.layers.forEach((layer, j) => {
        const got = concrete(layer, values);
        const k = real.layers[j];
        assert.equal(layer.className, k.className, `${label} layer ${j}`);
        assert.deepEqual(got.shape, k.outputShape, `${label} layer ${j} (${layer.className}): ${JSON.stringify(layer.symbolicShape ?? layer.outputShape)}`);
        assert.equal(got.params, k.params, `${label} layer ${j} (${layer.className}): ${layer.paramsExpr ?? layer.params}`);
      });
      const total = ours.totalParams ?? (ours.totalParamsExpr !== undefined ? substitute(ours.totalParamsExpr, values) : null);
      assert.equal(total, real.params, `${label} total`);
    });
  });
});
