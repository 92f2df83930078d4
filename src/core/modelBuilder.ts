// Graph building. Symbolic tensors form one file-wide dataflow graph (TensorNode); a
// functional model is the part of it reachable backwards from its outputs. A Sequential model
// keeps its own node list, since `model.add` appends to it in order.
import type { GraphNode, InputDecl, LayerDecl, ModelGraph, ParamSlack, Span, CompileCall, Dialect, SourceLocation } from './types';

/** One node of the file-wide symbolic graph. `gid` grows in execution order. */
export interface TensorNode {
  readonly gid: number;
  readonly op: GraphNode['op'];
  /** Producers in argument order; null for a tensor we could not follow. */
  readonly inputs: readonly (TensorNode | null)[];
  /** Which output of each producer (for producers with several outputs). Absent: all 0. */
  readonly inputIndices?: readonly number[];
  /** Mutable: made by a builder imported from another file, it moves to the builder's call here (workspace/sites.ts). */
  span: Span;
  /** Created in a branch under a condition we could not evaluate (see branches.ts). */
  condition?: string;
  /** Created in the body of a loop whose bound we could not evaluate: how it repeats. */
  repeat?: string;
  /** Params along the paths joined here are not all known: totals are unknown. */
  paramsVary?: boolean;
  /** Params along the paths joined here differ by this much from those of the kept one. */
  paramsSlack?: ParamSlack;
}

interface SeqNode {
  readonly op: GraphNode['op'];
  inputs: number[];
  inputOutputs?: readonly number[];
  /** Mutable for the same reason as TensorNode.span. */
  span: Span;
  condition?: string;
  repeat?: string;
}

/** What `if` joining needs to put a Sequential model back as it was (branches.ts). */
export interface SequentialState {
  readonly length: number;
  readonly last: number;
  readonly uncertain: boolean;
  readonly incomplete: boolean;
  readonly slack: ParamSlack;
}

export const NO_SLACK: ParamSlack = { low: 0, high: 0 };

export function addSlack(a: ParamSlack, b: ParamSlack): ParamSlack {
  return { low: a.low + b.low, high: a.high + b.high };
}

/** How the nodes a kept path built are marked: under a condition, or repeated by a loop. */
export interface NodeMark {
  readonly kind: 'condition' | 'repeat';
  readonly text: string;
}

/** Puts a path's mark on a node: outer marks first (this runs innermost first). */
export function applyMark(target: { condition?: string; repeat?: string }, mark: NodeMark): void {
  const previous = target[mark.kind];
  target[mark.kind] = previous ? `${mark.text}${mark.kind === 'condition' ? ' && ' : ', '}${previous}` : mark.text;
}

/** A GraphNode with the marks branches.ts put on its source (absent when unset). */
function withMarks(node: { -readonly [K in keyof GraphNode]: GraphNode[K] }, marks: { condition?: string; repeat?: string }): GraphNode {
  if (marks.condition) node.condition = marks.condition;
  if (marks.repeat) node.repeat = marks.repeat;
  return node;
}

/** A model under construction, mutated as the interpreter runs. */
export class ModelBuilder {
  name: string | null = null;
  configName: string | null = null;
  incomplete = false;
  compile: CompileCall | null = null;
  /** Sequential: the nodes added so far. Functional: fixed at creation. */
  nodes: SeqNode[] = [];
  outputs: number[] = [];
  /** Functional: which output of each output node (for nodes with several outputs). */
  outputIndices: number[] = [];
  /** Sequential: index of the current output node, or -1 when unknown. */
  last = -1;
  /** Sequential: true once something we could not follow may have been added. */
  uncertain = false;
  /** The LayerDecl standing for this model when it is used as a layer. */
  asLayer: LayerDecl | null = null;
  /** A graph no tf.model call collected (see ModelGraph.unbound). */
  unbound = false;
  /** See ModelGraph.paramsSlack. */
  slack: ParamSlack = NO_SLACK;
  /** Functional models: the tensors given as inputs and outputs (for `model.output` and friends). */
  inputTensors: (TensorNode | null)[] | undefined;
  outputTensors: (TensorNode | null)[] | undefined;
  /** See ModelGraph.dialect, className and autoName (set by the Python front end). */
  dialect: Dialect | undefined;
  className: string | undefined;
  autoName: string | undefined;
  /** See ModelGraph.builtIn: set when a builder imported from another file made this model. */
  builtIn: SourceLocation | undefined;

