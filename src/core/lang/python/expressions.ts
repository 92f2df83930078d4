// Expression evaluation. Each node kind maps to Python's semantics on the values we model;
// a part we cannot evaluate gives Unknown and the rest goes on. Conditional forms whose test
// is unknown (`a if c else b`, `c and f()`) run both sides and join them (branches.ts).
import { attributeSymbol, itemSymbol } from './symbolNames';
import { isUnknown, unknown, type Span } from '../../types';
import type * as ast from './ast';
import { evalUnknownArms } from './branches';
import { emptyArgs, type ArgOrigins, type CallArgs } from './callArgs';
import { builtinGlobal } from './builtins';
import { formatValue } from './format';
import type { PyInterpreter } from './interpreter';
import { binaryOp, compareOp, MAX_SEQUENCE, unaryOp } from './operators';
import { PyScope } from './scope';
import { getItem } from './subscript';
import { assignedNames } from './codeScan';
import { tensorBinaryOp, tensorNegative } from './keras/ops';
import {
  dictSet,
  isObject,
  isTensorObj,
  makeDict,
  makeList,
  makeTuple,
  pyFloat,
  pyRepr,
  pyStr,
  tensorObj,
  truthy,
  type PyDict,
  type PyFunction,
  type PyVal,
} from './values';

export function evalExpr(ip: PyInterpreter, node: ast.Expr, scope: PyScope): PyVal {
  switch (node.kind) {
    case 'Name':
      return evalName(ip, node, scope);
    case 'Num':
      if (node.isComplex) return unknown('a complex number');
      return node.isFloat ? pyFloat(node.value) : node.value;
    case 'Str':
      return node.isBytes ? unknown('a bytes value') : node.value;
    case 'FString':
      return evalFString(ip, node, scope);
    case 'Constant':
      return node.value === 'Ellipsis' ? { tag: 'opaque', what: 'Ellipsis' } : node.value;
    case 'Attribute': {
      const obj = ip.eval(node.value, scope);
      // `C.IMG_SIZE` on a module of the workspace: where IMG_SIZE is defined, for hovers.
      if (isObject(obj) && obj.tag === 'module' && obj.origins && !ip.ctx.moduleEval) {
        const origin = obj.origins.get(node.attr);
        if (origin) ip.ctx.nodeOrigins.set(node, origin);
      }
      return attributeSymbol(obj, node.attr, ip.getAttr(obj, node.attr, node.span));
    }
    case 'Subscript': {
      const container = ip.eval(node.value, scope);
      const index = evalIndex(ip, node.index, scope);
      return itemSymbol(ip, node, container, index, getItem(container, index));
    }
    case 'Slice':
      return evalSlice(ip, node, scope);
    case 'Call':
      return evalCall(ip, node, scope);
    case 'BinOp':
      return evalBinOp(ip, node, scope);
    case 'UnaryOp': {
      const v = ip.eval(node.operand, scope);
      if (isTensorObj(v) && node.op === '-') return tensorNegative(ip, v, node.span);
      if (isTensorObj(v) && node.op !== 'not') return tensorObj(null, `\`${node.op}\` on a tensor`);
      return unaryOp(node.op, v, node.op === 'not' ? truthy(v) : false);
    }
    case 'BoolOp':
      return evalBoolOp(ip, node, scope);
    case 'Compare':
      return evalCompare(ip, node, scope);
    case 'IfExp':
      return evalIfExp(ip, node, scope);
    case 'Lambda':
      return makeFunction(ip, node, '<lambda>', scope, undefined);
    case 'Tuple': {
      const items = evalElements(ip, node.elts, scope);
      return isUnknown(items) ? items : makeTuple(items.values, items.spans);
    }
    case 'List': {
      const items = evalElements(ip, node.elts, scope);
      return isUnknown(items) ? items : makeList(items.values, items.spans);
    }
    case 'Set':
      for (const e of node.elts) ip.eval(e, scope);
      return unknown('a set');
    case 'Dict':
      return evalDict(ip, node, scope);
    case 'ListComp':
    case 'SetComp':
    case 'GeneratorExp':
      return evalComprehension(ip, node, scope);
    case 'DictComp':
      return evalDictComprehension(ip, node, scope);
    case 'NamedExpr': {
      const v = ip.eval(node.value, scope);
      namedExprScope(scope).assign(node.target.id, v);
      return v;
    }
    case 'Starred':
      return unknown('a starred expression outside a call or display');
    case 'Await':
    case 'Yield':
      if (node.value) ip.eval(node.value, scope);
      return unknown(node.kind === 'Await' ? 'an awaited value' : 'a generator');
    case 'ErrorExpr':
      return unknown('code the parser could not read');
  }
}

