// Binding and destructuring: `const {a = 1, ...rest} = obj`, `[x, , y] = arr`, parameters, and
// assignment targets.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isUnknown, unknown } from '../../../types';
import type { Interpreter } from './interpreter';
import type { Binding, Scope } from './scope';
import { getMember, setMember } from './builtins';
import { memberKey } from './expressions';
import { makeArray, makeObject, type Val } from './values';
import { isForeignOffset } from '../../../workspace/foreignSpans';
import { opaque } from '../../../symbolic/symbols';

function assignIdentifier(scope: Scope, name: string, value: Val): void {
  const b = scope.lookup(name);
  if (!b) return; // an undeclared target would be a global: not ours to track
  b.value = value;
  b.origin = undefined; // no longer the other file's constant
}

function elementsOf(ip: Interpreter, v: Val): Val[] | null {
  if (typeof v === 'string') return ip.ctx.reserve(v.length) ? null : [...v];
  if (typeof v === 'object' && v !== null && 'tag' in v && v.tag === 'array' && !v.tainted) return v.items;
  return null;
}

function bindObjectPattern(ip: Interpreter, pattern: TSESTree.ObjectPattern, value: Val, scope: Scope, kind: Binding['kind'] | null): void {
  const used = new Set<string>();
  for (const p of pattern.properties) {
    if (p.type === 'RestElement') {
      let rest: Val;
      const refused = typeof value === 'object' && value !== null && 'tag' in value && value.tag === 'object' ? ip.ctx.reserve(value.props.size) : null;
      if (refused) rest = refused;
      else if (typeof value === 'object' && value !== null && 'tag' in value && value.tag === 'object' && !value.tainted) {
        const obj = makeObject();
        for (const [k, x] of value.props) {
          if (used.has(k)) continue;
          obj.props.set(k, x);
          const s = value.spans.get(k);
          if (s) obj.spans.set(k, s);
        }
        if (value.open) obj.open = value.open;
        rest = obj;
      } else rest = isUnknown(value) ? value : unknown('rest of a value that is not a known object');
      bindPattern(ip, p.argument, rest, scope, kind);
      continue;
    }
    let key: string | null = null;
    if (!p.computed) key = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : null;
    else {
      const k = ip.eval(p.key, scope);
      key = typeof k === 'string' || typeof k === 'number' ? String(k) : null;
    }
    if (key !== null) used.add(key);
    const v = key === null ? unknown('computed key in a pattern') : getMember(value, key);
    bindPattern(ip, p.value, v, scope, kind);
    if (key !== null) noteDestructuredOrigin(ip, p.value, value, key, scope, kind);
  }
}

/** `const {DENSE_UNITS} = require('./constants')`: the name still comes from the other file. */
function noteDestructuredOrigin(ip: Interpreter, target: TSESTree.Node, value: Val, key: string, scope: Scope, kind: Binding['kind'] | null): void {
  if (kind === null || target.type !== 'Identifier' || typeof value !== 'object' || value === null || !('tag' in value) || value.tag !== 'object') return;
  const span = value.spans.get(key);
  if (!span || !isForeignOffset(span.start) || ip.ctx.moduleEval) return;
  const b = (kind === 'var' ? scope.functionScope() : scope).lookup(target.name);
  if (b) b.origin = { name: key, span };
}

function bindArrayPattern(ip: Interpreter, pattern: TSESTree.ArrayPattern, value: Val, scope: Scope, kind: Binding['kind'] | null): void {
  const items = elementsOf(ip, value);
  // An unknown's name is its whole value: its elements are paths into it (`inputShape[1]`),
  // never the name itself, which would claim every element equal.
  const why = isUnknown(value) ? opaque(value) : unknown('destructuring a value that is not a known (or not too large) array');
  pattern.elements.forEach((el, i) => {
    if (!el) return;
    if (el.type === 'RestElement') {
      const rest = items ? items.slice(i) : null;
      bindPattern(ip, el.argument, rest ? (ip.ctx.reserve(rest.length) ?? makeArray(rest)) : why, scope, kind);
    } else bindPattern(ip, el, items ? items[i] : isUnknown(value) ? getMember(value, String(i)) : why, scope, kind);
  });
}

export function bindPattern(ip: Interpreter, pattern: TSESTree.Node, value: Val, scope: Scope, kind: Binding['kind'] | null): void {
  switch (pattern.type) {
    case 'Identifier':
      if (kind === null) assignIdentifier(scope, pattern.name, value);
      else scope.declare(pattern.name, value, kind);
      return;
    case 'AssignmentPattern':
      bindPattern(ip, pattern.left, value === undefined ? ip.eval(pattern.right, scope) : value, scope, kind);
      return;
    case 'ObjectPattern':
      bindObjectPattern(ip, pattern, value, scope, kind);
      return;
    case 'ArrayPattern':
      bindArrayPattern(ip, pattern, value, scope, kind);
      return;
    case 'RestElement':
      bindPattern(ip, pattern.argument, value, scope, kind);
      return;
    case 'MemberExpression': {
      const obj = ip.eval(pattern.object, scope);
      const key = memberKey(ip, pattern, scope);
      if (isUnknown(key)) ip.havocValues([obj], 'written with an unknown key');
      else setMember(ip.ctx, obj, key, value);
      return;
    }
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'TSSatisfiesExpression':
    case 'TSTypeAssertion':
      bindPattern(ip, pattern.expression, value, scope, kind);
      return;
    case 'TSParameterProperty':
      bindPattern(ip, pattern.parameter, value, scope, kind);
      return;
    default:
      return;
  }
}
