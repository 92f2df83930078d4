// The order in which Keras lists a functional model's layers (`model.layers`, the summary's
// rows): keras/src/ops/function.py map_graph — a depth-first walk from the outputs numbers the
// operations, each node's depth is its longest distance to an output (a shared layer takes the
// deepest of its nodes), and operations are listed by decreasing depth, then by walk order.
// Graph nodes follow that order when it is also an order in which every node comes after its
// inputs (inference needs that); otherwise they keep their creation order.
import type { ModelBuilder } from '../../../modelBuilder';

interface Node {
  readonly inputs: readonly number[];
  readonly op: object;
}

function kerasOrder(nodes: readonly Node[], outputs: readonly number[]): number[] {
  const finished = new Set<number>();
  const inDecreasingDepth: number[] = [];
  const opIndex = new Map<object, number>();
  // Iterative depth-first walk (deep graphs must not cost stack): pre-order numbering of
  // operations, post-order list of nodes, inputs visited in argument order.
  for (const out of outputs) {
    const stack: { node: number; next: number }[] = [{ node: out, next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.next === 0) {
        if (finished.has(top.node)) {
          stack.pop();
          continue;
        }
        const op = nodes[top.node].op;
        if (!opIndex.has(op)) opIndex.set(op, opIndex.size);
      }
      const inputs = nodes[top.node].inputs;
      while (top.next < inputs.length && (inputs[top.next] < 0 || finished.has(inputs[top.next]))) top.next++;
      if (top.next < inputs.length) {
        stack.push({ node: inputs[top.next++], next: 0 });
        continue;
      }
      finished.add(top.node);
      inDecreasingDepth.push(top.node);
      stack.pop();
    }
  }
  const nodeDepth = new Map<number, number>();
  const opDepth = new Map<object, number>();
  for (const id of [...inDecreasingDepth].reverse()) {
    const op = nodes[id].op;
    const depth = Math.max(nodeDepth.get(id) ?? 0, opDepth.get(op) ?? 0);
    opDepth.set(op, depth);
    nodeDepth.set(id, depth);
    for (const p of nodes[id].inputs) if (p >= 0 && finished.has(p)) nodeDepth.set(p, Math.max(depth + 1, nodeDepth.get(p) ?? 0));
  }
  // Sort keys looked up once per node, not per comparison. Nodes Keras does not reach from the
  // outputs (an unused input) keep their place at depth 0.
  const depth = nodes.map((n) => opDepth.get(n.op) ?? 0);
  const walkIndex = nodes.map((n) => opIndex.get(n.op) ?? -1);
  return nodes.map((_, id) => id).sort((a, b) => depth[b] - depth[a] || walkIndex[a] - walkIndex[b] || a - b);
}

/** Reorders a functional model's nodes as Keras lists them, when that order is topological. */
export function applyKerasOrder(model: ModelBuilder): void {
  if (model.kind !== 'functional' || model.nodes.length < 2) return;
  const nodes = model.nodes.map((n) => ({ inputs: n.inputs, op: n.op.kind === 'input' ? n.op.input : n.op.layer }));
  const order = kerasOrder(nodes, model.outputs);
  const position = new Map(order.map((id, i) => [id, i]));
  const topological = order.every((id, i) => nodes[id].inputs.every((p) => p < 0 || (position.get(p) ?? Infinity) < i));
  if (topological) model.reorder(order);
}