  constructor(
    readonly kind: 'sequential' | 'functional',
    /** Mutable: a model an imported builder made moves to the builder's call here (workspace/sites.ts). */
    public span: Span,
    /** Which evaluation entry created it (top level, or one never-called function). */
    readonly entry: number,
  ) {}

  /** Something we could not follow touched this model: later nodes take an unknown input. */
  havoc(): void {
    this.incomplete = true;
    this.uncertain = true;
    this.last = -1;
  }

  /** Appends a Sequential node fed by the current output. */
  appendLayer(layer: LayerDecl, span: Span): void {
    this.nodes.push({ op: { kind: 'layer', layer }, inputs: [this.last], span });
    this.last = this.nodes.length - 1;
  }

  /**
   * Puts an input in front of a Sequential model's layers (Keras's `model.build(shape)` or a
   * first call on a tensor), renumbering the nodes after it.
   */
  prependInput(input: InputDecl, span: Span): void {
    for (const n of this.nodes) n.inputs = n.inputs.map((i) => (i >= 0 ? i + 1 : i));
    const first = this.nodes[0];
    this.nodes.unshift({ op: { kind: 'input', input }, inputs: [], span });
    if (first && first.inputs.length === 1 && first.inputs[0] === -1) first.inputs = [0];
    if (this.last >= 0) this.last++;
    else if (this.nodes.length === 1) this.last = 0;
  }

  appendInput(input: InputDecl, span: Span): void {
    this.nodes.push({ op: { kind: 'input', input }, inputs: [], span });
    this.last = this.nodes.length - 1;
  }

  state(): SequentialState {
    return { length: this.nodes.length, last: this.last, uncertain: this.uncertain, incomplete: this.incomplete, slack: this.slack };
  }

  /** Puts back `last` and the flags (not the nodes: see removeNodes). */
  restoreFlags(state: SequentialState): void {
    this.last = state.last;
    this.uncertain = state.uncertain;
    this.incomplete = state.incomplete;
    this.slack = state.slack;
  }

  /** The node at `id` as the graph lists it. */
  graphNode(id: number): GraphNode {
    const n = this.nodes[id];
    const node: { -readonly [K in keyof GraphNode]: GraphNode[K] } = { id, op: n.op, inputs: n.inputs, span: n.span };
    if (n.inputOutputs && n.inputOutputs.some((k) => k !== 0)) node.inputOutputs = n.inputOutputs;
    return withMarks(node, n);
  }

  /** Drops Sequential nodes [start, end) that nothing after them reads, renumbering the rest. */
  removeNodes(start: number, end: number): void {
    const count = end - start;
    if (count <= 0) return;
    this.nodes.splice(start, count);
    const shift = (i: number): number => (i >= end ? i - count : i >= start ? -1 : i);
    // Inputs point backwards: only the nodes after the gap can name what moved.
    for (let i = start; i < this.nodes.length; i++) this.nodes[i].inputs = this.nodes[i].inputs.map(shift);
    this.last = shift(this.last);
  }

  /** Marks nodes [start, end) as built under a condition or in a loop body (branches.ts). */
  markNodes(start: number, end: number, mark: NodeMark): void {
    for (let i = start; i < end; i++) applyMark(this.nodes[i], mark);
  }

  /** Puts the nodes in the given order (node ids in their new order), renumbering every reference. */
  reorder(order: readonly number[]): void {
    const position = new Map(order.map((id, i) => [id, i]));
    const at = (i: number): number => (i >= 0 ? (position.get(i) ?? -1) : i);
    this.nodes = order.map((id) => {
      const n = this.nodes[id];
      n.inputs = n.inputs.map(at);
      return n;
    });
    this.outputs = this.outputs.map(at);
    this.last = at(this.last);
  }

  /** Removes the last Sequential node (`model.pop()`). */
  pop(): void {
    if (this.uncertain || this.nodes.length === 0) {
      this.havoc();
      return;
    }
    this.nodes.pop();
    // An input node left alone is not a layer: TF.js pops layers, so drop it too.
    if (this.nodes.length === 1 && this.nodes[0].op.kind === 'input') this.nodes.pop();
    this.last = this.nodes.length - 1;
  }

