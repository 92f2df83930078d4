// Evaluated call arguments, as Python binds them: positional values (after `*xs` unpacking)
// and keyword values (after `**kw` unpacking), each with the span it was written at, so that
// a layer's config can point at `padding='valid'` or at the `3` of `Conv2D(32, 3)`.
import type { Span } from '../../types';
import type { RawOrigin } from '../../workspace/origins';
import type { PyVal } from './values';

/** An argument written as a constant of another file, or a tuple of some (`(IMG, IMG, 3)`). */
export interface ArgOrigins {
  readonly self?: RawOrigin;
  /** Per element of a tuple or list display. */
  readonly items: readonly (RawOrigin | undefined)[];
}

export interface CallArgs {
  readonly positional: PyVal[];
  /** Span of each positional value (the `*xs` argument for unpacked ones). */
  readonly positionalSpans: Span[];
  readonly keywords: Map<string, PyVal>;
  /** Span of each keyword argument as written, `name=value` (or the `**kw` it came from). */
  readonly keywordSpans: Map<string, Span>;
  /** Set when a `*xs` of unknown length may have added positional values after those listed. */
  starUnknown?: string;
  /** Set when a `**kw` we cannot read may have added keyword values. */
  keywordsUnknown?: string;
  /** Arguments that are constants of another file, by position and keyword (for hovers). */
  origins?: { readonly positional: Map<number, ArgOrigins>; readonly keywords: Map<string, ArgOrigins> };
}

export function emptyArgs(): CallArgs {
  return { positional: [], positionalSpans: [], keywords: new Map(), keywordSpans: new Map() };
}

export function argsOf(positional: PyVal[], spans: Span[] = []): CallArgs {
  return { positional, positionalSpans: spans, keywords: new Map(), keywordSpans: new Map() };
}

/** Every value passed, for havoc when the callee is code we cannot follow. */
export function allArgValues(args: CallArgs): PyVal[] {
  return [...args.positional, ...args.keywords.values()];
}

/** The argument bound to a parameter that may be given by position `index` or by `name`. */
export function argAt(args: CallArgs, index: number, name: string): PyVal | undefined {
  if (args.keywords.has(name)) return args.keywords.get(name);
  return index >= 0 && index < args.positional.length ? args.positional[index] : undefined;
}

/** True when the argument may exist but cannot be seen (an unknown `*xs` / `**kw`). */
export function argMayBeHidden(args: CallArgs, index: number, name: string): boolean {
  if (args.keywords.has(name) || (index >= 0 && index < args.positional.length)) return false;
  return args.keywordsUnknown !== undefined || (index >= 0 && args.starUnknown !== undefined);
}
