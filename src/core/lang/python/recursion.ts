// Recursion the interpreter must not follow to its end (the Python side of
// lang/typescript/extract/recursion.ts). Each user-function call is a Frame on ip.frames. Two
// cases unwind a whole recursion at once, back to its outermost call, whose result becomes
// Unknown and whose models and tensors are taken out again (phantoms: the program never gets
// past that call):
// - unbounded recursion: a function is entered again in exactly the state of its previous
//   entry (the values of every name it reads, compared by value), with no undecided branch
//   between the two. The interpreter is exact where it has no Unknown, so the next entry would
//   do the same, forever: Python stops with "RecursionError: maximum recursion depth
//   exceeded". Reported once per function;
// - recursion past the limits. Nothing is reported (it may end deeper), but nothing it built
//   is kept: a builder that calls itself in a loop must not leave hundreds of models behind.
import { FingerprintWriter, identity } from '../../fingerprint';
import { isUnknown, unknown, type Unknown } from '../../types';
import type * as ast from './ast';
import { walkNodes } from './astWalk';
import type { PyInterpreter } from './interpreter';
import type { PyScope } from './scope';
import type { FunctionNode, PyFunction, PyVal } from './values';

/** One active call of a user function. */
export interface Frame {
  readonly fn: PyFunction;
  readonly self: PyVal | undefined;
  /** The state the call started from (see fingerprint); null when it cannot be compared. */
  readonly state: string | null;
  /** ip.ctx.uncertainty when the call started. */
  readonly uncertainty: number;
  /** Lengths of ctx.models, ctx.tensors and ctx.touchLog when the call started. */
  readonly models: number;
  readonly tensors: number;
  readonly touched: number;
}

/** Thrown at the entry that proves (or takes too deep) a recursion; caught by `target`'s call. */
export class PyRecursionUnwind extends Error {
  constructor(
    readonly target: Frame,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/**
 * A string equal for equal states; null when a value is Unknown (two unknowns need not be
 * equal), or the state is too large to compare. Containers by content, objects whose content
 * no computation reads (functions, classes, layers, tensors, models) by identity.
 */
export function fingerprint(values: readonly PyVal[]): string | null {
  return FingerprintWriter.of(values, visitValue);
}

function visitValue(v: PyVal, w: FingerprintWriter): boolean {
  const emit = (s: string): boolean => w.emit(s);
  const visit = (x: PyVal): boolean => visitValue(x, w);
  if (isUnknown(v)) return false;
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'string') return w.string(v);
    return emit(`${typeof v}${String(v)},`);
  }
  if (w.seenBefore(v)) return w.reference(v);
  switch (v.tag) {
    case 'float':
      return emit(`f${v.value},`);
    case 'tuple':
    case 'list':
      if ((v.tag === 'list' && v.tainted) || !emit(v.tag === 'tuple' ? '(' : '[')) return false;
      for (const x of v.items) if (!visit(x)) return false;
      return emit('],');
    case 'dict':
      if (v.tainted || v.open || !emit('{')) return false;
      for (const [k, e] of v.entries) if (!emit(`${k.length}:${k}=`) || !visit(e.value)) return false;
      return emit('},');
    case 'instance':
      // Attributes are state (a counter on self ends many recursions): by content.
      if (!emit(`obj${identity(v.cls)}{`)) return false;
      for (const [k, x] of v.attrs) if (!emit(`${k}=`) || !visit(x)) return false;
      return emit('},');
    case 'bound':
      return emit(`bound${identity(v.fn)}:`) && visit(v.self);
    case 'range':
      return emit(`range${v.start}:${v.stop}:${v.step},`);
    case 'keras':
      return emit(`keras.${v.path.join('.')},`);
    case 'builtin':
      return v.self === undefined ? emit(`builtin ${v.name},`) : emit(`builtin ${v.name}:`) && visit(v.self);
    case 'slice':
      return emit('slice') && visit(v.start) && visit(v.stop) && visit(v.step);
    case 'weight':
      return emit(`weight${identity(v)},`);
    case 'module':
    case 'function':
    case 'class':
    case 'layer':
    case 'tensor':
    case 'model':
    case 'opaque':
      return emit(`${v.tag}${identity(v)},`);
  }
}