  /** Fixes a functional model's nodes: those reachable backwards from the outputs (and the declared inputs). */
  setFunctional(inputs: readonly TensorNode[], outputs: readonly (TensorNode | null)[], outputIndices?: readonly number[]): TensorNode[] {
    const seen = new Map<number, TensorNode>();
    const stack: TensorNode[] = [];
    const visit = (t: TensorNode | null): void => {
      if (t && !seen.has(t.gid)) {
        seen.set(t.gid, t);
        stack.push(t);
      }
    };
    for (const t of [...inputs, ...outputs]) visit(t);
    while (stack.length > 0) for (const p of (stack.pop() as TensorNode).inputs) visit(p);
    const ordered = [...seen.values()].sort((a, b) => a.gid - b.gid);
    const index = new Map<number, number>();
    ordered.forEach((t, i) => index.set(t.gid, i));
    this.nodes = ordered.map((t) => {
      const ins = t.inputs.map((p) => (p ? (index.get(p.gid) ?? -1) : -1));
      if (ins.includes(-1)) this.incomplete = true;
      if (t.paramsVary) this.incomplete = true;
      if (t.paramsSlack) this.slack = addSlack(this.slack, t.paramsSlack);
      return { op: t.op, inputs: ins, inputOutputs: t.inputIndices, span: t.span, condition: t.condition, repeat: t.repeat };
    });
    this.outputs = [];
    this.outputIndices = [];
    outputs.forEach((o, i) => {
      if (o) {
        this.outputs.push(index.get(o.gid) as number);
        this.outputIndices.push(outputIndices?.[i] ?? 0);
      } else this.incomplete = true;
    });
    return ordered;
  }

  finish(): ModelGraph {
    const nodes: GraphNode[] = this.nodes.map((_, id) => this.graphNode(id));
    let outputs = this.outputs;
    // A Sequential model's output is its current one: none known after code we could not follow
    // (havoc), even though layers were listed before it.
    if (this.kind === 'sequential') outputs = this.last >= 0 ? [this.last] : [];
    return {
      kind: this.kind,
      name: this.name,
      configName: this.configName,
      span: this.span,
      nodes,
      outputs,
      ...(this.kind === 'functional' && this.outputIndices.some((k) => k !== 0) ? { outputIndices: this.outputIndices } : {}),
      incomplete: this.incomplete,
      compile: this.compile,
      ...(this.slack.low !== 0 || this.slack.high !== 0 ? { paramsSlack: this.slack } : {}),
      ...(this.unbound ? { unbound: true } : {}),
      ...(this.dialect ? { dialect: this.dialect } : {}),
      ...(this.className ? { className: this.className } : {}),
      ...(this.autoName ? { autoName: this.autoName } : {}),
      ...(this.builtIn ? { builtIn: this.builtIn } : {}),
    };
  }
}

/**
 * Symbolic graphs no tf.model collected: each connected group of uncollected tensor nodes
 * that starts from its own tf.input becomes an unbound functional model, outputs = its sinks.
 * Groups without a tf.input of their own (layers applied to unknown tensors) are left out.
 */
export function unboundGraphs(all: readonly TensorNode[], collected: ReadonlySet<number>, entry: number): ModelBuilder[] {
  const free = all.filter((t) => !collected.has(t.gid));
  if (free.length === 0) return [];
  const parent = new Map<number, number>();
  const find = (g: number): number => {
    let r = g;
    while (parent.get(r) !== r) r = parent.get(r) as number;
    parent.set(g, r);
    return r;
  };
  for (const t of free) parent.set(t.gid, t.gid);
  const consumed = new Set<number>();
  for (const t of free) {
    for (const p of t.inputs) {
      if (!p) continue;
      consumed.add(p.gid);
      if (parent.has(p.gid)) parent.set(find(t.gid), find(p.gid));
    }
  }
  const groups = new Map<number, TensorNode[]>();
  for (const t of free) {
    const r = find(t.gid);
    const g = groups.get(r);
    if (g) g.push(t);
    else groups.set(r, [t]);
  }
  const models: ModelBuilder[] = [];
  for (const members of groups.values()) {
    const inputs = members.filter((t) => t.op.kind === 'input');
    if (inputs.length === 0 || members.length === inputs.length) continue;
    const model = new ModelBuilder('functional', inputs[0].span, entry);
    model.unbound = true;
    model.setFunctional(inputs, members.filter((t) => !consumed.has(t.gid)));
    models.push(model);
  }
  return models;
}
