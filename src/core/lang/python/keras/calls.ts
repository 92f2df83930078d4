// Calls into the Keras API (`layers.Conv2D(...)`, `keras.Input(...)`, `Sequential([...])`,
// `keras.Model(inputs, outputs)`, `keras.ops.shape(x)`) and calls of Keras objects (a layer
// or model applied to tensors). Everything else Keras or TensorFlow offers is opaque: a known
// object for regularizers, optimizers and the like, an unknown tensor for ops on tensors.
import { specForKerasName } from '../../../catalog';
import { isUnknown, unknown, type Span } from '../../../types';
import type { TensorNode } from '../../../modelBuilder';
import type * as ast from '../ast';
import { allArgValues, type CallArgs } from '../callArgs';
import { callFunction } from '../calls';
import { lookupClassAttr } from '../classes';
import type { PyInterpreter } from '../interpreter';
import { isObject, isTensorObj, tensorObj, type PyInstance, type PyVal, type TensorObj } from '../values';
import { createKerasLayer } from './layers';
import { applyModel, createFunctional, createInput, createSequential } from './models';
import { shapeOfNode, shapeTuple } from './shapes';
import { applySubclass } from './subclass';
import { validateLayerArgs } from './validate';
import { kerasOp } from './ops';

/** Subpackages whose calls give a known object (a regularizer, an optimizer...), never None. */
const OPAQUE_FACTORIES = new Set(['regularizers', 'initializers', 'constraints', 'optimizers', 'losses', 'metrics', 'callbacks', 'mixed_precision', 'random']);
/** Functions that return None and change nothing we model. */
const NO_OPS = new Set(['utils.plot_model', 'utils.set_random_seed', 'config.set_image_data_format', 'config.set_floatx', 'mixed_precision.set_global_policy']);

function anyTensor(values: readonly PyVal[]): boolean {
  return values.some((v) => isTensorObj(v) || (isObject(v) && (v.tag === 'list' || v.tag === 'tuple') && v.items.some(isTensorObj)));
}

export function callKeras(ip: PyInterpreter, path: readonly string[], args: CallArgs, span: Span, site: ast.Call | null): PyVal {
  const p = path.join('.');
  switch (p) {
    case 'Sequential':
      return createSequential(ip, args, span);
    case 'Model':
    case 'Functional':
      if (args.positional.length === 0 && !args.keywords.has('inputs')) return unknown('keras.Model() without inputs');
      return createFunctional(ip, args, span);
    case 'Input':
      return createInput(ip, args, span);
    case 'ops.shape':
    case 'backend.int_shape':
    case 'backend.shape': {
      const x = args.positional[0];
      return isTensorObj(x) && x.node ? shapeTuple(shapeOfNode(ip, x.node), 'this tensor') : unknown(`${p}() of a value we could not follow`);
    }
    case 'saving.register_keras_serializable':
    case 'utils.register_keras_serializable':
      return { tag: 'builtin', name: 'decorator.identity' };
    case 'backend.clear_session':
      // Keras resets its name counters: the next Conv2D is `conv2d` again.
      ip.ctx.restoreNames(new Map());
      return null;
  }
  if (NO_OPS.has(p)) return null;
  if (path.length === 2 && path[0] === 'ops') {
    const op = kerasOp(ip, path[1], args.positional, span);
    if (op) return op;
  }
  if (path.length === 2 && path[0] === 'layers') {
    if (path[1] === 'Input') return createInput(ip, args, span);
    const merged = MERGE_FUNCTIONS[path[1]];
    if (merged) return mergeFunction(ip, merged, args, span, site);
    if (path[1] === 'Layer') return unknown('a bare keras.layers.Layer');
    return createKerasLayer(ip, path[1], args, span, site, validateLayerArgs(path[1], args));
  }
  if (path.length >= 1 && OPAQUE_FACTORIES.has(path[0])) return { tag: 'opaque', what: `keras.${p}(...)` };
  const values = allArgValues(args);
  if (anyTensor(values)) return tensorObj(null, `keras.${p}() on tensors`);
  ip.havocValues(values, `keras.${p}()`);
  return unknown(`the result of ${path[0] === 'tf' ? '' : 'keras.'}${p}()`);
}

/**
 * `layers.concatenate([a, b], axis=-1)` and friends: Keras's functional shorthands build the
 * merge layer from the keywords and apply it to the list at once.
 */
