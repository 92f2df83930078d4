// Seeded generator of hostile Python programs for the Python robustness fuzz
// (test/unit/python/robustness.test.ts), the counterpart of hostilePrograms.ts: nesting deeper
// than any stack, values that would fill memory, arithmetic without bound, recursion that never
// ends, loops that repeat one mistake. Each has a valid model before the hostile part and one
// after (`sentinel`), which must survive whatever comes before it. Some are notebooks, the
// hostile code in a cell of its own.

export interface HostilePythonProgram {
  readonly kind: string;
  readonly text: string;
  readonly fileName: 'hostile.py' | 'hostile.ipynb';
}

type Random = () => number;

const HEAD = 'import keras\nfrom keras import layers\nfirst = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(4)])\n';
const SENTINEL = 'sentinel = keras.Sequential([keras.Input(shape=(5,)), layers.Dense(2)])\n';

function int(random: Random, lo: number, hi: number): number {
  return lo + Math.floor(random() * (hi - lo + 1));
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

const indent = (n: number): string => ' '.repeat(4 * n);

/** Nesting, `n` levels deep, of one construct. */
const NESTINGS: Record<string, (n: number) => string> = {
  parens: (n) => `x = ${'('.repeat(n)}1${')'.repeat(n)}`,
  lists: (n) => `x = ${'['.repeat(n)}1${']'.repeat(n)}`,
  dicts: (n) => `x = ${"{'a': ".repeat(n)}1${'}'.repeat(n)}`,
  calls: (n) => `def ident(v):\n    return v\nx = ${'ident('.repeat(n)}1${')'.repeat(n)}`,
  unary: (n) => `x = ${'-'.repeat(n)}1`,
  nots: (n) => `x = ${'not '.repeat(n)}True`,
  ifs: (n) => Array.from({ length: n }, (_, i) => `${indent(i)}if True:`).join('\n') + `\n${indent(n)}first.add(layers.Dense(4))`,
  defs: (n) => Array.from({ length: n }, (_, i) => `${indent(i)}def f${i}():`).join('\n') + `\n${indent(n)}pass`,
  lambdas: (n) => `f = ${'lambda: '.repeat(n)}1`,
  sums: (n) => `x = ${Array.from({ length: n }, (_, i) => String(i)).join(' + ')}`,
  ternaries: (n) => `k = 3\nt = ${Array.from({ length: n }, (_, i) => `${i} if k == ${i} else`).join(' ')} -1`,
  fstrings: (n) => `x = ${"f'{".repeat(Math.min(n, 150))}1${"}'".repeat(Math.min(n, 150))}`,
  elifs: (n) => `q = ${n + 1}\nif q == 0:\n    q = 1\n${Array.from({ length: n }, (_, i) => `elif q == ${i + 1}:\n    q = ${i + 2}`).join('\n')}`,
};

/** Values that double (or worse) each iteration, or one expression that would fill memory. */
const GROWTHS: readonly string[] = [
  "s = 'x'\nfor i in range(N):\n    s = s + s",
  "s = 'x'\nfor i in range(N):\n    s = s.replace('x', 'xx')",
  "s = 'ab'\nfor i in range(N):\n    s = s * 2",
  "s = 'x'\nfor i in range(N):\n    s = f'{s}{s}'",
  "s = 'x'\nfor i in range(N):\n    s += s",
  "s = 'a,b'\nfor i in range(N):\n    s = s.join(s.split(','))",
  'a = [1]\nfor i in range(N):\n    a = a + a',
  'a = [1]\nfor i in range(N):\n    a = a * 2',
  'a = [1]\nfor i in range(N):\n    a = [a, a]',
  'a = [1]\nfor i in range(N):\n    a.extend(a)',
  'a = []\nfor i in range(N):\n    a.append(a)',
  'd = {0: 0}\nfor i in range(N):\n    d = {**d, **{k + len(d): v for k, v in d.items()}}',
  "s = 'x' * 10 ** 9",
  'a = [0] * 10 ** 9',
  'x = 2 ** 10 ** 8',
  'x = 10 ** 100000\ny = x * x',
  'x = sum(range(10 ** 12))',
  "s = ','.join(str(i) for i in range(10 ** 8))",
  "s = '%s' * 100000 % tuple(range(100000))",
  't = tuple(range(10 ** 9))',
];

/** Recursions: ones that never end, and ones that end late. */
const RECURSIONS: readonly string[] = [
  'def make(hidden):\n    net = keras.Sequential()\n    for i, units in enumerate(hidden):\n        make([8, 4])\n        if i == 0:\n            net.add(keras.Input(shape=(3,)))\n        net.add(layers.Dense(units))\n    return net\nmade = make([8, 4])',
  'def make(hidden, d):\n    net = keras.Sequential([keras.Input(shape=(3,))])\n    for units in hidden:\n        make(hidden, d + 1)\n        net.add(layers.Dense(units))\n    return net\nmade = make([8, 4, 2], 0)',
  'def ping(n):\n    return pong(n)\ndef pong(n):\n    return ping(n)\np = ping(1)',
  'def down(n):\n    return down(n + 1) + down(n + 2)\nd = down(0)',
  'def grow():\n    first.add(layers.Dense(4))\n    grow()\ngrow()',
  'def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\nbig = fib(N)',
  'class Node:\n    def __init__(self):\n        self.child = Node()\nroot = Node()',
];

/** One mistake repeated by a loop. */
const REPEATS: readonly string[] = [
  'for i in range(1, N):\n    first.add(layers.Dense(512 // 2 ** i))',
  'for i in range(N):\n    first.add(layers.Conv2D(-i - 1, 3))',
  'for i in range(N):\n    m = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(i - N)])',
  'i = 0\nwhile True:\n    i += 1',
];

/** The program as one .py text, or as a notebook whose hostile part is a cell of its own. */
function asFile(random: Random, body: string): { text: string; fileName: HostilePythonProgram['fileName'] } {
  if (random() < 0.8) return { text: `${HEAD}${body}\n${SENTINEL}`, fileName: 'hostile.py' };
  const cell = (source: string) => ({ cell_type: 'code', metadata: {}, source, outputs: [], execution_count: null });
  const nb = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [cell(HEAD), { cell_type: 'markdown', metadata: {}, source: 'hostile' }, cell(body), cell(SENTINEL)] };
  return { text: JSON.stringify(nb), fileName: 'hostile.ipynb' };
}

export function hostilePythonProgram(random: Random): HostilePythonProgram {
  const family = pick(random, ['nesting', 'nesting', 'growth', 'recursion', 'repeat'] as const);
  let kind: string;
  let body: string;
  switch (family) {
    case 'nesting': {
      const name = pick(random, Object.keys(NESTINGS));
      const depth = pick(random, [int(random, 50, 300), int(random, 300, 1000), int(random, 1000, 4000)]);
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
      body = pick(random, RECURSIONS).replace('N', String(int(random, 10, 18)));
      break;
    case 'repeat':
      kind = 'repeat';
      body = pick(random, REPEATS).replace(/N/g, String(int(random, 100, 3000)));
      break;
  }
  return { kind, ...asFile(random, body) };
}

/** The sentinel model's `Dense(2)` on 5 inputs: 12 params. */
export const SENTINEL_PARAMS = 12;
