// `if` on conditions and loops on bounds the analyzer cannot evaluate (builder parameters),
// held to real TF.js: each builder is built by TF.js with every combination of its flags (and
// several loop counts), and what we report for the un-run source must hold on every path —
// kept layers match the path they belong to, layers outside the branches and loops match every
// path, totals are either the same on all paths or unknown, and where the paths disagree on a
// shape we say "unknown", never a wrong shape or an error.
import { strict as assert } from 'assert';
import * as tf from '@tensorflow/tfjs';
import { transformSync } from 'esbuild';
import { analyzeText } from '../../src/core/analyze';
import { toFileReport } from '../../src/core/reportJson';
import type { LayerReport, ModelReport } from '../../src/core/report';
import { describeModel, type OracleLayer, type OracleModel } from './support/runFixture';

type Arg = boolean | number | string | number[];

interface BranchCase {
  readonly name: string;
  /** Parameter names of `build`, in order. */
  readonly flags: readonly string[];
  /**
   * The argument lists TF.js builds with; by default every combination of booleans. With
   * loop counts, `exactOn` names the arguments under which our layers are exactly TF.js's
   * (one iteration per loop); otherwise that path is found by evaluating our conditions.
   */
  readonly args?: readonly (readonly Arg[])[];
  readonly exactOn?: readonly Arg[];
  /** The body of `export function build(<flags>)`, which returns the model. */
  readonly body: string;
  /** True when the paths agree on the shapes after the `if`, so we must know them. */
  readonly joinable: boolean;
}

