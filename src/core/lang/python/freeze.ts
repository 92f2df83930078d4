// Values crossing from an imported Python module into the program that imports it, as on
// the TS side (lang/typescript/extract/freeze.ts): a module is run once per version in a run
// of its own; its globals are frozen here into a form no run owns and thawed into a fresh
// copy per importing run. Data, Keras API references, functions and classes cross (their
// globals are the module's, thawed too); what the module built with Keras (layers, models,
// tensors, Keras subclass instances) stays in that module's analysis and is Unknown here.
import { isUnknown, unknown, type Span, type Unknown } from '../../types';
import type { RawOrigin } from '../../workspace/origins';
import type { ModuleFile } from '../../workspace/workspace';
import type * as ast from './ast';
import type { PyCtx } from './context';
import { PyScope } from './scope';
import {
  isObject,
  type KerasBase,
  type KerasRef,
  type PyBuiltin,
  type PyClass,
  type PyFloat,
  type PyFunction,
  type PyOpaque,
  type PyPrimitive,
  type PyRange,
  type PySlice,
  type PyVal,
} from './values';

export interface FrozenSequence {
  readonly tag: 'frozen-tuple' | 'frozen-list';
  readonly items: PyFrozen[];
  readonly spans: readonly (Span | undefined)[];
}

export interface FrozenDict {
  readonly tag: 'frozen-dict';
  readonly entries: Map<string, { readonly key: PyFrozen; readonly value: PyFrozen; readonly span?: Span }>;
  readonly open?: string;
}

export interface FrozenFunction {
  readonly tag: 'frozen-function';
  readonly node: ast.FunctionDef | ast.Lambda;
  readonly name: string;
  readonly module: PyModuleSnapshot;
  readonly defaults: Map<string, PyFrozen>;
  definingClass?: FrozenClass;
}

export interface FrozenClass {
  readonly tag: 'frozen-class';
  readonly name: string;
  readonly node: ast.ClassDef | null;
  readonly bases: PyFrozen[];
  readonly attrs: Map<string, PyFrozen>;
  readonly kerasBase: KerasBase;
}

export interface FrozenInstance {
  readonly tag: 'frozen-instance';
  readonly cls: PyFrozen;
  readonly attrs: Map<string, PyFrozen>;
}

export interface FrozenModule {
  readonly tag: 'frozen-module';
  readonly snapshot: PyModuleSnapshot;
}

export type PyFrozen =
  | PyPrimitive
  | Unknown
  | PyFloat
  | KerasRef
  | PyRange
  | PyOpaque
  | PySlice
  | PyBuiltin
  | FrozenSequence
  | FrozenDict
  | FrozenFunction
  | FrozenClass
  | FrozenInstance
  | FrozenModule;

/** What importing a Python module gives: its globals, frozen. */
export interface PyModuleSnapshot {
  readonly file: ModuleFile;
  /** Its dotted name (`pkg.config`): what `__name__` is there. */
  readonly name: string;
  readonly globals: Map<string, { readonly value: PyFrozen; readonly origin: RawOrigin | null }>;
  /** `__all__`, when the module lists it as strings: what `from m import *` binds. */
  readonly all: readonly string[] | null;
  /** Whether the module (or one it imports) imports Keras or TensorFlow. */
  readonly importsKeras: boolean;
  /** Set when the module cannot be read as a whole (a syntax error): every name is Unknown. */
  readonly unreadable?: string;
}

const MAX_FROZEN_NODES = 200_000;

function isPrimitive(v: PyVal): v is PyPrimitive {
  return v === null || typeof v !== 'object';
}

export class PyFreezer {
  private readonly memo = new Map<object, PyFrozen>();
  private left = MAX_FROZEN_NODES;

  constructor(private readonly moduleOf: (scope: PyScope) => PyModuleSnapshot | undefined) {}

