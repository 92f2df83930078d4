// Keras models and inputs: `keras.Input`, `Sequential([...])` + `model.add`, `model.pop`,
// `model.build(shape)`, `keras.Model(inputs, outputs)` / `Functional(...)`, and a model called
// on a tensor (used as a layer). Names follow Keras's counters, including the `functional_N`
// a Sequential consumes each time it rebuilds itself (keras/src/models/sequential.py).
import { isUnknown, unknown, type Dim, type InputDecl, type LayerDecl, type Shape, type Span, type SymbolRef } from '../../../types';
import { impliedInputSymbols, shapeSymbols } from '../../../symbolic/symbols';
import { ModelBuilder, type TensorNode } from '../../../modelBuilder';
import { argAt, type CallArgs } from '../callArgs';
import type { PyInterpreter } from '../interpreter';
import { isObject, isTensorObj, tensorObj, tensorRef, toConfig, type ModelObj, type PyVal, type TensorObj, type TensorRef } from '../values';
import { inputLayerShape, kerasImpliedInput, kerasImpliedSymbols } from './inputs';
import { shapeOfNode, shapeOfSequential, shapeTuple } from './shapes';
import { subclassAsLayer } from './subclass';
import { firstLayerProblems } from './layers';
import { argOrigins } from '../argOrigins';

/** `(28, 28, 1)` → [28, 28, 1]; sizes we cannot know become null; null when not a shape. */
export function dimsOf(v: PyVal): Dim[] | null {
  if (typeof v === 'number') return [v];
  const c = toConfig(v);
  if (!Array.isArray(c)) return null;
  return (c as readonly unknown[]).map((d) => (typeof d === 'number' ? d : null));
}

function inputDecl(ip: PyInterpreter, shape: Shape | null, name: PyVal | undefined, span: Span, fromInputLayer: boolean): InputDecl {
  const given = typeof name === 'string' ? name : null;
  return {
    shape,
    span,
    name: given,
    ...(fromInputLayer ? { fromInputLayer: true } : {}),
    ...(given === null ? { autoName: ip.ctx.autoName('input_layer') } : {}),
  };
}

/** `keras.Input(shape=None, batch_size=None, dtype=None, sparse=None, batch_shape=None, name=None, tensor=None)`. */
export function createInput(ip: PyInterpreter, args: CallArgs, span: Span): TensorObj {
  const shapeArg = argAt(args, 0, 'shape');
  const batchSize = argAt(args, 1, 'batch_size');
  const batchShape = argAt(args, 5, 'batch_shape');
  let shape: Shape | null = null;
  let symbols: (SymbolRef | null)[] | undefined;
  if (batchShape !== undefined && batchShape !== null) {
    shape = dimsOf(batchShape);
    symbols = shape ? shapeSymbols(toConfig(batchShape), false) : undefined;
  } else if (shapeArg !== undefined && shapeArg !== null && !args.keywordsUnknown) {
    const dims = dimsOf(shapeArg);
    shape = dims ? [typeof batchSize === 'number' ? batchSize : null, ...dims] : null;
    symbols = shape ? shapeSymbols(toConfig(shapeArg), true) : undefined;
  }
  const plain = inputDecl(ip, shape, argAt(args, 6, 'name'), span, false);
  const input = symbols ? { ...plain, symbols } : plain;
  // `shape=(IMG_SIZE, IMG_SIZE, 3)` with constants of another file: where each dim comes from.
  const origins = argOrigins(ip, args, (i, kw) => (i === 0 || kw === 'shape' ? 'shape' : i === 5 || kw === 'batch_shape' ? 'batchShape' : null));
  return tensorObj(ip.ctx.makeTensorNode({ kind: 'input', input: origins ? { ...input, origins } : input }, [], span));
}

function newModel(ip: PyInterpreter, kind: 'sequential' | 'functional', className: string, span: Span, name: PyVal | undefined): ModelBuilder {
  const model = new ModelBuilder(kind, span, ip.ctx.entry);
  model.dialect = 'keras';
  model.className = className;
  if (typeof name === 'string') model.configName = name;
  else model.autoName = ip.ctx.autoName(className === 'Functional' ? 'functional' : className === 'Sequential' ? 'sequential' : className);
  ip.ctx.models.push(model);
  ip.ctx.touch(model);
  return model;
}

/** A model a Keras subclass instance stands for (keras/subclass.ts). */
export function newSubclassModel(ip: PyInterpreter, className: string, autoName: string, span: Span): ModelBuilder {
  const model = new ModelBuilder('functional', span, ip.ctx.entry);
  model.dialect = 'keras';
  model.className = className;
  model.autoName = autoName;
  ip.ctx.models.push(model);
  return model;
}

