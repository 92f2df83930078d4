// Calls: user functions are evaluated per call site with their actual arguments; built-ins
// and TF.js APIs are dispatched to their modules; anything else yields Unknown and havocs
// the values it was given.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isUnknown, unknown } from '../../../types';
import { namedUnknown } from '../../../symbolic/symbols';
import type { Interpreter } from './interpreter';
import { Scope } from './scope';
import { hoistVars } from './statements';
import { callArrayMethod, callBuiltin, callPrimitiveMethod } from './builtins';
import { callTf, callLayerMethod, callModelMethod } from './tfCalls';
import { isTfModule } from './imports';
import { firstUncertainArg, isPrimitive, makeArray, makeObject, spanOf, type FunctionVal, type Val } from './values';
import { enterFrame, leaveFrame, RecursionUnwind, unwindTooDeep, unwound } from './recursion';
import { enterCall, leaveCall } from './foreignCalls';

function paramName(p: TSESTree.Parameter): string {
  if (p.type === 'Identifier') return p.name;
  if (p.type === 'AssignmentPattern' && p.left.type === 'Identifier') return p.left.name;
  if (p.type === 'RestElement' && p.argument.type === 'Identifier') return p.argument.name;
  if (p.type === 'TSParameterProperty') return paramName(p.parameter);
  return 'a destructured parameter';
}

/** A parameter no call gives: unknown, and named when it is a plain name (it may size a layer). */
function standaloneParam(p: TSESTree.Parameter, label: string): Val {
  const reason = `parameter \`${paramName(p)}\` of ${label}`;
  const why = `a parameter of ${label}, which no call in this file gives a value`;
  if (p.type === 'ObjectPattern') return destructuredParam(p, label, why);
  if (p.type !== 'Identifier') return unknown(reason);
  return namedUnknown(reason, p.name, spanOf(p), why);
}

/**
 * `function build({ numFeatures, units = 8 })` never called: an open object whose plainly
 * destructured keys are named after the local binding (`numFeatures`), and whose keys with a
 * default read as absent, so the default applies, as for a parameter with a default. Any other
 * key reads as unknown.
 */
function destructuredParam(p: TSESTree.ObjectPattern, label: string, why: string): Val {
  const obj = makeObject();
  obj.open = `destructured parameter of ${label}`;
  for (const prop of p.properties) {
    if (prop.type !== 'Property' || prop.computed || prop.key.type !== 'Identifier') continue;
    const key = prop.key.name;
    if (prop.value.type === 'Identifier') {
      obj.props.set(key, namedUnknown(`parameter \`${key}\` of ${label}`, prop.value.name, spanOf(prop), why));
    } else if (prop.value.type === 'AssignmentPattern') obj.props.set(key, undefined);
  }
  return obj;
}

/**
 * Runs a user function. `standalone`: the function is never called in this file, so run it
 * once with its parameters unknown, except those with a default value, which take the default.
 */
export function callFunction(ip: Interpreter, fn: FunctionVal, args: Val[], thisVal: Val | undefined, standalone = false, callNode?: TSESTree.Node): Val {
  const ctx = ip.ctx;
  ctx.calledFunctions.add(fn.node);
  const label = fn.name ?? 'an anonymous function';
  if (fn.node.generator) {
    ip.havocValues(args, `passed to generator ${label}`);
    return unknown(`result of generator ${label}`);
  }
  if (ctx.callDepth >= ctx.limits.maxCallDepth) {
    unwindTooDeep(ctx, fn);
    ip.havocValues(args, 'passed to a call nested too deeply');
    return unknown(`call depth limit reached in ${label}`);
  }
  const isArrow = fn.node.type === 'ArrowFunctionExpression';
  const frame = enterFrame(ip, fn, args, isArrow ? fn.scope.thisValue() : (thisVal ?? fn.thisVal), callNode);
  const crossing = enterCall(ctx, fn.node, callNode);
  ctx.callDepth++;
  try {
    const scope = new Scope(fn.scope, true, isArrow ? fn.scope.thisValue() : (thisVal ?? fn.thisVal));
    const uncertainFrom = firstUncertainArg(args);
    fn.node.params.forEach((p, i) => {
      let v: Val;
      if (p.type === 'RestElement') {
        if (standalone) v = unknown(`rest parameter of ${label}`);
        else if (uncertainFrom < Infinity) v = unknown('rest parameter after a spread we cannot expand');
        else v = ctx.reserve(Math.max(0, args.length - i)) ?? makeArray(args.slice(i));
      } else if (standalone) v = p.type === 'AssignmentPattern' ? undefined : standaloneParam(p, label);
      else if (i >= uncertainFrom) v = unknown('argument after a spread we cannot expand');
      else v = args[i];
      ip.bind(p, v, scope, 'param');
    });
    const body = fn.node.body;
    if (!body) return unknown('function without a body');
    if (body.type !== 'BlockStatement') return ip.eval(body, scope);
    hoistVars(body.body, scope);
    const c = ip.execList(body.body, scope);
    if (c.kind === 'return') return c.value;
    if (c.kind === 'throw') return unknown(`${label} throws`);
    return undefined;
  } catch (e) {
    if (e instanceof RecursionUnwind && e.target === frame) return unwound(ip, frame, e, args);
    throw e;
  } finally {
    ctx.callDepth--;
    leaveFrame(ctx, frame);
    leaveCall(ctx, crossing);
  }
}

