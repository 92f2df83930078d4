// Which model or layer node sits under a cursor offset.
import type { AnalyzedModel, AnalyzedNode, FileAnalysis, Span } from '../core/types';

function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

export interface NodeHit {
  readonly model: AnalyzedModel;
  readonly modelIndex: number;
  readonly node: AnalyzedNode;
}

/** The innermost layer node whose call contains the offset (nested `.apply` calls pick the inner). */
export function layerNodeAt(analysis: FileAnalysis, offset: number): NodeHit | null {
  let best: NodeHit | null = null;
  let bestLength = Infinity;
  analysis.models.forEach((model, modelIndex) => {
    for (const node of model.nodes) {
      if (node.node.op.kind !== 'layer') continue;
      const span = node.node.span;
      if (!contains(span, offset) || span.end - span.start >= bestLength) continue;
      best = { model, modelIndex, node };
      bestLength = span.end - span.start;
    }
  });
  return best;
}

/** The model whose construction call (`tf.sequential(...)`, `tf.model(...)`) contains the offset. */
export function modelAt(analysis: FileAnalysis, offset: number): { model: AnalyzedModel; modelIndex: number } | null {
  let best: { model: AnalyzedModel; modelIndex: number } | null = null;
  let bestLength = Infinity;
  analysis.models.forEach((model, modelIndex) => {
    const span = model.graph.span;
    if (!contains(span, offset) || span.end - span.start >= bestLength) return;
    best = { model, modelIndex };
    bestLength = span.end - span.start;
  });
  return best;
}
