// infer: ModelGraph → AnalyzedModel. Walks the nodes in execution order, asks the catalog for
// each layer's output shape and parameters, and tracks receptive fields along conv/pool chains.
// Errors are values: a layer whose input is unknown yields unknown; nothing here throws.
import { specForClassName } from './catalog';
import { spellProblemsForKeras } from './catalog/kerasMessages';
import { impossibleInputProblem } from './catalog/inputShape';
import { negativeDimProblem, negativeSizeSeverity, withoutNegativeDims } from './catalog/negativeSize';
import { inferOperation } from './operations';
import { receptiveFieldAfter, inputReceptiveField } from './receptiveField';
import { graphHasSymbols, symbolicModel } from './symbolic/model';
import { declKey, valueKey } from './inferKeys';
import { clearKeptAnalyses, keepAnalysis, keptAnalysis, modelKey } from './modelCache';
import { unknown } from './types';
import type {
  AnalyzedModel,
  CompositeLayer,
  ConfigValue,
  AnalyzedNode,
  GraphNode,
  LayerContext,
  LayerDecl,
  LayerConfig,
  LayerInference,
  LayerProblem,
  MaybeShape,
  ModelGraph,
  ParamCount,
  ReceptiveField,
} from './types';

const UNKNOWN_INFERENCE: LayerInference = { outputShape: null, params: null, macs: null };
const NO_PARAMS: ParamCount = { trainable: 0, nonTrainable: 0, formula: '0' };

/**
 * Catalog results by input: an editor re-analyses a file after every edit and almost every
 * layer is the same as last time. Results are immutable data, safe to share. Bounded.
 */
const inferenceCache = new Map<string, LayerInference>();
const MAX_CACHED_INFERENCES = 5000;

/** Empties the caches (tests: results must not depend on what was analysed before). */
export function clearInferenceCache(): void {
  inferenceCache.clear();
  clearKeptAnalyses();
}

/** Runs a layer's catalog entry; an unknown class or a bug in an entry yields unknown. */
export function inferLayer(decl: LayerDecl, inputs: readonly MaybeShape[]): LayerInference {
  if (!decl.className) return UNKNOWN_INFERENCE;
  const key = `${declKey(decl)}#${valueKey(inputs as unknown as ConfigValue)}`;
  let result = inferenceCache.get(key);
  if (!result) {
    result = inferLayerUncached(decl, inputs);
    if (inferenceCache.size >= MAX_CACHED_INFERENCES) inferenceCache.clear();
    inferenceCache.set(key, result);
  }
  return result;
}

function inferLayerUncached(decl: LayerDecl, inputs: readonly MaybeShape[]): LayerInference {
  if (decl.operation) return inferOperation(decl.operation, decl.className ?? 'operation', inputs, decl.config);
  if (decl.composite) return withTrainable(decl, inferComposite(decl.composite, inputs));
  const spec = decl.className ? specForClassName(decl.className) : undefined;
  if (!spec) return UNKNOWN_INFERENCE;
  const inner = decl.inner;
  const ctx: LayerContext = {
    config: decl.configIncomplete ? withUnknownDefaults(decl.config, decl.configIncomplete) : decl.config,
    inputs,
    inferInner: inner ? (input: MaybeShape) => inferLayer(inner, [input]) : undefined,
    ...(inner ? { innerClassName: inner.className } : {}),
    ...(decl.dialect ? { dialect: decl.dialect } : {}),
  };
  try {
    const inference = withTrainable(decl, spec.infer(ctx));
    if (decl.dialect !== 'keras' || !inference.problems) return inference;
    return { ...inference, problems: spellProblemsForKeras(spec, inference.problems) };
  } catch {
    // A catalog bug must never take the editor down; the oracle tests catch these.
    return UNKNOWN_INFERENCE;
  }
}

