// Lexical environments. One Scope per block / function call, chained to its parent; bindings
// are updated in place as statements execute, which makes the analysis flow-sensitive without
// copying environments.
import { unknown } from '../../../types';
import type { RawOrigin } from '../../../workspace/origins';
import type { Val } from './values';

export interface Binding {
  value: Val;
  readonly kind: 'const' | 'let' | 'var' | 'param' | 'function' | 'import' | 'class';
  /** Set when the value is a constant of another file (an import): where it is defined. */
  origin?: RawOrigin;
}

export class Scope {
  private readonly vars = new Map<string, Binding>();

  constructor(
    readonly parent: Scope | null,
    /** Function scopes hold `var` bindings and `this`. */
    readonly isFunction: boolean,
    readonly thisVal: Val = unknown('`this` is not statically known'),
  ) {}

  declare(name: string, value: Val, kind: Binding['kind'], origin?: RawOrigin): void {
    const existing = this.vars.get(name);
    if (existing && existing.kind === 'var' && kind === 'var') {
      existing.value = value;
      existing.origin = origin;
    } else this.vars.set(name, origin ? { value, kind, origin } : { value, kind });
  }

  /** The bindings declared in this scope itself (a module's top level, to export it). */
  ownBindings(): IterableIterator<[string, Binding]> {
    return this.vars.entries();
  }

  lookup(name: string): Binding | undefined {
    // Iterative walk: deep nesting must not cost stack.
    let b = this.vars.get(name);
    for (let s = this.parent; !b && s !== null; s = s.parent) b = s.vars.get(name);
    return b;
  }

  /** The nearest function (or program) scope: where `var` lives. */
  functionScope(): Scope {
    if (this.isFunction || !this.parent) return this;
    let s = this.parent;
    while (!s.isFunction && s.parent) s = s.parent;
    return s;
  }

  /** `this` of the nearest function scope. */
  thisValue(): Val {
    return this.functionScope().thisVal;
  }
}
