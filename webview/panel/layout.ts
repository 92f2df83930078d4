// Graph layout with elkjs (layered algorithm: branches side by side, merges below), run in a
// web worker whose source dist/webview/elk.js brings (elkSource.ts): elkjs is 1.5 MB of code,
// which on the page's thread held up the panel's start by half a second, and large layouts
// would block its clicks. Large graphs get layeredLayout.ts instead, and so does every graph
// when the worker cannot start (the diagram says why).
import ElkConstructor from 'elkjs/lib/elk-api';
import type { ELK, ElkNode } from 'elkjs/lib/elk-api';
import { layeredLayout } from './layeredLayout';
import { elkWorkerSource } from './elkSource';

export interface LayoutInput {
  readonly nodes: readonly { id: number; width: number; height: number }[];
  readonly edges: readonly { from: number; to: number }[];
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Where every node and edge goes. */
export interface Placement {
  readonly width: number;
  readonly height: number;
  readonly nodes: ReadonlyMap<number, { x: number; y: number; width: number; height: number }>;
  readonly edges: readonly { from: number; to: number; points: readonly Point[] }[];
}

export interface LayoutResult extends Placement {
  /** The layout that drew it. */
  readonly engine: LayoutEngine;
  /** Why elkjs was not used for a graph it would have drawn (its worker could not start). */
  readonly elkUnavailable?: string;
  /** A quick layeredLayout drawn while elkjs is still starting; its own layout replaces it (see `provisional`). */
  readonly provisional?: true;
}

let elk: Promise<ELK | string> | null = null;
/** Set once elkjs has finished a layout: its worker has compiled and answers in milliseconds from then on. */
let elkAnswered = false;

/**
 * elkjs's worker starts once the page's first feature map is painted, or this long after the
 * page started when no map comes first. The worker compiles 1.5 MB of code on a core of its own;
 * started with the page, it ran beside the extension host's analysis and the first map, on a
 * cold workbench's two cores. The quick top-down diagram (`provisional`) is shown meanwhile.
 */
const LAYOUT_WORKER_LATEST_MS = 3000;
let allowElk: () => void = () => undefined;
const elkAllowed = new Promise<void>((resolve) => {
  allowElk = resolve;
});

/** The one ELK instance of the page (its worker started once allowed), or why there is none. */
function elkInstance(): Promise<ELK | string> {
  elk ??= elkAllowed.then(elkWorkerSource).then((source) => {
    if (source === null) return 'the layout script (elk.js) did not load';
    try {
      const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
      return new ElkConstructor({ workerFactory: () => new Worker(url) });
    } catch (e) {
      return `its worker could not start (${(e as Error).message})`;
    }
  });
  return elk;
}

/**
 * Largest graph given to elkjs. Beyond it elkjs gets slow (about 10 s at 5,000 nodes) and then
 * overflows the call stack (10,000), so larger graphs get the plain layered layout.
 */
export const ELK_MAX_NODES = 400;

export type LayoutEngine = 'elk' | 'layered';

export function layoutEngineFor(input: LayoutInput): LayoutEngine {
  return input.nodes.length > ELK_MAX_NODES ? 'layered' : 'elk';
}

/** At the page's start: the layout worker starts LAYOUT_WORKER_LATEST_MS from now, unless allowLayoutWorker comes first. */
export function scheduleLayoutWorker(): void {
  setTimeout(allowLayoutWorker, LAYOUT_WORKER_LATEST_MS);
}

/** Starts the layout worker now (elkjs initialises for a while when it starts), so that its first layout does not wait for that. */
export function allowLayoutWorker(): void {
  allowElk();
  void elkInstance();
}

/**
 * Options of layoutGraph. `provisional`: while elkjs has not answered yet (its worker compiles
 * 1.5 MB of code, which on a cold panel took 1.2–3.6 s after the first feature map), lay the
 * graph out with layeredLayout at once and say so; the caller draws that and asks again.
 */
export interface LayoutOptions {
  readonly provisional?: boolean;
}

export async function layoutGraph(input: LayoutInput, options: LayoutOptions = {}): Promise<LayoutResult> {
  if (layoutEngineFor(input) === 'layered') return { ...layeredLayout(input), engine: 'layered' };
  if (options.provisional && !elkAnswered) return { ...layeredLayout(input), engine: 'layered', provisional: true };
  const elk = await elkInstance();
  if (typeof elk === 'string') return { ...layeredLayout(input), engine: 'layered', elkUnavailable: elk };
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
  elkAnswered = true;
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
  return { width: out.width ?? 0, height: out.height ?? 0, nodes, edges, engine: 'elk' };
}
