// Attributes and methods of Keras objects: a tensor's `.shape`; a layer's `.name`, `.output`,
// `.trainable`; a model's `add`, `pop`, `build`, `compile`, `summary`, `layers`, `get_layer`,
// `output`, `output_shape`; and the base-class methods a subclass reaches through `super()`.
// Methods are built-ins named `keras.base.<name>` bound to their object.
import { isUnknown, unknown, type ConfigValue, type Span } from '../../../types';
import type { ModelBuilder } from '../../../modelBuilder';
import type * as ast from '../ast';
import { argAt, type CallArgs } from '../callArgs';
import type { PyInterpreter } from '../interpreter';
import { isObject, makeList, tensorObj, type PyBuiltin, type PyVal } from '../values';
import { canonicalKey, setLayerConfig } from './layers';
import { addToSequential, buildSequential, modelOutputShape, popSequential } from './models';
import { shapeOfNode, shapeTuple } from './shapes';
import { addWeight, buildSubclass, subclassLayers } from './subclass';
import { specForClassName } from '../../../catalog';
import { recordCompile } from './compile';
import { callFunction } from '../calls';
import { lookupClassAttr } from '../classes';
import { inferLayer, inferModel } from '../../../infer';
import { dimsOf } from './models';

/** Methods of models (and of Model subclass instances). */
const MODEL_METHODS = new Set(['add', 'pop', 'build', 'compile', 'summary', 'fit', 'evaluate', 'predict', 'save', 'save_weights', 'load_weights', 'get_layer', 'count_params', 'call', 'get_config', 'to_json', 'train_on_batch', 'predict_on_batch', 'test_on_batch', 'export', 'plot_model']);
/** Methods of layers. */
const LAYER_METHODS = new Set(['count_params', 'get_config', 'get_weights', 'set_weights', 'build', 'compute_output_shape', 'call', 'add_weight']);

function method(self: PyVal, name: string): PyBuiltin {
  return { tag: 'builtin', name: `keras.base.${name}`, self };
}

function modelOf(obj: PyVal): ModelBuilder | undefined {
  if (!isObject(obj)) return undefined;
  if (obj.tag === 'model') return obj.model;
  if (obj.tag === 'instance') return obj.subclass?.model;
  return undefined;
}