function evalName(ip: PyInterpreter, node: ast.Name, scope: PyScope): PyVal {
  const b = scope.lookup(node.id);
  if (b) {
    // A constant of another file: where it is defined, for the hover of a layer that uses it.
    if (b.origin && !ip.ctx.moduleEval) ip.ctx.nodeOrigins.set(node, b.origin);
    return b.value;
  }
  return builtinGlobal(node.id) ?? unknown(`\`${node.id}\` is not defined in this file`);
}

/** `(n := 10)` binds in the enclosing function (or module), never in a comprehension. */
function namedExprScope(scope: PyScope): PyScope {
  let s = scope;
  while (s.kind === 'comprehension' && s.parent) s = s.parent;
  return s;
}

function evalIndex(ip: PyInterpreter, node: ast.Expr, scope: PyScope): PyVal {
  if (node.kind === 'Tuple' && !node.parenthesized) {
    // `x[1:, 0]`: a tuple of indices (only meaningful on tensors here).
    const parts = node.elts.map((e) => ip.eval(e, scope));
    return makeTuple(parts);
  }
  return ip.eval(node, scope);
}

function evalSlice(ip: PyInterpreter, node: ast.Slice, scope: PyScope): PyVal {
  const part = (e: ast.Expr | null): PyVal => (e ? ip.eval(e, scope) : null);
  return { tag: 'slice', start: part(node.lower), stop: part(node.upper), step: part(node.step) };
}

function evalFString(ip: PyInterpreter, node: ast.FString, scope: PyScope): PyVal {
  let out = '';
  let missing = false;
  for (const part of node.parts) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const v = ip.eval(part.expr, scope);
    const spec = part.spec ? evalFString(ip, part.spec, scope) : '';
    if (typeof spec !== 'string') {
      missing = true;
      continue;
    }
    // `{x=}` uses repr() unless a conversion or a format spec says otherwise, as in CPython.
    const conversion = part.conversion ?? (part.selfDoc !== undefined && !part.spec ? 'r' : undefined);
    const converted = conversion === 'r' || conversion === 'a' ? pyRepr(v) : conversion === 's' ? pyStr(v) : null;
    const text = converted !== null ? formatValue(converted, spec) : formatValue(v, spec);
    if (text === null) missing = true;
    else out += (part.selfDoc ?? '') + text;
    if (out.length > MAX_SEQUENCE) return unknown('a string too long to track');
  }
  return missing ? unknown('an f-string with a value that is not statically known') : out;
}

function evalBinOp(ip: PyInterpreter, node: ast.BinOp, scope: PyScope): PyVal {
  const a = ip.eval(node.left, scope);
  const b = ip.eval(node.right, scope);
  // Arithmetic on KerasTensors is a Keras operation node (`add`, `multiply`...).
  if (isTensorObj(a) || isTensorObj(b)) return tensorBinaryOp(ip, node.op, a, b, node.span);
  return binaryOp(node.op, a, b);
}

function evalBoolOp(ip: PyInterpreter, node: ast.BoolOp, scope: PyScope): PyVal {
  let value = ip.eval(node.values[0], scope);
  for (let i = 1; i < node.values.length; i++) {
    const t = truthy(value);
    if (isUnknown(t)) {
      // The rest runs only on some paths: evaluate it as one arm of a join.
      const rest = node.values.slice(i);
      const restSpan: Span = { start: rest[0].span.start, end: rest[rest.length - 1].span.end };
      const restNode: ast.BoolOp | ast.Expr = rest.length === 1 ? rest[0] : { kind: 'BoolOp', op: node.op, values: rest, span: restSpan };
      const current = value;
      const test = ip.text({ start: node.values[0].span.start, end: node.values[i - 1].span.end });
      return evalUnknownArms(ip, scope, t.reason, [
        { code: restNode, value: () => ip.eval(restNode, scope), text: node.op === 'and' ? test : `not (${test})` },
        { code: null, value: () => current, text: node.op === 'and' ? `not (${test})` : test },
      ]);
    }
    if (node.op === 'and' ? !t : t) return value;
    value = ip.eval(node.values[i], scope);
  }
  return value;
}

function evalCompare(ip: PyInterpreter, node: ast.Compare, scope: PyScope): PyVal {
  let left = ip.eval(node.left, scope);
  let result: PyVal = true;
  for (let i = 0; i < node.ops.length; i++) {
    const right = ip.eval(node.comparators[i], scope);
    if (isTensorObj(left) || isTensorObj(right)) return tensorObj(null, 'a comparison of tensors');
    const r = compareOp(node.ops[i], left, right);
    if (r === false) return false; // a chain stops at the first false link
    if (isUnknown(r)) result = r;
    else if (r !== true) result = unknown('a comparison');
    left = right;
  }
  return result;
}

