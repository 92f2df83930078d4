// Keras subclasses: `class Net(keras.Model)` and `class Block(keras.layers.Layer)` with an
// `__init__` that creates layers and a `call` that applies them. Keras tracks the layers
// assigned to attributes (in assignment order: that is `model.layers`); a subclass instance
// gets its graph when it is called on a tensor or built with an input shape: we then run its
// `call` on a placeholder input of that shape. A Model subclass is reported as a model; a
// Layer subclass becomes one composite layer in the models that apply it.
import { unknown, type CompositeLayer, type InputDecl, type LayerDecl, type MaybeShape, type Span } from '../../../types';
import { ModelBuilder, type TensorNode } from '../../../modelBuilder';
import { argAt, argsOf, type CallArgs } from '../callArgs';
import { callFunction } from '../calls';
import { lookupClassAttr } from '../classes';
import type { PyInterpreter } from '../interpreter';
import { isObject, isTensorObj, makeList, tensorObj, type PyInstance, type PyVal } from '../values';
import { dimsOf, newSubclassModel, tensorsIn } from './models';
import { kerasSnakeCase } from './naming';
import { shapeOfNode, shapeTuple } from './shapes';
import { inferLayer } from '../../../infer';

/** Keras names a subclass instance when it is constructed (`my_model`, `block_1`...). */
export function initKerasSubclass(ip: PyInterpreter, inst: PyInstance, span: Span): void {
  inst.subclass = { tracked: [], span, weights: [] };
  if (inst.cls.kerasBase === 'Model') inst.subclass.model = newSubclassModel(ip, inst.cls.name, ip.ctx.autoName(kerasSnakeCase(inst.cls.name)), span);
  else inst.subclass.autoName = ip.ctx.autoName(kerasSnakeCase(inst.cls.name));
}

/** Keras tracks layers (and models) assigned to attributes, also inside lists and dicts. */
export function trackAttribute(inst: PyInstance, value: PyVal, depth = 0): void {
  const tracked = inst.subclass?.tracked;
  if (!tracked || depth > 3 || !isObject(value)) return;
  if (value.tag === 'layer' || value.tag === 'model' || (value.tag === 'instance' && value.subclass)) {
    if (!tracked.includes(value)) tracked.push(value);
  } else if (value.tag === 'list' || value.tag === 'tuple') for (const v of value.items) trackAttribute(inst, v, depth + 1);
  else if (value.tag === 'dict') for (const e of value.entries.values()) trackAttribute(inst, e.value, depth + 1);
}

export function subclassLayers(inst: PyInstance): PyVal {
  return makeList([...(inst.subclass?.tracked ?? [])]);
}

/** Runs `inst.call(x)` on a placeholder input per tensor; returns the placeholders and outputs. */
function traceCall(ip: PyInterpreter, inst: PyInstance, inputs: readonly (TensorNode | null)[], span: Span): { placeholders: TensorNode[]; outputs: (TensorNode | null)[]; created: TensorNode[] } | null {
  const call = lookupClassAttr(inst.cls, 'call');
  if (!call || !isObject(call.value) || call.value.tag !== 'function') return null;
  runOwnBuild(ip, inst, inputs);
  const placeholders = inputs.map((t) => {
    const input: InputDecl = { shape: t ? shapeOfNode(ip, t) : null, span, name: null };
    const node = ip.ctx.makeTensorNode({ kind: 'input', input }, [], span);
    ip.ctx.collectedTensors.add(node.gid);
    return node;
  });
  const first = ip.ctx.tensors.length;
  const arg = placeholders.length === 1 ? tensorObj(placeholders[0]) : makeList(placeholders.map((p) => tensorObj(p)));
  const result = callFunction(ip, call.value, argsOf([arg]), inst);
  // What `call` built is internal to the subclass: never an unbound graph of its own.
  const created = ip.ctx.tensors.slice(first);
  for (const t of created) ip.ctx.collectedTensors.add(t.gid);
  return { placeholders, outputs: tensorsIn(ip, result), created };
}

/** The shapes Keras hands build() and compute_output_shape(): a tuple, or a list of tuples. */
function shapeArgument(ip: PyInterpreter, inputs: readonly (TensorNode | null)[]): PyVal {
  const tuples = inputs.map((t) => shapeTuple(t ? shapeOfNode(ip, t) : null, 'the input'));
  return tuples.length === 1 ? tuples[0] : makeList(tuples);
}

