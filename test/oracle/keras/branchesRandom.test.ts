// Randomized Keras builders (Sequential and functional) with flags and loop counts, held to
// real Keras on every path: what we say about a builder whose control flow depends on its
// arguments must hold on every path Keras builds. An error must be certain (every path
// raises); a known output shape must be every built path's; a known total must be every built
// path's, and a range must hold every built path's total. Seeded, so a failure reproduces;
// the failing program is printed.
import { strict as assert } from 'node:assert';
import { analyzeText } from '../../../src/core/analyze';
import { toFileReport } from '../../../src/core/reportJson';
import { primaryShape } from '../../../src/core/report';
import { seededRandom } from '../../support/seededRandom';
import { kerasOracle } from './support/kerasOracle';

const PROGRAMS = 120;
const FLAGS = ['a', 'b'];

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

/** One layer: ones that keep a 4-channel shape are likely in branches and loops, so joins happen. */
function randomLayer(random: Random, inBranch: boolean): string {
  const keeping = [
    `layers.Dropout(0.2)`,
    `layers.BatchNormalization()`,
    `layers.Activation('relu')`,
    `layers.Dense(4)`,
    `layers.Conv2D(4, ${pick(random, [1, 3])}, padding='same')`,
  ];
  const changing = [
    `layers.Conv2D(${pick(random, [4, 8])}, ${pick(random, [1, 3, 5])}, padding='${pick(random, ['same', 'valid'])}')`,
    `layers.MaxPooling2D(2)`,
    `layers.Dense(8)`,
    `layers.Flatten()`,
  ];
  return pick(random, random() < (inBranch ? 0.8 : 0.5) ? keeping : changing);
}

type Style = 'sequential' | 'functional';

function randomStep(random: Random, style: Style, inBranch: boolean): string {
  const layer = randomLayer(random, inBranch);
  if (style === 'sequential') return `model.add(${layer})`;
  return random() < 0.2 ? `x = layers.Add()([x, ${layer}(x)])` : `x = ${layer}(x)`;
}

function randomStatements(random: Random, style: Style, depth: number, indent: string): string[] {
  const out: string[] = [];
  const count = 1 + Math.floor(random() * 3);
  for (let i = 0; i < count; i++) {
    const kind = depth < 2 ? random() : 0;
    const inner = `${indent}    `;
    if (kind < 0.5) out.push(indent + randomStep(random, style, depth > 0));
    else if (kind < 0.8) {
      const flag = pick(random, FLAGS);
      out.push(`${indent}if ${random() < 0.3 ? 'not ' : ''}${flag}:`, ...randomStatements(random, style, depth + 1, inner));
      if (random() < 0.4) out.push(`${indent}else:`, ...randomStatements(random, style, depth + 1, inner));
    } else out.push(`${indent}for _ in range(n):`, ...randomStatements(random, style, depth + 1, inner));
  }
  return out;
}

function randomProgram(random: Random, style: Style): string {
  const input = random() < 0.7 ? `(${pick(random, [8, 12])}, ${pick(random, [8, 12])}, 3)` : `(${pick(random, [6, 10])},)`;
  const body = randomStatements(random, style, 0, '    ');
  const head = ['import keras', 'from keras import layers', '', '', `def build(${FLAGS.join(', ')}, n):`];
  if (style === 'sequential') return [...head, `    model = keras.Sequential([keras.Input(shape=${input}), layers.Dense(4)])`, ...body, '    return model', ''].join('\n');
  return [...head, `    inputs = keras.Input(shape=${input})`, '    x = layers.Dense(4)(inputs)', ...body, '    return keras.Model(inputs, x)', ''].join('\n');
}

/** Runs `build` on every flag combination and loop count in real Keras. */
const DRIVER = `
import json as _json
_paths = []
for _a in (False, True):
    for _b in (False, True):
        for _n in (0, 1, 2):
            try:
                _m = build(_a, _b, _n)
                _paths.append({"ok": True, "shape": list(_m.outputs[0].shape), "params": _m.count_params()})
            except Exception:
                _paths.append({"ok": False})
print("PATHS " + _json.dumps(_paths))
`;

interface PathResult {
  readonly ok: boolean;
  readonly shape?: (number | null)[];
  readonly params?: number;
}

describe('oracle: randomized Keras builders with flags and loops, against real Keras on every path', function () {
  this.timeout(600_000);
  const random = seededRandom(20261201);
  const programs = Array.from({ length: PROGRAMS }, (_, i) => randomProgram(random, i % 2 === 0 ? 'sequential' : 'functional'));
  const joined = { sequential: 0, functional: 0 };

  for (const [index, source] of programs.entries()) {
    it(`program ${index}`, async () => {
      const keras = await kerasOracle().runProgram(source + DRIVER);
      assert.equal(keras.raised, null, `the driver runs (${keras.raised?.message})`);
      const line = keras.stdout.split('\n').find((l) => l.startsWith('PATHS '));
      assert.ok(line, 'the driver reports its paths');
      const paths = JSON.parse(line.slice('PATHS '.length)) as PathResult[];
      const built = paths.filter((p) => p.ok);
      const report = toFileReport(analyzeText(source, 'random.py'), 'random.py');
      const model = report.models[0];
      const context = `\n${source}\nKeras paths built: ${built.length}/${paths.length}\nour layers: ${JSON.stringify(model?.layers.map((l) => [l.className, l.outputShape, l.condition, l.repeat]))}`;
      const errors = report.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length > 0) assert.equal(built.length, 0, `we report ${errors[0].code} (${errors[0].message}) but some path works${context}`);
      if (!model) return;
      const ours = model.outputs.length === 1 ? primaryShape(model.layers[model.outputs[0]]?.outputShape ?? null) : null;
      if (ours !== null) for (const p of built) assert.deepEqual(ours, p.shape, `our output shape is not every path's${context}`);
      if (model.layers.some((l) => l.condition !== undefined || l.repeat !== undefined) && ours !== null) joined[model.kind]++;
      if (model.totalParams !== null) for (const p of built) assert.equal(model.totalParams, p.params, `our exact total is not every path's${context}`);
      const range = model.paramsRange;
      if (range) {
        for (const p of built) {
          const total = p.params as number;
          assert.ok(total >= range.min && (range.max === null || total <= range.max), `${total} outside our range ${JSON.stringify(range)}${context}`);
        }
      }
    });
  }

  it('exercises the join, not only the paths where we give up', () => {
    assert.ok(joined.sequential >= PROGRAMS / 20 && joined.functional >= PROGRAMS / 20, `too few joins: ${JSON.stringify(joined)}`);
  });
});
