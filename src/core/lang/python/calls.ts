// Calls: user functions with Python's parameter binding (positional, keyword, defaults,
// `*args`, `**kwargs`, keyword-only), bound methods, classes, built-ins and the Keras API.
// A call into something we cannot see makes the values it was handed unknown (havoc), since
// it may add layers to a model or append to a list.
import { isUnknown, unknown, type Span, type Unknown } from '../../types';
import { namedUnknown } from '../../symbolic/symbols';
import type * as ast from './ast';
import { allArgValues, type CallArgs } from './callArgs';
import { callBuiltin } from './builtins';
import { instantiate } from './classes';
import { containsYield, functionLocals } from './codeScan';
import type { PyInterpreter } from './interpreter';
import { callKeras, callKerasObject } from './keras/calls';
import { checkEntry, PyRecursionUnwind, unwound, type Frame } from './recursion';
import { PyScope } from './scope';
import { makeDict, makeTuple, dictSet, type PyFunction, type PyVal } from './values';
import { enterCall, leaveCall } from './foreignCalls';

/** How many times one function may be active at once before we call it unbounded recursion. */
const MAX_RECURSION = 6;

const localsCache = new WeakMap<PyFunction['node'], Set<string>>();

function localsOf(node: PyFunction['node']): Set<string> {
  let s = localsCache.get(node);
  if (!s) {
    s = functionLocals(node);
    localsCache.set(node, s);
  }
  return s;
}

/**
 * Binds arguments to parameters as Python does. Where an argument cannot be known (an unknown
 * `*args`/`**kwargs` at the call site, a standalone run), the parameter is Unknown: its
 * default applies only when the argument is certainly absent.
 */
function bindParameters(ip: PyInterpreter, fn: PyFunction, args: CallArgs, self: PyVal | undefined, scope: PyScope, standalone: boolean): void {
  const params = fn.node.params.params;
  const positional = self === undefined ? [...args.positional] : [self, ...args.positional];
  const usedKeywords = new Set<string>();
  let next = 0;
  for (const p of params) {
    if (p.kind === 'varargs') {
      const rest = positional.slice(next);
      next = positional.length;
      scope.assign(p.name, args.starUnknown ? unknown(args.starUnknown) : makeTuple(rest));
      continue;
    }
    if (p.kind === 'varkw') {
      const extra = makeDict();
      for (const [k, v] of args.keywords) if (!usedKeywords.has(k)) dictSet(extra, k, v, args.keywordSpans.get(k));
      if (args.keywordsUnknown) extra.open = args.keywordsUnknown;
      scope.assign(p.name, standalone ? unknown(`**${p.name} of ${fn.name}`) : extra);
      continue;
    }
    let value: PyVal | undefined;
    if (p.kind !== 'kwonly' && next < positional.length) value = positional[next++];
    else if (p.kind !== 'posonly' && args.keywords.has(p.name)) {
      value = args.keywords.get(p.name);
      usedKeywords.add(p.name);
    } else if (args.keywordsUnknown && p.kind !== 'posonly') value = unknown(args.keywordsUnknown);
    else if (args.starUnknown && p.kind !== 'kwonly') value = unknown(args.starUnknown);
    else if (fn.defaults.has(p.name)) value = fn.defaults.get(p.name);
    // `value` may be None (null): only a missing argument is unknown.
    scope.assign(p.name, value !== undefined ? value : standalone ? standaloneParam(p, fn.name) : unknown(`argument \`${p.name}\` is missing`));
  }
}

/** A parameter no call gives: unknown, named after it (it may size a layer: `def build(num_features)`). */
function standaloneParam(p: ast.Param, fnName: string): Unknown {
  const reason = `parameter \`${p.name}\` of ${fnName}`;
  if (p.kind === 'varargs' || p.kind === 'varkw' || p.name === 'self' || p.name === 'cls') return unknown(reason);
  return namedUnknown(reason, p.name, p.span, `a parameter of ${fnName}, which no call in this file gives a value`);
}