const MERGE_FUNCTIONS: Readonly<Record<string, string>> = {
  add: 'Add',
  subtract: 'Subtract',
  multiply: 'Multiply',
  average: 'Average',
  maximum: 'Maximum',
  minimum: 'Minimum',
  concatenate: 'Concatenate',
  dot: 'Dot',
};

function mergeFunction(ip: PyInterpreter, className: string, args: CallArgs, span: Span, site: ast.Call | null): PyVal {
  const inputs = args.positional[0] ?? args.keywords.get('inputs');
  const layerArgs: CallArgs = {
    positional: args.positional.slice(1),
    positionalSpans: args.positionalSpans.slice(1),
    keywords: new Map([...args.keywords].filter(([k]) => k !== 'inputs')),
    keywordSpans: new Map([...args.keywordSpans].filter(([k]) => k !== 'inputs')),
    ...(args.starUnknown ? { starUnknown: args.starUnknown } : {}),
    ...(args.keywordsUnknown ? { keywordsUnknown: args.keywordsUnknown } : {}),
  };
  const layer = createKerasLayer(ip, className, layerArgs, span, site, validateLayerArgs(className, layerArgs));
  return applyLayer(ip, layer, { positional: inputs === undefined ? [] : [inputs], positionalSpans: [], keywords: new Map(), keywordSpans: new Map() }, span);
}

/** The input tensors of a layer call: `layer(x)`, `layer([a, b])`, `mha(query, value, key)`. */
function layerInputs(ip: PyInterpreter, args: CallArgs, multiInput: boolean): { nodes: (TensorNode | null)[]; symbolic: boolean } {
  const first = args.positional[0] ?? args.keywords.get('inputs') ?? args.keywords.get('query');
  if (first === undefined) return { nodes: [null], symbolic: false };
  if (isObject(first) && (first.tag === 'list' || first.tag === 'tuple')) {
    const items = ip.iterate(first);
    if (Array.isArray(items) && items.some(isTensorObj)) return { nodes: items.map((t) => (isTensorObj(t) ? t.node : null)), symbolic: true };
    return { nodes: [null], symbolic: false };
  }
  // An unknown value may well be a tensor (from code we could not follow): keep the layer, with
  // an unknown input. A known value that is not a tensor is an eager call on data.
  if (isUnknown(first)) return { nodes: [null], symbolic: true };
  if (!isTensorObj(first)) return { nodes: [null], symbolic: false };
  // Extra tensor arguments: MultiHeadAttention(query, value, key), Attention-like layers.
  const more = [args.positional[1] ?? args.keywords.get('value'), args.positional[2] ?? args.keywords.get('key')].filter(
    (v): v is TensorObj => v !== undefined && isTensorObj(v),
  );
  void multiInput;
  return { nodes: [first.node, ...more.map((t) => t.node)], symbolic: true };
}

function applyLayer(ip: PyInterpreter, v: Extract<PyVal, { tag: 'layer' }>, args: CallArgs, span: Span): PyVal {
  const decl = v.decl;
  const spec = decl.className ? specForKerasName(decl.factory) : undefined;
  const { nodes, symbolic } = layerInputs(ip, args, spec?.multiInput === true);
  if (!symbolic) {
    // Called eagerly on data (an array), or on something we cannot follow.
    return tensorObj(null, `${decl.factory} called on a value that is not a symbolic tensor`);
  }
  ip.ctx.connectedLayers.add(decl);
  const node = ip.ctx.makeTensorNode({ kind: 'layer', layer: decl }, nodes, span);
  return tensorObj(node);
}

/** Calling a Keras object: a layer or model on tensors, or a subclass instance. */
export function callKerasObject(ip: PyInterpreter, fn: PyVal, args: CallArgs, span: Span, site: ast.Call | null): PyVal {
  void site;
  if (!isObject(fn)) return unknown('calling a value that is not callable');
  if (fn.tag === 'layer') return applyLayer(ip, fn, args, span);
  if (fn.tag === 'model') return applyModel(ip, fn.model, args.positional[0] ?? args.keywords.get('inputs'), span);
  if (fn.tag === 'instance') {
    if (fn.subclass) return applySubclass(ip, fn, args, span);
    const call = lookupClassAttr(fn.cls, '__call__');
    if (call && isObject(call.value) && call.value.tag === 'function') return callFunction(ip, call.value, args, fn as PyInstance);
  }
  ip.havocValues(allArgValues(args), 'a call to an object we cannot follow');
  return unknown(`calling a ${fn.tag}`);
}

