// The interpreter's size budget: no value it builds grows past the per-value cap, and all of
// them together stay within the file's total (Limits.maxValueSize, maxBuiltSize). Each case
// builds a value that would need gigabytes (or hours) if followed; it must come back Unknown,
// quickly, with the model beside it intact. The same code with small sizes is still followed.
import { strict as assert } from 'assert';
import { performance } from 'perf_hooks';
import { DEFAULT_LIMITS, extract, extractWithLimits } from '../../../src/core/lang/typescript/extract/index';
import { isUnknown, type ConfigValue, type ExtractResult } from '../../../src/core/types';
import { layerOf, only, TF_IMPORT } from './helpers';

/** Generous: each case takes milliseconds; before the budget, several took minutes or crashed. */
const LIMIT_MS = 2000;

function probeOf(r: ExtractResult): ConfigValue {
  return layerOf(only(r).nodes[1]).config.probe;
}

/** Runs `prelude`, then a model whose layer config holds `probe: (expr)`; returns the probe and the time. */
function probe(prelude: string, expr: string): { value: ConfigValue; ms: number } {
  const text = `${TF_IMPORT}${prelude}\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({units: 1, inputShape: [1], probe: (${expr})}));\n`;
  const started = performance.now();
  const r = extract(text, 'budget.ts');
  const ms = performance.now() - started;
  return { value: probeOf(r), ms };
}

/** [what, prelude building a huge value, the probe, the same with a small size and its value]. */
const HUGE: [string, string, string, string, ConfigValue][] = [
  ['replaceAll doubling (the issue: 40 doublings)', "let s = 'x'; for (let i = 0; i < 40; i++) s = s.replaceAll('x', 'xx');", 's.length', "let s = 'x'; for (let i = 0; i < 4; i++) s = s.replaceAll('x', 'xx');", 16],
  ['replace with $` in the replacement', "let s = 'ab'.repeat(50000); s = s.replace('b', '$`$`$`');", 's.length', "let s = 'ab'; s = s.replace('b', '$`$`');", 3],
  ['replaceAll with an empty pattern', "let s = 'x'.repeat(90000); s = s.replaceAll('', 'yy');", 's.length', "let s = 'xx'; s = s.replaceAll('', '-');", 5],
  ['concat doubling', "let s = 'x'; for (let i = 0; i < 40; i++) s = s.concat(s, s);", 's.length', "let s = 'x'; s = s.concat(s, s);", 3],
  ['+ doubling', "let s = 'x'; for (let i = 0; i < 40; i++) s = s + s;", 's.length', "let s = 'x'; s = s + s;", 2],
  ['+= doubling', "let s = 'x'; for (let i = 0; i < 40; i++) s += s;", 's.length', "let s = 'ab'; s += s;", 4],
  ['template doubling', "let s = 'x'; for (let i = 0; i < 40; i++) s = `${s}${s}`;", 's.length', "let s = 'x'; s = `${s}-${s}`;", 3],
  ['repeat with a string count', "const s = 'ab'.repeat('1e9' as unknown as number);", 's.length', "const s = 'ab'.repeat('2' as unknown as number);", 4],
  ['padEnd to a billion', "const s = 'x'.padEnd(1e9, 'y');", 's.length', "const s = 'x'.padEnd(3, 'y');", 3],
  ['padStart to Infinity', "const s = 'x'.padStart(Infinity);", 's.length', "const s = 'x'.padStart(2);", 2],
  ['join with a long separator', "const s = Array(90000).join('x'.repeat(90000));", 's.length', "const s = Array(3).join('ab');", 4],
  ['split of a grown string', "let s = 'x'; for (let i = 0; i < 40; i++) s = s + s; const parts = s.split('');", 'parts.length', "const parts = 'abc'.split('');", 3],
  ['array spread doubling', 'let a = [1]; for (let i = 0; i < 40; i++) a = [...a, ...a];', 'a.length', 'let a = [1]; a = [...a, ...a];', 2],
  ['array concat doubling', 'let a = [1]; for (let i = 0; i < 40; i++) a = a.concat(a, a);', 'a.length', 'let a = [1]; a = a.concat(a, a);', 3],
  ['string spread into an array', "let s = 'x'; for (let i = 0; i < 40; i++) s = s + s; const a = [...s];", 'a.length', "const a = [...'abc'];", 3],
  ['object spread doubling', 'let o: Record<string, number> = {a0: 0}; for (let i = 0; i < 40; i++) o = {...o, ...Object.fromEntries(Object.keys(o).map((k) => [k + i, 1]))};', 'Object.keys(o).length', 'let o = {a: 1}; o = {...o, b: 2};', 2],
  ['Array.from a huge length', 'const a = Array.from({length: 1e9}, (_, i) => i);', 'a.length', 'const a = Array.from({length: 3}, (_, i) => i);', 3],
  ['Array(n).fill(...).map(...)', 'const a = Array(1e9).fill(0).map((x, i) => i);', 'a.length', 'const a = Array(3).fill(0).map((x, i) => i);', 3],
  ['map over a doubled array', 'let a = [1]; for (let i = 0; i < 40; i++) a = a.concat(a); const b = a.map((x) => x + 1);', 'b.length', 'const b = [1, 2].map((x) => x + 1);', 2],
  ['flat of an array holding itself', 'const a = Array(90000).fill(0); const b = Array(90000).fill(a).flat();', 'b.length', 'const b = [[1, 2], [3]].flat();', 3],
  ['flatMap to wide arrays', 'const a = Array(90000).fill(0); const b = a.flatMap(() => a);', 'b.length', 'const b = [1, 2].flatMap((x) => [x, x]);', 4],
  ['push of spreads in a loop', 'const row = Array(100).fill(0); const a: number[] = []; for (let i = 0; i < 5000; i++) a.push(...row);', 'a.length', 'const row = [1, 2]; const a: number[] = []; for (let i = 0; i < 3; i++) a.push(...row);', 6],
  ['push of an unknown spread', 'const a: number[] = [1]; a.push(...(globalThis as any).items);', 'a.length', 'const a: number[] = [1]; a.push(...[2, 3]);', 3],
  ['a far index write', 'const a: number[] = []; a[1e9] = 1;', 'a.length', 'const a: number[] = []; a[2] = 1;', 3],
  ['a huge length write', 'const a: number[] = []; a.length = 1e9;', 'a.length', 'const a: number[] = []; a.length = 3;', 3],
  ['rest parameters of spreads past the cap', 'const a = Array(90000).fill(0); const f = (...xs: number[]) => xs; const b = f(...a, ...a);', 'b.length', 'const f = (...xs: number[]) => xs; const b = f(...[1, 2], 3);', 3],
  ['a parameter after a spread we cannot expand', 'const g = (x: number, y: number) => y; const b = g(...(globalThis as any).xs, 5);', 'b', 'const g = (x: number, y: number) => y; const b = g(...[1], 5);', 5],
  ['JSON.stringify of a shared wide array', 'const row = Array(90000).fill(\'x\'.repeat(100)); const s = JSON.stringify([row, row, row]);', 's.length', 'const s = JSON.stringify([1, 2]);', 5],
  ['for-of over a grown string', "let s = 'x'; for (let i = 0; i < 40; i++) s = s + s; let n = 0; for (const c of s) n++;", 'n', "let n = 0; for (const c of 'abc') n++;", 3],
];

