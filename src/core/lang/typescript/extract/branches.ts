// Control flow the interpreter cannot decide: an `if` (or `switch`, `?:`, `&&`) on an unknown
// condition, a loop whose bound is unknown. Giving up on everything such code touches (havoc) would lose the rest of
// the model after the most common builder idioms, `if (useDropout) model.add(dropout)` and
// `for (let i = 0; i < blocks; i++) x = residualBlock(x)`. So each way control may go runs,
// from the same starting state, and the results are joined where the join is certain:
// - a Sequential model, or a symbolic tensor bound to a variable (`x = bn.apply(x)`), whose
//   shape is the same, fully known and error-free at the end of every path that falls
//   through continues with that shape; the layers of one path stay in the model, marked with
//   the condition (or, for a loop body, as repeated), and the totals become unknown when the
//   paths' params differ;
// - a variable every path leaves with the same value keeps it;
// - an `if` branch that returns, throws, breaks or continues does not reach the code after
//   it, so only the others are joined.
// A loop is "zero iterations" joined with "one more iteration", run after everything the loop
// changes except those tensors and models has been made unknown: when one iteration maps a
// shape to itself with no other input known to change, every number of iterations does.
// Everything else the paths may change becomes unknown, as havoc made it before (havoc.ts),
// and whatever they built that the join does not keep is taken out again.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { inferModel } from '../../../infer';
import type { AnalyzedNode, GraphNode, MaybeShape, ModelGraph, ParamSlack } from '../../../types';
import type { Interpreter } from './interpreter';
import { addSlack, applyMark, ModelBuilder, NO_SLACK, type NodeMark, type SequentialState, type TensorNode } from '../../../modelBuilder';
import { directlyAssignedNames, mayEndIterationEarly, negated, sourceText } from './codeScan';
import type { Binding, Scope } from './scope';
import type { Completion } from './statements';
import { isTensor, type TensorVal, type Val } from './values';

const NORMAL: Completion = { kind: 'normal' };

/** One way control may go. */
interface PathSpec {
  /** The code it runs (null: nothing), for the names it assigns and for havoc. */
  readonly code: TSESTree.Node | null;
  readonly run: () => Completion;
  readonly mark: NodeMark;
  /** When this path cannot fall through, nothing is joined (a loop body that breaks out). */
  readonly mustFallThrough?: boolean;
}