/** Keras calls a layer's own build(input_shape) once, before its first call. */
function runOwnBuild(ip: PyInterpreter, inst: PyInstance, inputs: readonly (TensorNode | null)[]): void {
  const state = inst.subclass;
  if (!state || state.built) return;
  state.built = true;
  const build = lookupClassAttr(inst.cls, 'build');
  if (build && isObject(build.value) && build.value.tag === 'function') callFunction(ip, build.value, argsOf([shapeArgument(ip, inputs)]), inst);
}

/** The output shape the class's own compute_output_shape gives, when it has one. */
function ownOutputShape(ip: PyInterpreter, inst: PyInstance, inputs: readonly (TensorNode | null)[]): MaybeShape | undefined {
  const fn = lookupClassAttr(inst.cls, 'compute_output_shape');
  if (!fn || !isObject(fn.value) || fn.value.tag !== 'function') return undefined;
  const result = callFunction(ip, fn.value, argsOf([shapeArgument(ip, inputs)]), inst);
  return isObject(result) && result.tag === 'tuple' ? dimsOf(result) : null;
}

/** `self.add_weight(shape=(...), trainable=True, ...)` in a subclass: a weight of that shape. */
export function addWeight(inst: PyInstance, args: CallArgs): PyVal {
  const shapeArg = argAt(args, 0, 'shape');
  const trainable = argAt(args, 3, 'trainable');
  const dims = shapeArg === undefined || shapeArg === null ? [] : dimsOf(shapeArg);
  const size = dims === null || dims.some((d) => d === null) ? null : (dims as number[]).reduce((a, b) => a * b, 1);
  inst.subclass?.weights.push({ size, trainable: trainable !== false });
  return { tag: 'weight', shape: dims };
}

type Params = NonNullable<CompositeLayer['ownParams']>;

function addParams(a: CompositeLayer['ownParams'], b: CompositeLayer['ownParams']): Params {
  const sum = (x: number | null | undefined, y: number | null | undefined): number | null => (x === null || y === null ? null : (x ?? 0) + (y ?? 0));
  return { trainable: sum(a?.trainable, b?.trainable), nonTrainable: sum(a?.nonTrainable, b?.nonTrainable) };
}

/** Params of the layers a trace applied that the output's graph does not reach (each counted once). */
function offPathParams(ip: PyInterpreter, created: readonly TensorNode[], reached: readonly TensorNode[]): CompositeLayer['ownParams'] {
  const inGraph = new Set<object>(reached.map((t) => (t.op.kind === 'layer' ? t.op.layer : t.op.input)));
  const seen = new Set<object>();
  let trainable: number | null = 0;
  let nonTrainable: number | null = 0;
  for (const t of created) {
    if (t.op.kind !== 'layer' || inGraph.has(t.op.layer) || seen.has(t.op.layer) || t.op.layer.operation) continue;
    seen.add(t.op.layer);
    const params = inferLayer(t.op.layer, t.inputs.map((p, i) => (p ? shapeOfNode(ip, p, t.inputIndices?.[i] ?? 0) : null))).params;
    trainable = params && trainable !== null ? trainable + params.trainable : null;
    nonTrainable = params && nonTrainable !== null ? nonTrainable + params.nonTrainable : null;
  }
  return seen.size > 0 ? { trainable, nonTrainable } : undefined;
}

function ownParams(inst: PyInstance): CompositeLayer['ownParams'] {
  const weights = inst.subclass?.weights ?? [];
  if (weights.length === 0) return undefined;
  const sum = (trainable: boolean): number | null => {
    let total = 0;
    for (const w of weights) if (w.trainable === trainable) {
      if (w.size === null) return null;
      total += w.size;
    }
    return total;
  };
  return { trainable: sum(true), nonTrainable: sum(false) };
}

