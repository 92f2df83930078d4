// Moving a parsed Module to another place in a larger text (a notebook cell inside the program
// text, a piece of a long file): every Span in it shifted by the same offset. Spans are the only
// objects in the tree with numeric `start` and `end`, so one generic walk covers every node
// kind, present and future.
import type { Module } from '../ast';

function isSpan(v: object): v is { start: number; end: number } {
  const o = v as { start?: unknown; end?: unknown };
  return typeof o.start === 'number' && typeof o.end === 'number' && Object.keys(v).length === 2;
}

function shift(v: unknown, offset: number): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => shift(x, offset));
  if (isSpan(v)) return { start: v.start + offset, end: v.end + offset };
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = shift(x, offset);
  return out;
}

/** A copy of `module` (always a copy, unlike shiftSpans) with every span moved by `offset`: a tree of one's own. */
export function copyShifted(module: Module, offset: number): Module {
  return shift(module, offset) as Module;
}

/** A copy of `module` with every span moved by `offset` (UTF-16 units); `module` is left as it was. */
export function shiftSpans(module: Module, offset: number): Module {
  if (offset === 0) return module;
  // The walk rebuilds the same shapes with shifted numbers, so the result is a Module again.
  return shift(module, offset) as Module;
}

/**
 * Moves every span of a module the caller just parsed and owns, in place: no copy of the tree
 * (long files are parsed in pieces, and copying each piece cost as much as a tenth of the
 * analysis). The converter shares some span objects between nodes: each is moved once.
 */
export function moveSpansInPlace(module: Module, offset: number): Module {
  if (offset === 0) return module;
  const moved = new Set<object>();
  const stack: unknown[] = [module];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const x of v) stack.push(x);
      continue;
    }
    if (isSpan(v)) {
      if (moved.has(v)) continue;
      moved.add(v);
      v.start += offset;
      v.end += offset;
      continue;
    }
    const record = v as Record<string, unknown>;
    for (const key in record) {
      const child = record[key];
      if (typeof child === 'object' && child !== null) stack.push(child);
    }
  }
  return module;
}
