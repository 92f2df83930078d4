// The plain layout large diagrams get instead of elkjs: every node below all of its inputs,
// no two nodes overlapping, edges that skip rows kept right of every node.
import * as assert from 'assert';
import { layeredLayout } from '../../../webview/panel/layeredLayout';
import { ELK_MAX_NODES, layoutEngineFor, layoutGraph } from '../../../webview/panel/layout';

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('layered layout for large diagrams', () => {
  it('is what graphs beyond elkjs\'s limit get', () => {
    const nodes = (n: number) => ({ nodes: Array.from({ length: n }, (_, id) => ({ id, width: 10, height: 10 })), edges: [] });
    assert.strictEqual(layoutEngineFor(nodes(ELK_MAX_NODES)), 'elk');
    assert.strictEqual(layoutEngineFor(nodes(ELK_MAX_NODES + 1)), 'layered');
  });

  it('is the quick, provisional layout asked for while elkjs has not answered (a cold panel), and never for a large graph', async () => {
    const chain = (n: number) => ({ nodes: Array.from({ length: n }, (_, id) => ({ id, width: 100, height: 30 })), edges: Array.from({ length: n - 1 }, (_, i) => ({ from: i, to: i + 1 })) });
    const quick = await layoutGraph(chain(5), { provisional: true });
    assert.strictEqual(quick.engine, 'layered');
    assert.strictEqual(quick.provisional, true);
    assert.deepStrictEqual([...quick.nodes], [...layeredLayout(chain(5)).nodes]);
    // A graph elkjs never lays out is final at once: nothing will replace it.
    const large = await layoutGraph(chain(ELK_MAX_NODES + 1), { provisional: true });
    assert.strictEqual(large.engine, 'layered');
    assert.strictEqual(large.provisional, undefined);
  });

  it('places a residual DAG: inputs above, branches side by side, the skip edge beside the nodes', () => {
    // 0 → 1 → 2 → 3(add of 2 and 0... via 1) ; 1 → 4 ; 3,4 → 5
    const edges = [
      { from: 0, to: 1 },
      { from: 1, to: 2 },
      { from: 2, to: 3 },
      { from: 0, to: 3 },
      { from: 1, to: 4 },
      { from: 3, to: 5 },
      { from: 4, to: 5 },
    ];
    const nodes = Array.from({ length: 6 }, (_, id) => ({ id, width: 120 + id * 10, height: 40 + id }));
    const out = layeredLayout({ nodes, edges });
    const at = (i: number) => out.nodes.get(i) as Box;
    for (const e of edges) assert.ok(at(e.from).y + at(e.from).height < at(e.to).y, `${e.from} above ${e.to}`);
    for (let i = 0; i < 6; i++) for (let j = i + 1; j < 6; j++) assert.ok(!overlaps(at(i), at(j)), `${i} and ${j} overlap`);
    assert.strictEqual(at(2).y, at(4).y, 'the branch after 1 sits in one row');
    const right = Math.max(...nodes.map((n) => at(n.id).x + at(n.id).width));
    const skip = out.edges.find((e) => e.from === 0 && e.to === 3);
    assert.ok(skip && skip.points.some((p) => p.x > right), 'the edge 0 → 3 runs right of every node');
    for (const e of out.edges) {
      assert.ok(e.points.length >= 2);
      for (const p of e.points) assert.ok(p.x >= 0 && p.x <= out.width && p.y >= 0 && p.y <= out.height, 'inside the drawing');
    }
    for (let i = 0; i < 6; i++) assert.ok(at(i).x + at(i).width <= out.width && at(i).y + at(i).height <= out.height);
  });

  it('lays out a 10,000-layer chain as one column, quickly', () => {
    const n = 10_000;
    const started = Date.now();
    const out = layeredLayout({ nodes: Array.from({ length: n }, (_, id) => ({ id, width: 200, height: 60 })), edges: Array.from({ length: n - 1 }, (_, i) => ({ from: i, to: i + 1 })) });
    assert.ok(Date.now() - started < 2000, `${Date.now() - started} ms`);
    const xs = new Set(Array.from(out.nodes.values(), (b) => b.x));
    assert.strictEqual(xs.size, 1);
    const ys = Array.from({ length: n }, (_, i) => out.nodes.get(i)?.y as number);
    const step = ys[1] - ys[0];
    assert.ok(step > 60, 'rows do not overlap');
    for (let i = 1; i < n; i++) assert.strictEqual(ys[i] - ys[i - 1], step, `row ${i}`);
  });
});
