// Seeded generator of hostile TS programs for the robustness fuzz (test/unit/robustness.test.ts):
// nesting deeper than the parser's stack, values that grow past any memory, recursion that
// never ends, loops that repeat one mistake. Each program has a valid model before and after
// the hostile part; the one after (`sentinel`) must survive whatever comes before it.

export interface HostileProgram {
  readonly kind: string;
  readonly text: string;
}

type Random = () => number;

const HEAD = "import * as tf from '@tensorflow/tfjs';\nconst first = tf.sequential();\nfirst.add(tf.layers.dense({units: 4, inputShape: [3]}));\n";
const SENTINEL = 'const sentinel = tf.sequential();\nsentinel.add(tf.layers.dense({units: 2, inputShape: [5]}));\n';

function int(random: Random, lo: number, hi: number): number {
  return lo + Math.floor(random() * (hi - lo + 1));
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** Nesting, `n` levels deep, of one construct. */
const NESTINGS: Record<string, (n: number) => string> = {
  blocks: (n) => `${'{'.repeat(n)}first.add(tf.layers.dense({units: 4}));${'}'.repeat(n)}`,
  arrays: (n) => `const nested = ${'['.repeat(n)}1${']'.repeat(n)};`,
  objects: (n) => `const nested = ${'{a: '.repeat(n)}1${'}'.repeat(n)};`,
  parens: (n) => `const nested = ${'('.repeat(n)}1${')'.repeat(n)};`,
  calls: (n) => `const id = (x: unknown) => x;\nconst nested = ${'id('.repeat(n)}1${')'.repeat(n)};`,
  thens: (n) => `Promise.resolve(1)${'.then((v) => v)'.repeat(n)};`,
  elseIf: (n) => `let q = ${n + 1};\nif (q === 0) q = 1;\n${Array.from({ length: n }, (_, i) => `else if (q === ${i + 1}) q = ${i + 2};`).join('\n')}`,
  concat: (n) => `const joined = ${Array.from({ length: n }, (_, i) => `'a${i}'`).join(' + ')};`,
  ternaries: (n) => `const k = 3;\nconst t = ${Array.from({ length: n }, (_, i) => `k === ${i} ? ${i} :`).join(' ')} -1;`,
  arrows: (n) => `const curried = ${'() => '.repeat(n)}1;`,
  templates: (n) => `const tpl = ${'`${'.repeat(n)}1${'}`'.repeat(n)};`,
  functions: (n) => `${'function f() { '.repeat(n)}first.add(tf.layers.dense({units: 4}));${' }'.repeat(n)}`,
};

/** Values that double (or worse) each iteration, through one built-in. */
const GROWTHS: readonly string[] = [
  "let s = 'x'; for (let i = 0; i < N; i++) s = s.replaceAll('x', 'xx');",
  "let s = 'x'; for (let i = 0; i < N; i++) s = s.replace(/x/.source, 'xx') + s;",
  "let s = 'xy'; for (let i = 0; i < N; i++) s = s.concat(s);",
  "let s = 'x'; for (let i = 0; i < N; i++) s = `${s}${s}`;",
  "let s = 'x'; for (let i = 0; i < N; i++) s += s;",
  "let s = 'x'; for (let i = 0; i < N; i++) s = s.padEnd(s.length * 2, s);",
  "let s = 'x'; for (let i = 0; i < N; i++) s = s.repeat(2);",
  "let s = 'a,b'; for (let i = 0; i < N; i++) s = s.split('').join(s);",
  'let a: unknown[] = [1]; for (let i = 0; i < N; i++) a = [...a, ...a];',
  'let a: unknown[] = [1]; for (let i = 0; i < N; i++) a = a.concat(a);',
  'let a: unknown[] = [1]; for (let i = 0; i < N; i++) a = a.map((x) => [x, x]).flat();',
  'let a: unknown[] = [1]; for (let i = 0; i < N; i++) a = Array.from({length: a.length * 2}, (_, j) => j);',
  'let a: unknown[] = [1]; for (let i = 0; i < N; i++) a = Array(a.length * 2).fill(a);',
  'let o: Record<string, unknown> = {k: 1}; for (let i = 0; i < N; i++) o = {...o, ...Object.fromEntries(Object.entries(o).map(([k, v]) => [k + i, v]))};',
  'const a: unknown[] = []; for (let i = 0; i < N; i++) a.push(a);',
  "let s = 'x'; for (let i = 0; i < N; i++) s = JSON.stringify([s, s]);",
];

/** Recursions: ones that never end, and ones that end late. */
const RECURSIONS: readonly string[] = [
  `const make = (h: number[]): tf.Sequential => { const net = tf.sequential(); h.forEach((units, i) => { make([8, 4]); net.add(tf.layers.dense({units, ...(i === 0 ? {inputShape: [3]} : {})})); }); return net; };\nexport const made = make([8, 4]);`,
  `const make = (h: number[], d: number): tf.Sequential => { const net = tf.sequential(); h.forEach((units, i) => { make(h, d + 1); net.add(tf.layers.dense({units, ...(i === 0 ? {inputShape: [3]} : {})})); }); return net; };\nexport const made = make([8, 4, 2], 0);`,
  'function ping(n: number): number { return pong(n); }\nfunction pong(n: number): number { return ping(n); }\nconst p = ping(1);',
  'function down(n: number): number { return down(n + 1) + down(n + 2); }\nconst d = down(0);',
  'function grow(): void { first.add(tf.layers.dense({units: 4})); grow(); }\ngrow();',
  'function fib(n: number): number { return n < 2 ? n : fib(n - 1) + fib(n - 2); }\nconst big = fib(N);',
];

/** One mistake repeated by a loop. */
const REPEATS: readonly string[] = [
  'for (let i = 1; i < N; i++) first.add(tf.layers.dense({units: 512 / 2 ** i}));',
  'for (let i = 0; i < N; i++) first.add(tf.layers.conv2d({filters: -i, kernelSize: 3}));',
  'for (let i = 0; i < N; i++) { const m = tf.sequential(); m.add(tf.layers.dense({units: i - N})); }',
];

export function hostileProgram(random: Random): HostileProgram {
  const family = pick(random, ['nesting', 'nesting', 'growth', 'recursion', 'repeat'] as const);
  let kind: string;
  let body: string;
  switch (family) {
    case 'nesting': {
      const name = pick(random, Object.keys(NESTINGS));
      // From well within the parser's reach to far beyond it, files kept under 50 KB.
      const depth = pick(random, [int(random, 50, 400), int(random, 400, 1200), int(random, 1200, 4000)]);
      kind = `nesting/${name}`;
      body = NESTINGS[name](depth);
      if (body.length > 45_000) body = NESTINGS[name](Math.floor((depth * 45_000) / body.length));
      break;
    }
    case 'growth':
      kind = 'growth';
      body = pick(random, GROWTHS).replace('N', String(int(random, 10, 64)));
      break;
    case 'recursion':
      kind = 'recursion';
      body = pick(random, RECURSIONS).replace('N', String(int(random, 10, 18))); // fib(18): within the step budget
      break;
    case 'repeat':
      kind = 'repeat';
      body = pick(random, REPEATS).replace(/N/g, String(int(random, 100, 3000)));
      break;
  }
  return { kind, text: `${HEAD}${body}\n${SENTINEL}` };
}