const readsCache = new WeakMap<FunctionNode, readonly string[]>();

/** Every name a function (and what it nests) reads: its parameters and its free variables. */
function namesRead(node: FunctionNode): readonly string[] {
  let names = readsCache.get(node);
  if (!names) {
    const found = new Set<string>();
    walkNodes(
      node.kind === 'Lambda' ? [node.body] : node.body,
      (n) => {
        if (n.kind === 'Name') found.add((n as ast.Name).id);
        return undefined;
      },
      200_000,
    );
    names = [...found].sort();
    readsCache.set(node, names);
  }
  return names;
}

/** The state a call starts from: the value of each name the function reads, in its new scope. */
export function entryState(fn: PyFunction, scope: PyScope, self: PyVal | undefined): string | null {
  const values: PyVal[] = [];
  for (const name of namesRead(fn.node)) {
    const b = scope.lookup(name);
    if (b) values.push(name, b.value);
  }
  if (self !== undefined) values.push(self);
  return fingerprint(values);
}

/** The outermost active frame of `fn` with no undecided branch between it and now. */
function outermostCertainFrame(ip: PyInterpreter, node: FunctionNode): Frame | null {
  for (const f of ip.frames) if (f.fn.node === node && f.uncertainty === ip.ctx.uncertainty) return f;
  return null;
}

/**
 * Checks a call about to run `fn` with `scope` bound: throws PyRecursionUnwind when it repeats
 * the state of the previous active call of `fn` (reported once), or when `tooDeep` and `fn` is
 * recursing with no undecided branch in between. Returns the state to record in its frame.
 */
export function checkEntry(ip: PyInterpreter, fn: PyFunction, scope: PyScope, self: PyVal | undefined, tooDeep: boolean, callSpan: ast.Expr['span'] | undefined): string | null {
  let previous: Frame | null = null;
  for (let i = ip.frames.length - 1; i >= 0 && !previous; i--) if (ip.frames[i].fn.node === fn.node) previous = ip.frames[i];
  if (!previous) return null;
  const state = entryState(fn, scope, self);
  if (state !== null && state === previous.state && previous.uncertainty === ip.ctx.uncertainty) {
    reportOnce(ip, fn, callSpan);
    throw new PyRecursionUnwind(outermostCertainFrame(ip, fn.node) ?? previous, `unbounded recursion in ${fn.name}`);
  }
  if (tooDeep) {
    const target = outermostCertainFrame(ip, fn.node);
    if (target) throw new PyRecursionUnwind(target, `recursion of ${fn.name} deeper than the analysis follows`);
  }
  return state;
}

/**
 * The outermost call of a recursion given up: what it built is taken out, models from before
 * it that it changed are unknown from here on, and so is its result.
 */
export function unwound(ip: PyInterpreter, frame: Frame, e: PyRecursionUnwind, args: readonly PyVal[]): Unknown {
  const ctx = ip.ctx;
  const before = new Set(ctx.models.slice(0, frame.models));
  for (const m of ctx.touchLog.slice(frame.touched)) if (before.has(m)) m.havoc();
  ctx.models.length = frame.models;
  ctx.tensors.length = frame.tensors;
  ip.havocValues([...args], e.reason);
  return unknown(e.reason);
}

function reportOnce(ip: PyInterpreter, fn: PyFunction, callSpan: ast.Expr['span'] | undefined): void {
  const done = ip.ctx.unboundedRecursions;
  if (done.has(fn.node)) return;
  done.add(fn.node);
  ip.ctx.problems.push({
    code: 'extract/unbounded-recursion',
    severity: 'warning',
    message:
      `\`${fn.name}\` calls itself again with the same arguments and state before it returns, so the recursion never ends: ` +
      'Python stops with "RecursionError: maximum recursion depth exceeded" when this runs. The models built inside it are not shown.',
    span: callSpan ?? fn.node.span,
  });
}