/** After `add`/`pop`/`build`, Keras rebuilds a Sequential that has an input and a layer: a new Functional. */
function rebuilt(ip: PyInterpreter, model: ModelBuilder): void {
  const first = model.nodes[0];
  if (first && first.op.kind === 'input' && model.nodes.length > 1) ip.ctx.autoName('functional');
}

export function createSequential(ip: PyInterpreter, args: CallArgs, span: Span): ModelObj {
  const model = newModel(ip, 'sequential', 'Sequential', span, argAt(args, 2, 'name'));
  const layers = argAt(args, 0, 'layers');
  if (layers === undefined || layers === null) {
    if (args.starUnknown || args.keywordsUnknown) model.havoc();
    return { tag: 'model', model };
  }
  const items = ip.iterate(layers);
  if (isUnknown(items)) model.havoc();
  else {
    const spans = isObject(layers) && (layers.tag === 'list' || layers.tag === 'tuple') ? (layers.spans ?? []) : [];
    items.forEach((item, i) => addToSequential(ip, model, item, spans[i] ?? span, false));
    if (items.length > 0) rebuilt(ip, model);
  }
  return { tag: 'model', model };
}

/** The LayerDecl standing for a model used as a layer: its graph, run on the new input. */
export function modelAsLayer(ip: PyInterpreter, model: ModelBuilder): LayerDecl {
  if (!model.asLayer) {
    model.asLayer = {
      id: ip.ctx.newLayerId(),
      className: model.className ?? (model.kind === 'sequential' ? 'Sequential' : 'Functional'),
      factory: model.className ?? 'Model',
      config: model.configName !== null ? { name: model.configName } : {},
      span: model.span,
      configSpans: {},
      configObjectSpan: null,
      inner: null,
      dialect: 'keras',
      ...(model.autoName ? { autoName: model.autoName } : {}),
      // A getter: the model may still change after it is first used as a layer (a Sequential
      // built by its first call), and the layer must always stand for the model as it is.
      composite: {
        get graph() {
          return model.finish();
        },
        reportInner: false,
      },
    };
  }
  return model.asLayer;
}

/** `model.add(v)`, or one element of `Sequential([...])`. */
export function addToSequential(ip: PyInterpreter, model: ModelBuilder, v: PyVal, span: Span, rebuild = true): void {
  if (model.entry !== ip.ctx.entry) {
    model.havoc(); // a model of another evaluation entry, reached from a function never called here
    return;
  }
  ip.ctx.touch(model);
  const first = model.nodes.length === 0 && !model.uncertain;
  if (isTensorObj(v)) {
    // `keras.Input(...)` added to a Sequential: its InputLayer becomes the model's input.
    const node = v.node;
    if (first && node && node.op.kind === 'input') {
      model.appendInput({ ...node.op.input, fromInputLayer: true }, span);
      ip.ctx.collectedTensors.add(node.gid);
    } else model.havoc();
    return;
  }
  if (isObject(v) && v.tag === 'layer') {
    const decl = v.decl;
    if (first) {
      const implied = kerasImpliedInput(decl);
      if (implied === 'InputLayer') {
        const shape = inputLayerShape(decl);
        const symbols = shape ? impliedInputSymbols('InputLayer', { ...decl.config, inputShape: decl.config.shape ?? decl.config.inputShape, batchInputShape: decl.config.batchShape ?? decl.config.batchInputShape }) : undefined;
        model.appendInput({ shape, span: decl.span, ...(symbols ? { symbols } : {}), name: typeof decl.config.name === 'string' ? decl.config.name : null, fromInputLayer: true, ...(decl.autoName ? { autoName: decl.autoName } : {}) }, span);
        ip.ctx.connectedLayers.add(decl);
        return;
      }
      const problems = firstLayerProblems.get(decl) ?? [];
      for (const p of problems) ip.ctx.problems.push({ code: p.code, severity: p.severity, message: p.message, span: (p.property && decl.configSpans[p.property]) || decl.span });
      if (implied !== undefined) {
        const shape = isUnknown(implied) || problems.length > 0 ? null : implied;
        const symbols = shape ? kerasImpliedSymbols(decl) : undefined;
        const input = inputDecl(ip, shape, undefined, decl.span, false);
        model.appendInput(symbols ? { ...input, symbols } : input, decl.span);
      }
    }
    model.appendLayer(decl, span);
    ip.ctx.connectedLayers.add(decl);
    if (rebuild) rebuilt(ip, model);
    return;
  }
  if (isObject(v) && v.tag === 'model') {
    model.appendLayer(modelAsLayer(ip, v.model), span);
    if (rebuild) rebuilt(ip, model);
    return;
  }
  if (isObject(v) && v.tag === 'instance' && v.subclass) {
    const decl = subclassAsLayer(ip, v, first ? null : shapeOfSequential(ip, model), span);
    if (decl) {
      model.appendLayer(decl, span);
      ip.ctx.connectedLayers.add(decl);
      if (rebuild) rebuilt(ip, model);
      return;
    }
  }
  model.havoc();
}

