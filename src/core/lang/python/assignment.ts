// Assignment to targets: names, `a, *b = ...` unpacking, attributes (`self.conv = ...`) and
// items (`xs[0] = ...`, `d['k'] = ...`). An unpacking whose right side cannot be iterated
// statically binds Unknown to every name, never a guess.
import { isUnknown, unknown } from '../../types';
import { namedUnknown } from '../../symbolic/symbols';
import type * as ast from './ast';
import { setAttribute } from './attributes';
import { assignedNames } from './codeScan';
import type { PyInterpreter } from './interpreter';
import type { PyScope } from './scope';
import { dictSet, isFloat, isObject, makeList, numericValue, type PyVal } from './values';

function unpack(ip: PyInterpreter, target: ast.Tuple | ast.List, value: PyVal, scope: PyScope): void {
  const items = ip.iterate(value);
  const starAt = target.elts.findIndex((e) => e.kind === 'Starred');
  const fits = !isUnknown(items) && (starAt < 0 ? items.length === target.elts.length : items.length >= target.elts.length - 1);
  if (isUnknown(value) && value.symbol && starAt < 0) {
    // `h, w, c = input_shape`, a parameter no call gives: paths into it, as `input_shape[0]` reads.
    const sym = value.symbol;
    target.elts.forEach((e, i) => ip.assign(e, namedUnknown(value.reason, `${sym.name}[${i}]`, sym.span, sym.why), scope));
    return;
  }
  if (isUnknown(items) || !fits) {
    // Unknown length, or a ValueError at run time: every name bound here is unknown.
    const reason = isUnknown(items) ? items.reason : `unpacking ${items.length} values into ${target.elts.length} names`;
    const names = new Set<string>();
    assignedNames(target, names);
    for (const n of names) scope.assign(n, unknown(reason));
    for (const e of target.elts) if (e.kind === 'Attribute' || e.kind === 'Subscript') ip.assign(e, unknown(reason), scope);
    return;
  }
  if (starAt < 0) {
    target.elts.forEach((e, i) => ip.assign(e, items[i], scope));
    return;
  }
  const after = target.elts.length - starAt - 1;
  target.elts.slice(0, starAt).forEach((e, i) => ip.assign(e, items[i], scope));
  const star = target.elts[starAt] as ast.Starred;
  ip.assign(star.value, makeList(items.slice(starAt, items.length - after)), scope);
  target.elts.slice(starAt + 1).forEach((e, i) => ip.assign(e, items[items.length - after + i], scope));
}

function setItem(ip: PyInterpreter, target: ast.Subscript, value: PyVal, scope: PyScope): void {
  const container = ip.eval(target.value, scope);
  const index = ip.eval(target.index, scope);
  if (!isObject(container)) return;
  if (container.tag === 'list') {
    const n = isFloat(index) ? undefined : numericValue(index);
    const i = n === undefined ? undefined : n < 0 ? n + container.items.length : n;
    if (i !== undefined && Number.isInteger(i) && i >= 0 && i < container.items.length) container.items[i] = value;
    else container.tainted ??= 'an item assignment we could not follow';
  } else if (container.tag === 'dict') {
    if (!dictSet(container, index, value, target.span)) container.open ??= 'a key that is not statically known';
  } else ip.havocValues([container], 'an item assignment we could not follow');
}

/** A model takes the name of the first variable (or attribute) it is bound to, as on the TS side. */
function nameModel(value: PyVal, name: string): void {
  if (!isObject(value)) return;
  const model = value.tag === 'model' ? value.model : value.tag === 'instance' ? value.subclass?.model : undefined;
  if (model && model.name === null) model.name = name;
}

export function assignTarget(ip: PyInterpreter, target: ast.Expr, value: PyVal, scope: PyScope): void {
  switch (target.kind) {
    case 'Name':
      nameModel(value, target.id);
      scope.assign(target.id, value);
      return;
    case 'Tuple':
    case 'List':
      unpack(ip, target, value, scope);
      return;
    case 'Attribute':
      nameModel(value, target.attr);
      setAttribute(ip, ip.eval(target.value, scope), target.attr, value);
      return;
    case 'Subscript':
      setItem(ip, target, value, scope);
      return;
    case 'Starred':
      ip.assign(target.value, value, scope);
      return;
    default:
      return; // not a valid target: a SyntaxError the parser reports
  }
}
