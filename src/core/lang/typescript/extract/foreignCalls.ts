// Calls that cross from the analysed file into a function of another file (an imported
// builder) and back (a callback of this file that the builder calls). While the other file's
// code runs, what it makes is gathered at the call in this file (workspace/sites.ts).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isForeignOffset } from '../../../workspace/foreignSpans';
import { markSite, settleSite, type SiteMark } from '../../../workspace/sites';
import type { Ctx } from './context';
import { spanOf, type FunctionNode } from './values';

/** How a call changed the site, to undo when it returns. */
export interface Crossing {
  /** 'into': the call entered the other file's code; 'back': it returned to this file's code. */
  readonly kind: 'into' | 'back';
  /** The site in force before a call back into this file's code. */
  readonly outer: SiteMark | null;
}

/** Called as a user function starts; null when the call crosses no file boundary. */
export function enterCall(ctx: Ctx, fn: FunctionNode, callNode: TSESTree.Node | undefined): Crossing | null {
  if (ctx.moduleEval || !ctx.imports) return null;
  const foreign = isForeignOffset(fn.range[0]);
  if (foreign && ctx.site === null) {
    // Only a call written in this file can be a site; a standalone run never reaches here.
    if (!callNode || isForeignOffset(callNode.range[0])) return null;
    ctx.site = markSite(ctx, spanOf(callNode));
    return { kind: 'into', outer: null };
  }
  if (!foreign && ctx.site !== null) {
    const outer = ctx.site;
    ctx.site = null;
    return { kind: 'back', outer };
  }
  return null;
}

/** Called as the function returns or throws. */
export function leaveCall(ctx: Ctx, crossing: Crossing | null): void {
  if (!crossing) return;
  if (crossing.kind === 'into') {
    const mark = ctx.site;
    ctx.site = null;
    if (mark) settleSite(ctx, mark, ctx.foreign);
  } else ctx.site = crossing.outer;
}
