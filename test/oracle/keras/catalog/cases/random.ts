// Seeded random draws for the Keras catalog tables (test/support/seededRandom.ts), and Python
// literals for the constructor calls they produce.
import { seededRandom } from '../../../../support/seededRandom';

export interface Draw {
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
}

export function draws(seed: number): Draw {
  const next = seededRandom(seed);
  return {
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

export type Py = number | string | boolean | null | readonly Py[] | { readonly py: string };

/** A Python literal: numbers as ints, strings quoted, arrays as tuples, `{py}` verbatim. */
export function py(v: Py): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return `'${v}'`;
  if (Array.isArray(v)) {
    const items = (v as readonly Py[]).map(py);
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
  }
  return (v as { py: string }).py;
}

/** `layers.Conv2D(8, 3, padding='same')` from a class name, positional values and keywords. */
export function ctor(className: string, positional: readonly Py[], keywords: Readonly<Record<string, Py | undefined>> = {}): string {
  const args = [...positional.map(py), ...Object.entries(keywords).flatMap(([k, v]) => (v === undefined ? [] : [`${k}=${py(v)}`]))];
  return `layers.${className}(${args.join(', ')})`;
}
