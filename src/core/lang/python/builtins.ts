// Python built-ins the model code we read uses, computed exactly where Python's result is
// certain: len, range, min/max, int/float/str/bool, abs, round, sum, list/tuple/dict,
// zip, enumerate, reversed, sorted, isinstance, any/all, map/filter, print, super, and the
// `math` and `numpy` functions used for sizes. Methods of built-in values (str.format,
// list.append, dict.get...) live in methods.ts. Anything else gives Unknown.
import { isUnknown, unknown, type Span } from '../../types';
import type * as ast from './ast';
import { allArgValues, type CallArgs } from './callArgs';
import type { PyInterpreter } from './interpreter';
import { callMethodBuiltin } from './methods';
import { callKerasBaseMethod } from './keras/objects';
import { compareOp } from './operators';
import { formatValue } from './format';
import {
  dictSet,
  isFloat,
  isObject,
  makeDict,
  makeList,
  makeTuple,
  numericValue,
  pyFloat,
  pyRepr,
  pyStr,
  truthy,
  typeName,
  type PyBuiltin,
  type PyModule,
  type PyVal,
} from './values';

const GLOBALS = new Set([
  'len', 'range', 'min', 'max', 'int', 'float', 'str', 'bool', 'abs', 'round', 'sum', 'list', 'tuple', 'dict', 'set', 'frozenset',
  'zip', 'enumerate', 'reversed', 'sorted', 'isinstance', 'issubclass', 'print', 'any', 'all', 'map', 'filter', 'pow', 'divmod',
  'super', 'getattr', 'hasattr', 'setattr', 'repr', 'format', 'type', 'callable', 'id', 'hash', 'iter', 'next', 'open', 'input',
  'chr', 'ord', 'staticmethod', 'classmethod', 'property', 'object', 'vars', 'globals', 'locals', 'exec', 'eval', 'compile',
  '__import__', 'breakpoint', 'help', 'dir', 'Exception', 'ValueError', 'TypeError', 'RuntimeError', 'KeyError', 'IndexError',
  'ImportError', 'ModuleNotFoundError', 'NotImplementedError', 'AttributeError', 'StopIteration', 'NotImplemented',
]);

/** The built-in a bare name refers to when no binding shadows it. */
export function builtinGlobal(name: string): PyBuiltin | undefined {
  return GLOBALS.has(name) ? { tag: 'builtin', name } : undefined;
}

const MATH: Readonly<Record<string, PyVal>> = { pi: pyFloat(Math.PI), e: pyFloat(Math.E), inf: pyFloat(Infinity), tau: pyFloat(2 * Math.PI) };
const MATH_FUNCTIONS = ['ceil', 'floor', 'sqrt', 'log', 'log2', 'log10', 'prod', 'isqrt', 'gcd', 'exp', 'pow', 'fabs', 'trunc', 'comb', 'factorial'];
const NUMPY_FUNCTIONS = ['prod', 'ceil', 'floor', 'sqrt', 'log2', 'log', 'sum', 'max', 'min', 'abs', 'round', 'power'];

/** `import math` / `import numpy as np`: the functions we compute, by name. */
export function knownModule(name: string): PyModule | null {
  if (name === 'math') {
    const attrs = new Map<string, PyVal>(Object.entries(MATH));
    for (const f of MATH_FUNCTIONS) attrs.set(f, { tag: 'builtin', name: `math.${f}` });
    return { tag: 'module', name, attrs };
  }
  if (name === 'functools') {
    const attrs = new Map<string, PyVal>(['wraps', 'lru_cache', 'cache', 'partial'].map((f) => [f, { tag: 'builtin', name: `functools.${f}` }]));
    return { tag: 'module', name, attrs };
  }
  if (name === 'numpy') {
    const attrs = new Map<string, PyVal>([
      ['pi', pyFloat(Math.PI)],
      ['e', pyFloat(Math.E)],
      ['inf', pyFloat(Infinity)],
    ]);
    for (const f of NUMPY_FUNCTIONS) attrs.set(f, { tag: 'builtin', name: `numpy.${f}` });
    return { tag: 'module', name, attrs };
  }
  return null;
}

function intOf(v: PyVal): number | undefined {
  if (isFloat(v)) return undefined;
  const n = numericValue(v);
  return n !== undefined && Number.isInteger(n) ? n : undefined;
}

