// Expression evaluation. Every construct we do not model yields Unknown; nothing throws.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isUnknown, unknown, type Unknown } from '../../../types';
import { DATA_WHY, namedUnknown, opaque } from '../../../symbolic/symbols';
import type { Interpreter } from './interpreter';
import type { Scope } from './scope';
import { binaryOp, binaryOpWithin, logicalShortCircuits, unaryOp } from './operators';
import { getMember, globalValue } from './builtins';
import { isTfModule } from './imports';
import { isTagged, makeArray, makeObject, markUncertainFrom, spanOf, taintOf, truthy, isPrimitive, type FunctionNode, type FunctionVal, type ObjectVal, type Primitive, type Val } from './values';
import { stringLength } from './valueBudget';
import { registerClass } from './statements';
import { evalUnknownArms } from './branches';
import { mayHaveEffects, negated, sourceText } from './codeScan';
import { callTf } from './tfCalls';
import { isForeignOffset } from '../../../workspace/foreignSpans';

/** Evaluates call arguments, expanding spreads of known arrays (within the size budget). */
export function evalArgs(ip: Interpreter, args: readonly TSESTree.CallExpressionArgument[], scope: Scope): Val[] {
  const out: Val[] = [];
  for (const a of args) {
    if (a.type === 'SpreadElement') {
      const v = ip.eval(a.argument, scope);
      const known = typeof v === 'object' && v !== null && 'tag' in v && v.tag === 'array' && !v.tainted;
      const refused = known ? ip.ctx.reserve(v.items.length, out.length + v.items.length) : null;
      if (known && !refused) for (const x of v.items) out.push(x);
      else {
        markUncertainFrom(out, out.length);
        out.push(refused ?? unknown('spread of a value that is not a known array'));
      }
    } else out.push(ip.eval(a, scope));
  }
  return out;
}

/** The property name of a member expression: a string, or Unknown for computed keys we cannot fold. */
export function memberKey(ip: Interpreter, node: TSESTree.MemberExpression, scope: Scope): string | ReturnType<typeof unknown> {
  if (!node.computed) return node.property.type === 'Identifier' ? node.property.name : unknown('private member');
  const k = ip.eval(node.property, scope);
  if (typeof k === 'string' || typeof k === 'number') return String(k);
  return isUnknown(k) ? k : unknown('computed property key');
}

export function makeFunction(ip: Interpreter, node: FunctionNode, scope: Scope, thisVal: Val, name?: string): FunctionVal {
  const fn: FunctionVal = { tag: 'function', node, scope, thisVal, name: name ?? (node.id ? node.id.name : undefined) };
  ip.ctx.createdFunctions.push(fn);
  return fn;
}

function evalArray(ip: Interpreter, node: TSESTree.ArrayExpression, scope: Scope): Val {
  const arr = makeArray([]);
  const ctx = ip.ctx;
  for (const el of node.elements) {
    if (el === null) {
      const refused = ctx.reserve(1, arr.items.length + 1);
      if (refused) return refused;
      arr.items.push(undefined);
      arr.spans.push(undefined);
    } else if (el.type === 'SpreadElement') {
      const v = ip.eval(el.argument, scope);
      if (typeof v === 'string') {
        const refused = ctx.reserve(v.length, arr.items.length + v.length);
        if (refused) return refused;
        for (const ch of v) {
          arr.items.push(ch);
          arr.spans.push(undefined);
        }
      } else if (typeof v === 'object' && v !== null && 'tag' in v && v.tag === 'array' && !v.tainted) {
        const refused = ctx.reserve(v.items.length, arr.items.length + v.items.length);
        if (refused) return refused;
        for (let i = 0; i < v.items.length; i++) {
          arr.items.push(v.items[i]);
          arr.spans.push(v.spans[i]);
        }
      } else return unknown('spread of a value that is not a known array');
    } else {
      const v = ip.eval(el, scope);
      const refused = ctx.reserve(1, arr.items.length + 1);
      if (refused) return refused;
      arr.items.push(v);
      arr.spans.push(spanOf(el));
    }
  }
  return arr;
}

function propertyKey(ip: Interpreter, prop: TSESTree.Property | TSESTree.MethodDefinition | TSESTree.PropertyDefinition, scope: Scope): string | null {
  if (!prop.computed) {
    if (prop.key.type === 'Identifier') return prop.key.name;
    if (prop.key.type === 'Literal') return String(prop.key.value);
    return null;
  }
  const k = ip.eval(prop.key, scope);
  return typeof k === 'string' || typeof k === 'number' ? String(k) : null;
}

