// Values crossing from an imported module into the file that imports it. A module is
// evaluated once per version (workspace/workspace.ts) in a run of its own; what it binds at
// its top level is frozen here into a form no run owns, and thawed into a fresh copy for each
// run that imports it, so one file's analysis can never change another's view of the module.
// Plain data (numbers, strings, arrays, objects), TF.js namespaces and built-ins cross as they
// are; functions cross with their module (their closure is that module's top level, thawed
// too); what a module built with TF.js (layers, models, tensors) does not cross: it belongs
// to the other file's analysis, and is Unknown here.
import { isUnknown, unknown, type Span, type Unknown } from '../../../types';
import type { RawOrigin } from '../../../workspace/origins';
import type { ModuleFile } from '../../../workspace/workspace';
import type { Ctx } from './context';
import { Scope } from './scope';
import { isPrimitive, makeArray, makeObject, type BuiltinVal, type FunctionNode, type Primitive, type TfVal, type Val } from './values';

export interface FrozenArray {
  readonly tag: 'frozen-array';
  readonly items: Frozen[];
  readonly spans: (Span | undefined)[];
}

export interface FrozenObject {
  readonly tag: 'frozen-object';
  readonly props: Map<string, Frozen>;
  readonly spans: Map<string, Span>;
  readonly open?: string;
}

export interface FrozenFunction {
  readonly tag: 'frozen-function';
  readonly node: FunctionNode;
  readonly module: TsModuleSnapshot;
  readonly name?: string;
  /** `this` of a method of an object literal: that object. */
  readonly thisObject?: Frozen;
}

export type Frozen = Primitive | Unknown | TfVal | BuiltinVal | FrozenArray | FrozenObject | FrozenFunction;

/** One export of a module: its value and where it is defined (a span of the module). */
export interface FrozenExport {
  readonly value: Frozen;
  readonly origin: Span | null;
}

/** What importing a module gives: its top level (for its functions), its exports, its CommonJS object. */
export interface TsModuleSnapshot {
  readonly file: ModuleFile;
  /** Every binding of the module's top level, frozen: the closure of the functions it exports. */
  readonly globals: Map<string, { readonly value: Frozen; readonly origin: RawOrigin | null }>;
  readonly exports: Map<string, FrozenExport>;
  /** `module.exports` when the module assigns it or `exports.X`; null for an ES module. */
  readonly commonJs: Frozen | null;
  /** Whether the module (or one it imports) uses TF.js. */
  readonly importsTf: boolean;
  /** Set when the module cannot be read as a whole (a syntax error): everything it exports is Unknown. */
  readonly unreadable?: string;
}

/** Nodes one module may freeze; beyond, values are Unknown (a module of data tables). */
const MAX_FROZEN_NODES = 200_000;

/** Freezes the values of one module's run. `moduleOf` names the module a top-level scope belongs to. */
export class Freezer {
  private readonly memo = new Map<object, Frozen>();
  private left = MAX_FROZEN_NODES;

  constructor(private readonly moduleOf: (scope: Scope) => TsModuleSnapshot | undefined) {}

