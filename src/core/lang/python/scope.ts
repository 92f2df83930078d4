// Python's scopes: module, function, class and comprehension. A name assigned anywhere in a
// function body is local to it (unless declared global/nonlocal), so reading it before the
// assignment does not fall through to the enclosing scope; a class body's names are not seen
// by the methods defined in it. Bindings are mutable cells so that branch joins can put
// values back (branches.ts).
import { unknown } from '../../types';
import type { RawOrigin } from '../../workspace/origins';
import type { PyVal } from './values';

export interface PyBinding {
  value: PyVal;
  /** Set when the value is a constant of another file (an import): where it is defined. */
  origin?: RawOrigin;
}

export type ScopeKind = 'module' | 'function' | 'class' | 'comprehension';

export class PyScope {
  private readonly vars = new Map<string, PyBinding>();
  private globalNames: Set<string> | null = null;
  private nonlocalNames: Set<string> | null = null;

  constructor(
    readonly parent: PyScope | null,
    readonly kind: ScopeKind,
    /** For functions: every name the body assigns (Python decides locality statically). */
    readonly locals: ReadonlySet<string> | null = null,
  ) {}

  declareGlobal(name: string): void {
    (this.globalNames ??= new Set()).add(name);
  }

  declareNonlocal(name: string): void {
    (this.nonlocalNames ??= new Set()).add(name);
  }

  module(): PyScope {
    let s: PyScope | null = this.parent;
    if (!s) return this;
    while (s.parent) s = s.parent;
    return s;
  }

  /** The scope an assignment to `name` here writes to. */
  private targetScope(name: string): PyScope {
    if (this.globalNames?.has(name)) return this.module();
    if (this.nonlocalNames?.has(name)) {
      for (let s = this.parent; s; s = s.parent) if (s.kind === 'function' && (s.vars.has(name) || s.locals?.has(name))) return s;
    }
    return this;
  }

  assign(name: string, value: PyVal, origin?: RawOrigin): void {
    const target = this.targetScope(name);
    const existing = target.vars.get(name);
    if (existing) {
      existing.value = value;
      existing.origin = origin;
    } else target.vars.set(name, origin ? { value, origin } : { value });
  }

  delete(name: string): void {
    this.targetScope(name).vars.delete(name);
  }

  /** The binding `name` reads here, following Python's LEGB rule; undefined when unbound. */
  lookup(name: string): PyBinding | undefined {
    if (this.globalNames?.has(name)) return this.module().vars.get(name);
    let first = true;
    for (let s: PyScope | null = this as PyScope | null; s; s = s.parent) {
      // Class bodies are visible only to code directly in them, not to nested functions.
      if (s.kind === 'class' && !first) continue;
      const b = s.vars.get(name);
      if (b) return b;
      // A local not yet assigned is unbound: it does not fall back to an outer scope.
      if (s.kind === 'function' && s.locals?.has(name) && !s.nonlocalNames?.has(name) && !s.globalNames?.has(name)) return undefined;
      first = false;
    }
    return undefined;
  }

  /** The value of `name`, or Unknown. */
  read(name: string): PyVal {
    const b = this.lookup(name);
    return b ? b.value : unknown(`\`${name}\` is not defined here`);
  }

  /** Names bound directly in this scope (module globals for `from m import *`). */
  ownNames(): IterableIterator<string> {
    return this.vars.keys();
  }

  ownBinding(name: string): PyBinding | undefined {
    return this.vars.get(name);
  }
}