function evalObject(ip: Interpreter, node: TSESTree.ObjectExpression, scope: Scope): Val {
  const obj: ObjectVal = makeObject();
  const ctx = ip.ctx;
  for (const p of node.properties) {
    if (p.type === 'SpreadElement') {
      const v = ip.eval(p.argument, scope);
      const span = spanOf(p);
      if (v === null || v === undefined || typeof v === 'number' || typeof v === 'boolean') continue;
      const size = typeof v === 'object' && 'tag' in v ? (v.tag === 'object' ? v.props.size : v.tag === 'array' ? v.items.length : 0) : 0;
      const refused = ctx.reserve(size, obj.props.size + size);
      if (refused) return refused;
      if (typeof v === 'object' && 'tag' in v && v.tag === 'object' && !v.tainted) {
        for (const [k, x] of v.props) {
          obj.props.set(k, x);
          obj.spans.set(k, span);
        }
        if (v.open) obj.open = v.open;
      } else if (typeof v === 'object' && 'tag' in v && v.tag === 'array' && !v.tainted) {
        v.items.forEach((x, i) => {
          obj.props.set(String(i), x);
          obj.spans.set(String(i), span);
        });
      } else {
        // Any key may come from here: those written before are no longer certain.
        const reason = isUnknown(v) ? `spread of an unknown value (${v.reason})` : taintOf(v) ?? 'spread of a value we cannot enumerate';
        for (const k of obj.props.keys()) {
          obj.props.set(k, unknown(reason));
          obj.spans.set(k, span);
        }
        obj.open = reason;
      }
      continue;
    }
    const key = propertyKey(ip, p, scope);
    if (key === null) {
      ip.eval(p.value, scope);
      obj.open = 'computed property key';
      continue;
    }
    let value: Val;
    if (p.kind !== 'init') value = unknown('accessor property');
    else if (p.value.type === 'FunctionExpression' || p.value.type === 'ArrowFunctionExpression') {
      value = makeFunction(ip, p.value, scope, p.value.type === 'FunctionExpression' ? obj : scope.thisValue(), key);
    } else value = ip.eval(p.value, scope);
    const refused = obj.props.has(key) ? null : ctx.reserve(1, obj.props.size + 1);
    if (refused) return refused;
    obj.props.set(key, value);
    obj.spans.set(key, spanOf(p));
  }
  return obj;
}

function evalTemplate(ip: Interpreter, node: TSESTree.TemplateLiteral, scope: Scope): Val {
  const parts: Primitive[] = [node.quasis[0]?.value.cooked ?? ''];
  for (let i = 0; i < node.expressions.length; i++) {
    const v = ip.eval(node.expressions[i], scope);
    if (!isPrimitive(v)) return isUnknown(v) ? opaque(v) : unknown('template with a non-constant part');
    parts.push(v, node.quasis[i + 1]?.value.cooked ?? '');
  }
  if (parts.length === 1) return parts[0];
  const refused = ip.ctx.reserve(parts.reduce<number>((n, p) => n + stringLength(p), 0));
  return refused ?? parts.map(String).join('');
}

function evalMember(ip: Interpreter, node: TSESTree.MemberExpression, scope: Scope): Val {
  const obj = ip.eval(node.object, scope);
  if (node.optional && (obj === null || obj === undefined)) return undefined;
  const key = memberKey(ip, node, scope);
  if (isUnknown(key)) return opaque(key);
  if (isTagged(obj) && obj.tag === 'object') noteForeignProperty(ip, node, obj, key);
  const value = getMember(obj, key);
  return isUnknown(value) && !value.symbol ? (shapeEntrySymbol(ip, node, value) ?? value) : value;
}

/** `data.IMAGE_H` where the object comes from another file: remember where IMAGE_H is written. */
function noteForeignProperty(ip: Interpreter, node: TSESTree.Node, obj: ObjectVal, key: string): void {
  const span = obj.spans.get(key);
  if (span && isForeignOffset(span.start) && !ip.ctx.moduleEval) ip.ctx.nodeOrigins.set(node, { name: key, span });
}

