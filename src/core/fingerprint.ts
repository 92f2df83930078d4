// State fingerprints for the front ends' recursion checks (lang/*/recursion.ts): a string
// equal for equal interpreter states, built value by value. What a value's content is belongs
// to each front end; the bound on size, the ids of values compared by identity and the
// handling of shared or cyclic containers are the same for both, here.

/** Characters of a state fingerprint; larger states are not compared (no detection). */
export const MAX_FINGERPRINT = 4000;

const identities = new WeakMap<object, number>();
let nextIdentity = 0;

/** A stable id for a value compared by identity (functions, layers, tensors, models). */
export function identity(o: object): number {
  let id = identities.get(o);
  if (id === undefined) {
    id = nextIdentity++;
    identities.set(o, id);
  }
  return id;
}

export class FingerprintWriter {
  private readonly out: string[] = [];
  private size = 0;
  private readonly seen = new Set<object>();

  /** Appends; false once the fingerprint is too large to compare. */
  emit(s: string): boolean {
    this.size += s.length;
    this.out.push(s);
    return this.size <= MAX_FINGERPRINT;
  }

  string(s: string): boolean {
    return s.length <= MAX_FINGERPRINT && this.emit(`s${s.length}:${s},`);
  }

  /** True when `o` was met before (a cycle, or shared): the caller emits `reference(o)` instead of its content. */
  seenBefore(o: object): boolean {
    if (this.seen.has(o)) return true;
    this.seen.add(o);
    return false;
  }

  reference(o: object): boolean {
    return this.emit(`@${identity(o)},`);
  }

  /** The fingerprint of `values`, each written by `visit`; null when one could not be. */
  static of<V>(values: readonly V[], visit: (v: V, w: FingerprintWriter) => boolean): string | null {
    const w = new FingerprintWriter();
    for (const v of values) if (!visit(v, w) || !w.emit('|')) return null;
    return w.out.join('');
  }
}