describe('extract: one size budget for every value the interpreter builds', () => {
  for (const [what, prelude, expr, small, expected] of HUGE) {
    it(`${what}: Unknown, in bounded time; small sizes still followed`, () => {
      const huge = probe(prelude, expr);
      assert.ok(huge.ms < LIMIT_MS, `took ${huge.ms.toFixed(0)} ms`);
      assert.ok(isUnknown(huge.value), `expected Unknown, got ${JSON.stringify(huge.value)}`);
      assert.deepEqual(probe(small, expr).value, expected);
    });
  }

  it('a config holding a self-referencing array converts within the budget', () => {
    // `a` holds itself ten times: converted naively to depth 16 that is 10^16 nodes.
    const { value, ms } = probe('const a: unknown[] = []; for (let i = 0; i < 10; i++) a.push(a);', 'a');
    assert.ok(ms < LIMIT_MS, `took ${ms.toFixed(0)} ms`);
    assert.ok(isUnknown(value) || Array.isArray(value));
  });

  it('passing a wide array of wide arrays to an unknown function havocs each array once', () => {
    const { ms } = probe('const row = Array(90000).fill(0); const grid = Array(90000).fill(row); someLibrary(grid);', '1');
    assert.ok(ms < LIMIT_MS, `took ${ms.toFixed(0)} ms`);
  });

  it('the total per file: once the file has built maxBuiltSize units, later values are Unknown', () => {
    const limits = { ...DEFAULT_LIMITS, maxBuiltSize: 10_000 };
    const text = `${TF_IMPORT}const parts: string[] = [];\nfor (let i = 0; i < 20; i++) parts.push('x'.repeat(1000));\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({units: 1, inputShape: [1], first: parts[0].length, last: parts[19]?.length}));\n`;
    const layer = layerOf(only(extractWithLimits(text, 'total.ts', limits)).nodes[1]);
    assert.equal(layer.config.first, 1000);
    assert.ok(isUnknown(layer.config.last), JSON.stringify(layer.config.last));
    const unlimited = layerOf(only(extract(text, 'total.ts')).nodes[1]);
    assert.equal(unlimited.config.last, 1000, 'with the default budget the same code is followed');
  });

  it('searching a long string or array costs steps: a spent budget stops it', () => {
    // 500,000 searches of 90,000 elements: hours if each cost one step, as it did.
    const text = `${TF_IMPORT}const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [1]})]});\nconst s = 'x'.repeat(90000);\nconst a = Array(90000).fill(0);\nlet n = 0;\nfor (let i = 0; i < 5000; i++) for (let j = 0; j < 100; j++) { if (s.includes('y') || a.includes(1)) n++; }\n`;
    const started = performance.now();
    const r = extract(text, 'search.ts');
    const ms = performance.now() - started;
    assert.ok(ms < LIMIT_MS * 2, `took ${ms.toFixed(0)} ms`);
    assert.equal(r.models.length, 1);
  });
});