export function popSequential(ip: PyInterpreter, model: ModelBuilder): void {
  if (model.entry !== ip.ctx.entry) model.havoc();
  else {
    model.pop();
    rebuilt(ip, model);
  }
}

/** `model.build(input_shape)` on a Sequential that has no input yet. */
export function buildSequential(ip: PyInterpreter, model: ModelBuilder, shapeArg: PyVal | undefined, span: Span): void {
  if (model.uncertain || model.entry !== ip.ctx.entry) {
    model.havoc();
    return;
  }
  const first = model.nodes[0];
  if (first && first.op.kind === 'input') return; // Keras raises when the shapes differ; same shape is a no-op
  const shape = shapeArg === undefined || shapeArg === null ? null : dimsOf(shapeArg);
  if (model.nodes.length === 0) return;
  model.prependInput(inputDecl(ip, shape, undefined, span, false), span);
  rebuilt(ip, model);
}

const NO_TENSOR: TensorRef = { node: null, index: 0 };

/** The tensors in a model's `inputs`/`outputs` argument: a tensor, or a list, tuple or dict of them. */
export function tensorRefsIn(ip: PyInterpreter, v: PyVal | undefined): TensorRef[] {
  if (v === undefined) return [NO_TENSOR];
  if (isTensorObj(v)) return [tensorRef(v)];
  if (isObject(v) && v.tag === 'dict' && !v.tainted && !v.open) {
    // Keras flattens a dict of tensors in sorted key order (keras.tree).
    const entries = [...v.entries.values()].sort((a, b) => (String(a.key) < String(b.key) ? -1 : String(a.key) > String(b.key) ? 1 : 0));
    return entries.map((e) => (isTensorObj(e.value) ? tensorRef(e.value) : NO_TENSOR));
  }
  if (isObject(v) && (v.tag === 'list' || v.tag === 'tuple')) {
    const items = ip.iterate(v);
    return isUnknown(items) ? [NO_TENSOR] : items.map((x) => (isTensorObj(x) ? tensorRef(x) : NO_TENSOR));
  }
  return [NO_TENSOR];
}

/** The nodes of tensorRefsIn, for callers that take first outputs only (model inputs). */
export function tensorsIn(ip: PyInterpreter, v: PyVal | undefined): (TensorNode | null)[] {
  return tensorRefsIn(ip, v).map((r) => (r.index === 0 ? r.node : null));
}

/** `keras.Model(inputs, outputs, name=None)` / `Functional(inputs, outputs)`. */
export function createFunctional(ip: PyInterpreter, args: CallArgs, span: Span): ModelObj {
  const model = newModel(ip, 'functional', 'Functional', span, argAt(args, 2, 'name'));
  const inputs = tensorsIn(ip, argAt(args, 0, 'inputs'));
  const outputRefs = tensorRefsIn(ip, argAt(args, 1, 'outputs'));
  const outputs = outputRefs.map((r) => r.node);
  if (inputs.includes(null) || args.starUnknown || args.keywordsUnknown) model.incomplete = true;
  const collected = model.setFunctional(
    inputs.filter((t): t is TensorNode => t !== null),
    outputs,
    outputRefs.map((r) => r.index),
  );
  for (const t of collected) ip.ctx.collectedTensors.add(t.gid);
  model.outputTensors = outputs;
  model.inputTensors = inputs;
  return { tag: 'model', model };
}

/** `model(x)`: a nested model applied to a tensor; a Sequential without input is built by it. */
export function applyModel(ip: PyInterpreter, model: ModelBuilder, input: PyVal | undefined, span: Span): PyVal {
  const inputs = tensorsIn(ip, input);
  if (model.kind === 'sequential' && !model.uncertain && model.nodes.length > 0 && model.nodes[0].op.kind !== 'input' && inputs[0]) {
    const shape = shapeOfNode(ip, inputs[0]);
    model.prependInput(inputDecl(ip, shape, undefined, model.span, false), model.span);
    rebuilt(ip, model);
  }
  const decl = modelAsLayer(ip, model);
  const node = ip.ctx.makeNodeFrom({ kind: 'layer', layer: decl }, tensorRefsIn(ip, input), span);
  return tensorObj(node);
}

/** The output shape of a model, for `model.output_shape` / `model.output.shape`. */
export function modelOutputShape(ip: PyInterpreter, model: ModelBuilder): PyVal {
  if (model.kind === 'sequential') return shapeTuple(shapeOfSequential(ip, model), "this model's output");
  const outs = model.outputTensors;
  if (!outs || outs.length !== 1 || !outs[0]) return unknown('the output shape of this model');
  return shapeTuple(shapeOfNode(ip, outs[0]), "this model's output");
}
