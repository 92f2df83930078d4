// The constant evaluator against the best oracle there is for JS semantics: JS itself. Each
// case is evaluated by extract (as a layer config value) and by running the same code.
import { strict as assert } from 'assert';
import * as ts from 'typescript';
import { extract } from '../../../src/core/lang/typescript/extract/index';
import type { ConfigValue } from '../../../src/core/types';
import { factories, layerOf, only, run, TF_IMPORT } from './helpers';

/** Runs `prelude; return (expr)` as real JS (TypeScript syntax stripped first). */
function oracle(prelude: string, expr: string): unknown {
  const src = `function __probe() {\n${prelude}\nreturn (${expr});\n}`;
  const js = ts.transpileModule(src, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None } }).outputText;
  return new Function(`${js}\nreturn __probe();`)();
}

/** The oracle's value with plain prototypes, so deepEqual compares structure only. */
function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

/** The same expression as extract sees it, as the `probe` property of a layer config. */
function extracted(prelude: string, expr: string): ConfigValue {
  const r = extract(`${TF_IMPORT}${prelude}\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({units: 1, inputShape: [1], probe: (${expr})}));\n`, 'probe.ts');
  return layerOf(only(r).nodes[1]).config.probe;
}

const cases: [string, string, string][] = [
  ['arithmetic on const bindings', 'const a = 3; const b = a * 2 + 1;', 'b ** 2 % 7 - 1 / 4'],
  ['let reassignment following control flow', 'let k = 1; k = k + 4; if (k > 3) { k *= 2; } else { k = 0; }', 'k'],
  ['template strings', 'const stage = 2; const name = `block${stage}_conv${stage * 2}`;', 'name'],
  ['object and array spread', 'const base = {a: 1, b: 2}; const cfg = {...base, b: 3, c: [...[1, 2], 3]};', 'cfg'],
  ['destructuring with defaults and rest', 'const {x = 5, y, ...rest} = {y: 2, z: 3, w: 4} as any; const [p, , q = 9, ...more] = [1, 2, undefined, 4, 5];', '[x, y, rest, p, q, more]'],
  ['tuples', 'const shape = [28, 28, 1] as const; const [h, w] = shape;', 'h * w'],
  ['&&, || and ??', "const u: number | undefined = undefined; const v = u ?? 7; const t = 0 || 'fallback'; const s = 1 && 'yes';", '[v, t, s]'],
  ['ternaries', 'const big = true; const small = !big;', '[big ? 128 : 64, small ? 1 : 2]'],
  ['unary operators', 'const three = 3;', "[!0, -(-three), typeof 'x', +'42', ~1]"],
  ['comparisons', "const a = 2, b = '2';", '[a < 3, a >= 3, a == (b as any), a === (b as any), a != 2, null == undefined]'],
  ['Math on constants', 'const k = 7;', 'Math.floor(k / 2) + Math.ceil(1.2) + Math.round(2.5) + Math.max(1, 9, 3) + Math.min(4, 2) + Math.pow(2, 5) + Math.sqrt(16) + Math.abs(-3) + Math.log2(8) + Math.trunc(-1.5)'],
  ['.length of arrays and strings', "const xs = [1, 2, 3]; const s = 'abcd';", 'xs.length + s.length'],
  ['map with arrow callbacks', 'const sizes = [16, 32];', 'sizes.map((f, i) => ({filters: f, name: `c${i}`}))'],
  ['type assertions', 'const q = (5 as number)!; const r = (<number>6); const s2 = {a: 1} satisfies {a: number};', '[q, r, s2]'],
  ['function declarations, expressions, arrows, defaults, hoisting', 'function sq(n: number) { return n * n; } const cube = function (n: number) { return n * sq(n); }; const inc = (n: number, by = 1) => n + by; function hoisted() { return 42; }', '[sq(3), cube(2), inc(1), inc(1, 5), hoisted()]'],
  ['for loops with break and continue', 'let acc = 0; for (let i = 0; i < 10; i++) { if (i === 3) continue; if (i === 7) break; acc += i; }', 'acc'],
  ['for...of over a constant table with destructuring', 'const table = [{f: 8, k: 3}, {f: 16, k: 5}]; const out: number[] = []; for (const {f, k} of table) out.push(f * k);', 'out'],
  ['switch with fall-through', "const mode: string = 'b'; let val = 0; switch (mode) { case 'a': val = 1; break; case 'b': val = 2; case 'c': val += 10; break; default: val = -1; }", 'val'],
  ['while and do-while', 'let n = 1; while (n < 100) n *= 3; let m = 0; do { m++; } while (m < 5);', '[n, m]'],
  ['filter and reduce', '', '[1, 2, 3, 4].filter((x) => x % 2 === 0).reduce((a, b) => a + b, 0)'],
  ['Object.keys / entries', 'const o = {a: 1, b: 2};', "[Object.keys(o).join('-'), Object.entries(o)]"],
  ['string methods', '', "'conv'.toUpperCase() + '_' + 'x'.padStart(3, '0') + 'a,b'.split(',').length"],
  ['Array.from with a length', '', 'Array.from({length: 4}, (_, i) => 2 ** i)'],
  ['closures', 'function makeAdder(a: number) { return (b: number) => a + b; } const add5 = makeAdder(5);', 'add5(3)'],
  ['recursion', 'function fact(n: number): number { return n <= 1 ? 1 : n * fact(n - 1); }', 'fact(6)'],
  ['var hoisting', 'function g() { v2 = 4; var v2: number; return v2; }', 'g()'],
  ['optional chaining', 'const o: any = {a: {b: 3}};', '[o?.a?.b, o.c?.d]'],
  ['logical assignment', 'let z: number | undefined; z ??= 8; let y2 = 0; y2 ||= 4; let w = 1; w &&= 6;', '[z, y2, w]'],
  ['labelled loops', 'let hits = 0; outer: for (const i of [1, 2, 3]) { for (const j of [1, 2, 3]) { if (j === 2) continue outer; if (i === 3) break outer; hits += i * j; } }', 'hits'],
  ['try/finally and early return', 'function pick(n: number) { try { if (n > 1) return "big"; } finally { } return "small"; }', '[pick(2), pick(0)]'],
  ['methods on object literals and this', 'const cfg = { base: 4, twice() { return this.base * 2; } };', 'cfg.twice()'],
  ['nested data tables', "const TABLE = { small: [16, 32], large: [64, 128, 256] }; const which = 'large' as const;", 'TABLE[which][TABLE[which].length - 1]'],
];

