// Joining the paths of control flow an interpreter cannot decide (an `if` on an unknown
// condition, a loop with an unknown bound), for every front end. Giving up on everything such
// code touches would lose the rest of the model after the most common builder idioms
// (`if use_dropout: model.add(...)`, `for _ in range(blocks): x = block(x)`), so each way
// control may go runs from the same starting state and the results are joined where the join
// is certain:
// - a Sequential model, or a symbolic tensor bound to a variable, whose shape is the same,
//   fully known and error-free at the end of every path that falls through continues with
//   that shape; the layers of one path stay, marked with the condition (or, for a loop body,
//   as repeated), and differing parameter counts become the model's slack (a range);
// - a variable every path leaves with the same value keeps it;
// - a path that returns, raises or breaks does not reach the code after it.
// Everything else the paths may change becomes unknown (the front end's havoc), and whatever
// they built that the join does not keep is taken out again. The front end supplies how its
// values, bindings and code look (JoinHost); this file knows only models and tensors.
import { inferModel } from './infer';
import { addSlack, applyMark, ModelBuilder, NO_SLACK, type NodeMark, type SequentialState, type TensorNode } from './modelBuilder';
import type { AnalyzedNode, ExtractProblem, GraphNode, MaybeShape, ModelGraph, ParamSlack } from './types';

/** A mutable variable cell of the front end's scope. */
export interface JoinBinding<V> {
  value: V;
}

/** What a join needs of the interpreter state, whatever the language. */
export interface JoinCtx {
  readonly models: ModelBuilder[];
  readonly tensors: TensorNode[];
  readonly problems: ExtractProblem[];
  readonly collectedTensors: Set<number>;
  charge(n: number): void;
}

/** The front end's side of a join: values, bindings and code are its own types. */
export interface JoinHost<V, C> {
  readonly ctx: JoinCtx;
  /** The bindings the code of the given paths assigns directly (looked up in the current scope). */
  assignedBindings(codes: readonly C[]): JoinBinding<V>[];
  /** Code a path ran: what it may have changed through calls and object writes becomes unknown. */
  havoc(code: C, reason: string): void;
  /** The symbolic tensor a value is, if it is one. */
  tensorOf(v: V): TensorNode | null | undefined;
  /** Certainly the same value (identity, or equal primitives). */
  same(a: V, b: V): boolean;
  unknown(reason: string): V;
  /** Called after each path, before the state is reset for the next (e.g. naming counters). */
  afterPath?(): void;
}

/** One way control may go. */
export interface PathSpec<C> {
  /** The code it runs (null: nothing), for the names it assigns and for havoc. */
  readonly code: C | null;
  /** Runs the path; true when it falls through to the code after the branch. */
  readonly run: () => boolean;
  readonly mark: NodeMark;
  /** When this path cannot fall through, nothing is joined (a loop body that breaks out). */
  readonly mustFallThrough?: boolean;
}

/** What one path left behind: whether it falls through, the joined variables, each model's tail. */
interface BranchRun<V> {
  readonly fallsThrough: boolean;
  readonly mark: NodeMark;
  readonly values: readonly V[];
  /** Per pre-existing model: nodes [start, end) were appended by this path. */
  readonly models: readonly { readonly start: number; readonly after: SequentialState }[];
  /** ctx.tensors [start, end) and ctx.problems [start, end) were created by this path. */
  readonly tensors: readonly [number, number];
  readonly problems: readonly [number, number];
}

/** Same shape on every path: equal rank, equal batch, every other dimension known and equal. */
function certainlySameShape(shapes: readonly MaybeShape[]): boolean {
  const first = shapes[0];
  if (!first) return false;
  return shapes.every(
    (s) => s !== null && s.length === first.length && s[0] === first[0] && s.every((d, i) => i === 0 || (typeof d === 'number' && d === first[i])),
  );
}

/**
 * The slack a join adds: every path's [params + nested low, params + nested high] against the
 * kept path's [keptLow, keptHigh] (for a Sequential model both are the kept layers' params:
 * its nested slack is already summed into the model's). A loop body repeats: no upper bound.
 */