/** `trainable: false` (TF.js) / `trainable=False` (Keras): every weight counts as non-trainable. */
function withTrainable(decl: LayerDecl, inference: LayerInference): LayerInference {
  const p = inference.params;
  if (decl.config.trainable !== false || !p || p.trainable === 0) return inference;
  return { ...inference, params: { trainable: 0, nonTrainable: p.trainable + p.nonTrainable, formula: p.formula } };
}

/** The params of a composite's layers, as one term each: "896 + 18,496". */
function compositeFormula(parts: readonly number[], total: number): string {
  return parts.length > 1 && parts.length <= 6 ? parts.map(String).join(' + ') : String(total);
}

/**
 * A model used as a layer, or a Keras Layer subclass: its graph run on the given inputs (they
 * replace the graph's own inputs, as calling a model on a new tensor does).
 */
let compositeDepth = 0;
/** Models nested as layers deeper than this are unknown (a model added to itself must end). */
const MAX_COMPOSITE_DEPTH = 8;

function inferComposite(composite: CompositeLayer, inputs: readonly MaybeShape[]): LayerInference {
  if (compositeDepth >= MAX_COMPOSITE_DEPTH) return UNKNOWN_INFERENCE;
  compositeDepth++;
  let analyzed: AnalyzedModel;
  try {
    analyzed = inferModel(composite.graph, undefined, inputs);
  } finally {
    compositeDepth--;
  }
  const counting = analyzed.nodes.filter((n) => !n.sharedRepeat && n.node.op.kind === 'layer');
  const failed = analyzed.nodes.some((n) => n.problems.some((p) => p.severity === 'error'));
  const problems: LayerProblem[] = composite.reportInner
    ? analyzed.nodes.flatMap((n) => n.problems.filter((p) => p.severity === 'error').map((p) => ({ ...p, message: `Inside ${n.displayName}: ${p.message}`, property: undefined })))
    : []; // a model used as a layer reports its own errors, once, on itself
  // Weights a Layer subclass makes itself (add_weight) count beside its layers'. Its layers'
  // weights are theirs whether or not the traced graph reaches its output (reportInner); a
  // model's total is unknown while part of it is.
  const own = composite.ownParams;
  const sum = (pick: (p: ParamCount) => number): number | null => {
    let t = 0;
    for (const n of counting) {
      if (!n.params) return null;
      t += pick(n.params);
    }
    return t;
  };
  const graphTrainable = composite.reportInner ? sum((p) => p.trainable) : analyzed.trainableParams;
  const graphNonTrainable = composite.reportInner ? sum((p) => p.nonTrainable) : analyzed.nonTrainableParams;
  const trainable = graphTrainable === null || own?.trainable === null ? null : graphTrainable + (own?.trainable ?? 0);
  const nonTrainable = graphNonTrainable === null || own?.nonTrainable === null ? null : graphNonTrainable + (own?.nonTrainable ?? 0);
  const total = trainable === null || nonTrainable === null ? null : trainable + nonTrainable;
  const ownTotal = (own?.trainable ?? 0) + (own?.nonTrainable ?? 0);
  const params =
    total === null || trainable === null || nonTrainable === null
      ? null
      : {
          trainable,
          nonTrainable,
          formula: compositeFormula(
            [...counting.map((n) => (n.params ? n.params.trainable + n.params.nonTrainable : 0)), ownTotal].filter((p) => p > 0),
            total,
          ),
        };
  // A Layer subclass's own compute_output_shape is what Keras uses for its output (when given).
  const traced = analyzed.outputShapes[0] ?? null;
  return {
    outputShape: failed ? null : (composite.outputShape !== undefined ? composite.outputShape : traced),
    params,
    macs: analyzed.totalMacs,
    ...(problems.length > 0 ? { problems } : {}),
  };
}

/**
 * When part of a config could not be read (an unknown spread), a key missing from it does not
 * mean "use TF.js's default": it may come from the unknown part. Reading it yields Unknown.
 */
function withUnknownDefaults(config: LayerConfig, reason: string): LayerConfig {
  const missing = unknown(reason);
  return new Proxy(config, {
    get: (target, key) => (typeof key === 'string' && !(key in target) ? missing : Reflect.get(target, key)),
  });
}

