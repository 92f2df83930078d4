// The abstract values of the Python interpreter. Python ints are JS numbers (always integral),
// floats are wrapped (PyFloat) so that `64 / 2` stays the float 32.0 and `int()`, `range()`
// and f-strings behave as in Python; str, bool and None are JS strings, booleans and null.
// Everything the analyzer cannot know is an Unknown (types.ts). Lists, dicts and instances
// are mutable records with identity, as in Python, so `append` and attribute writes behave
// as written.
import { isUnknown, unknown, type ConfigValue, type LayerDecl, type Span, type Unknown } from '../../types';
import type { ModelBuilder, TensorNode } from '../../modelBuilder';
import type * as ast from './ast';
import type { PyScope } from './scope';
import type { RawOrigin } from '../../workspace/origins';

export interface PyFloat {
  readonly tag: 'float';
  readonly value: number;
}

export interface PyTuple {
  readonly tag: 'tuple';
  readonly items: readonly PyVal[];
  /** Where each element was written, when it was a literal element. */
  readonly spans?: readonly (Span | undefined)[];
}

export interface PyList {
  readonly tag: 'list';
  items: PyVal[];
  spans: (Span | undefined)[];
  /** Set when code we could not follow may have changed the list: reads give Unknown. */
  tainted?: string;
}

/** Dict keys are hashable primitives here (str, int, float, bool, None, tuples of them). */
export interface PyDict {
  readonly tag: 'dict';
  /** Key text (see dictKey) → entry, in insertion order. */
  readonly entries: Map<string, { readonly key: PyVal; value: PyVal; span?: Span }>;
  /** Set when an unknown `**spread` may have added keys: absent keys read as Unknown. */
  open?: string;
  tainted?: string;
}

export type FunctionNode = ast.FunctionDef | ast.Lambda;

export interface PyFunction {
  readonly tag: 'function';
  readonly node: FunctionNode;
  readonly name: string;
  /** The scope the function closes over (never a class scope: Python skips those). */
  readonly closure: PyScope;
  /** Evaluated defaults, by parameter name (evaluated once, at `def` time, as in Python). */
  readonly defaults: ReadonlyMap<string, PyVal>;
  /** The class whose body defined it, for `super()`. */
  readonly definingClass?: PyClass;
}

export interface PyBoundMethod {
  readonly tag: 'bound';
  readonly self: PyVal;
  readonly fn: PyFunction;
}

/** Which Keras base a user class derives from, if any. */
export type KerasBase = 'Model' | 'Layer' | null;

export interface PyClass {
  readonly tag: 'class';
  readonly name: string;
  readonly node: ast.ClassDef | null;
  readonly bases: readonly PyVal[];
  readonly attrs: Map<string, PyVal>;
  readonly kerasBase: KerasBase;
}

export interface PyInstance {
  readonly tag: 'instance';
  readonly cls: PyClass;
  readonly attrs: Map<string, PyVal>;
  /** For instances of keras.Model / keras.layers.Layer subclasses (keras/subclass.ts). */
  subclass?: SubclassState;
}

/** What a Keras subclass instance carries: its tracked layers and, once built, its graph. */
export interface SubclassState {
  /** Layers (and nested models) assigned to attributes, in assignment order: Keras tracks them. */
  readonly tracked: PyVal[];
  /** The model this instance stands for (Model subclasses), created at instantiation. */
  model?: ModelBuilder;
  /** The LayerDecl standing for a Layer subclass instance when it is applied. */
  layerDecl?: LayerDecl;
  /** Where the instance was created (`MyModel()`), the model's span. */
  readonly span: Span;
  /** Layer subclasses: Keras's generated name, and the one `super().__init__(name=...)` gave. */
  autoName?: string;
  givenName?: string;
  /** Weights made with add_weight: size (null: unknown) and whether trainable. */
  readonly weights: { readonly size: number | null; readonly trainable: boolean }[];
  /** True once its own build() ran (Keras calls build once, before the first call). */
  built?: boolean;
}

/** A user module (a file of the workspace, issue 10) or a namespace we model partly. */
export interface PyModule {
  readonly tag: 'module';
  readonly name: string;
  readonly attrs: Map<string, PyVal>;
  /** A workspace module's: where each attribute is defined (a span of that file). */
  readonly origins?: ReadonlyMap<string, RawOrigin>;
  /** A workspace module's: it may have attributes ShapeLens cannot see (absent ones are Unknown). */
  readonly open?: boolean;
}