function joinedSlack(paths: readonly { params: number; nested: ParamSlack }[], keptLow: number, repeats: boolean, keptHigh = keptLow): ParamSlack {
  const low = Math.min(...paths.map((p) => p.params + p.nested.low));
  const high = Math.max(...paths.map((p) => p.params + p.nested.high));
  return { low: low - keptLow, high: repeats && high > 0 ? Infinity : high - keptHigh };
}

/** The branch with the most new things, the first on a tie: what the user reads as "the layers". */
function fullest<V>(runs: readonly BranchRun<V>[], size: (r: BranchRun<V>) => number): BranchRun<V> {
  return runs.reduce((best, r) => (size(r) > size(best) ? r : best));
}

function runPath<V, C>(host: JoinHost<V, C>, path: PathSpec<C>, bindings: readonly JoinBinding<V>[], models: readonly ModelBuilder[]): BranchRun<V> {
  const ctx = host.ctx;
  const tensorsStart = ctx.tensors.length;
  const problemsStart = ctx.problems.length;
  const starts = models.map((m) => m.nodes.length);
  const fallsThrough = path.run();
  return {
    fallsThrough,
    mark: path.mark,
    values: bindings.map((b) => b.value),
    models: models.map((m, i) => ({ start: starts[i], after: m.state() })),
    tensors: [tensorsStart, ctx.tensors.length],
    problems: [problemsStart, ctx.problems.length],
  };
}

/** Earlier analyses per model, by node identity: what a later join may reuse. */
interface SequentialAnalysis {
  readonly nodes: readonly object[];
  readonly inputs: readonly (readonly number[])[];
  readonly graphNodes: readonly GraphNode[];
  readonly analyzed: readonly AnalyzedNode[];
}
const sequentialAnalyses = new WeakMap<ModelBuilder, SequentialAnalysis>();

/**
 * Analyses a Sequential model's nodes for a join, reusing the prefix no join has changed since
 * the last one: a builder with many flags joins once per `if`, and each join would otherwise
 * infer the whole model again.
 */
function analyzeSequential(ctx: JoinCtx, model: ModelBuilder): readonly AnalyzedNode[] {
  const previous = sequentialAnalyses.get(model);
  const nodes = model.nodes;
  let same = 0;
  if (previous) {
    const limit = Math.min(nodes.length, previous.nodes.length);
    while (same < limit && previous.nodes[same] === nodes[same] && previous.inputs[same] === nodes[same].inputs) same++;
  }
  ctx.charge(nodes.length - same);
  const graphNodes = previous ? previous.graphNodes.slice(0, same) : [];
  for (let id = same; id < nodes.length; id++) graphNodes.push(model.graphNode(id));
  const graph: ModelGraph = { kind: 'sequential', name: null, configName: null, span: model.span, nodes: graphNodes, outputs: [], incomplete: false, compile: null };
  const analyzed = inferModel(graph, previous ? previous.analyzed.slice(0, same) : []).nodes;
  sequentialAnalyses.set(model, { nodes: [...nodes], inputs: nodes.map((n) => n.inputs), graphNodes, analyzed });
  return analyzed;
}

/**
 * Joins one Sequential model. Returns the branch whose layers it keeps, or null when the
 * branches cannot be joined (the caller then takes their layers out and havocs the model).
 */
function joinSequential<V>(ctx: JoinCtx, model: ModelBuilder, before: SequentialState, runs: readonly BranchRun<V>[], index: number): BranchRun<V> | null {
  if (model.kind !== 'sequential' || before.uncertain) return null;
  const live = runs.filter((r) => r.fallsThrough);
  const tails = live.map((r) => r.models[index]);
  if (tails.some((t) => t.after.uncertain || t.after.length < t.start || t.after.last < 0)) return null;
  const analyzed = analyzeSequential(ctx, model);
  // One path through: its state is the state after the `if`, known or not.
  if (live.length > 1 && !certainlySameShape(tails.map((t) => analyzed[t.after.last]?.outputShape ?? null))) return null;
  const branchNodes = (t: (typeof tails)[number]) => analyzed.slice(t.start, t.after.length);
  if (tails.some((t) => branchNodes(t).some((n) => n.problems.some((p) => p.severity === 'error')))) return null;
  const params = tails.map((t) => {
    let sum = 0;
    for (const n of branchNodes(t)) {
      if (!n.params) return null;
      sum += n.params.trainable + n.params.nonTrainable;
    }
    return sum;
  });
  const keep = fullest(live, (r) => r.models[index].after.length - r.models[index].start);
  const kept = keep.models[index];
  const incomplete = before.incomplete || tails.some((t) => t.after.incomplete) || params.some((p) => p === null);
  // Each path's params with the slack of joins nested in it, against the kept path's layers.
  const intervals = tails.map((t, k) => ({ params: params[k] ?? 0, nested: { low: t.after.slack.low - before.slack.low, high: t.after.slack.high - before.slack.high } }));
  const slack = incomplete ? before.slack : addSlack(before.slack, joinedSlack(intervals, params[live.indexOf(keep)] ?? 0, keep.mark.kind === 'repeat'));
  model.restoreFlags({ ...kept.after, incomplete, slack });
  model.markNodes(kept.start, kept.after.length, keep.mark);
  // Later branches' nodes sit after earlier ones': remove from the back so ranges stay valid.
  for (const r of [...runs].reverse()) if (r !== keep) model.removeNodes(r.models[index].start, r.models[index].after.length);
  return keep;
}