/** A config value back as Python sees it (lists as tuples); objects stay unknown. */
function fromConfig(v: ConfigValue): PyVal {
  if (v === undefined) return unknown('an attribute not set');
  if (v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (isUnknown(v)) return v;
  return unknown('a layer attribute that is not a plain value');
}

export function kerasObjectAttribute(ip: PyInterpreter, obj: PyVal, name: string, span: Span): PyVal {
  if (!isObject(obj)) return unknown(`.${name}`);
  if (obj.tag === 'tensor') {
    if (name === 'shape') return obj.node ? shapeTuple(shapeOfNode(ip, obj.node, obj.outputIndex ?? 0), 'this tensor') : unknown(obj.reason ?? 'the shape of a tensor we could not follow');
    return unknown(`tensor.${name}`);
  }
  if (obj.tag === 'layer') {
    const decl = obj.decl;
    if (LAYER_METHODS.has(name)) return method(obj, name);
    if (name === 'name') return typeof decl.config.name === 'string' ? decl.config.name : (decl.autoName ?? unknown('a layer name'));
    if (name === 'trainable') return decl.config.trainable === false ? false : true;
    const spec = decl.className ? specForClassName(decl.className) : undefined;
    const key = canonicalKey(spec, name);
    if (key in decl.config) return fromConfig(decl.config[key]);
    return unknown(`${decl.className ?? 'layer'}.${name}`);
  }
  const model = modelOf(obj);
  if (obj.tag === 'instance' && !model && MODEL_METHODS.has(name) === false && LAYER_METHODS.has(name)) return method(obj, name);
  if (model || obj.tag === 'instance') {
    if (MODEL_METHODS.has(name) || LAYER_METHODS.has(name)) return method(obj, name);
    if (!model) return unknown(`.${name} of a layer subclass`);
    switch (name) {
      case 'layers':
        return obj.tag === 'instance' ? subclassLayers(obj) : modelLayers(model);
      case 'output':
        return model.outputTensors?.length === 1 && model.outputTensors[0] ? tensorObj(model.outputTensors[0]) : unknown('the output of this model');
      case 'input':
        return model.inputTensors?.length === 1 && model.inputTensors[0] ? tensorObj(model.inputTensors[0]) : unknown('the input of this model');
      case 'outputs':
        return model.outputTensors ? makeList(model.outputTensors.map((t) => tensorObj(t))) : unknown('the outputs of this model');
      case 'inputs':
        return model.inputTensors ? makeList(model.inputTensors.map((t) => tensorObj(t))) : unknown('the inputs of this model');
      case 'output_shape':
        return modelOutputShape(ip, model);
      case 'name':
        return model.configName ?? model.autoName ?? unknown('a model name');
      case 'trainable':
        return true;
      default:
        return unknown(`model.${name}`);
    }
  }
  void span;
  return unknown(`.${name}`);
}

/** `model.layers`: the layers as Keras lists them (a Sequential's implicit input left out). */
function modelLayers(model: ModelBuilder): PyVal {
  if (model.uncertain || model.incomplete) return unknown('the layers of a model we could not follow');
  const out: PyVal[] = [];
  const seen = new Set<object>();
  for (const n of model.nodes) {
    if (n.op.kind === 'layer') {
      if (seen.has(n.op.layer)) continue;
      seen.add(n.op.layer);
      out.push({ tag: 'layer', decl: n.op.layer });
    } else if (model.kind === 'functional' || n.op.input.fromInputLayer) out.push(unknown('an InputLayer'));
  }
  return makeList(out);
}

export function setKerasObjectAttribute(ip: PyInterpreter, obj: PyVal, name: string, value: PyVal): void {
  if (!isObject(obj)) return;
  if (obj.tag === 'layer' && name === 'trainable' && typeof value === 'boolean') {
    setLayerConfig(obj.decl, 'trainable', value);
    return;
  }
  if (obj.tag === 'model' && name === 'trainable' && typeof value === 'boolean') {
    // `base.trainable = False` freezes every layer of the model.
    for (const n of obj.model.nodes) if (n.op.kind === 'layer') setLayerConfig(n.op.layer, 'trainable', value);
    return;
  }
  ip.havocValues([obj], `setting .${name}`);
}

/** `layer.compute_output_shape(shape)` / `model.compute_output_shape(shape)`, by the catalog. */
function computeOutputShape(ip: PyInterpreter, self: PyVal, shapeArg: PyVal | undefined): PyVal {
  const dims = shapeArg === undefined || shapeArg === null ? null : dimsOf(shapeArg);
  if (!dims || !isObject(self)) return unknown('compute_output_shape() of a shape that is not statically known');
  ip.ctx.charge(1);
  if (self.tag === 'layer') {
    const inference = inferLayer(self.decl, [dims]);
    const failed = (inference.problems ?? []).some((p) => p.severity === 'error');
    return shapeTuple(failed ? null : inference.outputShape, 'the computed output shape');
  }
  const model = modelOf(self);
  if (!model || model.uncertain) return unknown('compute_output_shape() of this model');
  const analyzed = inferModel(model.finish(), [], [dims]);
  return shapeTuple(analyzed.outputShapes[0] ?? null, 'the computed output shape');
}

/** `model.get_layer(name)` / `model.get_layer(index=i)`. */
function getLayer(model: ModelBuilder, args: CallArgs): PyVal {
  const layers = modelLayers(model);
  if (isUnknown(layers) || !isObject(layers) || layers.tag !== 'list') return unknown('a layer of this model');
  const name = argAt(args, 0, 'name');
  const index = argAt(args, 1, 'index');
  if (typeof index === 'number') return layers.items[index] ?? unknown('get_layer() out of range');
  if (typeof name !== 'string') return unknown('get_layer() of a name that is not statically known');
  for (const l of layers.items) {
    if (isObject(l) && l.tag === 'layer') {
      const n = typeof l.decl.config.name === 'string' ? l.decl.config.name : l.decl.autoName;
      if (n === name) return l;
    }
  }
  return unknown(`a layer named ${name}`);
}

export function callKerasBaseMethod(ip: PyInterpreter, fn: PyBuiltin, args: CallArgs, span: Span, site: ast.Call | null): PyVal {
  const self = fn.self as PyVal;
  if (fn.name === 'keras.subclass.build' && isObject(self) && self.tag === 'instance') {
    const own = lookupClassAttr(self.cls, 'build');
    // Keras builds a layer once: an explicit build() now means no second one at the first call.
    if (own && isObject(own.value) && own.value.tag === 'function' && self.subclass && !self.subclass.built) {
      self.subclass.built = true;
      callFunction(ip, own.value, args, self);
    }
    buildSubclass(ip, self, argAt(args, 0, 'input_shape'), span, own === undefined);
    return null;
  }
  const name = fn.name.slice('keras.base.'.length);
  const model = modelOf(self);
  if (name === '__init__') {
    // keras.Model / keras.layers.Layer's own __init__ (from super().__init__(...) or none given).
    const given = argAt(args, 99, 'name');
    if (typeof given === 'string') {
      if (model) model.configName = given;
      else if (isObject(self) && self.tag === 'instance' && self.subclass) self.subclass.givenName = given;
    }
    return null;
  }
  if (isObject(self) && self.tag === 'instance' && (name === 'build' || name === 'call')) {
    // super().build(shape) inside the subclass's own build(): the tracing happens once, after it.
    return name === 'build' ? null : unknown('call() of a subclass');
  }
  if (name === 'compute_output_shape') return computeOutputShape(ip, self, argAt(args, 0, 'input_shape'));
  if (name === 'add_weight' && isObject(self) && self.tag === 'instance') return addWeight(self, args);
  if (name === 'build' && isObject(self) && self.tag === 'layer') return null; // the shapes come from where it is applied
  if (model) {
    switch (name) {
      case 'add':
        if (model.kind === 'sequential') addToSequential(ip, model, args.positional[0] ?? unknown('add()'), span);
        return null;
      case 'pop':
        if (model.kind === 'sequential') popSequential(ip, model);
        return unknown('the popped layer');
      case 'build':
        if (model.kind === 'sequential') buildSequential(ip, model, argAt(args, 0, 'input_shape'), span);
        return null;
      case 'compile':
        recordCompile(model, args, span);
        return null;
      case 'get_layer':
        return getLayer(model, args);
      case 'summary':
      case 'fit':
      case 'evaluate':
      case 'save':
      case 'save_weights':
      case 'load_weights':
      case 'plot_model':
      case 'export':
        return name === 'fit' ? unknown('a training history') : null;
      default:
        return unknown(`model.${name}()`);
    }
  }
  void site;
  return unknown(`${name}()`);
}