function toInt(v: PyVal, base: PyVal | undefined): PyVal {
  if (isUnknown(v)) return v;
  if (typeof v === 'string') {
    const b = base === undefined ? 10 : intOf(base);
    const text = v.trim().replace(/_/g, '');
    // Decimal strings only: other bases are rare in model code and easy to get subtly wrong.
    if (b !== 10 || !/^[+-]?\d+$/.test(text)) return unknown('int() of this string');
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : unknown('int() of a number too large to track');
  }
  const n = numericValue(v);
  if (n === undefined || !Number.isFinite(n)) return unknown('int() of this value');
  return Math.trunc(n);
}

function toFloat(v: PyVal): PyVal {
  if (isUnknown(v)) return v;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (t === 'inf' || t === '+inf' || t === 'infinity') return pyFloat(Infinity);
    if (t === '-inf' || t === '-infinity') return pyFloat(-Infinity);
    const n = Number(t.replace(/_/g, ''));
    return t === '' || Number.isNaN(n) ? unknown('float() of this string') : pyFloat(n);
  }
  const n = numericValue(v);
  return n === undefined ? unknown('float() of this value') : pyFloat(n);
}

/** Python's round(): banker's rounding to an int, or to `digits` as a float. */
function pyRound(v: PyVal, digits: PyVal | undefined): PyVal {
  const x = numericValue(v);
  if (x === undefined) return unknown('round() of this value');
  if (digits === undefined || digits === null) {
    const f = Math.floor(x);
    const diff = x - f;
    const r = diff > 0.5 ? f + 1 : diff < 0.5 ? f : f % 2 === 0 ? f : f + 1;
    return r;
  }
  const d = intOf(digits);
  if (d === undefined) return unknown('round() with these digits');
  return isFloat(v) ? pyFloat(Number(x.toFixed(Math.max(0, d)))) : x;
}

function extreme(ip: PyInterpreter, args: CallArgs, which: 'min' | 'max'): PyVal {
  const items = args.positional.length === 1 ? ip.iterate(args.positional[0]) : args.positional;
  if (isUnknown(items)) return items;
  if (args.keywords.has('key')) return unknown(`${which}() with a key function`);
  if (items.length === 0) {
    const fallback = args.keywords.get('default');
    return fallback !== undefined ? fallback : unknown(`${which}() of an empty sequence`);
  }
  let best = items[0];
  for (const x of items.slice(1)) {
    const better = compareOp(which === 'max' ? '>' : '<', x, best);
    if (isUnknown(better)) return better;
    if (better === true) best = x;
  }
  return best;
}

function sum(ip: PyInterpreter, args: CallArgs): PyVal {
  const items = ip.iterate(args.positional[0] ?? null);
  if (isUnknown(items)) return items;
  let total: PyVal = args.positional[1] ?? args.keywords.get('start') ?? 0;
  for (const x of items) {
    const a = numericValue(total);
    const b = numericValue(x);
    if (a === undefined || b === undefined) return unknown('sum() of values that are not numbers');
    total = isFloat(total) || isFloat(x) ? pyFloat(a + b) : a + b;
  }
  return total;
}

function range(args: CallArgs): PyVal {
  const ints = args.positional.map(intOf);
  if (ints.some((n) => n === undefined) || ints.length === 0 || ints.length > 3) return unknown('range() of values that are not statically known');
  const [a, b, c] = ints as number[];
  if (ints.length === 1) return { tag: 'range', start: 0, stop: a, step: 1 };
  if (c === 0) return unknown('range() with step 0');
  return { tag: 'range', start: a, stop: b, step: c ?? 1 };
}

function zip(ip: PyInterpreter, args: CallArgs): PyVal {
  const lists = args.positional.map((v) => ip.iterate(v));
  const lost = lists.find(isUnknown);
  if (lost) return lost;
  const arrays = lists as PyVal[][];
  const n = Math.min(...arrays.map((a) => a.length));
  const out: PyVal[] = [];
  for (let i = 0; i < n; i++) out.push(makeTuple(arrays.map((a) => a[i])));
  return makeList(out);
}

function sorted(ip: PyInterpreter, args: CallArgs): PyVal {
  const items = ip.iterate(args.positional[0] ?? null);
  if (isUnknown(items)) return items;
  if (args.keywords.has('key')) return unknown('sorted() with a key function');
  const keys = items.map((x) => numericValue(x) ?? (typeof x === 'string' ? x : undefined));
  if (keys.some((k) => k === undefined) || new Set(keys.map((k) => typeof k)).size > 1) return unknown('sorted() of mixed values');
  const order = items.map((x, i) => ({ x, k: keys[i] as number | string })).sort((p, q) => (p.k < q.k ? -1 : p.k > q.k ? 1 : 0));
  const out = order.map((p) => p.x);
  return makeList(truthy(args.keywords.get('reverse') ?? false) === true ? out.reverse() : out);
}