const snakeCache = new Map<string, string>();

/** `maxPooling2d` → `max_pooling2d`, as Keras names layers. Cached: called once per node. */
function toSnakeCase(name: string): string {
  let snake = snakeCache.get(name);
  if (snake === undefined) {
    snake = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
    snakeCache.set(name, snake);
  }
  return snake;
}

/** Keras-style display names (`conv2d`, `conv2d_1`...) unless the config names the layer. */
function makeNamer(): (node: GraphNode) => string {
  const counts = new Map<string, number>();
  const byDecl = new Map<LayerDecl, string>();
  return (node) => {
    if (node.op.kind === 'layer') {
      const known = byDecl.get(node.op.layer);
      if (known) return known;
    }
    const configName = node.op.kind === 'input' ? node.op.input.name : node.op.layer.config.name;
    const autoName = node.op.kind === 'input' ? node.op.input.autoName : node.op.layer.autoName;
    let name: string;
    if (typeof configName === 'string' && configName.length > 0) name = configName;
    else if (autoName !== undefined) name = autoName; // Keras named it when it was built
    else {
      const base = node.op.kind === 'input' ? 'input' : toSnakeCase(node.op.layer.factory);
      const n = counts.get(base) ?? 0;
      counts.set(base, n + 1);
      name = n === 0 ? base : `${base}_${n}`;
    }
    if (node.op.kind === 'layer') byDecl.set(node.op.layer, name);
    return name;
  };
}

/** Output `k` of an analysed node (0: its outputShape). */
function outputOf(node: AnalyzedNode, k: number): MaybeShape {
  if (k === 0) return node.outputShape;
  return node.outputShapes?.[k] ?? null;
}

function sumOrNull(values: readonly (number | null)[]): number | null {
  let total = 0;
  for (const v of values) {
    if (v === null) return null;
    total += v;
  }
  return total;
}

/**
 * `reuse`: analyses of the first graph nodes from an earlier call on the same nodes (the caller
 * vouches they are unchanged), taken as they are; with it, display names are left empty.
 * Joining branches (extract/branches.ts) infers a growing model once per `if` and needs only
 * shapes, params and problems: this keeps that cheap. A model's own analysis (neither, and not
 * nested in another's) is kept by what its graph is made of (modelCache.ts).
 */
export function inferModel(graph: ModelGraph, reuse?: readonly AnalyzedNode[], inputOverride?: readonly MaybeShape[]): AnalyzedModel {
  if (reuse !== undefined || inputOverride !== undefined || compositeDepth > 0 || graphHasSymbols(graph)) return analyseModel(graph, reuse, inputOverride);
  const key = modelKey(graph);
  const hit = keptAnalysis(key, graph);
  if (hit) return hit;
  const analyzed = analyseModel(graph);
  keepAnalysis(key, analyzed);
  return analyzed;
}