const CASES: readonly BranchCase[] = [
  {
    name: 'optional Dropout in a Sequential CNN',
    flags: ['useDropout'],
    joinable: true,
    body: `
  const model = tf.sequential();
  model.add(tf.layers.conv2d({inputShape: [28, 28, 1], filters: 8, kernelSize: 3, activation: 'relu'}));
  model.add(tf.layers.maxPooling2d({poolSize: 2}));
  if (useDropout) model.add(tf.layers.dropout({rate: 0.25}));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({units: 10, activation: 'softmax'}));
  return model;`,
  },
  {
    name: 'optional BatchNormalization (params differ between paths)',
    flags: ['batchNorm'],
    joinable: true,
    body: `
  const model = tf.sequential();
  model.add(tf.layers.conv2d({inputShape: [32, 32, 3], filters: 16, kernelSize: 3, padding: 'same'}));
  if (batchNorm) {
    model.add(tf.layers.batchNormalization());
  }
  model.add(tf.layers.activation({activation: 'relu'}));
  model.add(tf.layers.globalAveragePooling2d({}));
  model.add(tf.layers.dense({units: 4}));
  return model;`,
  },
  {
    name: 'if/else adding different layers of the same output shape',
    flags: ['wide'],
    joinable: true,
    body: `
  const model = tf.sequential();
  model.add(tf.layers.dense({inputShape: [20], units: 32, activation: 'relu'}));
  if (wide) {
    model.add(tf.layers.dense({units: 64, activation: 'relu'}));
    model.add(tf.layers.dense({units: 16}));
  } else {
    model.add(tf.layers.dense({units: 16, activation: 'tanh'}));
  }
  model.add(tf.layers.dense({units: 1, activation: 'sigmoid'}));
  return model;`,
  },
  {
    name: 'nested flags and an else-if chain',
    flags: ['regularize', 'heavy', 'light'],
    joinable: true,
    body: `
  const model = tf.sequential();
  model.add(tf.layers.dense({inputShape: [10], units: 24, activation: 'relu'}));
  if (regularize) {
    model.add(tf.layers.dropout({rate: 0.3}));
    if (heavy) model.add(tf.layers.gaussianNoise({stddev: 0.1}));
  }
  if (heavy) model.add(tf.layers.dense({units: 24}));
  else if (light) model.add(tf.layers.activation({activation: 'elu'}));
  else model.add(tf.layers.layerNormalization());
  model.add(tf.layers.dense({units: 3, activation: 'softmax'}));
  return model;`,
  },
  {
    name: 'functional: a symbolic tensor reassigned under a flag, through a helper',
    flags: ['residual', 'norm'],
    joinable: true,
    body: `
  function convBlock(t, filters) {
    const y = tf.layers.conv2d({filters, kernelSize: 3, padding: 'same', activation: 'relu'}).apply(t);
    return tf.layers.conv2d({filters, kernelSize: 3, padding: 'same'}).apply(y);
  }
  const input = tf.input({shape: [16, 16, 8]});
  let x = tf.layers.conv2d({filters: 8, kernelSize: 1}).apply(input);
  if (residual) x = tf.layers.add().apply([x, convBlock(x, 8)]);
  if (norm) x = tf.layers.batchNormalization().apply(x);
  const pooled = tf.layers.globalMaxPooling2d({}).apply(x);
  const output = tf.layers.dense({units: 2}).apply(pooled);
  return tf.model({inputs: input, outputs: output});`,
  },
  {
    name: 'a loop of residual blocks with an unknown count (functional)',
    flags: ['blocks'],
    args: [[0], [1], [3]],
    exactOn: [1],
    joinable: true,
    body: `
  function residual(t, filters) {
    const y = tf.layers.conv2d({filters, kernelSize: 3, padding: 'same', activation: 'relu'}).apply(t);
    const z = tf.layers.conv2d({filters, kernelSize: 3, padding: 'same'}).apply(y);
    return tf.layers.add().apply([t, z]);
  }
  const input = tf.input({shape: [16, 16, 8]});
  let x = input;
  for (let i = 0; i < blocks; i++) x = residual(x, 8);
  const pooled = tf.layers.globalAveragePooling2d({}).apply(x);
  return tf.model({inputs: input, outputs: tf.layers.dense({units: 3}).apply(pooled)});`,
  },
  {
    name: 'Sequential: hidden layers repeated while a counter is below an unknown depth',
    flags: ['depth', 'noise'],
    args: [[0, false], [2, false], [1, true], [4, true]],
    exactOn: [1, true],
    joinable: true,
    body: `
  const model = tf.sequential();
  model.add(tf.layers.dense({inputShape: [12], units: 32, activation: 'relu'}));
  let i = 0;
  while (i < depth) {
    model.add(tf.layers.dense({units: 32, activation: 'relu'}));
    if (noise) model.add(tf.layers.gaussianNoise({stddev: 0.05}));
    i++;
  }
  model.add(tf.layers.dense({units: 2, activation: 'softmax'}));
  return model;`,
  },
  {
    name: 'paths that disagree: a loop that halves the width each time',
    flags: ['depth'],
    args: [[0], [1], [2]],
    joinable: false,
    body: `
  const model = tf.sequential();
  model.add(tf.layers.dense({inputShape: [12], units: 64}));
  let width = 64;
  for (let i = 0; i < depth; i++) {
    width = width / 2;
    model.add(tf.layers.dense({units: width}));
  }
  model.add(tf.layers.repeatVector({n: 3}));
  return model;`,
  },
  {
    name: 'paths that disagree: a for...of over an unknown list of widths',
    flags: ['widths'],
    args: [[[]], [[8]], [[16, 4]]],
    joinable: false,
    body: `
  const model = tf.sequential();
  model.add(tf.layers.dense({inputShape: [6], units: 10}));
  for (const units of widths) model.add(tf.layers.dense({units}));
  model.add(tf.layers.repeatVector({n: 2}));
  return model;`,
  },
  {
    name: 'a switch on an unknown normalisation choice, with a fall-through case',
    flags: ['norm'],
    args: [['batch'], ['layer'], ['both'], ['none']],
    exactOn: ['both'], // the path that builds the most layers is the one listed
    joinable: true,
    body: `
  const input = tf.input({shape: [10, 6]});
  let x = tf.layers.dense({units: 6}).apply(input);
  switch (norm) {
    case 'batch':
      x = tf.layers.batchNormalization().apply(x);
      break;
    case 'both':
      x = tf.layers.batchNormalization().apply(x);
    // falls through
    case 'layer':
      x = tf.layers.layerNormalization().apply(x);
      break;
    default:
  }
  return tf.model({inputs: input, outputs: tf.layers.lstm({units: 3}).apply(x)});`,
  },
  {
    name: 'a conditional expression and a && guard choosing layers',
    flags: ['useBn', 'drop'],
    joinable: true,
    body: `
  const input = tf.input({shape: [16]});
  let x = tf.layers.dense({units: 16}).apply(input);
  x = useBn ? tf.layers.batchNormalization().apply(x) : x;
  drop && (x = tf.layers.dropout({rate: 0.5}).apply(x));
  return tf.model({inputs: input, outputs: tf.layers.dense({units: 1}).apply(x)});`,
  },
  {
    name: 'paths that disagree: Flatten only on one path',
    flags: ['flatten'],
    joinable: false,
    body: `
  const model = tf.sequential();
  model.add(tf.layers.conv2d({inputShape: [12, 12, 1], filters: 4, kernelSize: 3}));
  if (flatten) model.add(tf.layers.flatten());
  model.add(tf.layers.dense({units: 5}));
  return model;`,
  },
  {
    name: 'paths that disagree: a functional branch that changes the channel count',
    flags: ['expand'],
    joinable: false,
    body: `
  const input = tf.input({shape: [8, 8, 3]});
  let x = tf.layers.conv2d({filters: 4, kernelSize: 3, padding: 'same'}).apply(input);
  if (expand) x = tf.layers.conv2d({filters: 12, kernelSize: 1}).apply(x);
  const output = tf.layers.flatten().apply(x);
  return tf.model({inputs: input, outputs: output});`,
  },
];

function sourceOf(c: BranchCase): string {
  return `import * as tf from '@tensorflow/tfjs';\n\nexport function build(${c.flags.join(', ')}) {${c.body}\n}\n`;
}

