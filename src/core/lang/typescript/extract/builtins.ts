// The JS standard library as far as model-building code uses it: Math on numbers, array
// methods with callbacks (map, forEach, reduce...), string helpers, Object.keys and friends.
// Everything else is Unknown. Every value built here asks the size budget first (Ctx.reserve,
// with the bounds of valueBudget.ts), so hostile constants cannot exhaust memory or time.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isUnknown, unknown, type Unknown } from '../../../types';
import { namedUnknown, opaque } from '../../../symbolic/symbols';
import type { Ctx } from './context';
import type { Interpreter } from './interpreter';
import { configValue, jsonLength, joinedLength, replacedLength, stringLength } from './valueBudget';
import { firstUncertainArg, isPrimitive, makeArray, spanOf, hasUnknownPart, truthy, strictEquals, type ArrayVal, type Primitive, type Val } from './values';

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
  if (isUnknown(obj)) return memberOfUnknown(obj, key);
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

export function setMember(ctx: Ctx, obj: Val, key: string, value: Val): void {
  if (typeof obj !== 'object' || obj === null || !('tag' in obj)) return;
  if (obj.tag === 'object') {
    const refused = obj.props.has(key) ? null : ctx.reserve(1, obj.props.size + 1);
    if (refused) obj.tainted = refused.reason;
    else obj.props.set(key, value);
  } else if (obj.tag === 'array') {
    const length = key === 'length' ? value : /^\d+$/.test(key) ? Number(key) + 1 : null;
    if (typeof length !== 'number' || !Number.isInteger(length) || length < 0) {
      obj.tainted = 'array changed in a way we do not follow';
      return;
    }
    const refused = ctx.reserve(Math.max(0, length - obj.items.length), length);
    if (refused) obj.tainted = refused.reason;
    else if (key === 'length') obj.items.length = length;
    else obj.items[length - 1] = value;
  }
}

function allPrimitive(args: readonly Val[]): boolean {
  return args.every((a) => isPrimitive(a));
}

function arrayFromLength(ctx: Ctx, n: Val): Val[] | null {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || ctx.reserve(n)) return null;
  return new Array<Val>(n).fill(undefined);
}