function evalIfExp(ip: PyInterpreter, node: ast.IfExp, scope: PyScope): PyVal {
  const t = truthy(ip.eval(node.test, scope));
  if (!isUnknown(t)) return ip.eval(t ? node.body : node.orelse, scope);
  const test = ip.text(node.test.span);
  return evalUnknownArms(ip, scope, t.reason, [
    { code: node.body, value: () => ip.eval(node.body, scope), text: test },
    { code: node.orelse, value: () => ip.eval(node.orelse, scope), text: `not (${test})` },
  ]);
}

interface Elements {
  readonly values: PyVal[];
  readonly spans: (Span | undefined)[];
}

/** Display elements with `*xs` unpacked; Unknown when an unpacked part has unknown length. */
function evalElements(ip: PyInterpreter, elts: readonly ast.Expr[], scope: PyScope): Elements | ReturnType<typeof unknown> {
  const values: PyVal[] = [];
  const spans: (Span | undefined)[] = [];
  let lost: string | null = null;
  for (const e of elts) {
    if (e.kind === 'Starred') {
      const items = ip.iterate(ip.eval(e.value, scope));
      if (isUnknown(items)) lost = items.reason;
      else
        for (const x of items) {
          values.push(x);
          spans.push(undefined);
        }
    } else {
      values.push(ip.eval(e, scope));
      spans.push(e.span);
    }
    if (values.length > MAX_SEQUENCE) return unknown('a sequence too long to track');
  }
  return lost !== null ? unknown(lost) : { values, spans };
}

function evalDict(ip: PyInterpreter, node: ast.Dict, scope: PyScope): PyDict {
  const d = makeDict();
  for (const item of node.items) {
    if ('unpack' in item) {
      mergeInto(d, ip.eval(item.unpack, scope));
      continue;
    }
    const k = ip.eval(item.key, scope);
    const v = ip.eval(item.value, scope);
    if (!dictSet(d, k, v, item.span)) d.open = 'a dict key that is not statically known';
  }
  return d;
}

/** `{**other}`: copies known entries; an unknown source leaves the dict open. */
export function mergeInto(d: PyDict, src: PyVal): void {
  if (isObject(src) && src.tag === 'dict' && !src.tainted) {
    for (const e of src.entries.values()) dictSet(d, e.key, e.value, e.span);
    if (src.open) d.open = src.open;
    return;
  }
  d.open = isUnknown(src) ? src.reason : 'a `**` of a value that is not a dict we can read';
}

/** Runs `for target in iter if cond ...` clauses, calling `body` for each binding. */
function runGenerators(ip: PyInterpreter, gens: readonly ast.Comprehension[], scope: PyScope, body: (s: PyScope) => void): string | null {
  const loop = (i: number): string | null => {
    if (i === gens.length) {
      body(scope);
      return null;
    }
    const g = gens[i];
    // The first iterable is evaluated in the enclosing scope, as in Python.
    const items = ip.iterate(ip.eval(g.iter, scope));
    if (isUnknown(items)) return items.reason;
    if (items.length > ip.ctx.limits.maxLoopIterations) return 'a comprehension over too many items';
    for (const item of items) {
      ip.assign(g.target, item, scope);
      let keep = true;
      for (const cond of g.ifs) {
        const t = truthy(ip.eval(cond, scope));
        if (isUnknown(t)) return t.reason;
        if (!t) {
          keep = false;
          break;
        }
      }
      if (!keep) continue;
      const lost = loop(i + 1);
      if (lost !== null) return lost;
    }
    return null;
  };
  return loop(0);
}

function comprehensionScope(scope: PyScope, gens: readonly ast.Comprehension[]): PyScope {
  const names = new Set<string>();
  for (const g of gens) assignedNames(g.target, names);
  return new PyScope(scope, 'comprehension', names);
}

function evalComprehension(ip: PyInterpreter, node: ast.ListComp, scope: PyScope): PyVal {
  const inner = comprehensionScope(scope, node.generators);
  const items: PyVal[] = [];
  const spans: (Span | undefined)[] = [];
  const lost = runGenerators(ip, node.generators, inner, (s) => {
    items.push(ip.eval(node.elt, s));
    spans.push(node.elt.span);
  });
  if (lost !== null) {
    // Layers the body may have built on some iterations are not known to exist.
    return unknown(lost);
  }
  if (node.kind === 'SetComp') return unknown('a set');
  return node.kind === 'GeneratorExp' ? makeTuple(items) : makeList(items, spans);
}