function callRequire(ip: Interpreter, args: Val[]): Val {
  const src = args[0];
  if (typeof src === 'string' && isTfModule(src)) {
    ip.ctx.sawTfRequire = true;
    return { tag: 'tf', path: [] };
  }
  if (typeof src === 'string' && ip.ctx.imports) return ip.ctx.imports.require(src);
  return unknown(typeof src === 'string' ? `required from '${src}'` : 'require of a non-constant');
}

export function callValue(ip: Interpreter, fn: Val, args: Val[], callNode: TSESTree.Node, thisVal?: Val): Val {
  if (typeof fn === 'object' && fn !== null && 'tag' in fn) {
    switch (fn.tag) {
      case 'function':
        return callFunction(ip, fn, args, thisVal, false, callNode);
      case 'builtin':
        if (fn.name === 'require') return callRequire(ip, args);
        return callBuiltin(ip, fn.name, args, callNode);
      case 'tf':
        if (callNode.type === 'CallExpression' || callNode.type === 'NewExpression') return callTf(ip, fn.path, args, callNode);
        return unknown(`tf.${fn.path.join('.')} called indirectly`);
    }
  }
  ip.havocValues(args, 'passed to a function we cannot see');
  return isUnknown(fn) ? unknown(`result of calling an unknown function (${fn.reason})`) : unknown('call of a non-function');
}

export function callMethod(ip: Interpreter, recv: Val, name: string, args: Val[], callNode: TSESTree.CallExpression | TSESTree.NewExpression): Val {
  if (isPrimitive(recv)) {
    if (recv === null || recv === undefined) return unknown(`method ${name} of ${String(recv)}`);
    return callPrimitiveMethod(ip.ctx, recv, name, args);
  }
  if (isUnknown(recv)) {
    ip.havocValues(args, 'passed to a method of an unknown value');
    return unknown(`result of .${name}() on an unknown value`);
  }
  switch (recv.tag) {
    case 'tf':
      return callTf(ip, [...recv.path, name], args, callNode);
    case 'layer':
      return callLayerMethod(ip, recv, name, args, callNode);
    case 'model':
      return callModelMethod(ip, recv, name, args, callNode);
    case 'array':
      if (recv.tainted) {
        ip.havocValues(args, recv.tainted);
        return unknown(recv.tainted);
      }
      return callArrayMethod(ip, recv, name, args, callNode);
    case 'builtin':
      return callBuiltin(ip, `${recv.name}.${name}`, args, callNode);
    case 'function':
      if (name === 'call') return callFunction(ip, recv, args.slice(1), args[0], false, callNode);
      if (name === 'apply') {
        const list = args[1];
        if (list === undefined || list === null) return callFunction(ip, recv, [], args[0], false, callNode);
        if (typeof list === 'object' && 'tag' in list && list.tag === 'array' && !list.tainted) return callFunction(ip, recv, [...list.items], args[0], false, callNode);
      }
      ip.havocValues([recv, ...args], `function method ${name}`);
      return unknown(`function method ${name}`);
    case 'object': {
      const m = recv.tainted ? undefined : recv.props.get(name);
      if (m !== undefined) return callValue(ip, m, args, callNode, recv);
      ip.havocValues(args, `passed to method ${name} we cannot see`);
      return unknown(`method ${name} of an object`);
    }
    case 'tensor':
      return unknown(`tensor method ${name}`);
  }
}
