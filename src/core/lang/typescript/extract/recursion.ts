// Recursion the interpreter must not follow to its end. Each user-function call is a Frame on
// ctx.frames. Two cases unwind a whole recursion at once, back to its outermost call, whose
// result becomes Unknown and whose models are taken out again (they are phantoms: the program
// never gets past that call):
// - unbounded recursion: a function is entered again in exactly the state of its previous
//   entry (same arguments, same free variables, same `this` when it reads `this`, compared by
//   value), with no undecided branch between the two. The interpreter is exact where it has
//   no Unknown, so the next entry will do the same again, forever: TF.js would stop with
//   "Maximum call stack size exceeded". Reported once per function;
// - recursion past the call-depth limit. Nothing is reported (it may end deeper), but nothing
//   it built is kept: an exponential recursion must not leave thousands of models behind.
// Without the unwind, the step budget alone stopped them: 14,097 models from one pasted line.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { FingerprintWriter, identity } from '../../../fingerprint';
import { isUnknown, unknown, type Unknown } from '../../../types';
import { cachedReferencedNames, pushChildren } from './ast';
import type { Ctx, Frame } from './context';
import type { Interpreter } from './interpreter';
import { spanOf, type FunctionNode, type FunctionVal, type Val } from './values';

/** Thrown at the entry that proves (or takes too deep) a recursion; caught by `target`'s call. */
export class RecursionUnwind extends Error {
  constructor(
    readonly target: Frame,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const usesThisCache = new WeakMap<FunctionNode, boolean>();

/** Whether `this` appears in the function (a nested arrow's `this` is the same one). */
function usesThis(fn: FunctionNode): boolean {
  let found = usesThisCache.get(fn);
  if (found !== undefined) return found;
  found = false;
  const stack: TSESTree.Node[] = [fn.body];
  while (stack.length > 0 && !found) {
    const n = stack.pop() as TSESTree.Node;
    if (n.type === 'ThisExpression') found = true;
    else pushChildren(n, stack);
  }
  usesThisCache.set(fn, found);
  return found;
}

/**
 * The state a call starts from, as a string equal for equal states; null when it holds an
 * Unknown (two unknowns need not be equal), a value we cannot see into, or is too large.
 */
export function fingerprint(values: readonly Val[]): string | null {
  return FingerprintWriter.of(values, visitValue);
}

function visitValue(v: Val, w: FingerprintWriter): boolean {
  const emit = (s: string): boolean => w.emit(s);
  const visit = (x: Val): boolean => visitValue(x, w);
  if (isUnknown(v)) return false;
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'number') return emit(Object.is(v, -0) ? 'n-0,' : `n${v},`);
    if (typeof v === 'string') return w.string(v);
    return emit(`${typeof v}${String(v)},`);
  }
  if (w.seenBefore(v)) return w.reference(v); // a cycle, or shared: identity
  switch (v.tag) {
    case 'array':
      if (v.tainted || !emit('[')) return false;
      for (const x of v.items) if (!visit(x)) return false;
      return emit('],');
    case 'object':
      if (v.tainted || v.open || !emit('{')) return false;
      for (const [k, x] of v.props) if (!emit(`${k.length}:${k}=`) || !visit(x)) return false;
      return emit('},');
    case 'tf':
      return emit(`tf.${v.path.join('.')},`);
    case 'builtin':
      return emit(`builtin ${v.name},`);
    case 'model':
      // By identity alone: no value the interpreter computes depends on a model's layers
      // (its members and methods are Unknown or undefined), so adding layers is no progress.
      return emit(`model${identity(v.model)},`);
    case 'function':
      return emit(`fn${identity(v)},`);
    case 'layer':
      return emit(`layer${identity(v.decl)},`);
    case 'tensor':
      return emit(`tensor${identity(v.node)},`);
  }
}