function evalCall(ip: Interpreter, node: TSESTree.CallExpression, scope: Scope): Val {
  const callee = node.callee;
  if (callee.type === 'MemberExpression') {
    const recv = ip.eval(callee.object, scope);
    if ((callee.optional || node.optional) && (recv === null || recv === undefined)) return undefined;
    const key = memberKey(ip, callee, scope);
    const args = evalArgs(ip, node.arguments, scope);
    if (isUnknown(key)) {
      ip.havocValues([recv, ...args], 'passed to a call we cannot resolve');
      return key;
    }
    return ip.callMethod(recv, key, args, node);
  }
  if (callee.type === 'Super') return unknown('super call');
  const fn = ip.eval(callee, scope);
  if (node.optional && (fn === null || fn === undefined)) return undefined;
  const args = evalArgs(ip, node.arguments, scope);
  return ip.call(fn, args, node);
}

function evalLogical(ip: Interpreter, node: TSESTree.LogicalExpression, scope: Scope): Val {
  const leftValue = ip.eval(node.left, scope);
  const decided = logicalShortCircuits(node.operator, leftValue);
  if (decided === true) return leftValue;
  if (decided === false) return ip.eval(node.right, scope);
  // Unknown whether the right side runs: both ways are followed and joined (branches.ts).
  if (!mayHaveEffects(node.right)) return decided; // `cfg.units ?? 64`
  const left = sourceText(ip, node.left);
  const runsRight = node.operator === '&&' ? left : node.operator === '||' ? negated(left) : `${left} == null`;
  return evalUnknownArms(ip, scope, `right side of ${node.operator} may not run`, [
    { code: node.right, value: () => ip.eval(node.right, scope), text: runsRight },
    { code: null, value: () => leftValue, text: node.operator === '&&' ? negated(left) : node.operator === '||' ? left : `${left} != null` },
  ]);
}

function evalAssignment(ip: Interpreter, node: TSESTree.AssignmentExpression, scope: Scope): Val {
  const op = node.operator;
  let value: Val;
  if (op === '=') value = ip.eval(node.right, scope);
  else if (op === '&&=' || op === '||=' || op === '??=') {
    const current = ip.eval(node.left, scope);
    const decided = logicalShortCircuits(op.slice(0, -1), current);
    if (decided === true) return current;
    if (decided !== false) {
      ip.havoc(node, scope, `${op} on an unknown value`);
      return decided;
    }
    value = ip.eval(node.right, scope);
  } else value = binaryOpWithin(ip.ctx, op.slice(0, -1), ip.eval(node.left, scope), ip.eval(node.right, scope));
  ip.bind(node.left, value, scope, null);
  nameModel(node.left, value);
  return value;
}

/** A model takes the name of the first variable (or property) it is bound to. */
export function nameModel(target: TSESTree.Node, value: Val): void {
  if (typeof value !== 'object' || value === null || !('tag' in value) || value.tag !== 'model') return;
  if (value.model.name !== null) return;
  if (target.type === 'Identifier') value.model.name = target.name;
  else if (target.type === 'MemberExpression' && !target.computed && target.property.type === 'Identifier') value.model.name = target.property.name;
}

function evalUpdate(ip: Interpreter, node: TSESTree.UpdateExpression, scope: Scope): Val {
  const old = ip.eval(node.argument, scope);
  const next = binaryOp(node.operator === '++' ? '+' : '-', typeof old === 'string' ? Number(old) : old, 1);
  ip.bind(node.argument, next, scope, null);
  if (isUnknown(next)) return next;
  return node.prefix ? next : typeof old === 'string' ? Number(old) : old;
}

/** `new tf.Sequential(config)` is `tf.sequential(config)`; `new tf.LayersModel(config)` is `tf.model(config)`. */
const MODEL_CLASS_FACTORIES: ReadonlyMap<string, string> = new Map([
  ['Sequential', 'sequential'],
  ['LayersModel', 'model'],
]);

function evalNew(ip: Interpreter, node: TSESTree.NewExpression, scope: Scope): Val {
  const ctor = ip.eval(node.callee, scope);
  const args = evalArgs(ip, node.arguments, scope);
  if (typeof ctor === 'object' && ctor !== null && 'tag' in ctor && ctor.tag === 'builtin' && ctor.name === 'Array') return ip.call(ctor, args, node);
  // TF.js's model classes, constructed directly: the same as their factories.
  if (isTagged(ctor) && ctor.tag === 'tf' && ctor.path.length === 1) {
    const factory = MODEL_CLASS_FACTORIES.get(ctor.path[0]);
    if (factory) return callTf(ip, [factory], args, node);
  }
  ip.havocValues(args, 'passed to a constructor');
  return unknown('object built with `new`');
}

