// Sizes of the values built-ins would build, computed before they build them, so that the size
// budget (Ctx.reserve, context.ts) can refuse a value before it exists. Each function here is
// an upper bound that costs at most a pass over the inputs, never the result itself.
import { isUnknown, unknown, type ConfigValue } from '../../../types';
import type { Ctx } from './context';
import { toConfigValue, type Primitive, type Val } from './values';

/** Length of `String(v)` for a primitive, without building a long string twice. */
export function stringLength(v: Primitive): number {
  return typeof v === 'string' ? v.length : String(v).length;
}

/** How often `pattern` occurs in `s` as `replaceAll` counts it (an empty pattern: between every two characters). */
function occurrences(s: string, pattern: string): number {
  if (pattern.length === 0) return s.length + 1;
  let n = 0;
  for (let i = s.indexOf(pattern); i !== -1; i = s.indexOf(pattern, i + pattern.length)) n++;
  return n;
}

/**
 * The longest `s.replace(pattern, replacement)` (or `replaceAll`) can be. A replacement's `$&`
 * inserts the match, `` $` `` and `$'` the text before and after it: each may be as long as `s`.
 */
export function replacedLength(s: string, pattern: string, replacement: string, all: boolean): number {
  const found = occurrences(s, pattern);
  const count = all ? found : Math.min(found, 1);
  if (count === 0) return s.length;
  const insertsText = replacement.includes('$`') || replacement.includes("$'");
  const perDollar = Math.max(pattern.length, insertsText ? s.length : 0);
  const perMatch = replacement.length * Math.max(1, perDollar);
  return s.length + count * perMatch;
}

/** `arr.join(sep)`'s length for primitive items (null and undefined join as ''). */
export function joinedLength(items: readonly Primitive[], sep: string): number {
  let n = items.length > 0 ? sep.length * (items.length - 1) : 0;
  for (const x of items) n += x === null || x === undefined ? 0 : stringLength(x);
  return n;
}

/** An upper bound on the length of `JSON.stringify(c)`, or Infinity once it passes `cap`. */
export function jsonLength(c: ConfigValue, cap: number): number {
  let n = 0;
  const stack: ConfigValue[] = [c];
  while (stack.length > 0) {
    const x = stack.pop();
    if (typeof x === 'string') n += 2 + 6 * x.length; // every character may need a \u escape
    else if (Array.isArray(x)) {
      n += 2 + x.length;
      stack.push(...(x as readonly ConfigValue[]));
    } else if (typeof x === 'object' && x !== null && !isUnknown(x)) {
      for (const [k, v] of Object.entries(x as Record<string, ConfigValue>)) {
        n += 4 + 6 * k.length;
        stack.push(v);
      }
      n += 2;
    } else n += 24; // a number, boolean or null
    if (n > cap) return Infinity;
  }
  return n;
}

/**
 * `toConfigValue` within the size budget: every node of the result counts, so that a config
 * holding a huge (or self-referencing) array cannot make the conversion, or the LayerDecls
 * that keep its result, unbounded.
 */
export function configValue(ctx: Ctx, v: Val): ConfigValue {
  const allowance = Math.max(0, Math.min(ctx.limits.maxValueSize, ctx.limits.maxBuiltSize - ctx.builtSize));
  const budget = { left: allowance };
  const c = toConfigValue(v, 0, budget);
  // Past the allowance, reserving one unit more than it names the limit that was reached.
  if (budget.left < 0) return ctx.reserve(allowance + 1) ?? unknown('a value too large to follow');
  return ctx.reserve(allowance - budget.left) ?? c;
}
