// Calls from the analysed file into code of another file (an imported builder). The
// interpreter runs that code as it runs local code, so what it makes carries the other file's
// offsets; when the outermost such call returns, everything it made (models, their nodes,
// symbolic tensors, problems) moves to the call's span in this file, which is where the user
// meets it: the hints of `const model = createModel(28)` are at that call. localize.ts then
// catches anything foreign that was kept elsewhere (a layer's own spans, config spans).
import type { ModelBuilder, TensorNode } from '../modelBuilder';
import type { ExtractProblem, LayerDecl, Span } from '../types';
import { isForeignOffset, type ForeignTexts } from './foreignSpans';
import { locationAt } from './origins';

/** The state of one extraction run that sites need: what it has made so far. */
export interface SiteTarget {
  readonly problems: ExtractProblem[];
  readonly models: readonly ModelBuilder[];
  readonly tensors: readonly TensorNode[];
  /** Python: layers whose constructor raised (reported even when no model uses them). */
  readonly rejectedLayers?: readonly LayerDecl[];
  /** Layers of another file's code that no model may hold: where their error is reported. */
  readonly declSites: Map<LayerDecl, Span>;
}

/** How far the lists had grown when the outermost foreign call started. */
export interface SiteMark {
  readonly site: Span;
  readonly problems: number;
  readonly tensors: number;
  readonly rejected: number;
}

export function isForeignSpan(span: Span): boolean {
  return isForeignOffset(span.start);
}

export function markSite(target: SiteTarget, site: Span): SiteMark {
  return { site, problems: target.problems.length, tensors: target.tensors.length, rejected: target.rejectedLayers?.length ?? 0 };
}

/** Moves what the call made to its site (the outermost foreign call has returned, or thrown). */
export function settleSite(target: SiteTarget, mark: SiteMark, foreign: ForeignTexts | null): void {
  const site = mark.site;
  for (let i = mark.problems; i < target.problems.length; i++) {
    const p = target.problems[i];
    if (isForeignSpan(p.span)) target.problems[i] = { ...p, span: site };
  }
  for (let i = mark.tensors; i < target.tensors.length; i++) {
    const t = target.tensors[i];
    if (isForeignSpan(t.span)) t.span = site;
  }
  // Nodes the call added to a model of this file (`addBlock(model)`) as well as its own models.
  for (const m of target.models) {
    if (isForeignSpan(m.span)) {
      m.builtIn ??= locationAt(foreign, m.span.start) ?? undefined;
      m.span = site;
      // Named after the variable the builder used there; here, the one its result is bound to.
      m.name = null;
    }
    for (const n of m.nodes) if (isForeignSpan(n.span)) n.span = site;
    if (m.compile && isForeignSpan(m.compile.span)) m.compile = { ...m.compile, span: site };
  }
  const rejected = target.rejectedLayers ?? [];
  for (let i = mark.rejected; i < rejected.length; i++) if (!target.declSites.has(rejected[i])) target.declSites.set(rejected[i], site);
}