function evalDictComprehension(ip: PyInterpreter, node: ast.DictComp, scope: PyScope): PyVal {
  const inner = comprehensionScope(scope, node.generators);
  const d = makeDict();
  const lost = runGenerators(ip, node.generators, inner, (s) => {
    const k = ip.eval(node.key, s);
    if (!dictSet(d, k, ip.eval(node.value, s))) d.open = 'a dict key that is not statically known';
  });
  return lost !== null ? unknown(lost) : d;
}

/** Evaluates call arguments with `*` and `**` unpacking. */
export function evalArgs(ip: PyInterpreter, args: readonly ast.Arg[], scope: PyScope): CallArgs {
  const out = emptyArgs();
  for (const a of args) {
    const v = ip.eval(a.value, scope);
    if (ip.ctx.nodeOrigins.size > 0) noteArgOrigins(ip, out, a);
    switch (a.kind) {
      case 'positional':
        if (out.starUnknown === undefined) {
          out.positional.push(v);
          out.positionalSpans.push(a.span);
        }
        break;
      case 'star': {
        const items = ip.iterate(v);
        if (isUnknown(items)) out.starUnknown = items.reason;
        else if (out.starUnknown === undefined)
          for (const x of items) {
            out.positional.push(x);
            out.positionalSpans.push(a.span);
          }
        break;
      }
      case 'keyword':
        if (a.name !== undefined) {
          out.keywords.set(a.name, v);
          out.keywordSpans.set(a.name, a.span);
        }
        break;
      case 'doubleStar':
        if (isObject(v) && v.tag === 'dict' && !v.tainted) {
          for (const e of v.entries.values()) {
            if (typeof e.key !== 'string') continue;
            out.keywords.set(e.key, e.value);
            out.keywordSpans.set(e.key, e.span ?? a.span);
          }
          if (v.open) out.keywordsUnknown = v.open;
        } else out.keywordsUnknown = isUnknown(v) ? v.reason : 'a `**` of a value that is not a dict we can read';
        break;
    }
  }
  return out;
}

function evalCall(ip: PyInterpreter, node: ast.Call, scope: PyScope): PyVal {
  const fn = ip.eval(node.func, scope);
  const args = evalArgs(ip, node.args, scope);
  // `super()` needs the class and instance of the method it is called in.
  if (isObject(fn) && fn.tag === 'builtin' && fn.name === 'super' && args.positional.length === 0) return superOf(ip);
  return ip.call(fn, args, node.span, node);
}

/** `super()` in a method: the instance, seen from the class after the defining one. */
function superOf(ip: PyInterpreter): PyVal {
  const frame = ip.frames[ip.frames.length - 1];
  const cls = frame?.fn.definingClass;
  if (!frame || !cls || frame.self === undefined) return unknown('super() outside a method');
  return { tag: 'builtin', name: 'super', self: makeTuple([cls, frame.self]) };
}

/** A `def` or `lambda`: defaults are evaluated now, in the defining scope. */
export function makeFunction(ip: PyInterpreter, node: ast.FunctionDef | ast.Lambda, name: string, scope: PyScope, definingClass: PyFunction['definingClass']): PyFunction {
  const defaults = new Map<string, PyVal>();
  for (const p of node.params.params) if (p.default) defaults.set(p.name, ip.eval(p.default, scope));
  // Functions close over the nearest non-class scope: methods do not see class attributes.
  let closure = scope;
  while (closure.kind === 'class' && closure.parent) closure = closure.parent;
  const fn: PyFunction = { tag: 'function', node, name, closure, defaults, ...(definingClass ? { definingClass } : {}) };
  ip.ctx.createdFunctions.push(fn);
  return fn;
}

/** Which of a call's arguments (or elements of a tuple argument) are constants of another file. */
function noteArgOrigins(ip: PyInterpreter, out: CallArgs, a: ast.Arg): void {
  const origins = ip.ctx.nodeOrigins;
  const value = a.value;
  const self = origins.get(value);
  const items = value.kind === 'Tuple' || value.kind === 'List' ? value.elts.map((e) => origins.get(e)) : [];
  if (!self && !items.some((o) => o !== undefined)) return;
  const found: ArgOrigins = { ...(self ? { self } : {}), items };
  const known = (out.origins ??= { positional: new Map(), keywords: new Map() });
  if (a.kind === 'positional' && out.starUnknown === undefined) known.positional.set(out.positional.length, found);
  else if (a.kind === 'keyword' && a.name !== undefined) known.keywords.set(a.name, found);
}
