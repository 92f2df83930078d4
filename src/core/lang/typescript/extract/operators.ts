// JS operators on abstract values. Only primitives are computed; anything involving an
// Unknown or an object yields Unknown (except identity comparisons, which are exact).
import { isUnknown, unknown } from '../../../types';
import { opaque } from '../../../symbolic/symbols';
import type { Ctx } from './context';
import { stringLength } from './valueBudget';
import { isPrimitive, strictEquals, typeOf, truthy, type Primitive, type Val } from './values';

function bothPrimitive(a: Val, b: Val): [Primitive, Primitive] | null {
  return isPrimitive(a) && isPrimitive(b) ? [a, b] : null;
}

export function binaryOp(op: string, a: Val, b: Val): Val {
  if (op === '===' || op === '!==') {
    const eq = strictEquals(a, b);
    return isUnknown(eq) ? eq : op === '===' ? eq : !eq;
  }
  // A named size computed with is a new value: it keeps no name (symbolic/symbols.ts).
  if (isUnknown(a)) return opaque(a);
  if (isUnknown(b)) return opaque(b);
  const prims = bothPrimitive(a, b);
  if (!prims) {
    if (op === '==' || op === '!=') {
      // Object vs null/undefined is decidable; other loose comparisons with objects are not.
      if (a === null || a === undefined || b === null || b === undefined) return op === '!=';
      const eq = strictEquals(a, b);
      return isUnknown(eq) ? eq : op === '==' ? eq : !eq;
    }
    return unknown(`operator ${op} on a non-constant value`);
  }
  const [x, y] = prims;
  // The casts below mirror JS's own coercions on primitives, which is exactly what we want.
  const nx = x as number;
  const ny = y as number;
  switch (op) {
    case '+':
      return (x as string) + (y as string);
    case '-':
      return nx - ny;
    case '*':
      return nx * ny;
    case '/':
      return nx / ny;
    case '%':
      return nx % ny;
    case '**':
      return nx ** ny;
    case '<':
      return nx < ny;
    case '<=':
      return nx <= ny;
    case '>':
      return nx > ny;
    case '>=':
      return nx >= ny;
    case '==':
      return x == y;
    case '!=':
      return x != y;
    case '&':
      return nx & ny;
    case '|':
      return nx | ny;
    case '^':
      return nx ^ ny;
    case '<<':
      return nx << ny;
    case '>>':
      return nx >> ny;
    case '>>>':
      return nx >>> ny;
    default:
      return unknown(`operator ${op}`);
  }
}

/** binaryOp, with a string concatenation first asking the size budget for its result. */
export function binaryOpWithin(ctx: Ctx, op: string, a: Val, b: Val): Val {
  if (op === '+' && (typeof a === 'string' || typeof b === 'string') && isPrimitive(a) && isPrimitive(b)) {
    const refused = ctx.reserve(stringLength(a) + stringLength(b));
    if (refused) return refused;
  }
  return binaryOp(op, a, b);
}

export function unaryOp(op: string, v: Val): Val {
  if (op === 'typeof') return typeOf(v);
  if (op === 'void') return undefined;
  if (op === '!') {
    const t = truthy(v);
    return isUnknown(t) ? t : !t;
  }
  if (isUnknown(v)) return opaque(v);
  if (!isPrimitive(v)) return unknown(`operator ${op} on an object`);
  const n = v as number;
  switch (op) {
    case '-':
      return -n;
    case '+':
      return +n;
    case '~':
      return ~n;
    default:
      return unknown(`operator ${op}`);
  }
}

/** `a && b`, `a || b`, `a ?? b`: decides from the left value alone when it can. */
export function logicalShortCircuits(op: string, left: Val): boolean | Unknown {
  if (op === '??') {
    if (isUnknown(left)) return opaque(left);
    return !(left === null || left === undefined);
  }
  const t = truthy(left);
  if (isUnknown(t)) return t;
  return op === '&&' ? !t : t;
}

type Unknown = ReturnType<typeof unknown>;