  freeze(v: Val): Frozen {
    if (isUnknown(v) || isPrimitive(v)) return v;
    if (--this.left < 0) return unknown('a value of another file too large to follow');
    const seen = this.memo.get(v);
    if (seen !== undefined) return seen;
    switch (v.tag) {
      case 'tf':
      case 'builtin':
        return v;
      case 'array': {
        if (v.tainted) return unknown(v.tainted);
        const out: FrozenArray = { tag: 'frozen-array', items: [], spans: [...v.spans] };
        this.memo.set(v, out);
        for (const x of v.items) out.items.push(this.freeze(x));
        return out;
      }
      case 'object': {
        if (v.tainted) return unknown(v.tainted);
        const out: FrozenObject = { tag: 'frozen-object', props: new Map(), spans: new Map(v.spans), ...(v.open ? { open: v.open } : {}) };
        this.memo.set(v, out);
        for (const [k, x] of v.props) out.props.set(k, this.freeze(x));
        return out;
      }
      case 'function': {
        const module = this.moduleOf(v.scope);
        if (!module) return unknown(`a function ${v.name ? `\`${v.name}\` ` : ''}made at run time in another file`);
        const thisVal = v.thisVal;
        const out: FrozenFunction = { tag: 'frozen-function', node: v.node, module, ...(v.name ? { name: v.name } : {}) };
        this.memo.set(v, out);
        if (typeof thisVal === 'object' && thisVal !== null && 'tag' in thisVal && thisVal.tag === 'object') {
          (out as { thisObject?: Frozen }).thisObject = this.freeze(thisVal);
        }
        return out;
      }
      case 'layer':
        return unknown('a layer made in another file');
      case 'model':
        return unknown('a model made in another file');
      case 'tensor':
        return unknown('a symbolic tensor made in another file');
    }
  }
}

/** Thaws frozen values into one run (one Ctx): each frozen object becomes one fresh object there. */
export function thaw(ctx: Ctx, f: Frozen): Val {
  if (f === null || typeof f !== 'object' || isUnknown(f)) return f;
  ctx.usedForeign = true;
  const memo = thawMemo(ctx);
  const seen = memo.get(f);
  if (seen !== undefined) return seen;
  switch (f.tag) {
    case 'tf':
    case 'builtin':
      return f;
    case 'frozen-array': {
      const refused = ctx.reserve(f.items.length);
      if (refused) return refused;
      const arr = makeArray([], [...f.spans]);
      memo.set(f, arr);
      for (const x of f.items) arr.items.push(thaw(ctx, x));
      return arr;
    }
    case 'frozen-object': {
      const refused = ctx.reserve(f.props.size);
      if (refused) return refused;
      const obj = makeObject();
      if (f.open) obj.open = f.open;
      memo.set(f, obj);
      for (const [k, x] of f.props) obj.props.set(k, thaw(ctx, x));
      for (const [k, s] of f.spans) obj.spans.set(k, s);
      return obj;
    }
    case 'frozen-function': {
      const fn = { tag: 'function' as const, node: f.node, scope: moduleScope(ctx, f.module), thisVal: unknown('`this` of a function') as Val, ...(f.name ? { name: f.name } : {}) };
      memo.set(f, fn);
      if (f.thisObject !== undefined) fn.thisVal = thaw(ctx, f.thisObject);
      return fn;
    }
  }
}

interface ThawState {
  readonly memo: Map<object, Val>;
  readonly scopes: Map<TsModuleSnapshot, Scope>;
  readonly modules: Map<Scope, TsModuleSnapshot>;
}

const states = new WeakMap<Ctx, ThawState>();

function stateOf(ctx: Ctx): ThawState {
  let s = states.get(ctx);
  if (!s) {
    s = { memo: new Map(), scopes: new Map(), modules: new Map() };
    states.set(ctx, s);
  }
  return s;
}

function thawMemo(ctx: Ctx): Map<object, Val> {
  return stateOf(ctx).memo;
}

/** The module a scope of this run is the top level of (a thawed one), if any. */
export function thawedModuleOf(ctx: Ctx, scope: Scope): TsModuleSnapshot | undefined {
  return stateOf(ctx).modules.get(scope);
}

/** The top level of an imported module in this run: its bindings thawed, once per run. */
export function moduleScope(ctx: Ctx, module: TsModuleSnapshot): Scope {
  const state = stateOf(ctx);
  const known = state.scopes.get(module);
  if (known) return known;
  const scope = new Scope(new Scope(null, true), true);
  state.scopes.set(module, scope);
  state.modules.set(scope, module);
  for (const [name, g] of module.globals) scope.declare(name, thaw(ctx, g.value), 'let', g.origin ?? undefined);
  return scope;
}