/** The analysed output of a tensor's graph, and of each node in it by gid. */
function analyzeTensor(ctx: JoinCtx, tensor: TensorNode): { shape: MaybeShape; byGid: Map<number, AnalyzedNode> } {
  const scratch = new ModelBuilder('functional', tensor.span, -1);
  const ordered = scratch.setFunctional([], [tensor]);
  ctx.charge(ordered.length);
  const analyzed = inferModel(scratch.finish(), []).nodes;
  const byGid = new Map(ordered.map((t, i) => [t.gid, analyzed[i]]));
  return { shape: byGid.get(tensor.gid)?.outputShape ?? null, byGid };
}

/** Joins one variable over the branches that fall through; null when no certain value exists. */
function joinVariable<V, C>(host: JoinHost<V, C>, live: readonly BranchRun<V>[], index: number): { value: V; keep: BranchRun<V> | null } | null {
  const values = live.map((r) => r.values[index]);
  if (values.every((v) => host.same(v, values[0]))) return { value: values[0], keep: null };
  const nodes = values.map((v) => host.tensorOf(v));
  if (!nodes.every((n): n is TensorNode => n !== null && n !== undefined)) return null;
  const ctx = host.ctx;
  const analyses = nodes.map((n) => analyzeTensor(ctx, n));
  if (!certainlySameShape(analyses.map((a) => a.shape))) return null;
  const created = (r: BranchRun<V>): TensorNode[] => ctx.tensors.slice(r.tensors[0], r.tensors[1]);
  const params: (number | null)[] = [];
  const nested: ParamSlack[] = [];
  for (let k = 0; k < live.length; k++) {
    let sum: number | null = 0;
    let slack = NO_SLACK;
    for (const t of created(live[k])) {
      const n = analyses[k].byGid.get(t.gid);
      if (!n) continue; // built in the branch but not on this value's path
      if (n.problems.some((p) => p.severity === 'error')) return null;
      sum = n.params && sum !== null ? sum + n.params.trainable + n.params.nonTrainable : null;
      if (t.paramsSlack) slack = addSlack(slack, t.paramsSlack);
    }
    params.push(sum);
    nested.push(slack);
  }
  const keep = fullest(live, (r) => r.tensors[1] - r.tensors[0]);
  const k = live.indexOf(keep);
  const value = keep.values[index];
  const node = nodes[k];
  if (params.some((p) => p === null)) node.paramsVary = true;
  else {
    // The kept path's own nested slack stays on its nodes: this join adds what lies beyond it.
    const intervals = params.map((p, i) => ({ params: p ?? 0, nested: nested[i] }));
    const beyond = joinedSlack(intervals, (params[k] ?? 0) + nested[k].low, keep.mark.kind === 'repeat', (params[k] ?? 0) + nested[k].high);
    if (beyond.low !== 0 || beyond.high !== 0) node.paramsSlack = addSlack(node.paramsSlack ?? NO_SLACK, beyond);
  }
  return { value, keep };
}

/**
 * Runs every path from the same state and joins them. `scratch` are extra bindings to join
 * (the result of a conditional expression). On an exception (a spent budget) everything the
 * paths built is taken out again before it propagates.
 */
