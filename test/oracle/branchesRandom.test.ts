// Randomized builders (Sequential and functional) with flags and loop counts, held to TF.js on
// every path: whatever we say about code whose control flow depends on run-time values must
// hold on every path that TF.js builds. An error must be certain (every path throws or yields a non-positive
// dimension); a known output shape must be every built path's; a known total must be every
// built path's, and a range must hold every built path's total. Seeded, so a failure
// reproduces; the failing program is printed.
import { strict as assert } from 'assert';
import * as tf from '@tensorflow/tfjs';
import { transformSync } from 'esbuild';
import { analyzeText } from '../../src/core/analyze';
import { toFileReport } from '../../src/core/reportJson';
import { seededRandom } from '../support/seededRandom';

const PROGRAMS = 200;
const FLAGS = ['a', 'b'];
const LOOP_COUNTS = [0, 1, 2];

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

/**
 * One `model.add(...)`. Layers that keep a 4-channel shape are likely (inside branches and loops
 * the join is then possible), others change it or, by chance, do not fit at all.
 */
function randomLayer(random: Random, inBranch: boolean): string {
  const keeping = [
    `tf.layers.dropout({rate: 0.2})`,
    `tf.layers.batchNormalization()`,
    `tf.layers.activation({activation: 'relu'})`,
    `tf.layers.dense({units: 4})`,
    `tf.layers.conv2d({filters: 4, kernelSize: ${pick(random, [1, 3])}, padding: 'same'})`,
  ];
  const changing = [
    `tf.layers.conv2d({filters: ${pick(random, [4, 8])}, kernelSize: ${pick(random, [1, 3, 5])}, padding: '${pick(random, ['same', 'valid'])}'})`,
    `tf.layers.maxPooling2d({poolSize: 2})`,
    `tf.layers.dense({units: 8})`,
    `tf.layers.flatten()`,
  ];
  return pick(random, random() < (inBranch ? 0.8 : 0.5) ? keeping : changing);
}

type Style = 'sequential' | 'functional';

/** One step of the model: `model.add(layer)`, or `x = layer.apply(x)` (sometimes a residual Add). */
function randomStep(random: Random, style: Style, inBranch: boolean): string {
  const layer = randomLayer(random, inBranch);
  if (style === 'sequential') return `model.add(${layer});`;
  return random() < 0.2 ? `x = tf.layers.add().apply([x, ${layer}.apply(x)]);` : `x = ${layer}.apply(x);`;
}

function randomStatements(random: Random, style: Style, depth: number, loopIndex: { next: number }): string[] {
  const out: string[] = [];
  const count = 1 + Math.floor(random() * 3);
  for (let i = 0; i < count; i++) {
    const kind = depth < 2 ? random() : 0;
    if (kind < 0.5) out.push(randomStep(random, style, depth > 0));
    else if (kind < 0.8) {
      const flag = pick(random, FLAGS);
      out.push(`if (${random() < 0.3 ? '!' : ''}${flag}) {`, ...randomStatements(random, style, depth + 1, loopIndex));
      if (random() < 0.4) out.push('} else {', ...randomStatements(random, style, depth + 1, loopIndex));
      out.push('}');
    } else {
      const v = `i${loopIndex.next++}`;
      out.push(`for (let ${v} = 0; ${v} < n; ${v}++) {`, ...randomStatements(random, style, depth + 1, loopIndex), '}');
    }
  }
  return out;
}

function randomProgram(random: Random, style: Style): string {
  const input = random() < 0.7 ? `[${pick(random, [8, 12])}, ${pick(random, [8, 12])}, 3]` : `[${pick(random, [6, 10])}]`;
  const body = randomStatements(random, style, 0, { next: 0 }).map((l) => `  ${l}`);
  const head = `export function build(${FLAGS.map((f) => `${f}: boolean`).join(', ')}, n: number) {`;
  if (style === 'sequential') {
    return ["import * as tf from '@tensorflow/tfjs';", head, '  const model = tf.sequential();', `  model.add(tf.layers.dense({inputShape: ${input}, units: 4}));`, ...body, '  return model;', '}'].join('\n');
  }
  return [
    "import * as tf from '@tensorflow/tfjs';",
    head,
    `  const input = tf.input({shape: ${input}});`,
    '  let x = tf.layers.dense({units: 4}).apply(input);',
    ...body,
    '  return tf.model({inputs: input, outputs: x});',
    '}',
  ].join('\n');
}