  freeze(v: PyVal): PyFrozen {
    if (isPrimitive(v) || isUnknown(v)) return v;
    if (--this.left < 0) return unknown('a value of another file too large to follow');
    const seen = this.memo.get(v);
    if (seen !== undefined) return seen;
    switch (v.tag) {
      case 'float':
      case 'keras':
      case 'range':
      case 'opaque':
        return v;
      case 'slice':
        return isPrimitive(v.start) && isPrimitive(v.stop) && isPrimitive(v.step) ? v : unknown('a slice of another file');
      case 'builtin':
        return v.self === undefined ? v : unknown(`a method of a value of another file`);
      case 'tuple':
      case 'list': {
        if (v.tag === 'list' && v.tainted) return unknown(v.tainted);
        const out: FrozenSequence = { tag: v.tag === 'tuple' ? 'frozen-tuple' : 'frozen-list', items: [], spans: [...(v.spans ?? [])] };
        this.memo.set(v, out);
        for (const x of v.items) out.items.push(this.freeze(x));
        return out;
      }
      case 'dict': {
        if (v.tainted) return unknown(v.tainted);
        const out: FrozenDict = { tag: 'frozen-dict', entries: new Map(), ...(v.open ? { open: v.open } : {}) };
        this.memo.set(v, out);
        for (const [k, e] of v.entries) out.entries.set(k, { key: this.freeze(e.key), value: this.freeze(e.value), ...(e.span ? { span: e.span } : {}) });
        return out;
      }
      case 'function':
        return this.freezeFunction(v);
      case 'bound':
        return unknown('a bound method of another file');
      case 'class': {
        const out: FrozenClass = { tag: 'frozen-class', name: v.name, node: v.node, bases: [], attrs: new Map(), kerasBase: v.kerasBase };
        this.memo.set(v, out);
        for (const b of v.bases) out.bases.push(this.freeze(b));
        for (const [k, x] of v.attrs) out.attrs.set(k, this.freeze(x));
        return out;
      }
      case 'instance': {
        if (v.subclass) return unknown(`a ${v.cls.name} built in another file`);
        const out: FrozenInstance = { tag: 'frozen-instance', cls: this.freeze(v.cls), attrs: new Map() };
        this.memo.set(v, out);
        for (const [k, x] of v.attrs) out.attrs.set(k, this.freeze(x));
        return out;
      }
      case 'module': {
        const snapshot = moduleSnapshots.get(v);
        return snapshot ? { tag: 'frozen-module', snapshot } : unknown(`the module ${v.name}`);
      }
      case 'layer':
        return unknown('a layer made in another file');
      case 'model':
        return unknown('a model made in another file');
      case 'tensor':
        return unknown('a symbolic tensor made in another file');
      case 'weight':
        return unknown('a weight made in another file');
    }
  }

  private freezeFunction(v: PyFunction): PyFrozen {
    const module = this.moduleOf(v.closure);
    if (!module) return unknown(`a function \`${v.name}\` made at run time in another file`);
    const out: FrozenFunction = { tag: 'frozen-function', node: v.node, name: v.name, module, defaults: new Map() };
    this.memo.set(v, out);
    for (const [k, d] of v.defaults) out.defaults.set(k, this.freeze(d));
    if (v.definingClass) {
      const cls = this.freeze(v.definingClass);
      if (isObject(cls as PyVal) && (cls as FrozenClass).tag === 'frozen-class') out.definingClass = cls as FrozenClass;
    }
    return out;
  }
}

/** The snapshot a thawed module value stands for (to freeze it again in an importing module). */
const moduleSnapshots = new WeakMap<object, PyModuleSnapshot>();

interface ThawState {
  readonly memo: Map<object, PyVal>;
  readonly scopes: Map<PyModuleSnapshot, PyScope>;
  readonly modules: Map<PyScope, PyModuleSnapshot>;
  readonly moduleValues: Map<PyModuleSnapshot, PyVal>;
}

const states = new WeakMap<PyCtx, ThawState>();

function stateOf(ctx: PyCtx): ThawState {
  let s = states.get(ctx);
  if (!s) {
    s = { memo: new Map(), scopes: new Map(), modules: new Map(), moduleValues: new Map() };
    states.set(ctx, s);
  }
  return s;
}

/** The module whose globals a scope of this run holds (a thawed one), if any. */
export function thawedModuleOf(ctx: PyCtx, scope: PyScope): PyModuleSnapshot | undefined {
  return stateOf(ctx).modules.get(scope);
}