export function evalExpression(ip: Interpreter, node: TSESTree.Node, scope: Scope): Val {
  switch (node.type) {
    case 'Literal':
      if ('regex' in node || 'bigint' in node) return unknown('regex or bigint literal');
      return node.value as string | number | boolean | null;
    case 'Identifier': {
      const b = scope.lookup(node.name);
      if (!b) return globalValue(node.name);
      const t = taintOf(b.value);
      // A constant of another file: where it is defined, for the hover of a layer that uses it.
      if (b.origin && !ip.ctx.moduleEval) ip.ctx.nodeOrigins.set(node, b.origin);
      return t ? unknown(t) : b.value;
    }
    case 'TemplateLiteral':
      return evalTemplate(ip, node, scope);
    case 'ArrayExpression':
      return evalArray(ip, node, scope);
    case 'ObjectExpression':
      return evalObject(ip, node, scope);
    case 'MemberExpression':
      return evalMember(ip, node, scope);
    case 'ChainExpression':
      return ip.eval(node.expression, scope);
    case 'CallExpression':
      return evalCall(ip, node, scope);
    case 'NewExpression':
      return evalNew(ip, node, scope);
    case 'BinaryExpression': {
      if (node.left.type === 'PrivateIdentifier') return unknown('private field check');
      const l = ip.eval(node.left, scope);
      const r = ip.eval(node.right, scope);
      if (node.operator === 'in' || node.operator === 'instanceof') return unknown(`operator ${node.operator}`);
      return binaryOpWithin(ip.ctx, node.operator, l, r);
    }
    case 'LogicalExpression':
      return evalLogical(ip, node, scope);
    case 'UnaryExpression':
      if (node.operator === 'delete') return unknown('delete');
      return unaryOp(node.operator, ip.eval(node.argument, scope));
    case 'UpdateExpression':
      return evalUpdate(ip, node, scope);
    case 'ConditionalExpression': {
      const t = truthy(ip.eval(node.test, scope));
      if (t === true) return ip.eval(node.consequent, scope);
      if (t === false) return ip.eval(node.alternate, scope);
      if (!mayHaveEffects(node.consequent) && !mayHaveEffects(node.alternate)) return t; // `big ? 128 : 64`
      const condition = sourceText(ip, node.test);
      return evalUnknownArms(ip, scope, `branch of a conditional with an unknown test (${t.reason})`, [
        { code: node.consequent, value: () => ip.eval(node.consequent, scope), text: condition },
        { code: node.alternate, value: () => ip.eval(node.alternate, scope), text: negated(condition) },
      ]);
    }
    case 'AssignmentExpression':
      return evalAssignment(ip, node, scope);
    case 'SequenceExpression': {
      let v: Val = undefined;
      for (const e of node.expressions) v = ip.eval(e, scope);
      return v;
    }
    case 'ArrowFunctionExpression':
      return makeFunction(ip, node, scope, scope.thisValue());
    case 'FunctionExpression':
      return makeFunction(ip, node, scope, unknown('`this` of a function expression'));
    case 'ClassExpression':
      registerClass(ip, node, scope);
      return unknown('a class');
    case 'ThisExpression':
      return scope.thisValue();
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'TSSatisfiesExpression':
    case 'TSTypeAssertion':
    case 'TSInstantiationExpression':
      return ip.eval(node.expression, scope);
    case 'AwaitExpression':
      // Awaiting a non-promise gives the value back; a promise we do not model is Unknown anyway.
      return ip.eval(node.argument, scope);
    case 'ImportExpression':
      return node.source.type === 'Literal' && typeof node.source.value === 'string' && isTfModule(node.source.value)
        ? ((ip.ctx.sawTfRequire = true), { tag: 'tf', path: [] })
        : unknown('dynamic import');
    default:
      return unknown(`${node.type} is not evaluated`);
  }
}

/** `xs.shape[1]`, `data.train.shape[0]`: a name path, at most this long, is a name the user knows. */
const SHAPE_ENTRY = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*\.shape\[\d+\]$/;
const MAX_SYMBOL_NAME = 40;

/** A tensor's size read from data (`xs.shape[1]`): unknown here, named after the code that reads it. */
function shapeEntrySymbol(ip: Interpreter, node: TSESTree.MemberExpression, value: Unknown): Unknown | null {
  if (!node.computed || node.property.type !== 'Literal' || node.object.type !== 'MemberExpression') return null;
  const text = sourceText(ip, node).replace(/\s+/g, '');
  if (text.length > MAX_SYMBOL_NAME || !SHAPE_ENTRY.test(text)) return null;
  return namedUnknown(value.reason, text, spanOf(node), DATA_WHY);
}