/** Arguments, the free variables the function (and what it nests) reads, and `this` if it reads it. */
function entryState(fn: FunctionVal, args: readonly Val[], thisVal: Val): string | null {
  const values: Val[] = [...args, args.length];
  for (const name of cachedReferencedNames(fn.node)) {
    const b = fn.scope.lookup(name);
    if (b) values.push(name, b.value);
  }
  if (usesThis(fn.node)) values.push(thisVal);
  return fingerprint(values);
}

/** The outermost active frame of `node` with no undecided branch between it and now, if any. */
function outermostCertainFrame(ctx: Ctx, node: FunctionNode): Frame | null {
  for (const f of ctx.frames) if (f.node === node && f.uncertainty === ctx.uncertainty) return f;
  return null;
}

/**
 * A new frame for calling `fn`, pushed on ctx.frames. Throws RecursionUnwind when the call
 * repeats the state of the previous active call of `fn` (unbounded recursion).
 */
export function enterFrame(ip: Interpreter, fn: FunctionVal, args: readonly Val[], thisVal: Val, callNode: TSESTree.Node | undefined): Frame {
  const ctx = ip.ctx;
  let previous: Frame | null = null;
  for (let i = ctx.frames.length - 1; i >= 0 && !previous; i--) if (ctx.frames[i].node === fn.node) previous = ctx.frames[i];
  const state = previous ? entryState(fn, args, thisVal) : null;
  if (previous && state !== null && state === previous.state && previous.uncertainty === ctx.uncertainty) {
    const target = outermostCertainFrame(ctx, fn.node) ?? previous;
    reportOnce(ip, fn, callNode);
    throw new RecursionUnwind(target, `unbounded recursion in ${fn.name ?? 'an anonymous function'}`);
  }
  const frame: Frame = {
    node: fn.node,
    state,
    uncertainty: ctx.uncertainty,
    models: ctx.models.length,
    tensors: ctx.tensors.length,
    touched: ctx.touchedLog.length,
  };
  ctx.frames.push(frame);
  return frame;
}

export function leaveFrame(ctx: Ctx, frame: Frame): void {
  const i = ctx.frames.lastIndexOf(frame);
  if (i >= 0) ctx.frames.length = i;
  if (ctx.frames.length === 0) ctx.touchedLog.length = 0; // only frames read it
}

/**
 * At the call-depth limit: when `fn` is itself recursing there (with no undecided branch in
 * between), the whole recursion is given up from its outermost call.
 */
export function unwindTooDeep(ctx: Ctx, fn: FunctionVal): void {
  const target = outermostCertainFrame(ctx, fn.node);
  if (target) throw new RecursionUnwind(target, `recursion of ${fn.name ?? 'an anonymous function'} deeper than ${ctx.limits.maxCallDepth} calls is not followed`);
}

/**
 * The outermost call of a recursion given up: what it built is taken out, models it changed
 * that existed before are unknown from here on, and so is its result.
 */
export function unwound(ip: Interpreter, frame: Frame, e: RecursionUnwind, args: readonly Val[]): Unknown {
  const ctx = ip.ctx;
  const before = new Set(ctx.models.slice(0, frame.models));
  for (const m of ctx.touchedLog.slice(frame.touched)) if (before.has(m)) m.havoc();
  ctx.models.length = frame.models;
  ctx.tensors.length = frame.tensors;
  ip.havocValues([...args], e.reason);
  return unknown(e.reason);
}

function reportOnce(ip: Interpreter, fn: FunctionVal, callNode: TSESTree.Node | undefined): void {
  const done = ip.ctx.unboundedRecursions;
  if (done.has(fn.node)) return;
  done.add(fn.node);
  const label = fn.name ? `\`${fn.name}\`` : 'This function';
  ip.ctx.problems.push({
    code: 'extract/unbounded-recursion',
    severity: 'warning',
    message:
      `${label} calls itself again with the same arguments and state before it returns, so the recursion never ends: ` +
      'TF.js stops with "RangeError: Maximum call stack size exceeded" when this runs. The models built inside it are not shown.',
    span: spanOf(callNode ?? fn.node),
  });
}
