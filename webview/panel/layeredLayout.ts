// A plain top-down layout for graphs too large for elkjs (it overflows the call stack on a
// 10,000-layer model and takes ~10 s at 5,000): each node goes one row below the lowest of its
// inputs, rows hold nodes in execution order side by side, and an edge that skips rows runs in
// a channel right of the nodes instead of across them. Linear in nodes + edges. Ranks follow
// from producer indices, which the report guarantees are smaller than the consumer's.
import type { LayoutInput, Placement, Point } from './layout';

const PAD = 12;
const ROW_GAP = 26;
const NODE_GAP = 28;
const CHANNEL_GAP = 14;
const LANES = 8;
const LANE_GAP = 6;

export function layeredLayout(input: LayoutInput): Placement {
  const rankOf = new Map<number, number>();
  const incoming = new Map<number, number[]>();
  for (const e of input.edges) {
    const list = incoming.get(e.to);
    if (list) list.push(e.from);
    else incoming.set(e.to, [e.from]);
  }
  const sorted = [...input.nodes].sort((a, b) => a.id - b.id);
  const rows: (typeof sorted)[] = [];
  for (const n of sorted) {
    let rank = 0;
    for (const p of incoming.get(n.id) ?? []) rank = Math.max(rank, (rankOf.get(p) ?? -1) + 1);
    rankOf.set(n.id, rank);
    (rows[rank] ??= []).push(n);
  }

  const nodes = new Map<number, { x: number; y: number; width: number; height: number }>();
  let y = PAD;
  let widest = 0;
  const rowWidths = rows.map((row) => row.reduce((w, n) => w + n.width, 0) + NODE_GAP * Math.max(0, row.length - 1));
  for (const w of rowWidths) widest = Math.max(widest, w);
  rows.forEach((row, r) => {
    let x = PAD + (widest - rowWidths[r]) / 2;
    let tallest = 0;
    for (const n of row) {
      nodes.set(n.id, { x, y, width: n.width, height: n.height });
      x += n.width + NODE_GAP;
      tallest = Math.max(tallest, n.height);
    }
    y += tallest + ROW_GAP;
  });

  const channel = PAD + widest + CHANNEL_GAP;
  let lane = 0;
  const edges = input.edges.map((e) => {
    const a = nodes.get(e.from);
    const b = nodes.get(e.to);
    if (!a || !b) return { ...e, points: [] as Point[] };
    const skips = (rankOf.get(e.to) ?? 0) - (rankOf.get(e.from) ?? 0) > 1;
    if (!skips) {
      const sx = a.x + a.width / 2;
      const tx = b.x + b.width / 2;
      const sy = a.y + a.height;
      const mid = b.y - ROW_GAP / 2;
      const points: Point[] = sx === tx ? [{ x: sx, y: sy }, { x: tx, y: b.y }] : [{ x: sx, y: sy }, { x: sx, y: mid }, { x: tx, y: mid }, { x: tx, y: b.y }];
      return { ...e, points };
    }
    const cx = channel + (lane++ % LANES) * LANE_GAP;
    const sy = a.y + a.height / 2;
    const ty = b.y + b.height / 2;
    return { ...e, points: [{ x: a.x + a.width, y: sy }, { x: cx, y: sy }, { x: cx, y: ty }, { x: b.x + b.width, y: ty }] };
  });
  const usedChannel = lane > 0 ? CHANNEL_GAP + Math.min(lane, LANES) * LANE_GAP : 0;
  return { width: PAD + widest + usedChannel + PAD, height: y - ROW_GAP + PAD, nodes, edges };
}