/**
 * A Keras API object by its canonical path from the `keras` package: ['layers', 'Conv2D'],
 * ['Sequential'], ['Input'], ['ops', 'shape']. `tf.keras.X`, `keras.src.X` and aliases
 * resolve to the same path (keras/api.ts).
 */
export interface KerasRef {
  readonly tag: 'keras';
  readonly path: readonly string[];
}

/** A Keras layer object (constructed, maybe not yet applied). */
export interface LayerObj {
  readonly tag: 'layer';
  readonly decl: LayerDecl;
}

/** A symbolic tensor (KerasTensor). `node` null: a tensor we could not follow (keras.ops...). */
export interface TensorObj {
  readonly tag: 'tensor';
  readonly node: TensorNode | null;
  readonly reason?: string;
  /** Which output of `node` (a layer with several outputs, e.g. an LSTM with return_state). */
  readonly outputIndex?: number;
}

export interface ModelObj {
  readonly tag: 'model';
  readonly model: ModelBuilder;
}

/** A Python built-in function (`len`, `range`) or a method of a built-in value (`xs.append`). */
export interface PyBuiltin {
  readonly tag: 'builtin';
  readonly name: string;
  /** The receiver for methods of built-in values. */
  readonly self?: PyVal;
}

export interface PyRange {
  readonly tag: 'range';
  readonly start: number;
  readonly stop: number;
  readonly step: number;
}

/**
 * A known, non-None object we do not model in detail: `keras.regularizers.l2(1e-4)`, an
 * optimizer, an initializer. In a layer config it reads as present (so "has a regularizer"
 * holds) with an unknown value.
 */
export interface PyOpaque {
  readonly tag: 'opaque';
  readonly what: string;
}

/** A weight a Layer subclass made with `self.add_weight(shape=...)`: a tensor of fixed shape. */
export interface PyWeight {
  readonly tag: 'weight';
  /** Its shape (no batch axis); null when not statically known. */
  readonly shape: readonly (number | null)[] | null;
}

export interface PySlice {
  readonly tag: 'slice';
  readonly start: PyVal;
  readonly stop: PyVal;
  readonly step: PyVal;
}

export type PyPrimitive = number | string | boolean | null;

export type PyVal =
  | PyPrimitive
  | PyFloat
  | Unknown
  | PyTuple
  | PyList
  | PyDict
  | PyFunction
  | PyBoundMethod
  | PyClass
  | PyInstance
  | PyModule
  | KerasRef
  | LayerObj
  | TensorObj
  | ModelObj
  | PyBuiltin
  | PyRange
  | PyOpaque
  | PyWeight
  | PySlice;

export type PyObject = Exclude<PyVal, PyPrimitive | Unknown>;

export function isObject(v: PyVal): v is PyObject {
  return typeof v === 'object' && v !== null && 'tag' in v;
}

export function isPyUnknown(v: PyVal): v is Unknown {
  return isUnknown(v);
}

export function pyFloat(value: number): PyFloat {
  return { tag: 'float', value };
}

export function isFloat(v: PyVal): v is PyFloat {
  return isObject(v) && v.tag === 'float';
}

/** An int or a bool (a Python bool is an int). */
export function isIntLike(v: PyVal): v is number | boolean {
  return typeof v === 'number' || typeof v === 'boolean';
}

/** The numeric value of an int, bool or float; undefined otherwise. */
export function numericValue(v: PyVal): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (isFloat(v)) return v.value;
  return undefined;
}

export function makeTuple(items: readonly PyVal[], spans?: readonly (Span | undefined)[]): PyTuple {
  return spans ? { tag: 'tuple', items, spans } : { tag: 'tuple', items };
}

export function makeList(items: PyVal[], spans?: (Span | undefined)[]): PyList {
  return { tag: 'list', items, spans: spans ?? [] };
}

export function makeDict(): PyDict {
  return { tag: 'dict', entries: new Map() };
}

export function tensorObj(node: TensorNode | null, reason?: string, outputIndex?: number): TensorObj {
  const t: { -readonly [K in keyof TensorObj]: TensorObj[K] } = { tag: 'tensor', node };
  if (reason !== undefined) t.reason = reason;
  if (outputIndex) t.outputIndex = outputIndex;
  return t;
}

