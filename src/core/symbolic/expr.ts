// Symbolic dimensions: integer polynomials over named sizes (`IMG`, `numFeatures`) and over
// floor/ceil of such a polynomial divided by a positive constant, which is all that layer
// arithmetic (convs, pools, flatten, dense params) ever builds. Every value is kept in one
// canonical form, so two expressions are equal exactly when their keys are: `(IMG−2)−2` and
// `IMG−4` are one value, and `IMG+0` cannot exist. Symbols stand for integers, which is what
// makes the floor/ceil rules below exact.

/** An indivisible factor: a symbol, or ⌊num/den⌋ / ⌈num/den⌉ with den ≥ 2 and num not reducible. */
export type Atom =
  | { readonly kind: 'sym'; readonly name: string; readonly key: string }
  | { readonly kind: 'floor' | 'ceil'; readonly num: Expr; readonly den: number; readonly key: string };

/** coeff · Π atom^pow; `factors` sorted by atom key; no factors: a constant. */
export interface Monomial {
  readonly coeff: number;
  readonly factors: readonly { readonly atom: Atom; readonly pow: number }[];
  /** The factors alone (not the coefficient): terms with equal keys add up. */
  readonly key: string;
}

/** A sum of monomials, sorted by key, none with a zero coefficient. `key` identifies the value. */
export interface Expr {
  readonly kind: 'expr';
  readonly terms: readonly Monomial[];
  readonly key: string;
}

function monoKey(factors: Monomial['factors']): string {
  return factors.map((f) => (f.pow === 1 ? f.atom.key : `${f.atom.key}^${f.pow}`)).join('*');
}

function make(terms: Monomial[]): Expr {
  const byKey = new Map<string, Monomial>();
  for (const t of terms) {
    if (t.coeff === 0) continue;
    const old = byKey.get(t.key);
    byKey.set(t.key, old ? { ...old, coeff: old.coeff + t.coeff } : t);
  }
  const kept = [...byKey.values()].filter((t) => t.coeff !== 0).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { kind: 'expr', terms: kept, key: kept.map((t) => `${t.coeff}${t.key ? '*' + t.key : ''}`).join('+') || '0' };
}

export function constant(n: number): Expr {
  return make([{ coeff: n, factors: [], key: '' }]);
}

export function symbol(name: string): Expr {
  const atom: Atom = { kind: 'sym', name, key: `$${name}` };
  return make([{ coeff: 1, factors: [{ atom, pow: 1 }], key: atom.key }]);
}

/** The number the expression is when it holds no symbol; null otherwise. */
export function asConstant(e: Expr): number | null {
  if (e.terms.length === 0) return 0;
  return e.terms.length === 1 && e.terms[0].factors.length === 0 ? e.terms[0].coeff : null;
}

export function add(a: Expr, b: Expr): Expr {
  return make([...a.terms, ...b.terms]);
}

export function scale(a: Expr, k: number): Expr {
  return make(a.terms.map((t) => ({ ...t, coeff: t.coeff * k })));
}

export function sub(a: Expr, b: Expr): Expr {
  return add(a, scale(b, -1));
}

function mulMono(a: Monomial, b: Monomial): Monomial {
  const pows = new Map<string, { atom: Atom; pow: number }>();
  for (const f of [...a.factors, ...b.factors]) {
    const old = pows.get(f.atom.key);
    pows.set(f.atom.key, { atom: f.atom, pow: (old?.pow ?? 0) + f.pow });
  }
  const factors = [...pows.values()].sort((x, y) => (x.atom.key < y.atom.key ? -1 : x.atom.key > y.atom.key ? 1 : 0));
  return { coeff: a.coeff * b.coeff, factors, key: monoKey(factors) };
}

export function mul(a: Expr, b: Expr): Expr {
  const out: Monomial[] = [];
  for (const x of a.terms) for (const y of b.terms) out.push(mulMono(x, y));
  return make(out);
}

/** The single atom `e` is with coefficient 1, if it is one (`⌊E/k⌋` alone). */
function loneAtom(e: Expr): Atom | null {
  if (e.terms.length !== 1) return null;
  const t = e.terms[0];
  return t.coeff === 1 && t.factors.length === 1 && t.factors[0].pow === 1 ? t.factors[0].atom : null;
}

/**
 * ⌊e/d⌋ or ⌈e/d⌉ for a positive integer d; null for any other divisor. Exact on integers:
 * - multiples of d leave the bracket: ⌊(d·Q + R)/d⌋ = Q + ⌊R/d⌋ (Q is integer-valued), with
 *   every coefficient and the constant of R brought into [0, d), so the form is canonical;
 * - nested divisions of the same kind merge: ⌊(⌊E/k⌋ + c)/d⌋ = ⌊(E + c·k)/(k·d)⌋ (ceil alike).
 */
export function divide(e: Expr, d: number, mode: 'floor' | 'ceil'): Expr | null {
  if (!Number.isInteger(d) || d <= 0) return null;
  if (d === 1) return e;
  const quotient: Monomial[] = [];
  const rest: Monomial[] = [];
  for (const t of e.terms) {
    // Remainders in [0, d); a ceil's constant in (−d, 0], so ⌈(L−1)/2⌉ stays as written.
    const q = mode === 'ceil' && t.factors.length === 0 ? Math.ceil(t.coeff / d) : Math.floor(t.coeff / d);
    quotient.push({ ...t, coeff: q });
    rest.push({ ...t, coeff: t.coeff - q * d });
  }
  const q = make(quotient);
  const r = make(rest);
  const rc = asConstant(r);
  if (rc !== null) return add(q, constant(mode === 'floor' ? Math.floor(rc / d) : Math.ceil(rc / d)));
  const c = r.terms.find((t) => t.factors.length === 0)?.coeff ?? 0;
  const inner = loneAtom(sub(r, constant(c)));
  if (inner && inner.kind === mode) {
    const merged = divide(add(inner.num, constant(c * inner.den)), inner.den * d, mode);
    return merged && add(q, merged);
  }
  const atom: Atom = { kind: mode, num: r, den: d, key: `${mode}(${r.key}/${d})` };
  return add(q, make([{ coeff: 1, factors: [{ atom, pow: 1 }], key: atom.key }]));
}

/** The symbols `e` mentions, each once, in order of first appearance. */
export function symbolsOf(e: Expr, out: string[] = []): string[] {
  for (const t of e.terms)
    for (const f of t.factors) {
      if (f.atom.kind === 'sym') {
        if (!out.includes(f.atom.name)) out.push(f.atom.name);
      } else symbolsOf(f.atom.num, out);
    }
  return out;
}

/** The value under an assignment of integers to symbols; null when a symbol has no value. */
export function evaluate(e: Expr, values: ReadonlyMap<string, number>): number | null {
  let total = 0;
  for (const t of e.terms) {
    let v = t.coeff;
    for (const f of t.factors) {
      const a = f.atom;
      let x: number | null;
      if (a.kind === 'sym') x = values.get(a.name) ?? null;
      else {
        const n = evaluate(a.num, values);
        x = n === null ? null : a.kind === 'floor' ? Math.floor(n / a.den) : Math.ceil(n / a.den);
      }
      if (x === null) return null;
      v *= x ** f.pow;
    }
    total += v;
  }
  return total === 0 ? 0 : total; // no −0 from ⌈−0.5⌉
}

export function equal(a: Expr, b: Expr): boolean {
  return a.key === b.key;
}