function mathProd(ip: PyInterpreter, args: CallArgs): PyVal {
  const items = args.positional.length === 1 ? ip.iterate(args.positional[0]) : unknown('math.prod() with a start');
  if (isUnknown(items)) return items;
  let p: PyVal = 1;
  for (const x of items) {
    const a = numericValue(p);
    const b = numericValue(x);
    if (a === undefined || b === undefined) return unknown('math.prod() of values that are not numbers');
    p = isFloat(p) || isFloat(x) ? pyFloat(a * b) : a * b;
  }
  return p;
}

function mathCall(ip: PyInterpreter, name: string, args: CallArgs): PyVal {
  if (name === 'prod') return mathProd(ip, args);
  const nums = args.positional.map(numericValue);
  if (nums.some((n) => n === undefined)) return unknown(`${name}() of values that are not numbers`);
  const [x, y] = nums as number[];
  switch (name) {
    case 'ceil':
      return Math.ceil(x);
    case 'floor':
      return Math.floor(x);
    case 'trunc':
      return Math.trunc(x);
    case 'isqrt':
      return x >= 0 ? Math.floor(Math.sqrt(x)) : unknown('isqrt of a negative number');
    case 'gcd': {
      let [a, b] = [Math.abs(x), Math.abs(y ?? 0)];
      while (b) [a, b] = [b, a % b];
      return a;
    }
    case 'factorial': {
      if (!Number.isInteger(x) || x < 0 || x > 20) return unknown('factorial of this value');
      let f = 1;
      for (let i = 2; i <= x; i++) f *= i;
      return f;
    }
    case 'comb': {
      if (!Number.isInteger(x) || !Number.isInteger(y) || y < 0 || x < 0) return unknown('comb of these values');
      let c = 1;
      for (let i = 0; i < Math.min(y, x - y); i++) c = (c * (x - i)) / (i + 1);
      return y > x ? 0 : Math.round(c);
    }
    case 'sqrt':
      return x < 0 ? unknown('sqrt of a negative number') : pyFloat(Math.sqrt(x));
    case 'log':
      return x <= 0 ? unknown('log of a non-positive number') : pyFloat(y === undefined ? Math.log(x) : Math.log(x) / Math.log(y));
    case 'log2':
      return x <= 0 ? unknown('log2 of a non-positive number') : pyFloat(Math.log2(x));
    case 'log10':
      return x <= 0 ? unknown('log10 of a non-positive number') : pyFloat(Math.log10(x));
    case 'exp':
      return pyFloat(Math.exp(x));
    case 'pow':
      return pyFloat(x ** y);
    case 'fabs':
      return pyFloat(Math.abs(x));
    default:
      return unknown(`math.${name}`);
  }
}

/** numpy's versions return numpy scalars; ints stay ints, the rest are floats. */
function numpyCall(ip: PyInterpreter, name: string, args: CallArgs): PyVal {
  const first = args.positional[0];
  if (name === 'prod' || name === 'sum' || name === 'max' || name === 'min') {
    const items = first !== undefined && isObject(first) && (first.tag === 'list' || first.tag === 'tuple') ? ip.iterate(first) : unknown('a numpy array');
    if (isUnknown(items)) return items;
    if (args.positional.length > 1 || args.keywords.size > 0) return unknown(`numpy.${name} with an axis`);
    const nums = items.map(numericValue);
    if (nums.some((n) => n === undefined)) return unknown(`numpy.${name} of values that are not numbers`);
    const values = nums as number[];
    const anyFloat = items.some(isFloat);
    const r = name === 'prod' ? values.reduce((a, b) => a * b, 1) : name === 'sum' ? values.reduce((a, b) => a + b, 0) : values.length === 0 ? NaN : name === 'max' ? Math.max(...values) : Math.min(...values);
    if (Number.isNaN(r)) return unknown(`numpy.${name} of an empty array`);
    return anyFloat ? pyFloat(r) : r;
  }
  const x = first === undefined ? undefined : numericValue(first);
  if (x === undefined) return unknown(`numpy.${name} of a value that is not a number`);
  switch (name) {
    case 'ceil':
      return pyFloat(Math.ceil(x));
    case 'floor':
      return pyFloat(Math.floor(x));
    case 'sqrt':
      return x < 0 ? unknown('sqrt of a negative number') : pyFloat(Math.sqrt(x));
    case 'log2':
      return x <= 0 ? unknown('log2 of a non-positive number') : pyFloat(Math.log2(x));
    case 'log':
      return x <= 0 ? unknown('log of a non-positive number') : pyFloat(Math.log(x));
    case 'abs':
      return isFloat(first as PyVal) ? pyFloat(Math.abs(x)) : Math.abs(x);
    default:
      return unknown(`numpy.${name}`);
  }
}