describe('extract: constant evaluator (oracle: the same code run as JS)', () => {
  for (const [title, prelude, expr] of cases) {
    it(title, () => {
      const expected = oracle(prelude, expr);
      assert.deepEqual(extracted(prelude, expr), plain(expected));
    });
  }
});

describe('extract: model-building code patterns', () => {
  it('a residual block helper applied three times', () => {
    const m = only(
      run(`
function block(x: tf.SymbolicTensor, f: number) {
  const conv = tf.layers.conv2d({filters: f, kernelSize: 3, padding: 'same'});
  const y = conv.apply(x) as tf.SymbolicTensor;
  return tf.layers.add().apply([x, y]) as tf.SymbolicTensor;
}
const input = tf.input({shape: [32, 32, 16]});
let x = input;
for (let i = 0; i < 3; i++) x = block(x, 16);
const model = tf.model({inputs: input, outputs: x});
`),
    );
    assert.deepEqual(factories(m), ['input', 'conv2d', 'add', 'conv2d', 'add', 'conv2d', 'add']);
    assert.deepEqual(m.nodes.map((n) => n.inputs), [[], [0], [0, 1], [2], [2, 3], [4], [4, 5]]);
    assert.deepEqual(m.outputs, [6]);
    const convs = m.nodes.filter((n) => n.op.kind === 'layer' && n.op.layer.factory === 'conv2d').map(layerOf);
    assert.equal(new Set(convs).size, 3, 'a new layer object per call');
    assert.equal(m.incomplete, false);
  });

  it('a loop over a constant table of filter sizes', () => {
    const m = only(
      run(`
const FILTERS = [32, 64, 128];
const model = tf.sequential();
model.add(tf.layers.inputLayer({inputShape: [64, 64, 3]}));
for (const [i, filters] of FILTERS.entries()) {
  model.add(tf.layers.conv2d({filters, kernelSize: i === 0 ? 5 : 3, name: \`conv_\${i + 1}\`}));
}
`),
    );
    const convs = m.nodes.slice(1).map(layerOf);
    assert.deepEqual(convs.map((l) => [l.config.filters, l.config.kernelSize, l.config.name]), [[32, 5, 'conv_1'], [64, 3, 'conv_2'], [128, 3, 'conv_3']]);
  });

  it('layers kept in variables and arrays, added later, with spans of where they were written', () => {
    const text = `
const hidden = [64, 32].map((units) => tf.layers.dense({units, activation: 'relu'}));
const layers = [tf.layers.dense({units: 128, inputShape: [10]}), ...hidden];
layers.push(tf.layers.dense({units: 1}));
const model = tf.sequential({layers});
`;
    const m = only(run(text));
    assert.deepEqual(m.nodes.map((n) => (n.op.kind === 'layer' ? n.op.layer.config.units : 'in')), ['in', 128, 64, 32, 1]);
    assert.deepEqual(m.nodes.map((n) => n.inputs), [[], [0], [1], [2], [3]]);
  });

  it('spreads of layer configs, with per-key spans from the spread', () => {
    const text = `${TF_IMPORT}const common = {activation: 'relu', kernelInitializer: 'heNormal'};
const model = tf.sequential();
model.add(tf.layers.dense({...common, units: 8, inputShape: [3]}));
`;
    const m = only(extract(text, 'm.ts'));
    const l = layerOf(m.nodes[1]);
    assert.deepEqual(l.config, { activation: 'relu', kernelInitializer: 'heNormal', units: 8, inputShape: [3] });
    assert.equal(text.slice(l.configSpans.activation.start, l.configSpans.activation.end), '...common');
    assert.equal(text.slice(l.configSpans.units.start, l.configSpans.units.end), 'units: 8');
    assert.equal(l.configIncomplete, undefined);
  });
});