/** Runs a user function. `standalone`: a never-called function, parameters unknown. */
export function callFunction(ip: PyInterpreter, fn: PyFunction, args: CallArgs, self: PyVal | undefined, standalone = false, callSpan?: Span): PyVal {
  const ctx = ip.ctx;
  ctx.calledFunctions.add(fn.node);
  const argValues = (): PyVal[] => [...allArgValues(args), ...(self === undefined ? [] : [self])];
  const active = ip.frames.filter((f) => f.fn.node === fn.node).length;
  const tooDeep = ctx.callDepth >= ctx.limits.maxCallDepth || active >= MAX_RECURSION;
  const scope = new PyScope(fn.closure, 'function', localsOf(fn.node));
  if (!tooDeep) bindParameters(ip, fn, args, self, scope, standalone);
  // Throws to the outermost call of a recursion that never ends, or goes too deep (recursion.ts).
  const state = checkEntry(ip, fn, scope, self, tooDeep, callSpan);
  if (tooDeep) {
    ip.havocValues(argValues(), 'a call nested too deeply');
    return unknown(active >= MAX_RECURSION ? `unbounded recursion in ${fn.name}` : 'a call nested too deeply');
  }
  const frame: Frame = { fn, self, state, uncertainty: ctx.uncertainty, models: ctx.models.length, tensors: ctx.tensors.length, touched: ctx.touchLog.length };
  const crossing = enterCall(ctx, fn);
  ctx.callDepth++;
  ip.frames.push(frame);
  try {
    if (fn.node.kind === 'Lambda') return ip.eval(fn.node.body, scope);
    const c = ip.execBlock(fn.node.body, scope);
    if (c.kind === 'return') return c.value;
    if (c.kind === 'raise') return unknown(`${fn.name} raises`);
    return isGenerator(fn.node) ? unknown('a generator') : null;
  } catch (e) {
    if (e instanceof PyRecursionUnwind && e.target === frame) return unwound(ip, frame, e, argValues());
    throw e;
  } finally {
    const i = ip.frames.lastIndexOf(frame);
    if (i >= 0) ip.frames.length = i;
    ctx.callDepth--;
    if (ip.frames.length === 0) ctx.touchLog.length = 0; // only frames read it
    leaveCall(ctx, crossing);
  }
}

const generatorCache = new WeakMap<ast.FunctionDef, boolean>();

/** A `def` containing `yield` returns a generator, not its `return` value. */
function isGenerator(node: ast.FunctionDef): boolean {
  let g = generatorCache.get(node);
  if (g === undefined) {
    g = containsYield(node.body);
    generatorCache.set(node, g);
  }
  return g;
}

export function callValue(ip: PyInterpreter, fn: PyVal, args: CallArgs, span: Span, site: ast.Call | null): PyVal {
  // The call the program makes: where what a function of another file builds is shown.
  if (ip.ctx.site === null) ip.ctx.callSpan = span;
  if (isUnknown(fn) || fn === null || typeof fn !== 'object') {
    ip.havocValues(allArgValues(args), 'a call to code we cannot follow');
    return unknown(isUnknown(fn) ? `the result of calling ${fn.reason}` : 'calling a value that is not callable');
  }
  switch (fn.tag) {
    case 'function':
      return callFunction(ip, fn, args, undefined, false, span);
    case 'bound':
      return callFunction(ip, fn.fn, args, fn.self, false, span);
    case 'class':
      return instantiate(ip, fn, args, span, site);
    case 'builtin':
      return callBuiltin(ip, fn, args, span, site);
    case 'keras':
      return callKeras(ip, fn.path, args, span, site);
    case 'layer':
    case 'model':
    case 'instance':
      return callKerasObject(ip, fn, args, span, site);
    default:
      ip.havocValues(allArgValues(args), 'a call to code we cannot follow');
      return unknown(`calling a ${fn.tag}`);
  }
}
