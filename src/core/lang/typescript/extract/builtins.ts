// The JS standard library as far as model-building code uses it: Math on numbers, array
// methods with callbacks (map, forEach, reduce...), string helpers, Object.keys and friends.
// Everything else is Unknown. Sizes are capped so hostile constants cannot exhaust memory.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isUnknown, unknown } from '../../../types';
import type { Interpreter } from './interpreter';
import { isPrimitive, makeArray, spanOf, toConfigValue, hasUnknownPart, truthy, strictEquals, type ArrayVal, type Val } from './values';

/** Longest string or array the interpreter will build. */
export const MAX_COLLECTION = 100_000;

const GLOBALS = new Set(['Math', 'Object', 'Array', 'JSON', 'Number', 'String', 'Boolean', 'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'console', 'require']);

export function globalValue(name: string): Val {
  if (name === 'undefined') return undefined;
  if (name === 'NaN') return NaN;
  if (name === 'Infinity') return Infinity;
  if (GLOBALS.has(name)) return { tag: 'builtin', name };
  return unknown(`\`${name}\` is not defined in this file`);
}

const MATH_FUNCS = new Set(['abs', 'acos', 'asin', 'atan', 'atan2', 'cbrt', 'ceil', 'cos', 'exp', 'expm1', 'floor', 'fround', 'hypot', 'log', 'log10', 'log1p', 'log2', 'max', 'min', 'pow', 'round', 'sign', 'sin', 'sqrt', 'tan', 'trunc']);
const MATH_CONSTS = new Set(['PI', 'E', 'LN2', 'LN10', 'LOG2E', 'LOG10E', 'SQRT2', 'SQRT1_2']);
const NUMBER_CONSTS = new Set(['MAX_SAFE_INTEGER', 'MIN_SAFE_INTEGER', 'EPSILON', 'MAX_VALUE', 'MIN_VALUE', 'POSITIVE_INFINITY', 'NEGATIVE_INFINITY', 'NaN']);

export function getMember(obj: Val, key: string): Val {
  if (isUnknown(obj)) return obj;
  if (typeof obj === 'string') {
    if (key === 'length') return obj.length;
    return /^\d+$/.test(key) ? obj[Number(key)] : unknown(`string member ${key}`);
  }
  if (obj === null || obj === undefined) return unknown(`property ${key} of ${String(obj)}`);
  if (isPrimitive(obj)) return unknown(`property ${key} of a ${typeof obj}`);
  switch (obj.tag) {
    case 'array':
      if (obj.tainted) return unknown(obj.tainted);
      if (key === 'length') return obj.items.length;
      if (/^\d+$/.test(key)) return obj.items[Number(key)];
      return unknown(`array member ${key}`);
    case 'object':
      if (obj.tainted) return unknown(obj.tainted);
      if (obj.props.has(key)) return obj.props.get(key);
      return obj.open ? unknown(obj.open) : undefined;
    case 'tf':
      return { tag: 'tf', path: [...obj.path, key] };
    case 'builtin':
      if (obj.name === 'Math' && MATH_CONSTS.has(key)) return Math[key as 'PI'];
      if (obj.name === 'Number' && NUMBER_CONSTS.has(key)) return Number[key as 'EPSILON'];
      if (!obj.name.includes('.')) return { tag: 'builtin', name: `${obj.name}.${key}` };
      return unknown(`${obj.name}.${key}`);
    default:
      return unknown(`property ${key} of a ${obj.tag}`);
  }
}

export function setMember(obj: Val, key: string, value: Val): void {
  if (typeof obj !== 'object' || obj === null || !('tag' in obj)) return;
  if (obj.tag === 'object') {
    obj.props.set(key, value);
  } else if (obj.tag === 'array') {
    if (key === 'length' && typeof value === 'number' && value >= 0 && value <= MAX_COLLECTION) obj.items.length = value;
    else if (/^\d+$/.test(key) && Number(key) <= MAX_COLLECTION) obj.items[Number(key)] = value;
    else obj.tainted = 'array changed in a way we do not follow';
  }
}

function allPrimitive(args: readonly Val[]): boolean {
  return args.every((a) => isPrimitive(a));
}

function arrayFromLength(n: Val): Val[] | null {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_COLLECTION) return null;
  return new Array<Val>(n).fill(undefined);
}

function callStatic(ip: Interpreter, name: string, args: Val[], callNode: TSESTree.Node): Val {
  const [a0, a1] = args;
  if (name.startsWith('Math.')) {
    const f = name.slice(5);
    if (!MATH_FUNCS.has(f)) return unknown(`${name} is not a constant`);
    if (!args.every((a) => typeof a === 'number')) return args.find(isUnknown) ?? unknown(`${name} of a non-number`);
    return (Math[f as 'max'] as (...xs: number[]) => number)(...(args as number[]));
  }
  switch (name) {
    case 'Number':
    case 'String':
    case 'Boolean':
    case 'parseInt':
    case 'parseFloat':
    case 'isNaN':
    case 'isFinite': {
      if (!allPrimitive(args)) return unknown(`${name} of a non-constant`);
      const fns: Record<string, (...xs: unknown[]) => Val> = { Number, String, Boolean, parseInt: parseInt as (...xs: unknown[]) => Val, parseFloat: parseFloat as (...xs: unknown[]) => Val, isNaN: isNaN as (...xs: unknown[]) => Val, isFinite: isFinite as (...xs: unknown[]) => Val };
      return fns[name](...args);
    }
    case 'Array':
    case 'Array.of': {
      if (name === 'Array' && args.length === 1 && typeof a0 === 'number') {
        const items = arrayFromLength(a0);
        return items ? makeArray(items) : unknown('array of unknown or huge length');
      }
      return makeArray([...args]);
    }
    case 'Array.isArray':
      return isUnknown(a0) ? a0 : typeof a0 === 'object' && a0 !== null && 'tag' in a0 && a0.tag === 'array';
    case 'Array.from': {
      let items: Val[] | null = null;
      if (typeof a0 === 'string') items = [...a0];
      else if (typeof a0 === 'object' && a0 !== null && 'tag' in a0 && a0.tag === 'array' && !a0.tainted) items = [...a0.items];
      else if (typeof a0 === 'object' && a0 !== null && 'tag' in a0 && a0.tag === 'object' && !a0.tainted && !a0.open) items = arrayFromLength(a0.props.get('length'));
      if (!items) return unknown('Array.from of an unknown value');
      if (a1 === undefined) return makeArray(items);
      return makeArray(items.map((x, i) => ip.call(a1, [x, i], callNode)));
    }
    case 'Object.keys':
    case 'Object.values':
    case 'Object.entries': {
      if (typeof a0 !== 'object' || a0 === null || !('tag' in a0) || a0.tag !== 'object' || a0.tainted || a0.open) return unknown(`${name} of a value that is not a known object`);
      const keys = [...a0.props.keys()];
      if (name === 'Object.keys') return makeArray(keys);
      if (name === 'Object.values') return makeArray(keys.map((k) => a0.props.get(k)));
      return makeArray(keys.map((k) => makeArray([k, a0.props.get(k)])));
    }
    case 'Object.assign': {
      if (typeof a0 !== 'object' || a0 === null || !('tag' in a0) || a0.tag !== 'object') return unknown('Object.assign to an unknown target');
      for (const src of args.slice(1)) {
        if (src === null || src === undefined) continue;
        if (typeof src === 'object' && 'tag' in src && src.tag === 'object' && !src.tainted) {
          for (const [k, x] of src.props) {
            a0.props.set(k, x);
            const s = src.spans.get(k);
            if (s) a0.spans.set(k, s);
          }
          if (src.open) a0.open = src.open;
        } else a0.open = 'Object.assign from an unknown value';
      }
      return a0;
    }
    case 'Object.freeze':
      return a0;
    case 'JSON.stringify': {
      const c = toConfigValue(a0);
      return hasUnknownPart(c) ? unknown('JSON of a non-constant') : JSON.stringify(c);
    }
    default:
      if (name.startsWith('console.')) return undefined;
      return unknown(`${name}(...) is not evaluated`);
  }
}

/** Calls a built-in function value (`Math.max`, `Array.from`, `require`...). */
export function callBuiltin(ip: Interpreter, name: string, args: Val[], callNode: TSESTree.Node): Val {
  return callStatic(ip, name, args, callNode);
}

const STRING_METHODS = new Set(['toUpperCase', 'toLowerCase', 'trim', 'trimStart', 'trimEnd', 'slice', 'substring', 'startsWith', 'endsWith', 'includes', 'indexOf', 'lastIndexOf', 'charAt', 'at', 'concat', 'split', 'replace', 'replaceAll', 'padStart', 'padEnd', 'repeat', 'toString']);

export function callStringMethod(s: string, name: string, args: Val[]): Val {
  if (!STRING_METHODS.has(name) || !allPrimitive(args)) return unknown(`string method ${name}`);
  if (name === 'repeat' && (typeof args[0] !== 'number' || s.length * args[0] > MAX_COLLECTION)) return unknown('string too long');
  if ((name === 'padStart' || name === 'padEnd') && (typeof args[0] !== 'number' || args[0] > MAX_COLLECTION)) return unknown('string too long');
  try {
    // The method is from a fixed list of pure String.prototype methods, called on primitives.
    const r = (String.prototype[name as 'slice'] as (...xs: unknown[]) => unknown).apply(s, args);
    if (Array.isArray(r)) return makeArray(r as string[]);
    return r as Val;
  } catch {
    return unknown(`string method ${name} failed`);
  }
}

function numberMethod(n: number, name: string, args: Val[]): Val {
  if (name === 'toString' || name === 'toFixed' || name === 'toPrecision') {
    if (!allPrimitive(args)) return unknown('number formatting with a non-constant');
    try {
      return (Number.prototype[name] as (...xs: unknown[]) => string).apply(n, args);
    } catch {
      return unknown('number formatting failed');
    }
  }
  return unknown(`number method ${name}`);
}

/** Array methods. Callbacks run through the interpreter, one call per element. */
export function callArrayMethod(ip: Interpreter, arr: ArrayVal, name: string, args: Val[], callNode: TSESTree.CallExpression | TSESTree.NewExpression): Val {
  const items = arr.items;
  const cb = args[0];
  const each = (x: Val, i: number): Val => ip.call(cb, [x, i, arr], callNode);
  switch (name) {
    case 'map':
      return makeArray(items.map(each));
    case 'forEach':
      items.forEach(each);
      return undefined;
    case 'flatMap': {
      const out: Val[] = [];
      for (let i = 0; i < items.length; i++) {
        const r = each(items[i], i);
        if (typeof r === 'object' && r !== null && 'tag' in r && r.tag === 'array') out.push(...r.items);
        else out.push(r);
      }
      return makeArray(out);
    }
    case 'filter':
    case 'find':
    case 'findIndex':
    case 'some':
    case 'every': {
      const kept: Val[] = [];
      for (let i = 0; i < items.length; i++) {
        const t = truthy(each(items[i], i));
        if (isUnknown(t)) return t;
        if (name === 'find' && t) return items[i];
        if (name === 'findIndex' && t) return i;
        if (name === 'some' && t) return true;
        if (name === 'every' && !t) return false;
        if (t) kept.push(items[i]);
      }
      return name === 'filter' ? makeArray(kept) : name === 'find' ? undefined : name === 'findIndex' ? -1 : name === 'every';
    }
    case 'reduce': {
      let i = 0;
      let acc: Val;
      if (args.length >= 2) acc = args[1];
      else if (items.length > 0) acc = items[i++];
      else return unknown('reduce of an empty array');
      for (; i < items.length; i++) acc = ip.call(cb, [acc, items[i], i, arr], callNode);
      return acc;
    }
    case 'push':
      if (items.length + args.length > MAX_COLLECTION) {
        arr.tainted = 'array grew too large';
        return unknown(arr.tainted);
      }
      args.forEach((a, i) => {
        items.push(a);
        const argNode = callNode.arguments[i];
        arr.spans[items.length - 1] = argNode && argNode.type !== 'SpreadElement' ? spanOf(argNode) : undefined;
      });
      return items.length;
    case 'pop':
      arr.spans.length = Math.min(arr.spans.length, Math.max(0, items.length - 1));
      return items.pop();
    case 'shift':
      arr.spans.shift();
      return items.shift();
    case 'unshift':
      items.unshift(...args);
      arr.spans.unshift(...args.map(() => undefined));
      return items.length;
    case 'slice':
      if (!allPrimitive(args)) return unknown('slice with non-constant bounds');
      return makeArray(items.slice(args[0] as number, args[1] as number), arr.spans.slice(args[0] as number, args[1] as number));
    case 'concat': {
      const out = makeArray([...items], [...arr.spans]);
      for (const a of args) {
        if (typeof a === 'object' && a !== null && 'tag' in a && a.tag === 'array') {
          if (a.tainted) return unknown(a.tainted);
          out.items.push(...a.items);
          out.spans.length = out.items.length - a.items.length;
          out.spans.push(...a.spans.slice(0, a.items.length));
        } else out.items.push(a);
      }
      return out;
    }
    case 'reverse':
      items.reverse();
      arr.spans.length = items.length;
      arr.spans.reverse();
      return arr;
    case 'flat': {
      const out: Val[] = [];
      for (const x of items) {
        if (typeof x === 'object' && x !== null && 'tag' in x && x.tag === 'array') out.push(...x.items);
        else out.push(x);
      }
      return makeArray(out);
    }
    case 'fill':
      if (args.length > 1) return unknown('fill with bounds');
      items.fill(args[0]);
      return arr;
    case 'keys':
      return makeArray(items.map((_, i) => i));
    case 'entries':
      return makeArray(items.map((x, i) => makeArray([i, x])));
    case 'at':
      return typeof args[0] === 'number' ? items.at(args[0]) : unknown('at with a non-constant index');
    case 'includes':
    case 'indexOf': {
      for (let i = 0; i < items.length; i++) {
        const eq = strictEquals(items[i], args[0]);
        if (isUnknown(eq)) return eq;
        if (eq) return name === 'includes' ? true : i;
      }
      return name === 'includes' ? false : -1;
    }
    case 'join': {
      if (!items.every((x) => isPrimitive(x))) return unknown('join of non-constants');
      const sep = args[0] === undefined ? ',' : args[0];
      if (!isPrimitive(sep)) return unknown('join with a non-constant separator');
      return items.map((x) => (x === null || x === undefined ? '' : String(x))).join(String(sep));
    }
    default:
      ip.havocValues([arr, ...args], `array method ${name} is not followed`);
      return unknown(`array method ${name}`);
  }
}

export function callPrimitiveMethod(v: string | number | boolean, name: string, args: Val[]): Val {
  if (typeof v === 'string') return callStringMethod(v, name, args);
  if (typeof v === 'number') return numberMethod(v, name, args);
  return unknown(`boolean method ${name}`);
}
