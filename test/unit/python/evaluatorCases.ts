// Python snippets whose `RESULT` our interpreter must compute exactly as CPython does
// (evaluator.test.ts runs each in both). They cover the Python that model code is written in.
export interface EvalCase {
  readonly name: string;
  readonly code: string;
}

function c(name: string, code: string): EvalCase {
  return { name, code };
}

export const EVAL_CASES: readonly EvalCase[] = [
  // Arithmetic: ints, floats, Python's division and modulo rules.
  c('int arithmetic', 'RESULT = (7 + 3 * 2 - 1, 2 ** 10, -7 // 2, -7 % 3, 7 % -3, 17 // 5)'),
  c('true division is a float', 'RESULT = (64 / 2, 7 / 2, 1 / 4)'),
  c('float arithmetic', 'RESULT = (0.5 + 0.25, 3 * 1.5, 2.0 ** 3, 10 // 4.0, 7.5 % 2)'),
  c('int power of a negative exponent', 'RESULT = 2 ** -1'),
  c('unary and bit ops', 'RESULT = (-(3), +4, ~5, 6 & 3, 6 | 3, 6 ^ 3, 1 << 4, 256 >> 2)'),
  c('bool arithmetic', 'RESULT = (True + True, True * 3, False - 1)'),
  c('floats print like Python', 'RESULT = [1e-05, 1.5e10, 0.1 + 0.2, 100.0, 1e16, -0.0]'),
  c('comparisons chain', 'x = 5\nRESULT = (1 < x < 10, 1 < x > 10, x == 5.0, 3 <= 3 < 4, "a" < "b")'),
  c('is and in', 'a = [1, 2]\nRESULT = (None is None, a is a, 2 in a, 3 not in a, "ell" in "hello", 1 in (1, 2), "k" in {"k": 1})'),
  c('and/or return operands', 'RESULT = (0 or 5, 3 and 4, None or "x", [] and 7, 1 and 0 or 9)'),
  c('not', 'RESULT = (not 0, not [1], not "")'),
  c('conditional expression', 'n = 3\nRESULT = "big" if n > 2 else "small"'),
  c('walrus', 'RESULT = [(y := 4), y * 2]'),
  // Strings and formatting.
  c('f-strings', 'i = 3\nname = "conv"\nRESULT = f"{name}_{i}", f"block{i+1}_conv{i*2}", f"{i:03d}", f"{2.5:.2f}", f"{name!r}", f"{i=}"'),
  c('f-string widths and alignment', `RESULT = (f"{5:>4}", f"{'ab':<4}|", f"{7:^5}|", f"{1234567:,}", f"{0.25:.1%}", f"{255:x}")`),
  c('str.format', 'RESULT = ("{}-{}".format(1, 2), "{0}{0}".format("a"), "{name}!".format(name="hi"), "{:.3f}".format(3.14159))'),
  c('str methods', 'RESULT = ("Conv".lower(), "x".upper(), " a b ".strip(), "a,b,c".split(","), "-".join(["a", "b"]), "aXbX".replace("X", "y"))'),
  c('str methods 2', 'RESULT = ("abc".startswith("ab"), "abc".endswith("z"), "7".zfill(3), "ab".ljust(4, "."), "hello world".title(), "abcabc".count("b"))'),
  c('str split on whitespace', 'RESULT = "  a  b\\tc ".split()'),
  c('string repetition and concatenation', 'RESULT = ("ab" * 3, "a" + "b", 3 * "x")'),
  c('string indexing and slicing', 's = "keras"\nRESULT = (s[0], s[-1], s[1:3], s[::-1], s[:10])'),
  c('str() and repr()', "RESULT = (str(3), str(2.0), str(None), str(True), repr('a'), str([1, 'b']), str((1,)))"),
  // Collections.
  c('list literals and unpacking', 'a = [1, 2]\nRESULT = [*a, 3, *[4, 5]]'),
  c('tuple unpacking', 'h, w, ch = (28, 28, 1)\nfirst, *rest = [1, 2, 3, 4]\n*init, last = "abc"\nRESULT = (h * w * ch, first, rest, init, last)'),
  c('nested unpacking', '(a, b), c = (1, 2), 3\nRESULT = a + b + c'),
  c('swap', 'a, b = 1, 2\na, b = b, a\nRESULT = (a, b)'),
  c('list methods', 'xs = [3, 1]\nxs.append(2)\nxs.extend([5, 4])\nxs.insert(0, 9)\ny = xs.pop()\nxs.remove(1)\nRESULT = (xs, y, xs.index(5), xs.count(3), len(xs))'),
  c('list sort and reverse', 'xs = [3, 1, 2]\nxs.reverse()\nys = sorted(xs)\nRESULT = (xs, ys, sorted(xs, reverse=True))'),
  c('augmented assignment extends lists in place', 'a = [1]\nb = a\na += [2, 3]\nRESULT = b'),
  c('list repetition', 'RESULT = [0] * 3 + [1] * 2'),
  c('slicing lists and tuples', 'xs = list(range(10))\nRESULT = (xs[2:5], xs[::3], xs[-3:], tuple(xs)[1:2], xs[5:2:-1])'),
  c('item assignment', 'xs = [1, 2, 3]\nxs[-1] = 9\nd = {}\nd["a"] = 1\nd["a"] += 1\nRESULT = (xs, d)'),
  c('dict literals and methods', 'd = {"a": 1, **{"b": 2}}\nd.update(c=3)\nRESULT = (d, d.get("a"), d.get("z", 0), sorted(d.keys()), list(d.values()), list(d.items())[0])'),
  c('dict pop and setdefault', 'd = {"a": 1}\nv = d.pop("a")\nd.setdefault("b", 5)\nRESULT = (v, d)'),
  c('dict comprehension', 'RESULT = {k: v * 2 for k, v in zip("abc", range(3))}'),
  c('list comprehension with condition', 'RESULT = [x * x for x in range(10) if x % 2 == 0]'),
  c('nested comprehension', 'RESULT = [(i, j) for i in range(3) for j in range(i)]'),
  c('generator expression in sum', 'RESULT = sum(x for x in range(5))'),
  c('comprehension variable does not leak', 'x = 7\n_ = [x for x in range(3)]\nRESULT = x'),
  c('tuple of one', 'RESULT = (5,)'),
  c('equality of sequences', 'RESULT = ([1, 2] == [1, 2], (1, 2) == (1, 2), [1] == (1,), (1, 2) < (1, 3))'),
  // Built-ins.
  c('len, min, max, abs', 'RESULT = (len([1, 2, 3]), len("ab"), len({"a": 1}), min(3, 1, 2), max([4, 9, 2]), abs(-3), abs(-2.5), max(1, 2.5))'),
  c('int and float conversions', 'RESULT = (int(3.9), int(-3.9), int("42"), float(3), float("1.5"), int(True), int(" 7 "))'),
  c('round', 'RESULT = (round(2.5), round(3.5), round(2.675, 2), round(7), round(-0.5))'),
  c('range', 'RESULT = (list(range(3)), list(range(2, 8, 2)), list(range(5, 0, -2)), len(range(10)), 3 in range(5))'),
  c('zip and enumerate', 'RESULT = (list(zip([1, 2, 3], "ab")), list(enumerate("xy", start=1)))'),
  c('reversed and sorted', 'RESULT = (list(reversed([1, 2, 3])), sorted("cab"))'),
  c('any and all', 'RESULT = (any([0, 0, 1]), all([1, 1, 0]), any([]), all([]))'),
  c('map and filter', 'RESULT = (list(map(lambda v: v * 2, [1, 2])), list(filter(None, [0, 1, 2])), list(map(str, [1, 2])))'),
  c('divmod and pow', 'RESULT = (divmod(17, 5), pow(2, 8), pow(2, -2))'),
  c('isinstance', 'RESULT = (isinstance(3, int), isinstance(True, int), isinstance(3.0, int), isinstance("a", (int, str)))'),
  c('sum with start', 'RESULT = (sum([1, 2, 3]), sum([0.5, 0.5]), sum([1, 2], 10))'),
  c('math module', 'import math\nRESULT = (math.ceil(7 / 2), math.floor(-1.5), math.sqrt(16), math.prod([2, 3, 4]), math.log2(8), math.gcd(12, 18))'),
  c('numpy scalars', 'import numpy as np\nRESULT = (int(np.prod([2, 3, 4])), int(np.ceil(7 / 2)), int(np.sqrt(16)))'),
  c('from math import', 'from math import ceil, floor\nRESULT = ceil(2.1) + floor(2.9)'),
  // Functions.
  c('defaults and keywords', 'def f(a, b=2, *, c=3):\n    return a + b * c\nRESULT = (f(1), f(1, 5), f(1, c=10), f(a=1, b=1, c=1))'),
  c('args and kwargs', 'def f(*args, **kwargs):\n    return len(args), sorted(kwargs)\nRESULT = f(1, 2, x=1, y=2)'),
  c('call-site unpacking', 'def f(a, b, c=0):\n    return a * 100 + b * 10 + c\nargs = (1, 2)\nkw = {"c": 3}\nRESULT = (f(*args), f(*args, **kw), f(**{"a": 4, "b": 5}))'),
  c('positional-only parameters', 'def f(a, /, b):\n    return a - b\nRESULT = f(5, b=2)'),
  c('defaults evaluated once', 'n = 1\ndef f(x=n):\n    return x\nn = 2\nRESULT = f()'),
  c('closures', 'def make(k):\n    def g(x):\n        return x * k\n    return g\nRESULT = (make(3)(4), make(2)(5))'),
  c('nonlocal', 'def counter():\n    n = 0\n    def inc():\n        nonlocal n\n        n += 1\n        return n\n    inc()\n    return inc()\nRESULT = counter()'),
  c('global', 'total = 0\ndef add(v):\n    global total\n    total += v\nadd(3)\nadd(4)\nRESULT = total'),
  c('recursion', 'def fact(n):\n    return 1 if n <= 1 else n * fact(n - 1)\nRESULT = fact(5)'),
  c('None is a value, not a missing argument', 'def f(units=None, base=32):\n    return units or base * 4\nd = {"a": 1}\nRESULT = (f(), f(8), d.pop("z", None), max([], default=None), d.get("q"))'),
  c('lambda', 'sq = lambda v, p=2: v ** p\nRESULT = (sq(3), sq(2, 3))'),
  c('early return', 'def sign(v):\n    if v < 0:\n        return -1\n    elif v == 0:\n        return 0\n    return 1\nRESULT = [sign(-5), sign(0), sign(7)]'),
  c('function without return gives None', 'def f():\n    pass\nRESULT = f()'),
  c('decorated helper keeps working', 'import functools\ndef deco(fn):\n    @functools.wraps(fn)\n    def wrapper(*a, **k):\n        return fn(*a, **k) + 1\n    return wrapper\n@deco\ndef f(x):\n    return x * 2\nRESULT = f(5)'),
  // Control flow.
  c('for with break and else', 'found = None\nfor i in range(10):\n    if i * i > 20:\n        found = i\n        break\nelse:\n    found = -1\nRESULT = found'),
  c('for else without break', 'r = 0\nfor i in range(3):\n    r += i\nelse:\n    r += 100\nRESULT = r'),
  c('while with continue', 'i = 0\nacc = []\nwhile i < 6:\n    i += 1\n    if i % 2:\n        continue\n    acc.append(i)\nRESULT = acc'),
  c('nested loops', 'RESULT = 0\nfor i in range(3):\n    for j in range(4):\n        RESULT += i * j'),
  c('if elif else', 'def cls(n):\n    if n < 10:\n        return "small"\n    elif n < 100:\n        return "medium"\n    else:\n        return "large"\nRESULT = [cls(5), cls(50), cls(500)]'),
  c('try finally', 'x = 1\ntry:\n    x = 2\nfinally:\n    x += 10\nRESULT = x'),
  c('with statement body runs', 'class C:\n    def __enter__(self):\n        return self\n    def __exit__(self, *a):\n        return False\nv = 0\nwith C():\n    v = 5\nRESULT = v'),
  c('__name__ is __main__', 'RESULT = __name__ == "__main__"'),
  // Classes.
  c('class attributes and methods', 'class Cfg:\n    size = 64\n    def __init__(self, k):\n        self.k = k\n    def area(self):\n        return self.size * self.k\nc = Cfg(3)\nRESULT = (c.area(), Cfg.size, c.k)'),
  c('inheritance and super', 'class A:\n    def f(self):\n        return 1\nclass B(A):\n    def f(self):\n        return super().f() + 10\nRESULT = B().f()'),
  c('class attribute shared', 'class Counter:\n    base = [1]\nc1 = Counter()\nc1.base.append(2)\nRESULT = Counter().base'),
  // Typical sizing code.
  c('image sizes', 'IMG = 224\nPATCH = 16\nN = (IMG // PATCH) ** 2\nRESULT = (N, IMG // 2 ** 3, [IMG // 2 ** i for i in range(4)])'),
  c('filters per block', 'base = 32\nRESULT = [base * 2 ** i for i in range(4)]'),
  c('config dict', 'CONFIG = dict(filters=[32, 64], dropout=0.25, dense=128)\nRESULT = (CONFIG["filters"][-1], CONFIG.get("dropout"), len(CONFIG))'),
];