/** A tensor as a graph edge: the node that makes it and which of its outputs. */
export interface TensorRef {
  readonly node: TensorNode | null;
  readonly index: number;
}

export function tensorRef(v: TensorObj): TensorRef {
  return { node: v.node, index: v.outputIndex ?? 0 };
}

export function isTensorObj(v: PyVal): v is TensorObj {
  return isObject(v) && v.tag === 'tensor';
}

/** The text a dict key is stored under; null for a key we cannot hash statically. */
export function dictKey(k: PyVal): string | null {
  if (k === null) return 'N';
  if (typeof k === 'boolean') return k ? 'i1' : 'i0'; // True == 1 as a dict key
  if (typeof k === 'number') return `i${k}`;
  if (typeof k === 'string') return `s${k}`;
  if (isFloat(k)) return Number.isInteger(k.value) ? `i${k.value}` : `f${k.value}`;
  if (isObject(k) && k.tag === 'tuple') {
    const parts = k.items.map(dictKey);
    return parts.includes(null) ? null : `t(${parts.join(',')})`;
  }
  return null;
}

export function dictGet(d: PyDict, key: PyVal): PyVal | undefined {
  const k = dictKey(key);
  if (k === null) return unknown('a dict key that is not statically known');
  return d.entries.get(k)?.value;
}

export function dictSet(d: PyDict, key: PyVal, value: PyVal, span?: Span): boolean {
  const k = dictKey(key);
  if (k === null) return false;
  const existing = d.entries.get(k);
  if (existing) {
    existing.value = value;
    if (span) existing.span = span;
  } else d.entries.set(k, span ? { key, value, span } : { key, value });
  return true;
}

/** Python truthiness, or Unknown. */
export function truthy(v: PyVal): boolean | Unknown {
  if (isUnknown(v)) return v;
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v.length > 0;
  switch (v.tag) {
    case 'float':
      return v.value !== 0;
    case 'tuple':
      return v.items.length > 0;
    case 'list':
      return v.tainted ? unknown(v.tainted) : v.items.length > 0;
    case 'dict':
      return v.tainted || v.open ? unknown(v.tainted ?? v.open ?? 'a dict') : v.entries.size > 0;
    case 'range':
      return rangeLength(v) > 0;
    case 'tensor':
      // `if x:` on a symbolic tensor raises in Keras; never decide it.
      return unknown('the truth value of a tensor');
    case 'instance':
      return unknown('the truth value of an object');
    default:
      return true;
  }
}

export function rangeLength(r: PyRange): number {
  if (r.step > 0) return Math.max(0, Math.ceil((r.stop - r.start) / r.step));
  return Math.max(0, Math.ceil((r.start - r.stop) / -r.step));
}

/** The class name Python's `type(v).__name__` gives, for messages and `isinstance`. */
export function typeName(v: PyVal): string {
  if (v === null) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'int';
  if (typeof v === 'string') return 'str';
  if (isUnknown(v)) return 'unknown';
  switch (v.tag) {
    case 'float':
      return 'float';
    case 'instance':
      return v.cls.name;
    case 'bound':
      return 'method';
    case 'keras':
      return v.path.join('.');
    default:
      return v.tag;
  }
}

/** Python `==`, or Unknown when it cannot be decided. Identity for mutable objects. */
export function pyEquals(a: PyVal, b: PyVal): boolean | Unknown {
  if (isUnknown(a)) return a;
  if (isUnknown(b)) return b;
  const na = numericValue(a);
  const nb = numericValue(b);
  if (na !== undefined && nb !== undefined) return na === nb;
  if (!isObject(a) || !isObject(b)) {
    // A primitive against anything else: equal only to the same primitive, except that an
    // object may define __eq__.
    if (isObject(a) || isObject(b)) return unknownIfOpaque(a, b);
    return a === b;
  }
  if (a.tag === 'float' || b.tag === 'float') return false; // a float against a non-number
  if (a.tag === 'tuple' && b.tag === 'tuple') return sequenceEquals(a.items, b.items);
  if (a.tag === 'list' && b.tag === 'list') {
    if (a.tainted || b.tainted) return unknown('a list changed by code we could not follow');
    return sequenceEquals(a.items, b.items);
  }
  if (a.tag === 'keras' && b.tag === 'keras') return a.path.join('.') === b.path.join('.');
  if (a === b) return true;
  if (a.tag === 'instance' || b.tag === 'instance' || a.tag === 'dict' || b.tag === 'dict' || a.tag === 'tensor' || b.tag === 'tensor') {
    return unknown('== on objects that may define __eq__');
  }
  return false;
}