function callStatic(ip: Interpreter, name: string, args: Val[], callNode: TSESTree.Node): Val {
  const [a0, a1] = args;
  if (name.startsWith('Math.')) {
    const f = name.slice(5);
    if (!MATH_FUNCS.has(f)) return unknown(`${name} is not a constant`);
    if (!args.every((a) => typeof a === 'number')) return opaque(args.find(isUnknown)) ?? unknown(`${name} of a non-number`);
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
        const items = arrayFromLength(ip.ctx, a0);
        return items ? makeArray(items) : unknown('array of unknown or huge length');
      }
      if (firstUncertainArg(args) < Infinity) return unknown('Array.of with a spread we cannot expand');
      return ip.ctx.reserve(args.length) ?? makeArray([...args]);
    }
    case 'Array.isArray':
      return isUnknown(a0) ? a0 : typeof a0 === 'object' && a0 !== null && 'tag' in a0 && a0.tag === 'array';
    case 'Array.from': {
      let items: Val[] | null = null;
      if (typeof a0 === 'string') items = ip.ctx.reserve(a0.length) ? null : [...a0];
      else if (typeof a0 === 'object' && a0 !== null && 'tag' in a0 && a0.tag === 'array' && !a0.tainted) items = ip.ctx.reserve(a0.items.length) ? null : [...a0.items];
      else if (typeof a0 === 'object' && a0 !== null && 'tag' in a0 && a0.tag === 'object' && !a0.tainted && !a0.open) items = arrayFromLength(ip.ctx, a0.props.get('length'));
      if (!items) return unknown('Array.from of an unknown or too large value');
      if (a1 === undefined) return makeArray(items);
      return makeArray(items.map((x, i) => ip.call(a1, [x, i], callNode)));
    }
    case 'Object.keys':
    case 'Object.values':
    case 'Object.entries': {
      if (typeof a0 !== 'object' || a0 === null || !('tag' in a0) || a0.tag !== 'object' || a0.tainted || a0.open) return unknown(`${name} of a value that is not a known object`);
      const refused = ip.ctx.reserve(name === 'Object.entries' ? 3 * a0.props.size : a0.props.size);
      if (refused) return refused;
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
          const refused = ip.ctx.reserve(src.props.size, a0.props.size + src.props.size);
          if (refused) {
            a0.tainted = refused.reason;
            return refused;
          }
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
      const c = configValue(ip.ctx, a0);
      if (hasUnknownPart(c)) return unknown('JSON of a non-constant');
      const length = jsonLength(c, ip.ctx.limits.maxValueSize);
      return ip.ctx.reserve(length) ?? JSON.stringify(c);
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

/**
 * The length of the string a method builds, when it may be more than a small multiple of its
 * inputs (those are measured after they are built); null for the others.
 */
function builtStringLength(s: string, name: string, args: readonly Primitive[]): number | null {
  const [a0, a1] = args;
  const count = Math.floor(Number(a0)); // as the methods coerce it
  switch (name) {
    case 'repeat':
      return Number.isFinite(count) && count >= 0 ? s.length * count : 0; // another count throws
    case 'padStart':
    case 'padEnd':
      return Number.isNaN(count) ? s.length : Math.max(s.length, count);
    case 'concat':
      return args.reduce<number>((n, a) => n + stringLength(a), s.length);
    case 'replace':
    case 'replaceAll':
      return replacedLength(s, String(a0), String(a1), name === 'replaceAll');
    default:
      return null;
  }
}

/** Size of a method's result: a string's length, an array's elements (split). */
function resultSize(r: unknown): number {
  if (typeof r === 'string') return r.length;
  return Array.isArray(r) ? r.length : 0;
}

export function callStringMethod(ctx: Ctx, s: string, name: string, args: Val[]): Val {
  if (!STRING_METHODS.has(name) || !allPrimitive(args)) return unknown(`string method ${name}`);
  ctx.work(s.length);
  const length = builtStringLength(s, name, args as Primitive[]);
  const refused = length === null ? null : ctx.reserve(length);
  if (refused) return refused;
  try {
    // The method is from a fixed list of pure String.prototype methods, called on primitives.
    const r = (String.prototype[name as 'slice'] as (...xs: unknown[]) => unknown).apply(s, args);
    // Reserved above, or at most a few times the size of the inputs, which the budget bounds.
    if (length === null) {
      const late = ctx.reserve(resultSize(r));
      if (late) return late;
    }
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
  const ctx = ip.ctx;
  const each = (x: Val, i: number): Val => ip.call(cb, [x, i, arr], callNode);
  switch (name) {
    case 'map':
      return ctx.reserve(items.length) ?? makeArray(items.map(each));
    case 'forEach':
      items.forEach(each);
      return undefined;
    case 'flatMap': {
      const out: Val[] = [];
      for (let i = 0; i < items.length; i++) {
        const r = each(items[i], i);
        const part = typeof r === 'object' && r !== null && 'tag' in r && r.tag === 'array' ? r.items : [r];
        const refused = ctx.reserve(part.length, out.length + part.length);
        if (refused) return refused;
        for (const x of part) out.push(x);
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
      if (name === 'filter') return ctx.reserve(kept.length) ?? makeArray(kept);
      return name === 'find' ? undefined : name === 'findIndex' ? -1 : name === 'every';
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
    case 'push': {
      const refused = firstUncertainArg(args) < Infinity ? unknown('push of a spread we cannot expand') : ctx.reserve(args.length, items.length + args.length);
      if (refused) {
        arr.tainted = refused.reason;
        return refused;
      }
      args.forEach((a, i) => {
        items.push(a);
        const argNode = callNode.arguments[i];
        arr.spans[items.length - 1] = argNode && argNode.type !== 'SpreadElement' ? spanOf(argNode) : undefined;
      });
      return items.length;
    }
    case 'pop':
      arr.spans.length = Math.min(arr.spans.length, Math.max(0, items.length - 1));
      return items.pop();
    case 'shift':
      ctx.work(items.length);
      arr.spans.shift();
      return items.shift();
    case 'unshift': {
      const refused = firstUncertainArg(args) < Infinity ? unknown('unshift of a spread we cannot expand') : ctx.reserve(args.length, items.length + args.length);
      if (refused) {
        arr.tainted = refused.reason;
        return refused;
      }
      ctx.work(items.length);
      items.unshift(...args);
      arr.spans.unshift(...args.map(() => undefined));
      return items.length;
    }
    case 'slice': {
      if (!allPrimitive(args)) return unknown('slice with non-constant bounds');
      const part = items.slice(args[0] as number, args[1] as number);
      return ctx.reserve(part.length) ?? makeArray(part, arr.spans.slice(args[0] as number, args[1] as number));
    }
    case 'concat': {
      const size = args.reduce<number>((n, a) => n + (typeof a === 'object' && a !== null && 'tag' in a && a.tag === 'array' ? a.items.length : 1), items.length);
      const refused = firstUncertainArg(args) < Infinity ? unknown('concat of a spread we cannot expand') : ctx.reserve(size);
      if (refused) return refused;
      const out = makeArray([...items], [...arr.spans]);
      for (const a of args) {
        if (typeof a === 'object' && a !== null && 'tag' in a && a.tag === 'array') {
          if (a.tainted) return unknown(a.tainted);
          const at = out.items.length;
          for (let i = 0; i < a.items.length; i++) {
            out.items.push(a.items[i]);
            out.spans[at + i] = a.spans[i];
          }
        } else out.items.push(a);
      }
      return out;
    }
    case 'reverse':
      ctx.work(items.length);
      items.reverse();
      arr.spans.length = items.length;
      arr.spans.reverse();
      return arr;
    case 'flat': {
      const parts = items.map((x) => (typeof x === 'object' && x !== null && 'tag' in x && x.tag === 'array' ? x.items : [x]));
      const refused = ctx.reserve(parts.reduce((n, p) => n + p.length, 0));
      if (refused) return refused;
      const out: Val[] = [];
      for (const p of parts) for (const x of p) out.push(x);
      return makeArray(out);
    }
    case 'fill':
      if (args.length > 1) return unknown('fill with bounds');
      ctx.work(items.length);
      items.fill(args[0]);
      return arr;
    case 'keys':
      return ctx.reserve(items.length) ?? makeArray(items.map((_, i) => i));
    case 'entries':
      return ctx.reserve(3 * items.length) ?? makeArray(items.map((x, i) => makeArray([i, x])));
    case 'at':
      return typeof args[0] === 'number' ? items.at(args[0]) : unknown('at with a non-constant index');
    case 'includes':
    case 'indexOf': {
      ctx.work(items.length);
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
      const refused = ctx.reserve(joinedLength(items as Primitive[], String(sep)));
      if (refused) return refused;
      return items.map((x) => (x === null || x === undefined ? '' : String(x))).join(String(sep));
    }
    default:
      ip.havocValues([arr, ...args], `array method ${name} is not followed`);
      return unknown(`array method ${name}`);
  }
}

export function callPrimitiveMethod(ctx: Ctx, v: string | number | boolean, name: string, args: Val[]): Val {
  if (typeof v === 'string') return callStringMethod(ctx, v, name, args);
  if (typeof v === 'number') return numberMethod(v, name, args);
  return unknown(`boolean method ${name}`);
}

/**
 * A member of an unknown value. Of a named one (a parameter no call gives), it is named after
 * the path the code reads: `inputShape[0]`, `opts.units`, `data.length`; otherwise as unknown.
 */
function memberOfUnknown(obj: Unknown, key: string): Unknown {
  const sym = obj.symbol;
  if (!sym) return obj;
  const name = /^\d+$/.test(key) ? `${sym.name}[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `${sym.name}.${key}` : null;
  return name === null ? opaque(obj) : namedUnknown(obj.reason, name, sym.span, sym.why);
}
