// Calls that cross from the analysed program into a function of another file (an imported
// builder, a method of an imported class) and back (a callback of this program). While the
// other file's code runs, what it makes is gathered at the call here (workspace/sites.ts).
import { isForeignOffset } from '../../workspace/foreignSpans';
import { markSite, settleSite, type SiteMark } from '../../workspace/sites';
import type { PyCtx } from './context';
import type { PyFunction } from './values';

export interface Crossing {
  readonly kind: 'into' | 'back';
  readonly outer: SiteMark | null;
}

/** Called as a user function starts; null when the call crosses no file boundary. */
export function enterCall(ctx: PyCtx, fn: PyFunction): Crossing | null {
  if (ctx.moduleEval || !ctx.imports) return null;
  const foreign = isForeignOffset(fn.node.span.start);
  if (foreign && ctx.site === null) {
    const at = ctx.callSpan;
    if (!at || isForeignOffset(at.start)) return null;
    ctx.site = markSite(ctx, at);
    return { kind: 'into', outer: null };
  }
  if (!foreign && ctx.site !== null) {
    const outer = ctx.site;
    ctx.site = null;
    return { kind: 'back', outer };
  }
  return null;
}

export function leaveCall(ctx: PyCtx, crossing: Crossing | null): void {
  if (!crossing) return;
  if (crossing.kind === 'into') {
    const mark = ctx.site;
    ctx.site = null;
    if (mark) settleSite(ctx, mark, ctx.foreign);
  } else ctx.site = crossing.outer;
}