function unknownIfOpaque(a: PyVal, b: PyVal): boolean | Unknown {
  const obj = isObject(a) ? a : b;
  return isObject(obj) && (obj.tag === 'instance' || obj.tag === 'tensor') ? unknown('== on an object') : false;
}

function sequenceEquals(a: readonly PyVal[], b: readonly PyVal[]): boolean | Unknown {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const e = pyEquals(a[i], b[i]);
    if (e !== true) return e;
  }
  return true;
}

/** `repr()` of a value, as Python writes it; null when not statically known. */
export function pyRepr(v: PyVal): string | null {
  if (typeof v === 'string') return reprString(v);
  return pyStr(v);
}

function reprString(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r');
  return quote + (quote === "'" ? body.replace(/'/g, "\\'") : body) + quote;
}

/** Python's repr of a float: the shortest digits that round-trip, fixed notation for 1e-4 ≤ |x| < 1e16. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, expText] = Math.abs(x).toExponential().split('e');
  const exp = Number(expText);
  const digits = mantissa.replace('.', '');
  const sign = x < 0 ? '-' : '';
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const int = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const frac = digits.slice(exp + 1);
  return `${sign}${int}.${frac || '0'}`;
}

/** `str()` of a value; null when not statically known. */
export function pyStr(v: PyVal): string | null {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v;
  if (isUnknown(v)) return null;
  switch (v.tag) {
    case 'float':
      return floatRepr(v.value);
    case 'tuple': {
      const parts = v.items.map(pyRepr);
      if (parts.includes(null)) return null;
      return v.items.length === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`;
    }
    case 'list': {
      if (v.tainted) return null;
      const parts = v.items.map(pyRepr);
      return parts.includes(null) ? null : `[${parts.join(', ')}]`;
    }
    case 'dict': {
      if (v.tainted || v.open) return null;
      const parts: string[] = [];
      for (const e of v.entries.values()) {
        const k = pyRepr(e.key);
        const x = pyRepr(e.value);
        if (k === null || x === null) return null;
        parts.push(`${k}: ${x}`);
      }
      return `{${parts.join(', ')}}`;
    }
    default:
      return null;
  }
}

const MAX_CONFIG_DEPTH = 16;

/**
 * A value as the layer catalog reads it: tuples and lists become arrays, dicts objects,
 * floats numbers; objects the catalog cannot use become Unknown with a reason. Activation
 * functions given as `keras.activations.relu` become their name.
 */
/**
 * An element of a tuple or list: a float there is no size Keras uses as such (`Reshape((2.0,
 * 6))` gives a None dim; sizes that must be ints are errors, see keras/validate.ts), so it is
 * Unknown rather than the integer it happens to equal.
 */
function element(v: PyVal, depth: number): ConfigValue {
  return isFloat(v) ? unknown(`the float ${floatRepr(v.value)} in a tuple`) : toConfig(v, depth);
}

export function toConfig(v: PyVal, depth = 0): ConfigValue {
  if (v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (isUnknown(v)) return v;
  if (depth > MAX_CONFIG_DEPTH) return unknown('value nested too deeply');
  switch (v.tag) {
    case 'float':
      return v.value;
    case 'tuple':
      return v.items.map((x) => element(x, depth + 1));
    case 'list':
      return v.tainted ? unknown(v.tainted) : v.items.map((x) => element(x, depth + 1));
    case 'dict': {
      if (v.tainted || v.open) return unknown(v.tainted ?? v.open ?? 'a dict');
      const out: Record<string, ConfigValue> = {};
      for (const e of v.entries.values()) {
        if (typeof e.key !== 'string') return unknown('a dict with non-string keys');
        out[e.key] = toConfig(e.value, depth + 1);
      }
      return out;
    }
    case 'keras':
      if (v.path.length === 2 && v.path[0] === 'activations') return v.path[1];
      return unknown(`keras.${v.path.join('.')}`);
    case 'opaque':
      return unknown(v.what);
    case 'layer':
      return unknown('a layer object');
    case 'tensor':
      return unknown('a symbolic tensor');
    case 'model':
      return unknown('a model');
    case 'function':
    case 'bound':
    case 'builtin':
      return unknown('a function');
    default:
      return unknown(`a ${v.tag}`);
  }
}