/** The LayerDecl a subclass instance stands for when applied, built on its first application. */
function subclassDecl(ip: PyInterpreter, inst: PyInstance, inputs: readonly (TensorNode | null)[], span: Span): LayerDecl | null {
  const state = inst.subclass;
  if (!state) return null;
  if (state.layerDecl) return state.layerDecl;
  const traced = traceCall(ip, inst, inputs, span);
  const outputShape = ownOutputShape(ip, inst, inputs);
  const model = state.model ?? scratchModel(ip, inst, span);
  let offPath: CompositeLayer['ownParams'] = undefined;
  if (!traced) model.havoc();
  else {
    const reached = model.setFunctional(traced.placeholders, traced.outputs);
    model.outputTensors = traced.outputs;
    // A Layer subclass owns every layer its call applies, on the output's path or not (a
    // position embedding added through an op we do not follow): Keras counts all their weights.
    if (!state.model) offPath = offPathParams(ip, traced.created, reached);
  }
  const name = state.model ? model.configName : (state.givenName ?? null);
  const autoName = state.model ? model.autoName : state.autoName;
  state.layerDecl = {
    id: ip.ctx.newLayerId(),
    className: inst.cls.name,
    factory: inst.cls.name,
    config: name !== null ? { name } : {},
    span: state.span,
    configSpans: {},
    configObjectSpan: null,
    inner: null,
    dialect: 'keras',
    ...(autoName ? { autoName } : {}),
    composite: {
      graph: model.finish(),
      reportInner: !state.model,
      ...(ownParams(inst) || offPath ? { ownParams: addParams(ownParams(inst), offPath) } : {}),
      ...(outputShape !== undefined ? { outputShape } : {}),
    },
  };
  return state.layerDecl;
}

/** A Layer subclass has no model of its own; its traced graph lives in a builder we do not report. */
function scratchModel(ip: PyInterpreter, inst: PyInstance, span: Span): ModelBuilder {
  const model = new ModelBuilder('functional', span, ip.ctx.entry);
  model.dialect = 'keras';
  model.className = inst.cls.name;
  return model;
}

/** `instance(x)` for a Keras subclass instance: one node applying the whole subclass. */
export function applySubclass(ip: PyInterpreter, inst: PyInstance, args: CallArgs, span: Span): PyVal {
  const input = args.positional[0] ?? args.keywords.get('inputs');
  const inputs = tensorsIn(ip, input);
  if (input === undefined || (!isTensorObj(input) && !(isObject(input) && (input.tag === 'list' || input.tag === 'tuple')))) {
    return unknown(`calling ${inst.cls.name} on a value that is not a tensor`);
  }
  const decl = subclassDecl(ip, inst, inputs, span);
  if (!decl) return unknown(`${inst.cls.name} without a call method`);
  ip.ctx.connectedLayers.add(decl);
  const node = ip.ctx.makeTensorNode({ kind: 'layer', layer: decl }, inputs, span);
  // A Model subclass applied at the top level is the model itself, not a graph to report.
  if (inst.cls.kerasBase === 'Model') ip.ctx.collectedTensors.add(node.gid);
  return tensorObj(node);
}

export const BUILD_WITHOUT_OWN_BUILD_MESSAGE =
  "This class has no build() of its own, so Keras's model.build() builds none of its layers: Keras reports 0 params until the model is called on data. The shapes and params shown are what call() gives on this input shape; call the model on keras.Input(shape=...) to build it for real.";

/**
 * `model.build((None, 784))` on a subclass: trace `call` on an input of that shape. When the
 * class has no build() of its own, Keras builds nothing (it only warns): say so.
 */
export function buildSubclass(ip: PyInterpreter, inst: PyInstance, shapeArg: PyVal | undefined, span: Span, noOwnBuild = false): void {
  const state = inst.subclass;
  if (!state || state.layerDecl) return;
  if (noOwnBuild && inst.cls.kerasBase === 'Model') ip.ctx.problems.push({ code: 'model/unbuilt-subclass', severity: 'info', message: BUILD_WITHOUT_OWN_BUILD_MESSAGE, span });
  const dims = shapeArg === undefined || shapeArg === null ? null : dimsOf(shapeArg);
  const input: InputDecl = { shape: dims, span, name: null };
  const node = ip.ctx.makeTensorNode({ kind: 'input', input }, [], span);
  ip.ctx.collectedTensors.add(node.gid);
  subclassDecl(ip, inst, [node], span);
}

/** A Layer (or Model) subclass instance added to a Sequential: one layer, traced on the shape it gets there. */
export function subclassAsLayer(ip: PyInterpreter, inst: PyInstance, inputShape: MaybeShape, span: Span): LayerDecl | null {
  const state = inst.subclass;
  if (!state) return null;
  if (state.layerDecl) return state.layerDecl;
  const input: InputDecl = { shape: inputShape, span, name: null };
  const node = ip.ctx.makeTensorNode({ kind: 'input', input }, [], span);
  ip.ctx.collectedTensors.add(node.gid);
  return subclassDecl(ip, inst, [node], span);
}