function isinstance(v: PyVal, cls: PyVal): PyVal {
  if (isUnknown(v) || isUnknown(cls)) return unknown('isinstance() of values that are not statically known');
  const names = isObject(cls) && cls.tag === 'tuple' ? cls.items : [cls];
  const actual = typeName(v);
  const plain = new Set(['int', 'float', 'str', 'bool', 'list', 'tuple', 'dict', 'NoneType']);
  if (!plain.has(actual)) return unknown('isinstance() of this value');
  for (const c of names) {
    if (!isObject(c) || c.tag !== 'builtin') return unknown('isinstance() with this class');
    if (c.name === actual || (c.name === 'int' && actual === 'bool')) return true;
  }
  return false;
}

export function callBuiltin(ip: PyInterpreter, fn: PyBuiltin, args: CallArgs, span: Span, site: ast.Call | null): PyVal {
  if (fn.self !== undefined) {
    if (fn.name.startsWith('keras.')) return callKerasBaseMethod(ip, fn, args, span, site);
    return callMethodBuiltin(ip, fn.name, fn.self, args);
  }
  const [a, b] = args.positional;
  if (fn.name.startsWith('math.')) return mathCall(ip, fn.name.slice(5), args);
  if (fn.name.startsWith('numpy.')) return numpyCall(ip, fn.name.slice(6), args);
  switch (fn.name) {
    case 'len': {
      if (a === undefined) return unknown('len()');
      if (typeof a === 'string') return a.length;
      if (isObject(a) && a.tag === 'range') return Math.max(0, Math.ceil((a.stop - a.start) / a.step));
      if (isObject(a) && a.tag === 'dict') return a.tainted || a.open ? unknown(a.tainted ?? a.open ?? 'a dict') : a.entries.size;
      const items = ip.iterate(a);
      return isUnknown(items) ? items : items.length;
    }
    case 'range':
      return range(args);
    case 'min':
    case 'max':
      return extreme(ip, args, fn.name);
    case 'int':
      return a === undefined ? 0 : toInt(a, b);
    case 'float':
      return a === undefined ? pyFloat(0) : toFloat(a);
    case 'str': {
      if (a === undefined) return '';
      const s = pyStr(a);
      return s === null ? unknown('str() of a value that is not statically known') : s;
    }
    case 'repr': {
      const s = a === undefined ? null : pyRepr(a);
      return s === null ? unknown('repr() of this value') : s;
    }
    case 'format': {
      const spec = b === undefined ? '' : b;
      const s = a === undefined || typeof spec !== 'string' ? null : formatValue(a, spec);
      return s === null ? unknown('format() of this value') : s;
    }
    case 'bool':
      return a === undefined ? false : truthy(a);
    case 'abs': {
      const n = a === undefined ? undefined : numericValue(a);
      if (n === undefined) return unknown('abs() of this value');
      return isFloat(a) ? pyFloat(Math.abs(n)) : Math.abs(n);
    }
    case 'round':
      return a === undefined ? unknown('round()') : pyRound(a, b ?? args.keywords.get('ndigits'));
    case 'pow': {
      const x = a === undefined ? undefined : numericValue(a);
      const y = b === undefined ? undefined : numericValue(b);
      if (x === undefined || y === undefined || args.positional.length > 2) return unknown('pow() of these values');
      return isFloat(a) || isFloat(b) || y < 0 ? pyFloat(x ** y) : x ** y;
    }
    case 'divmod': {
      const x = intOf(a ?? null);
      const y = intOf(b ?? null);
      if (x === undefined || y === undefined || y === 0) return unknown('divmod() of these values');
      return makeTuple([Math.floor(x / y), x - Math.floor(x / y) * y]);
    }
    case 'sum':
      return sum(ip, args);
    case 'list': {
      if (a === undefined) return makeList([]);
      const items = ip.iterate(a);
      return isUnknown(items) ? items : makeList(items);
    }
    case 'tuple': {
      if (a === undefined) return makeTuple([]);
      const items = ip.iterate(a);
      return isUnknown(items) ? items : makeTuple(items);
    }
    case 'dict': {
      const d = makeDict();
      if (a !== undefined) {
        if (isObject(a) && a.tag === 'dict' && !a.tainted) for (const e of a.entries.values()) dictSet(d, e.key, e.value, e.span);
        else {
          const pairs = ip.iterate(a);
          if (isUnknown(pairs)) return pairs;
          for (const p of pairs) {
            const kv = ip.iterate(p);
            if (isUnknown(kv) || kv.length !== 2 || !dictSet(d, kv[0], kv[1])) return unknown('dict() of these values');
          }
        }
      }
      for (const [k, v] of args.keywords) dictSet(d, k, v, args.keywordSpans.get(k));
      if (args.keywordsUnknown) d.open = args.keywordsUnknown;
      return d;
    }
    case 'zip':
      return zip(ip, args);
    case 'enumerate': {
      const items = a === undefined ? unknown('enumerate()') : ip.iterate(a);
      if (isUnknown(items)) return items;
      const start = intOf(b ?? args.keywords.get('start') ?? 0);
      if (start === undefined) return unknown('enumerate() with this start');
      return makeList(items.map((x, i) => makeTuple([start + i, x])));
    }
    case 'reversed': {
      const items = a === undefined ? unknown('reversed()') : ip.iterate(a);
      return isUnknown(items) ? items : makeList([...items].reverse());
    }
    case 'sorted':
      return sorted(ip, args);
    case 'any':
    case 'all': {
      const items = a === undefined ? unknown(fn.name) : ip.iterate(a);
      if (isUnknown(items)) return items;
      let sawUnknown = false;
      for (const x of items) {
        const t = truthy(x);
        if (isUnknown(t)) sawUnknown = true;
        else if (fn.name === 'any' ? t : !t) return fn.name === 'any';
      }
      return sawUnknown ? unknown(`${fn.name}() of values that are not statically known`) : fn.name === 'all';
    }
    case 'map': {
      const items = b === undefined ? unknown('map()') : ip.iterate(b);
      if (isUnknown(items) || a === undefined || args.positional.length > 2) return isUnknown(items) ? items : unknown('map() of several sequences');
      return makeList(items.map((x) => ip.call(a, { positional: [x], positionalSpans: [], keywords: new Map(), keywordSpans: new Map() }, span)));
    }
    case 'filter': {
      const items = b === undefined ? unknown('filter()') : ip.iterate(b);
      if (isUnknown(items) || a === undefined) return isUnknown(items) ? items : unknown('filter()');
      const kept: PyVal[] = [];
      for (const x of items) {
        const t = truthy(a === null ? x : ip.call(a, { positional: [x], positionalSpans: [], keywords: new Map(), keywordSpans: new Map() }, span));
        if (isUnknown(t)) return t;
        if (t) kept.push(x);
      }
      return makeList(kept);
    }
    case 'isinstance':
      return a === undefined || b === undefined ? unknown('isinstance()') : isinstance(a, b);
    case 'print':
      return null;
    case 'getattr': {
      if (a === undefined || typeof b !== 'string') return unknown('getattr() with a name that is not statically known');
      const v = ip.getAttr(a, b, span);
      return isUnknown(v) && args.positional.length > 2 ? unknown('getattr() with a default') : v;
    }
    case 'hasattr':
      return unknown('hasattr()');
    case 'setattr':
      ip.havocValues(allArgValues(args), 'setattr()');
      return null;
    case 'staticmethod':
    case 'classmethod':
      return a ?? null;
    case 'functools.wraps':
    case 'functools.lru_cache':
      // wraps(fn) and lru_cache(maxsize=...) return decorators that keep the function as it is.
      return isObject(a) && a.tag === 'function' && fn.name === 'functools.lru_cache' ? a : { tag: 'builtin', name: 'decorator.identity' };
    case 'super':
      return unknown('super() with arguments');
    default:
      ip.havocValues(allArgValues(args), `the built-in ${fn.name}()`);
      return unknown(`the result of ${fn.name}()`);
  }
}
