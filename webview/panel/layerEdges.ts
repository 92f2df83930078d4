// The diagram's edges from a model report: producer → consumer, once per pair. A layer applied
// several times (shared weights) is one node with an edge from every application's inputs.
import type { ModelReport } from '../../src/core/report';

export function layerEdges(model: ModelReport): { from: number; to: number }[] {
  const seen = new Set<string>();
  const edges: { from: number; to: number }[] = [];
  for (const l of model.layers) {
    for (const call of l.calls ?? [l]) {
      for (const from of call.inputs) {
        const key = `${from}>${l.index}`;
        if (seen.has(key)) continue;
        seen.add(key);
        edges.push({ from, to: l.index });
      }
    }
  }
  return edges;
}