function analyseModel(graph: ModelGraph, reuse?: readonly AnalyzedNode[], inputOverride?: readonly MaybeShape[]): AnalyzedModel {
  const nameOf = reuse ? () => '' : makeNamer();
  let inputOrdinal = 0;
  const counted = new Set<LayerDecl>();
  const nodes: AnalyzedNode[] = [];

  for (const node of graph.nodes) {
    const reused = reuse?.[nodes.length];
    if (reused) {
      if (node.op.kind === 'layer') counted.add(node.op.layer);
      nodes.push(reused);
      continue;
    }
    // A Sequential graph without an input of its own takes the override at its first layer.
    const fedFromOutside = inputOverride !== undefined && nodes.length === 0 && node.op.kind === 'layer' && graph.kind === 'sequential';
    const inputShapes = fedFromOutside
      ? [inputOverride[0] ?? null]
      : node.inputs.map((id, i) => (id >= 0 && id < nodes.length ? outputOf(nodes[id], node.inputOutputs?.[i] ?? 0) : null));
    const inputFields = node.inputs.map((id) => (id >= 0 && id < nodes.length ? nodes[id].receptiveField : null));

    if (node.op.kind === 'input') {
      const shape = inputOverride !== undefined ? (inputOverride[inputOrdinal++] ?? null) : node.op.input.shape;
      // The model's own input, which TF.js's predict checks data against (not a nested model's
      // input fed from outside, nor tensors no tf.model collects yet).
      const checked = inputOverride === undefined && graph.dialect !== 'keras' && !graph.unbound;
      const impossible = checked ? impossibleInputProblem(shape) : null;
      nodes.push({
        node,
        className: 'InputLayer',
        displayName: nameOf(node),
        inputShapes: [],
        outputShape: impossible ? null : shape,
        params: NO_PARAMS,
        sharedRepeat: false,
        macs: 0,
        receptiveField: inputReceptiveField(impossible ? null : shape),
        problems: impossible ? [impossible] : [],
      });
      continue;
    }

    const decl = node.op.layer;
    const inference = inferLayer(decl, inputShapes);
    const problems = negativeSizeSeverity([...(decl.problems ?? []), ...(inference.problems ?? [])], decl.dialect, graph.kind);
    const extra = decl.className ? negativeDimProblem(decl.className, inference.outputShape, decl.dialect, graph.kind) : null;
    if (extra && !problems.some((p) => p.code === extra.code)) problems.push(extra);
    // After a certain error TF.js stops building: carry unknown so one mistake gives one finding.
    const failed = problems.some((p) => p.severity === 'error');
    const sharedRepeat = counted.has(decl);
    counted.add(decl);

    nodes.push({
      node,
      className: decl.className,
      displayName: nameOf(node),
      inputShapes,
      outputShape: failed ? null : withoutNegativeDims(inference.outputShape),
      ...(!failed && inference.outputShapes && inference.outputShapes.length > 1 ? { outputShapes: inference.outputShapes } : {}),
      params: sharedRepeat ? NO_PARAMS : inference.params,
      sharedRepeat,
      macs: inference.macs,
      receptiveField: failed ? null : receptiveFieldAfter(inputFields, inputShapes, inference),
      window: inference.window,
      problems,
    });
  }

  const counting = nodes.filter((n) => !n.sharedRepeat);
  const trainable = graph.incomplete ? null : sumOrNull(counting.map((n) => n.params?.trainable ?? null));
  const nonTrainable = graph.incomplete ? null : sumOrNull(counting.map((n) => n.params?.nonTrainable ?? null));
  const listed = trainable !== null && nonTrainable !== null ? trainable + nonTrainable : null;
  // Paths with other parameter counts (branches.ts): the listed layers' sum is one of them.
  const slack = graph.paramsSlack;
  const paramsRange = listed !== null && slack ? { min: listed + slack.low, max: Number.isFinite(slack.high) ? listed + slack.high : null } : null;
  // Sizes the code names but does not fix: carried by name beside the numbers (symbolic/).
  const symbolic = reuse === undefined && inputOverride === undefined && graphHasSymbols(graph) ? symbolicModel(graph, nodes, null, inferLayer) : null;
  return {
    graph,
    nodes: symbolic ? symbolic.nodes : nodes,
    ...(symbolic && symbolic.symbols.length > 0 ? { symbols: symbolic.symbols } : {}),
    ...(symbolic?.totalParamsExpr && slack === undefined && listed === null ? { totalParamsExpr: symbolic.totalParamsExpr } : {}),
    ...(symbolic && symbolic.minimums.length > 0 ? { symbolMinimums: symbolic.minimums } : {}),
    totalParams: slack ? null : listed,
    trainableParams: slack ? null : trainable,
    nonTrainableParams: slack ? null : nonTrainable,
    paramsRange,
    totalMacs: graph.incomplete ? null : sumOrNull(nodes.map((n) => n.macs)),
    outputShapes: graph.outputs.map((id, i) => (nodes[id] ? outputOf(nodes[id], graph.outputIndices?.[i] ?? 0) : null)),
  };
}

export type { ReceptiveField };
