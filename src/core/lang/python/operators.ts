// Python's operators on the values we model: int/float arithmetic with Python's rules (`/` is
// float division, `//` and `%` floor toward negative infinity, `**` of ints stays an int),
// sequence concatenation and repetition, comparisons (chained by the caller), `in`.
// Anything else, or any Unknown operand, gives Unknown: never a guess.
import { isUnknown, unknown, type Unknown } from '../../types';
import type { BinaryOperator, CompareOperator } from './ast';
import {
  dictKey,
  isFloat,
  isObject,
  makeList,
  makeTuple,
  numericValue,
  pyEquals,
  pyFloat,
  rangeLength,
  type PyVal,
} from './values';

/** Values longer than this are not built (a `[0] * 10**9` must not exhaust memory). */
export const MAX_SEQUENCE = 100_000;

function isNumeric(v: PyVal): boolean {
  return numericValue(v) !== undefined;
}

/** Either operand a float → the result is a float, as in Python. */
function numResult(a: PyVal, b: PyVal, value: number, forceFloat = false): PyVal {
  if (forceFloat || isFloat(a) || isFloat(b)) return pyFloat(value);
  if (!Number.isSafeInteger(value)) return unknown('an integer too large to track');
  return value;
}

function floorMod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}

function arithmetic(op: BinaryOperator, a: PyVal, b: PyVal): PyVal {
  const x = numericValue(a) as number;
  const y = numericValue(b) as number;
  switch (op) {
    case '+':
      return numResult(a, b, x + y);
    case '-':
      return numResult(a, b, x - y);
    case '*':
      return numResult(a, b, x * y);
    case '/':
      // ZeroDivisionError at run time: not something to guess a value for.
      return y === 0 ? unknown('division by zero') : pyFloat(x / y);
    case '//':
      return y === 0 ? unknown('division by zero') : numResult(a, b, Math.floor(x / y));
    case '%':
      return y === 0 ? unknown('division by zero') : numResult(a, b, floorMod(x, y));
    case '**':
      if (!isFloat(a) && !isFloat(b) && y < 0) return pyFloat(x ** y); // int ** negative int is a float
      if (x < 0 && !Number.isInteger(y)) return unknown('a complex power');
      return numResult(a, b, x ** y);
    case '<<':
    case '>>':
    case '&':
    case '|':
    case '^': {
      if (isFloat(a) || isFloat(b) || !Number.isSafeInteger(x) || !Number.isSafeInteger(y)) return unknown(`\`${op}\` on these values`);
      if (Math.abs(x) > 2 ** 31 || Math.abs(y) > 52) return unknown(`\`${op}\` beyond 32 bits`);
      switch (op) {
        case '<<':
          return numResult(a, b, x * 2 ** y);
        case '>>':
          return Math.floor(x / 2 ** y);
        case '&':
          return x & y;
        case '|':
          return x | y;
        default:
          return x ^ y;
      }
    }
    case '@':
      return unknown('matrix multiplication');
  }
}

function repeat(seq: PyVal, times: number): PyVal {
  if (!Number.isInteger(times)) return unknown('sequence repeated by a non-integer');
  const n = Math.max(0, times);
  if (typeof seq === 'string') return seq.length * n > MAX_SEQUENCE ? unknown('a string too long to track') : seq.repeat(n);
  if (isObject(seq) && (seq.tag === 'list' || seq.tag === 'tuple')) {
    if (seq.tag === 'list' && seq.tainted) return unknown(seq.tainted);
    if (seq.items.length * n > MAX_SEQUENCE) return unknown('a sequence too long to track');
    const items: PyVal[] = [];
    for (let i = 0; i < n; i++) items.push(...seq.items);
    return seq.tag === 'list' ? makeList(items) : makeTuple(items);
  }
  return unknown('sequence repetition');
}

function concat(a: PyVal, b: PyVal): PyVal {
  if (typeof a === 'string' && typeof b === 'string') return a.length + b.length > MAX_SEQUENCE ? unknown('a string too long to track') : a + b;
  if (isObject(a) && isObject(b)) {
    if (a.tag === 'list' && b.tag === 'list') {
      if (a.tainted || b.tainted) return unknown(a.tainted ?? b.tainted ?? 'a list');
      if (a.items.length + b.items.length > MAX_SEQUENCE) return unknown('a list too long to track');
      return makeList([...a.items, ...b.items], [...padSpans(a.spans, a.items.length), ...b.spans]);
    }
    if (a.tag === 'tuple' && b.tag === 'tuple') {
      if (a.items.length + b.items.length > MAX_SEQUENCE) return unknown('a tuple too long to track');
      return makeTuple([...a.items, ...b.items]);
    }
  }
  return unknown('`+` on these values');
}

function padSpans<T>(spans: readonly (T | undefined)[], length: number): (T | undefined)[] {
  const out = spans.slice(0, length);
  while (out.length < length) out.push(undefined);
  return out;
}

/** `a <op> b`. */
export function binaryOp(op: BinaryOperator, a: PyVal, b: PyVal): PyVal {
  if (isUnknown(a)) return a;
  if (isUnknown(b)) return b;
  if (isNumeric(a) && isNumeric(b)) return arithmetic(op, a, b);
  if (op === '+') return concat(a, b);
  if (op === '*') {
    if (isNumeric(b) && !isFloat(b)) return repeat(a, numericValue(b) as number);
    if (isNumeric(a) && !isFloat(a)) return repeat(b, numericValue(a) as number);
  }
  if (op === '%' && typeof a === 'string') return unknown('%-formatting');
  if (op === '|' && isObject(a) && isObject(b) && a.tag === 'dict' && b.tag === 'dict') return unknown('dict union');
  return unknown(`\`${op}\` on these values`);
}