/** What one path left behind: its completion, the joined variables, each model's tail. */
interface BranchRun {
  readonly fallsThrough: boolean;
  readonly mark: NodeMark;
  readonly values: readonly Val[];
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

function sameValue(a: Val, b: Val): boolean {
  return a === b || (typeof a !== 'object' && typeof b !== 'object' && Object.is(a, b)) || (a === null && b === null);
}

/** The branch with the most new things, the first on a tie: what the user reads as "the layers". */
function fullest(runs: readonly BranchRun[], size: (r: BranchRun) => number): BranchRun {
  return runs.reduce((best, r) => (size(r) > size(best) ? r : best));
}

function runPath(ip: Interpreter, path: PathSpec, bindings: readonly Binding[], models: readonly ModelBuilder[]): BranchRun {
  const ctx = ip.ctx;
  const tensorsStart = ctx.tensors.length;
  const problemsStart = ctx.problems.length;
  const starts = models.map((m) => m.nodes.length);
  const completion = path.run();
  return {
    fallsThrough: completion.kind === 'normal',
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
function analyzeSequential(ip: Interpreter, model: ModelBuilder): readonly AnalyzedNode[] {
  const previous = sequentialAnalyses.get(model);
  const nodes = model.nodes;
  let same = 0;
  if (previous) {
    const limit = Math.min(nodes.length, previous.nodes.length);
    while (same < limit && previous.nodes[same] === nodes[same] && previous.inputs[same] === nodes[same].inputs) same++;
  }
  ip.ctx.charge(nodes.length - same);
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
function joinSequential(ip: Interpreter, model: ModelBuilder, before: SequentialState, runs: readonly BranchRun[], index: number): BranchRun | null {
  if (model.kind !== 'sequential' || before.uncertain) return null;
  const live = runs.filter((r) => r.fallsThrough);
  const tails = live.map((r) => r.models[index]);
  if (tails.some((t) => t.after.uncertain || t.after.length < t.start || t.after.last < 0)) return null;
  const analyzed = analyzeSequential(ip, model);
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
function analyzeTensor(ip: Interpreter, tensor: TensorNode): { shape: MaybeShape; byGid: Map<number, ReturnType<typeof inferModel>['nodes'][number]> } {
  const scratch = new ModelBuilder('functional', tensor.span, -1);
  const ordered = scratch.setFunctional([], [tensor]);
  ip.ctx.charge(ordered.length);
  const analyzed = inferModel(scratch.finish(), []).nodes;
  const byGid = new Map(ordered.map((t, i) => [t.gid, analyzed[i]]));
  return { shape: byGid.get(tensor.gid)?.outputShape ?? null, byGid };
}

/** Joins one variable over the branches that fall through; null when no certain value exists. */
function joinVariable(ip: Interpreter, live: readonly BranchRun[], index: number): { value: Val; keep: BranchRun | null } | null {
  const values = live.map((r) => r.values[index]);
  if (values.every((v) => sameValue(v, values[0]))) return { value: values[0], keep: null };
  if (!values.every(isTensor)) return null;
  const tensors = ip.ctx.tensors;
  const analyses = live.map((r) => analyzeTensor(ip, (r.values[index] as TensorVal).node));
  if (!certainlySameShape(analyses.map((a) => a.shape))) return null;
  const created = (r: BranchRun): TensorNode[] => tensors.slice(r.tensors[0], r.tensors[1]);
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
  const value = keep.values[index] as TensorVal;
  if (params.some((p) => p === null)) value.node.paramsVary = true;
  else {
    // The kept path's own nested slack stays on its nodes: this join adds what lies beyond it.
    const intervals = params.map((p, i) => ({ params: p ?? 0, nested: nested[i] }));
    const beyond = joinedSlack(intervals, (params[k] ?? 0) + nested[k].low, keep.mark.kind === 'repeat', (params[k] ?? 0) + nested[k].high);
    if (beyond.low !== 0 || beyond.high !== 0) value.node.paramsSlack = addSlack(value.node.paramsSlack ?? NO_SLACK, beyond);
  }
  return { value, keep };
}

export function execUnknownIf(ip: Interpreter, node: TSESTree.IfStatement, scope: Scope, reason: string): Completion {
  const condition = sourceText(ip, node.test);
  const branch = (code: TSESTree.Statement | null, text: string): PathSpec => ({
    code,
    run: () => (code ? ip.exec(code, scope) : NORMAL),
    mark: { kind: 'condition', text },
  });
  return joinPaths(ip, scope, reason, [branch(node.consequent, condition), branch(node.alternate ?? null, negated(condition))]);
}

/**
 * A loop whose bound is unknown. `oneMore` runs one more iteration (body and update, in the
 * loop's own scope) once everything the loop changes, except symbolic tensors and models, is
 * unknown. `phrase` says how it repeats, e.g. "while i < depth".
 */
export function execUnknownLoop(
  ip: Interpreter,
  loop: TSESTree.ForStatement | TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForOfStatement | TSESTree.ForInStatement,
  scope: Scope,
  reason: string,
  phrase: string,
  oneMore: () => Completion,
): Completion {
  if (mayEndIterationEarly(loop.body)) {
    // A `break` or `continue` may leave part of an iteration undone: the state it leaves is
    // not "some number of whole iterations", so the invariant proves nothing.
    ip.havoc(loop, scope, reason);
    return NORMAL;
  }
  const names = new Set<string>();
  directlyAssignedNames(loop, names);
  const carried = [...names].map((n) => scope.lookup(n)).filter((b): b is Binding => b !== undefined && isTensor(b.value));
  const tensorsBefore = carried.map((b) => b.value);
  const models = ip.ctx.models.slice();
  const statesBefore = models.map((m) => m.state());
  ip.havoc(loop, scope, reason);
  carried.forEach((b, i) => (b.value = tensorsBefore[i]));
  models.forEach((m, i) => m.restoreFlags(statesBefore[i]));
  const mark: NodeMark = { kind: 'repeat', text: phrase };
  return joinPaths(ip, scope, reason, [
    { code: loop, run: oneMore, mark, mustFallThrough: true },
    { code: null, run: () => NORMAL, mark },
  ]);
}

/**
 * A `switch` whose case cannot be chosen: one path per place control may enter (each case,
 * and the default, or past the switch when there is none), each running on as the switch
 * does until a `break`. `runFrom(i)` runs from case i (-1: nothing).
 */
export function execUnknownSwitch(ip: Interpreter, node: TSESTree.SwitchStatement, scope: Scope, reason: string, runFrom: (start: number) => Completion): Completion {
  const on = sourceText(ip, node.discriminant);
  const paths: PathSpec[] = node.cases.map((c, i) => ({
    code: node,
    run: () => runFrom(i),
    mark: { kind: 'condition', text: c.test ? `${on} === ${sourceText(ip, c.test)}` : `${on} matches no case` },
  }));
  if (!node.cases.some((c) => c.test === null)) paths.push({ code: node, run: () => runFrom(-1), mark: { kind: 'condition', text: `${on} matches no case` } });
  return joinPaths(ip, scope, reason, paths);
}

/**
 * An expression whose unknown test picks which side runs (`c ? a : b`, `c && model.add(x)`):
 * each side is a path whose result goes into a scratch binding, joined like a variable (the
 * same value, or tensors of the same shape), and the sides' effects are joined as for `if`.
 */
export function evalUnknownArms(ip: Interpreter, scope: Scope, reason: string, arms: readonly { code: TSESTree.Node | null; value: () => Val; text: string }[]): Val {
  const result: Binding = { value: undefined, kind: 'let' };
  joinPaths(
    ip,
    scope,
    reason,
    arms.map((arm) => ({
      code: arm.code,
      run: () => {
        result.value = arm.value();
        return NORMAL;
      },
      mark: { kind: 'condition', text: arm.text },
    })),
    [result],
  );
  return result.value;
}

function joinPaths(ip: Interpreter, scope: Scope, reason: string, paths: readonly PathSpec[], scratch: readonly Binding[] = []): Completion {
  const ctx = ip.ctx;
  const models = ctx.models.slice();
  const statesBefore = models.map((m) => m.state());
  const counts = { models: ctx.models.length, tensors: ctx.tensors.length, problems: ctx.problems.length };
  try {
    return runAndJoin(ip, scope, reason, paths, models, statesBefore, scratch);
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

function runAndJoin(
  ip: Interpreter,
  scope: Scope,
  reason: string,
  paths: readonly PathSpec[],
  models: readonly ModelBuilder[],
  statesBefore: readonly SequentialState[],
  scratch: readonly Binding[],
): Completion {
  const ctx = ip.ctx;
  const names = new Set<string>();
  for (const p of paths) if (p.code) directlyAssignedNames(p.code, names);
  const bindings = [...new Set([...scratch, ...[...names].map((n) => scope.lookup(n)).filter((b): b is Binding => b !== undefined)])];
  const valuesBefore = bindings.map((b) => b.value);
  const modelCount = ctx.models.length;
  const collectedBefore = ctx.collectedTensors.size;

  const runs: BranchRun[] = [];
  for (const path of paths) {
    runs.push(runPath(ip, path, bindings, models));
    // What the path changed through calls and object mutation stays unknown (for the next
    // path too); what it assigned directly and the models' tails go back to the start.
    ip.havoc(path.code, scope, reason);
    bindings.forEach((b, i) => (b.value = valuesBefore[i]));
    models.forEach((m, i) => m.restoreFlags(statesBefore[i]));
  }

  const blocked = paths.some((p, i) => p.mustFallThrough === true && !runs[i].fallsThrough);
  const live = blocked ? [] : runs.filter((r) => r.fallsThrough);
  const kept = new Set<BranchRun>(); // paths whose tensors stay
  const keptProblems = new Set<BranchRun>();
  models.forEach((m, i) => {
    const touched = runs.some((r) => {
      const t = r.models[i];
      return t.after.length !== t.start || t.after.last !== statesBefore[i].last || t.after.uncertain !== statesBefore[i].uncertain;
    });
    if (!touched) return;
    const keep = live.length > 0 ? joinSequential(ip, m, statesBefore[i], runs, i) : null;
    if (keep) {
      keptProblems.add(keep);
      return;
    }
    for (const r of [...runs].reverse()) m.removeNodes(r.models[i].start, r.models[i].after.length);
    m.restoreFlags(statesBefore[i]);
    m.havoc();
  });
  bindings.forEach((b, i) => {
    const joined = live.length > 0 ? joinVariable(ip, live, i) : null;
    if (!joined) {
      b.value = ip.unknown(reason);
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
  // Models created inside the paths are not followed (as before): they may never exist.
  ctx.models.length = modelCount;
  if (ctx.collectedTensors.size > collectedBefore) for (const gid of [...ctx.collectedTensors].slice(collectedBefore)) ctx.collectedTensors.delete(gid);
  return NORMAL;
}