interface PathResult {
  readonly ok: boolean;
  readonly outputShape?: (number | null)[];
  readonly totalParams?: number;
}

function buildPaths(source: string): PathResult[] {
  const { code } = transformSync(source, { loader: 'ts', format: 'cjs', target: 'node20' });
  const module = { exports: {} as { build?: (...args: unknown[]) => tf.LayersModel } };
  (new Function('require', 'module', 'exports', code) as (r: () => unknown, m: typeof module, e: object) => void)(() => tf, module, module.exports);
  const results: PathResult[] = [];
  for (let bits = 0; bits < 2 ** FLAGS.length; bits++) {
    for (const n of LOOP_COUNTS) {
      const flags = FLAGS.map((_, i) => Boolean(bits & (1 << i)));
      try {
        const model = (module.exports.build as (...args: unknown[]) => tf.LayersModel)(...flags, n);
        const outputShape = model.outputs[0].shape;
        // A non-positive dimension builds symbolically but fails on data: not a working path.
        const works = model.layers.every((l) => (l.outputShape as (number | null)[]).every((d) => d === null || d > 0));
        results.push(works ? { ok: true, outputShape, totalParams: model.countParams() } : { ok: false });
        model.layers.forEach((l) => l.dispose());
      } catch {
        results.push({ ok: false });
      }
    }
  }
  return results;
}

describe('oracle: randomized builders with flags and loops, against TF.js on every path', function () {
  this.timeout(120_000);
  const random = seededRandom(20261127);
  const programs = Array.from({ length: PROGRAMS }, (_, i) => randomProgram(random, i % 2 === 0 ? 'sequential' : 'functional'));
  const joined = { sequential: 0, functional: 0 };

  for (const [index, source] of programs.entries()) {
    it(`program ${index}`, () => {
      const paths = buildPaths(source);
      const built = paths.filter((p) => p.ok);
      const report = toFileReport(analyzeText(source, 'random.ts'), 'random.ts');
      const model = report.models[0];
      const context = `\n${source}\nTF.js paths built: ${built.length}/${paths.length}\nour layers: ${JSON.stringify(model?.layers.map((l) => [l.className, l.outputShape, l.condition, l.repeat]))}`;
      const errors = report.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length > 0) assert.equal(built.length, 0, `we report ${errors[0].code} (${errors[0].message}) but some path works${context}`);
      if (!model) return;
      const ours = model.outputs.length === 1 ? (model.layers[model.outputs[0]]?.outputShape ?? null) : null;
      if (ours !== null && built.length > 0) {
        for (const p of built) assert.deepEqual(ours, p.outputShape, `our output shape is not every path's${context}`);
      }
      if (model.layers.some((l) => l.condition !== undefined || l.repeat !== undefined) && ours !== null) joined[model.kind]++;
      if (model.totalParams !== null) for (const p of built) assert.equal(model.totalParams, p.totalParams, `our exact total is not every path's${context}`);
      const range = model.paramsRange;
      if (range) {
        for (const p of built) {
          const total = p.totalParams as number;
          assert.ok(total >= range.min && (range.max === null || total <= range.max), `${total} outside our range ${JSON.stringify(range)}${context}`);
        }
      }
    });
  }

  after(() => {
    // The generator must exercise the join, not only the paths where we give up.
    console.log(`      joined a branch or loop and knew the output shape: ${joined.sequential} Sequential, ${joined.functional} functional of ${PROGRAMS}`);
    assert.ok(joined.sequential >= PROGRAMS / 20 && joined.functional >= PROGRAMS / 20, `too few joins: ${JSON.stringify(joined)}`);
  });
});