/** Builds the case with real TF.js for one list of arguments. */
function buildWithTfjs(c: BranchCase, args: readonly Arg[]): OracleModel {
  const { code } = transformSync(sourceOf(c), { loader: 'ts', format: 'cjs', target: 'node20' });
  const module = { exports: {} as { build?: (...args: Arg[]) => tf.LayersModel } };
  const load = new Function('require', 'module', 'exports', code) as (r: (id: string) => unknown, m: typeof module, e: object) => void;
  load(() => tf, module, module.exports);
  const model = (module.exports.build as (...args: Arg[]) => tf.LayersModel)(...args);
  return describeModel(model);
}

function combinations(count: number): boolean[][] {
  return Array.from({ length: 2 ** count }, (_, bits) => Array.from({ length: count }, (_, i) => Boolean(bits & (1 << i))));
}

/** Our layers as TF.js lists them: the implicit InputLayer of a Sequential model is not one. */
function listed(model: ModelReport): LayerReport[] {
  return model.layers.filter((l) => !(model.kind === 'sequential' && l.className === 'InputLayer' && l.index === 0));
}

function key(l: { className: string | null; outputShape: unknown; params: number | null }): string {
  return `${l.className} ${JSON.stringify(l.outputShape)} ${l.params}`;
}

/** Evaluates a reported condition (the builder's own flag expressions) for one path. */
function holds(condition: string, names: readonly string[], flags: readonly Arg[]): boolean {
  return Boolean(new Function(...names, `return (${condition});`)(...flags));
}

/** Whether `part` appears in `whole` in order (not necessarily adjacent). */
function isSubsequence(part: readonly string[], whole: readonly string[]): boolean {
  let i = 0;
  for (const w of whole) if (i < part.length && part[i] === w) i++;
  return i === part.length;
}

describe('oracle: ifs and loops under unknown conditions, against TF.js on every path', function () {
  this.timeout(60_000);

  for (const c of CASES) {
    it(c.name, () => {
      const report = toFileReport(analyzeText(sourceOf(c), 'branches.ts'), 'branches.ts');
      assert.equal(report.models.length, 1, 'one model');
      const model = report.models[0];
      const errors = report.diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(errors, [], 'every path builds in TF.js: no error may be reported');
      const ours = listed(model);
      const paths = (c.args ?? combinations(c.flags.length)).map((flags) => ({ flags, oracle: buildWithTfjs(c, flags) }));

      if (!c.joinable) {
        // The paths disagree on the shape after the `if`: the last layer's shape is unknown.
        assert.notDeepEqual(paths[0].oracle.layers.at(-1)?.outputShape, paths.at(-1)?.oracle.layers.at(-1)?.outputShape, 'case: paths should disagree');
        assert.equal(ours.at(-1)?.outputShape, null, `we must not pick one path's shape: ${JSON.stringify(ours.at(-1)?.outputShape)}`);
        assert.equal(model.totalParams, null);
        return;
      }

      const conditional = ours.filter((l) => l.condition !== undefined);
      const repeated = ours.filter((l) => l.repeat !== undefined);
      assert.ok(conditional.length + repeated.length > 0, 'the kept branch and loop layers carry their condition');
      const always = ours.filter((l) => l.condition === undefined && l.repeat === undefined).map(key);
      let matchedKeptPath = false;
      for (const { flags, oracle } of paths) {
        const theirs = oracle.layers.map((l: OracleLayer) => key(l));
        const label = c.flags.map((f, i) => `${f}=${flags[i]}`).join(', ');
        assert.ok(isSubsequence(always, theirs), `${label}: our unconditional layers ${JSON.stringify(always)} are not all in TF.js's ${JSON.stringify(theirs)}`);
        assert.deepEqual(ours.at(-1)?.outputShape, oracle.layers.at(-1)?.outputShape, `${label}: output shape`);
        const exact = c.exactOn ? JSON.stringify(flags) === JSON.stringify(c.exactOn) : conditional.every((l) => holds(l.condition as string, c.flags, flags));
        if (exact) {
          matchedKeptPath = true;
          assert.deepEqual(ours.map(key), theirs, `${label}: on the kept branches' path every layer matches`);
        }
      }
      assert.ok(matchedKeptPath, 'some path runs exactly the kept branches');
      const totals = paths.map((p) => p.oracle.totalParams);
      if (new Set(totals).size === 1) {
        assert.equal(model.totalParams, totals[0], 'the same total on every path is known');
        return;
      }
      assert.equal(model.totalParams, null, `totals differ between paths (${totals.join(', ')}): no single total`);
      const range = model.paramsRange;
      assert.ok(range, 'paths that differ only in known layers give a range');
      for (const [i, total] of totals.entries()) {
        assert.ok(total >= range.min && (range.max === null || total <= range.max), `path ${JSON.stringify(paths[i].flags)}: ${total} outside ${JSON.stringify(range)}`);
      }
      // Every combination of flags was built: the bounds are reached. A loop has no upper one.
      assert.equal(range.min, Math.min(...totals), 'the lower bound is a real path');
      if (repeated.some((l) => (l.params ?? 0) > 0)) assert.equal(range.max, null, 'a loop repeating weights has no upper bound');
      else assert.equal(range.max, Math.max(...totals), 'the upper bound is a real path');
    });
  }
});
