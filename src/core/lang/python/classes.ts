// User classes: `class` statements, instances, attribute lookup along the bases (left to
// right, depth first, which equals Python's MRO for the single-inheritance code models use),
// and the Keras subclasses among them: a `keras.Model` subclass instance is a model, a
// `keras.layers.Layer` subclass instance a layer (keras/subclass.ts runs their `call`).
import type { Span } from '../../types';
import type * as ast from './ast';
import type { CallArgs } from './callArgs';
import { callFunction } from './calls';
import { evalArgs } from './expressions';
import type { PyInterpreter } from './interpreter';
import { initKerasSubclass } from './keras/subclass';
import { PyScope } from './scope';
import { isObject, type KerasBase, type PyClass, type PyInstance, type PyVal } from './values';

const classScopes = new WeakMap<PyScope, PyClass>();

/** The class whose body `scope` is, for methods defined there (`super()` needs it). */
export function classOfScope(scope: PyScope): PyClass | undefined {
  return scope.kind === 'class' ? classScopes.get(scope) : undefined;
}

function kerasBaseOf(bases: readonly PyVal[]): KerasBase {
  for (const b of bases) {
    if (!isObject(b)) continue;
    if (b.tag === 'class' && b.kerasBase) return b.kerasBase;
    if (b.tag === 'keras') {
      const p = b.path.join('.');
      if (p === 'Model' || p === 'Functional' || p === 'Sequential') return 'Model';
      if (p === 'layers.Layer') return 'Layer';
    }
  }
  return null;
}

export function defineClass(ip: PyInterpreter, node: ast.ClassDef, scope: PyScope): PyClass {
  const args = evalArgs(ip, node.bases, scope);
  const cls: PyClass = { tag: 'class', name: node.name, node, bases: args.positional, attrs: new Map(), kerasBase: kerasBaseOf(args.positional) };
  const body = new PyScope(scope, 'class');
  classScopes.set(body, cls);
  ip.execBlock(node.body, body);
  for (const name of body.ownNames()) cls.attrs.set(name, body.ownBinding(name)?.value ?? null);
  return cls;
}

/** An attribute found on a class or its bases (user classes only), with the class that holds it. */
export function lookupClassAttr(cls: PyClass, name: string, depth = 0): { value: PyVal; owner: PyClass } | undefined {
  if (cls.attrs.has(name)) return { value: cls.attrs.get(name) as PyVal, owner: cls };
  if (depth > 20) return undefined;
  for (const b of cls.bases) {
    if (isObject(b) && b.tag === 'class') {
      const found = lookupClassAttr(b, name, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** The classes after `cls` in the lookup order of `start`: where `super()` in `cls` looks. */
export function lookupAfter(start: PyClass, cls: PyClass, name: string): { value: PyVal; owner: PyClass } | undefined {
  const order: PyClass[] = [];
  const visit = (c: PyClass, depth: number): void => {
    if (depth > 20 || order.includes(c)) return;
    order.push(c);
    for (const b of c.bases) if (isObject(b) && b.tag === 'class') visit(b, depth + 1);
  };
  visit(start, 0);
  for (const c of order.slice(order.indexOf(cls) + 1)) if (c.attrs.has(name)) return { value: c.attrs.get(name) as PyVal, owner: c };
  return undefined;
}

export function instantiate(ip: PyInterpreter, cls: PyClass, args: CallArgs, span: Span, site: ast.Call | null): PyInstance {
  const inst: PyInstance = { tag: 'instance', cls, attrs: new Map() };
  if (cls.kerasBase) initKerasSubclass(ip, inst, span);
  const init = lookupClassAttr(cls, '__init__');
  if (init && isObject(init.value) && init.value.tag === 'function') callFunction(ip, init.value, args, inst);
  else if (cls.kerasBase) ip.call({ tag: 'builtin', name: 'keras.base.__init__', self: inst }, args, span, site);
  return inst;
}
