// Graph layout with elkjs (layered algorithm: branches side by side, merges below). We use
// the bundled build, which runs ELK in-process without a web worker. Large graphs get
// layeredLayout.ts instead.
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';
import { layeredLayout } from './layeredLayout';

export interface LayoutInput {
  readonly nodes: readonly { id: number; width: number; height: number }[];
  readonly edges: readonly { from: number; to: number }[];
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface LayoutResult {
  readonly width: number;
  readonly height: number;
  readonly nodes: ReadonlyMap<number, { x: number; y: number; width: number; height: number }>;
  readonly edges: readonly { from: number; to: number; points: readonly Point[] }[];
}

const elk = new ELK();

/**
 * Largest graph given to elkjs. Beyond it elkjs gets slow (about 10 s at 5,000 nodes) and then
 * overflows the call stack (10,000), so larger graphs get the plain layered layout.
 */
export const ELK_MAX_NODES = 400;

export type LayoutEngine = 'elk' | 'layered';

export function layoutEngineFor(input: LayoutInput): LayoutEngine {
  return input.nodes.length > ELK_MAX_NODES ? 'layered' : 'elk';
}

export async function layoutGraph(input: LayoutInput): Promise<LayoutResult> {
  if (layoutEngineFor(input) === 'layered') return layeredLayout(input);
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.spacing.nodeNodeBetweenLayers': '26',
      'elk.spacing.nodeNode': '28',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.padding': '[top=12,left=12,bottom=12,right=12]',
    },
    children: input.nodes.map((n) => ({ id: `n${n.id}`, width: n.width, height: n.height })),
    edges: input.edges.map((e, i) => ({ id: `e${i}`, sources: [`n${e.from}`], targets: [`n${e.to}`] })),
  };
  const out = await elk.layout(graph);
  const nodes = new Map<number, { x: number; y: number; width: number; height: number }>();
  for (const c of out.children ?? []) nodes.set(Number(c.id.slice(1)), { x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? 0, height: c.height ?? 0 });
  const edges = (out.edges ?? []).map((e, i) => {
    const points: Point[] = [];
    for (const s of e.sections ?? []) {
      points.push(s.startPoint);
      for (const b of s.bendPoints ?? []) points.push(b);
      points.push(s.endPoint);
    }
    return { ...input.edges[i], points };
  });
  return { width: out.width ?? 0, height: out.height ?? 0, nodes, edges };
}
