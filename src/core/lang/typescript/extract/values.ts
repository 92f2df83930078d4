// The abstract values the interpreter computes. Plain JS primitives stand for themselves;
// everything the analyzer cannot know is an Unknown (from types.ts). Arrays and objects are
// mutable records with identity, as in JS, so `push` and property writes behave as written.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isUnknown, unknown, type ConfigValue, type LayerDecl, type Span, type Unknown } from '../../../types';
import type { ModelBuilder, TensorNode } from '../../../modelBuilder';
import { opaque } from '../../../symbolic/symbols';
import type { Scope } from './scope';

export type Primitive = number | string | boolean | null | undefined;

export interface ArrayVal {
  readonly tag: 'array';
  items: Val[];
  /** Where each element was written (array literal element or `push` argument), if known. */
  spans: (Span | undefined)[];
  /** Set when code we could not follow may have changed the array: reads give Unknown. */
  tainted?: string;
}

export interface ObjectVal {
  readonly tag: 'object';
  readonly props: Map<string, Val>;
  /** Span of each property as written (`key: value`, or the spread element it came from). */
  readonly spans: Map<string, Span>;
  /** Set when an unknown spread may have added keys we cannot see: absent keys read as Unknown. */
  open?: string;
  tainted?: string;
}

export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

export interface FunctionVal {
  readonly tag: 'function';
  readonly node: FunctionNode;
  readonly scope: Scope;
  readonly thisVal: Val;
  /** The name it was declared or bound with, to recognise calls to it by name. */
  name?: string;
}

/** A TF.js namespace or function, by its path from the package root: [] = `tf`, ['layers', 'dense']. */
export interface TfVal {
  readonly tag: 'tf';
  readonly path: readonly string[];
}

export interface LayerVal {
  readonly tag: 'layer';
  readonly decl: LayerDecl;
}

/** A symbolic tensor: the output of `tf.input` or of `layer.apply`. */
export interface TensorVal {
  readonly tag: 'tensor';
  readonly node: TensorNode;
}

export interface ModelVal {
  readonly tag: 'model';
  readonly model: ModelBuilder;
}

/** A built-in global the interpreter understands (Math, Object, Array, ...), or one of its functions. */
export interface BuiltinVal {
  readonly tag: 'builtin';
  readonly name: string;
}

export type Val = Primitive | Unknown | ArrayVal | ObjectVal | FunctionVal | TfVal | LayerVal | TensorVal | ModelVal | BuiltinVal;

export type TaggedVal = Exclude<Val, Primitive | Unknown>;

export function isTagged(v: Val): v is TaggedVal {
  return typeof v === 'object' && v !== null && 'tag' in v;
}

export function isTensor(v: Val): v is TensorVal {
  return isTagged(v) && v.tag === 'tensor';
}

export function makeArray(items: Val[], spans?: (Span | undefined)[]): ArrayVal {
  return { tag: 'array', items, spans: spans ?? [] };
}

export function makeObject(): ObjectVal {
  return { tag: 'object', props: new Map(), spans: new Map() };
}

/**
 * Argument lists holding a spread we could not expand (unknown, or too large), and the
 * position of the first: from there on, which argument is which is not known.
 */
const uncertainArgs = new WeakMap<readonly Val[], number>();

export function markUncertainFrom(args: readonly Val[], index: number): void {
  if (!uncertainArgs.has(args)) uncertainArgs.set(args, index);
}

/** The first position of `args` that is not known (Infinity when all are). */
export function firstUncertainArg(args: readonly Val[]): number {
  return uncertainArgs.get(args) ?? Infinity;
}

export function isPrimitive(v: Val): v is Primitive {
  return v === null || (typeof v !== 'object' && typeof v !== 'function');
}

/** JS truthiness, or Unknown when it cannot be decided. */
export function truthy(v: Val): boolean | Unknown {
  if (isUnknown(v)) return opaque(v);
  if (isPrimitive(v)) return Boolean(v);
  return true; // every object, array, function and TF value is truthy
}

/** `typeof v`, or Unknown. */
export function typeOf(v: Val): string | Unknown {
  if (isUnknown(v)) return opaque(v);
  if (isPrimitive(v)) return v === null ? 'object' : typeof v;
  if (v.tag === 'function' || v.tag === 'builtin') return 'function';
  if (v.tag === 'tf') return v.path.length === 0 || v.path.length === 1 ? 'object' : 'function';
  return 'object';
}

/** Strict equality; identity for objects. Unknown when either side is Unknown. */
export function strictEquals(a: Val, b: Val): boolean | Unknown {
  if (isUnknown(a)) return opaque(a);
  if (isUnknown(b)) return opaque(b);
  if (isPrimitive(a) || isPrimitive(b)) return a === b;
  if (a.tag === 'tf' && b.tag === 'tf') return a.path.join('.') === b.path.join('.');
  return a === b;
}

/** A taint reason if the array/object may have been changed by code we could not follow. */
export function taintOf(v: Val): string | undefined {
  if (typeof v === 'object' && v !== null && 'tag' in v && (v.tag === 'array' || v.tag === 'object')) return v.tainted;
  return undefined;
}

const MAX_CONFIG_DEPTH = 16;

/** How many more nodes a conversion may produce; it goes below 0 when the conversion gave up. */
export interface NodeAllowance {
  left: number;
}

/**
 * Converts an interpreter value to the plain config vocabulary of types.ts. `allowance`
 * bounds the nodes of the result (see configValue in valueBudget.ts): past it, Unknown.
 */
export function toConfigValue(v: Val, depth = 0, allowance: NodeAllowance = { left: Infinity }): ConfigValue {
  if (--allowance.left < 0) return unknown('a value too large to follow');
  if (isUnknown(v) || isPrimitive(v)) return v;
  if (depth > MAX_CONFIG_DEPTH) return unknown('value nested too deeply');
  switch (v.tag) {
    case 'array': {
      if (v.tainted) return unknown(v.tainted);
      const out: ConfigValue[] = [];
      for (const x of v.items) {
        out.push(toConfigValue(x, depth + 1, allowance));
        if (allowance.left < 0) break;
      }
      return out;
    }
    case 'object': {
      if (v.tainted) return unknown(v.tainted);
      if (v.open) return unknown(v.open);
      const out: Record<string, ConfigValue> = {};
      for (const [k, x] of v.props) {
        out[k] = toConfigValue(x, depth + 1, allowance);
        if (allowance.left < 0) break;
      }
      return out;
    }
    case 'function':
      return unknown('a function');
    case 'builtin':
      return unknown(`the built-in ${v.name}`);
    case 'tf':
      return unknown(`tf.${v.path.join('.')}`);
    case 'layer':
      return unknown('a layer object');
    case 'tensor':
      return unknown('a symbolic tensor');
    case 'model':
      return unknown('a model');
  }
}

/** True when any part of a config value is Unknown. */
export function hasUnknownPart(v: ConfigValue): boolean {
  if (isUnknown(v)) return true;
  if (Array.isArray(v)) return (v as readonly ConfigValue[]).some(hasUnknownPart);
  if (typeof v === 'object' && v !== null) return Object.values(v as Record<string, ConfigValue>).some(hasUnknownPart);
  return false;
}

export function spanOf(node: { range: [number, number] }): Span {
  return { start: node.range[0], end: node.range[1] };
}
