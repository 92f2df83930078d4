// The last step of an extraction that ran code from other files: no offset of another file
// may reach the analysed file's results (its diagnostics, hints and quick fixes would point
// into the wrong text). Sites (sites.ts) already moved what imported builders made to their
// calls; what is left foreign here is mapped to the node that holds it, or dropped:
// - a layer made by code of another file gets an empty span at its node (quick fixes, which
//   edit the text of a layer's call, find nothing to edit there), and loses the spans of its
//   config (findings fall back to the node);
// - problems still pointing elsewhere are dropped: sites kept every one that has a place here.
import type { CompileCall, ExtractProblem, GraphNode, LayerDecl, ModelGraph, Span } from '../types';
import { isForeignSpan } from './sites';

function localSpans(spans: Readonly<Record<string, Span>>): Record<string, Span> {
  const out: Record<string, Span> = {};
  for (const [k, s] of Object.entries(spans)) if (!isForeignSpan(s)) out[k] = s;
  return out;
}

class Localizer {
  private readonly decls = new Map<LayerDecl, LayerDecl>();

  constructor(private readonly declSites: ReadonlyMap<LayerDecl, Span>) {}

  decl(d: LayerDecl, nodeSpan: Span): LayerDecl {
    const known = this.decls.get(d);
    if (known) return known;
    const foreign = isForeignSpan(d.span);
    const at = this.declSites.get(d) ?? nodeSpan;
    const { argsSpan, composite, ...rest } = d;
    const out: LayerDecl = {
      ...rest,
      span: foreign ? { start: at.start, end: at.start } : d.span,
      configSpans: localSpans(d.configSpans),
      configObjectSpan: d.configObjectSpan && !isForeignSpan(d.configObjectSpan) ? d.configObjectSpan : null,
      inner: d.inner ? this.decl(d.inner, nodeSpan) : null,
      ...(argsSpan && !isForeignSpan(argsSpan) ? { argsSpan } : {}),
    };
    this.decls.set(d, out);
    // Set after the memo entry: a composite graph may hold this very layer again.
    if (composite) (out as { composite?: LayerDecl['composite'] }).composite = { ...composite, graph: this.graph(composite.graph, out.span) ?? composite.graph };
    return out;
  }

  private node(n: GraphNode, graphSpan: Span): GraphNode {
    const span = isForeignSpan(n.span) ? graphSpan : n.span;
    const op: GraphNode['op'] =
      n.op.kind === 'input'
        ? isForeignSpan(n.op.input.span)
          ? { kind: 'input', input: { ...n.op.input, span } }
          : n.op
        : { kind: 'layer', layer: this.decl(n.op.layer, span) };
    return { ...n, span, op };
  }

  private compile(c: CompileCall, graphSpan: Span): CompileCall {
    return { config: c.config, span: isForeignSpan(c.span) ? graphSpan : c.span, configSpans: localSpans(c.configSpans) };
  }

  /** The graph with every span in the analysed file; null when nothing of it is (drop it). */
  graph(g: ModelGraph, fallback: Span | null): ModelGraph | null {
    let span: Span | null = isForeignSpan(g.span) ? fallback : g.span;
    span ??= g.nodes.find((n) => !isForeignSpan(n.span))?.span ?? null;
    if (!span) return null;
    const at = span;
    return { ...g, span: at, nodes: g.nodes.map((n) => this.node(n, at)), compile: g.compile ? this.compile(g.compile, at) : null };
  }
}

/** Models and problems with every span in the analysed file (see the file comment). */
export function localize(
  models: readonly ModelGraph[],
  problems: readonly ExtractProblem[],
  declSites: ReadonlyMap<LayerDecl, Span> = new Map(),
): { models: ModelGraph[]; problems: ExtractProblem[] } {
  const l = new Localizer(declSites);
  const local: ModelGraph[] = [];
  for (const m of models) {
    const g = l.graph(m, null);
    if (g) local.push(g);
  }
  return { models: local, problems: problems.filter((p) => !isForeignSpan(p.span)) };
}
