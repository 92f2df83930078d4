// Checks held over symbols, with no false error: a merge is reported only when its inputs
// differ for every value of the symbols, and a window that needs a minimum input size gives
// that size as a condition ("needs IMG ≥ 10"), never as an error. Symbols stand for sizes, so
// each is at least 1; the conditions the windows set raise that floor.
import { evaluate, sub, symbolsOf, asConstant, type Expr } from './expr';

/** A window's requirement: `len ≥ atLeast` for a non-empty output (`what`: "3×3 kernel"). */
export interface WindowNeed {
  readonly len: Expr;
  readonly atLeast: number;
  readonly what: string;
  /** The config key that sets the window, for the finding's range. */
  readonly property: string;
}

/** The least value of each symbol under which every window seen so far has an output. */
export type Floors = ReadonlyMap<string, number>;

const SEARCH_LIMIT = 2 ** 30;

/** True when `e` never decreases as any symbol grows (symbols ≥ 0): positive terms, monotone brackets. */
export function isMonotone(e: Expr): boolean {
  return e.terms.every((t) => (t.factors.length === 0 || t.coeff > 0) && t.factors.every((f) => f.atom.kind === 'sym' || isMonotone(f.atom.num)));
}

/**
 * The least integer value of the one symbol `need.len` mentions for which `len ≥ atLeast`;
 * null when the length names several symbols or may shrink as one grows (then no claim).
 */
export function minimumFor(need: WindowNeed): { symbol: string; min: number } | null {
  const names = symbolsOf(need.len);
  if (names.length !== 1 || !isMonotone(need.len)) return null;
  const at = (v: number): number => evaluate(need.len, new Map([[names[0], v]])) ?? Number.NEGATIVE_INFINITY;
  if (at(SEARCH_LIMIT) < need.atLeast) return null;
  let lo = 1;
  let hi = SEARCH_LIMIT;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (at(mid) >= need.atLeast) hi = mid;
    else lo = mid + 1;
  }
  return { symbol: names[0], min: lo };
}

/** The least value `e` takes when every symbol is at least its floor (1 by default); null when unknown. */
function lowerBound(e: Expr, floors: Floors): number | null {
  if (!isMonotone(e)) return null;
  const values = new Map(symbolsOf(e).map((n) => [n, floors.get(n) ?? 1]));
  return evaluate(e, values);
}

/**
 * Whether two dims a merge needs equal certainly differ: their difference is a constant other
 * than 0. An elementwise merge also stretches a dim of 1, so there both sides must be at
 * least 2 for every allowed value.
 */
export function certainlyDiffer(a: Expr, b: Expr, broadcasts: boolean, floors: Floors): boolean {
  const d = asConstant(sub(a, b));
  if (d === null || d === 0) return false;
  if (!broadcasts) return true;
  const la = lowerBound(a, floors);
  const lb = lowerBound(b, floors);
  return la !== null && lb !== null && la >= 2 && lb >= 2;
}