/** The globals of an imported module in this run: thawed once per run. */
export function moduleGlobals(ctx: PyCtx, m: PyModuleSnapshot): PyScope {
  const state = stateOf(ctx);
  const known = state.scopes.get(m);
  if (known) return known;
  const scope = new PyScope(null, 'module');
  state.scopes.set(m, scope);
  state.modules.set(scope, m);
  for (const [name, g] of m.globals) scope.assign(name, thawPy(ctx, g.value), g.origin ?? undefined);
  return scope;
}

/** The module object (`import config as C`): its globals as attributes, absent ones Unknown. */
export function moduleValue(ctx: PyCtx, m: PyModuleSnapshot): PyVal {
  const state = stateOf(ctx);
  const known = state.moduleValues.get(m);
  if (known) return known;
  if (m.unreadable) return unknown(`the module ${m.name} is not followed: ${m.unreadable}`);
  const attrs = new Map<string, PyVal>();
  const origins = new Map<string, RawOrigin>();
  const value: PyVal = { tag: 'module', name: m.name, attrs, origins, open: true };
  state.moduleValues.set(m, value);
  moduleSnapshots.set(value, m);
  const scope = moduleGlobals(ctx, m);
  for (const name of m.globals.keys()) {
    const b = scope.ownBinding(name);
    attrs.set(name, b ? b.value : null);
    const origin = m.globals.get(name)?.origin;
    if (origin) origins.set(name, origin);
  }
  return value;
}

export function thawPy(ctx: PyCtx, f: PyFrozen): PyVal {
  if (isPrimitive(f as PyVal) || isUnknown(f)) return f as PyVal;
  ctx.usedForeign = true;
  const memo = stateOf(ctx).memo;
  const seen = memo.get(f as object);
  if (seen !== undefined) return seen;
  const frozen = f as Exclude<PyFrozen, PyPrimitive | Unknown>;
  switch (frozen.tag) {
    case 'float':
    case 'keras':
    case 'range':
    case 'opaque':
    case 'slice':
    case 'builtin':
      return frozen;
    case 'frozen-tuple': {
      const t: PyVal = { tag: 'tuple', items: frozen.items.map((x) => thawPy(ctx, x)), spans: frozen.spans };
      memo.set(frozen, t);
      return t;
    }
    case 'frozen-list': {
      const l: PyVal = { tag: 'list', items: [], spans: [...frozen.spans] };
      memo.set(frozen, l);
      for (const x of frozen.items) l.items.push(thawPy(ctx, x));
      return l;
    }
    case 'frozen-dict': {
      const d: PyVal = { tag: 'dict', entries: new Map(), ...(frozen.open ? { open: frozen.open } : {}) };
      memo.set(frozen, d);
      for (const [k, e] of frozen.entries) d.entries.set(k, { key: thawPy(ctx, e.key), value: thawPy(ctx, e.value), ...(e.span ? { span: e.span } : {}) });
      return d;
    }
    case 'frozen-function': {
      const defaults = new Map<string, PyVal>();
      const fn: PyFunction = { tag: 'function', node: frozen.node, name: frozen.name, closure: moduleGlobals(ctx, frozen.module), defaults };
      memo.set(frozen, fn);
      for (const [k, d] of frozen.defaults) defaults.set(k, thawPy(ctx, d));
      if (frozen.definingClass) (fn as { definingClass?: PyClass }).definingClass = thawPy(ctx, frozen.definingClass) as PyClass;
      return fn;
    }
    case 'frozen-class': {
      const bases = frozen.bases.map((b) => thawPy(ctx, b));
      const cls: PyClass = { tag: 'class', name: frozen.name, node: frozen.node, bases, attrs: new Map(), kerasBase: frozen.kerasBase };
      memo.set(frozen, cls);
      for (const [k, x] of frozen.attrs) cls.attrs.set(k, thawPy(ctx, x));
      return cls;
    }
    case 'frozen-instance': {
      const cls = thawPy(ctx, frozen.cls);
      if (!isObject(cls) || cls.tag !== 'class') return unknown('an object of another file');
      const inst: PyVal = { tag: 'instance', cls, attrs: new Map() };
      memo.set(frozen, inst);
      for (const [k, x] of frozen.attrs) inst.attrs.set(k, thawPy(ctx, x));
      return inst;
    }
    case 'frozen-module':
      return moduleValue(ctx, frozen.snapshot);
  }
}