export function joinPaths<V, C>(host: JoinHost<V, C>, reason: string, paths: readonly PathSpec<C>[], scratch: readonly JoinBinding<V>[] = []): void {
  const ctx = host.ctx;
  const models = ctx.models.slice();
  const statesBefore = models.map((m) => m.state());
  const counts = { models: ctx.models.length, tensors: ctx.tensors.length, problems: ctx.problems.length };
  try {
    runAndJoin(host, reason, paths, models, statesBefore, scratch);
  } catch (e) {
    // The step budget ran out (or the stack) half-way: take out everything the paths built,
    // so that no layer that may never exist is analysed, then let the entry stop.
    models.forEach((m, i) => {
      const before = statesBefore[i];
      if (m.nodes.length === before.length && m.last === before.last && m.uncertain === before.uncertain) return;
      m.removeNodes(before.length, m.nodes.length);
      m.restoreFlags(before);
      m.havoc();
    });
    ctx.models.length = counts.models;
    ctx.tensors.length = Math.min(ctx.tensors.length, counts.tensors);
    ctx.problems.length = Math.min(ctx.problems.length, counts.problems);
    throw e;
  }
}

function runAndJoin<V, C>(
  host: JoinHost<V, C>,
  reason: string,
  paths: readonly PathSpec<C>[],
  models: readonly ModelBuilder[],
  statesBefore: readonly SequentialState[],
  scratch: readonly JoinBinding<V>[],
): void {
  const ctx = host.ctx;
  const codes = paths.flatMap((p) => (p.code === null ? [] : [p.code]));
  const bindings = [...new Set([...scratch, ...host.assignedBindings(codes)])];
  const valuesBefore = bindings.map((b) => b.value);
  const modelCount = ctx.models.length;
  const collectedBefore = ctx.collectedTensors.size;

  const runs: BranchRun<V>[] = [];
  for (const path of paths) {
    runs.push(runPath(host, path, bindings, models));
    // What the path changed through calls and object mutation stays unknown (for the next
    // path too); what it assigned directly and the models' tails go back to the start.
    if (path.code !== null) host.havoc(path.code, reason);
    host.afterPath?.();
    bindings.forEach((b, i) => (b.value = valuesBefore[i]));
    models.forEach((m, i) => m.restoreFlags(statesBefore[i]));
  }

  const blocked = paths.some((p, i) => p.mustFallThrough === true && !runs[i].fallsThrough);
  const live = blocked ? [] : runs.filter((r) => r.fallsThrough);
  const kept = new Set<BranchRun<V>>(); // paths whose tensors stay
  const keptProblems = new Set<BranchRun<V>>();
  models.forEach((m, i) => {
    const touched = runs.some((r) => {
      const t = r.models[i];
      return t.after.length !== t.start || t.after.last !== statesBefore[i].last || t.after.uncertain !== statesBefore[i].uncertain;
    });
    if (!touched) return;
    const keep = live.length > 0 ? joinSequential(ctx, m, statesBefore[i], runs, i) : null;
    if (keep) {
      keptProblems.add(keep);
      return;
    }
    for (const r of [...runs].reverse()) m.removeNodes(r.models[i].start, r.models[i].after.length);
    m.restoreFlags(statesBefore[i]);
    m.havoc();
  });
  bindings.forEach((b, i) => {
    const joined = live.length > 0 ? joinVariable(host, live, i) : null;
    if (!joined) {
      b.value = host.unknown(reason);
      return;
    }
    b.value = joined.value;
    if (joined.keep) kept.add(joined.keep);
  });
  if (live.length === 1) kept.add(live[0]);

  // Take out what no join kept, from the back so earlier ranges stay valid.
  for (const r of [...runs].reverse()) {
    if (!keptProblems.has(r)) ctx.problems.splice(r.problems[0], r.problems[1] - r.problems[0]);
    if (kept.has(r)) for (const t of ctx.tensors.slice(r.tensors[0], r.tensors[1])) applyMark(t, r.mark);
    else ctx.tensors.splice(r.tensors[0], r.tensors[1] - r.tensors[0]);
  }
  // Models created inside the paths are not followed: they may never exist.
  ctx.models.length = modelCount;
  if (ctx.collectedTensors.size > collectedBefore) for (const gid of [...ctx.collectedTensors].slice(collectedBefore)) ctx.collectedTensors.delete(gid);
}