export function unaryOp(op: '-' | '+' | '~' | 'not', v: PyVal, truth: boolean | Unknown): PyVal {
  if (op === 'not') return isUnknown(truth) ? truth : !truth;
  if (isUnknown(v)) return v;
  const x = numericValue(v);
  if (x === undefined) return unknown(`unary \`${op}\` on this value`);
  if (op === '-') return isFloat(v) ? pyFloat(-x) : x === 0 ? 0 : -x;
  if (op === '+') return isFloat(v) ? v : x;
  return isFloat(v) ? unknown('`~` on a float') : ~x;
}

function orderValue(v: PyVal): number | string | undefined {
  const n = numericValue(v);
  if (n !== undefined) return n;
  if (typeof v === 'string') return v;
  return undefined;
}

function compareSequences(op: '<' | '<=' | '>' | '>=', a: readonly PyVal[], b: readonly PyVal[]): boolean | Unknown {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const eq = pyEquals(a[i], b[i]);
    if (isUnknown(eq)) return eq;
    if (!eq) return compareOnce(op, a[i], b[i]) as boolean | Unknown;
  }
  return compareOnce(op, a.length, b.length) as boolean | Unknown;
}

function contains(container: PyVal, item: PyVal): boolean | Unknown {
  if (isUnknown(container)) return container;
  if (typeof container === 'string') {
    if (typeof item !== 'string') return isUnknown(item) ? item : unknown('`in` on a str with a non-str');
    return container.includes(item);
  }
  if (!isObject(container)) return unknown('`in` on this value');
  switch (container.tag) {
    case 'list':
    case 'tuple': {
      if (container.tag === 'list' && container.tainted) return unknown(container.tainted);
      let sawUnknown: Unknown | null = null;
      for (const x of container.items) {
        const eq = pyEquals(x, item);
        if (eq === true) return true;
        if (isUnknown(eq)) sawUnknown = eq;
      }
      return sawUnknown ?? false;
    }
    case 'dict': {
      if (container.tainted) return unknown(container.tainted);
      const k = dictKey(item);
      if (k === null) return unknown('a dict key that is not statically known');
      if (container.entries.has(k)) return true;
      return container.open ? unknown(container.open) : false;
    }
    case 'range': {
      const n = numericValue(item);
      if (n === undefined) return isUnknown(item) ? item : false;
      const { start, step } = container;
      const k = (n - start) / step;
      return Number.isInteger(k) && k >= 0 && k < rangeLength(container);
    }
    default:
      return unknown('`in` on this value');
  }
}

/** `a is b` for two objects: one JS object is one Python object; Keras API objects by path. */
function identical(a: Exclude<PyVal, null | number | string | boolean | Unknown>, b: typeof a): boolean | Unknown {
  if (a === b) return true;
  if (a.tag === 'keras' && b.tag === 'keras') return a.path.join('.') === b.path.join('.');
  // Floats and tuples are rebuilt by the interpreter, so two of them may be one Python object.
  if (a.tag === 'float' || a.tag === 'tuple' || b.tag === 'float' || b.tag === 'tuple') return unknown('`is` on immutable values');
  return false;
}

function compareOnce(op: CompareOperator, a: PyVal, b: PyVal): PyVal {
  switch (op) {
    case '==':
      return pyEquals(a, b);
    case '!=': {
      const eq = pyEquals(a, b);
      return isUnknown(eq) ? eq : !eq;
    }
    case 'is':
    case 'is not': {
      if (isUnknown(a)) return a;
      if (isUnknown(b)) return b;
      // Identity is certain for None/True/False and for the same object; otherwise only
      // objects of different kinds are certainly not identical.
      let same: boolean | Unknown;
      if (a === null || b === null || typeof a === 'boolean' || typeof b === 'boolean') same = a === b;
      else if (isObject(a) && isObject(b)) same = identical(a, b);
      else same = unknown('`is` on values');
      return isUnknown(same) ? same : op === 'is' ? same : !same;
    }
    case 'in':
    case 'not in': {
      const c = contains(b, a);
      return isUnknown(c) ? c : op === 'in' ? c : !c;
    }
    default: {
      if (isUnknown(a)) return a;
      if (isUnknown(b)) return b;
      const x = orderValue(a);
      const y = orderValue(b);
      if (x !== undefined && y !== undefined && typeof x === typeof y) {
        switch (op) {
          case '<':
            return x < y;
          case '<=':
            return x <= y;
          case '>':
            return x > y;
          default:
            return x >= y;
        }
      }
      if (isObject(a) && isObject(b) && a.tag === b.tag && (a.tag === 'tuple' || a.tag === 'list')) {
        return compareSequences(op, a.items, (b as typeof a).items);
      }
      return unknown(`\`${op}\` on these values`);
    }
  }
}

/** `a op b` for one link of a comparison chain. */
export function compareOp(op: CompareOperator, a: PyVal, b: PyVal): PyVal {
  return compareOnce(op, a, b);
}
