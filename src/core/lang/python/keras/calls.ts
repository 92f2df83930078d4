// Calls into the Keras API (`layers.Conv2D(...)`, `keras.Input(...)`, `Sequential([...])`,
// `keras.Model(inputs, outputs)`, `keras.ops.shape(x)`) and calls of Keras objects (a layer
// or model applied to tensors). Everything else Keras or TensorFlow offers is opaque: a known
// object for regularizers, optimizers and the like, an unknown tensor for ops on tensors.
import { specForKerasName } from '../../../catalog';
import { isUnknown, unknown, type LayerDecl, type Span } from '../../../types';
import type * as ast from '../ast';
import { allArgValues, type CallArgs } from '../callArgs';
import { callFunction } from '../calls';
import { lookupClassAttr } from '../classes';
import type { PyInterpreter } from '../interpreter';
import { isObject, isTensorObj, makeList, tensorObj, tensorRef, type PyInstance, type PyVal, type TensorObj, type TensorRef } from '../values';
import { createKerasLayer } from './layers';
import { applyModel, createFunctional, createInput, createSequential } from './models';
import { shapeOfNode, shapeTuple } from './shapes';
import { applySubclass } from './subclass';
import { validateLayerArgs } from './validate';
import { kerasOp, kerasRandom } from './ops';
import { lambdaDecl } from './lambda';

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
      return isTensorObj(x) && x.node ? shapeTuple(shapeOfNode(ip, x.node, x.outputIndex ?? 0), 'this tensor') : unknown(`${p}() of a value we could not follow`);
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
  if (path.length === 2 && path[0] === 'random') {
    const made = kerasRandom(ip, path[1], args, span);
    if (made) return made;
  }
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
function layerInputs(ip: PyInterpreter, args: CallArgs): { refs: TensorRef[]; symbolic: boolean; list: boolean } {
  const first = args.positional[0] ?? args.keywords.get('inputs') ?? args.keywords.get('query');
  const none: TensorRef[] = [{ node: null, index: 0 }];
  if (first === undefined) return { refs: none, symbolic: false, list: false };
  if (isObject(first) && (first.tag === 'list' || first.tag === 'tuple')) {
    const items = ip.iterate(first);
    if (Array.isArray(items) && items.some(isTensorObj)) return { refs: items.map((t) => (isTensorObj(t) ? tensorRef(t) : { node: null, index: 0 })), symbolic: true, list: true };
    return { refs: none, symbolic: false, list: true };
  }
  // An unknown value may well be a tensor (from code we could not follow): keep the layer, with
  // an unknown input. A known value that is not a tensor is an eager call on data.
  if (isUnknown(first)) return { refs: none, symbolic: true, list: true };
  if (!isTensorObj(first)) return { refs: none, symbolic: false, list: false };
  // Extra tensor arguments: MultiHeadAttention(query, value, key), Attention-like layers.
  const more = [args.positional[1] ?? args.keywords.get('value'), args.positional[2] ?? args.keywords.get('key')].filter(
    (v): v is TensorObj => v !== undefined && isTensorObj(v),
  );
  // An RNN's initial_state=[h, c] tensors are inputs of its node too (Keras's "Connected to").
  const states = args.keywords.get('initial_state');
  const stateRefs: TensorRef[] = [];
  const stateValues: readonly PyVal[] = states === undefined ? [] : isObject(states) && (states.tag === 'list' || states.tag === 'tuple') ? states.items : [states];
  for (const v of stateValues) if (isTensorObj(v)) stateRefs.push(tensorRef(v));
  return { refs: [tensorRef(first), ...more.map(tensorRef), ...stateRefs], symbolic: true, list: false };
}

/** Recurrent layers return [output, *states] with return_state=True: how many tensors. */
const STATES: Readonly<Record<string, number>> = { LSTM: 2, GRU: 1, SimpleRNN: 1, ConvLSTM1D: 2, ConvLSTM2D: 2, ConvLSTM3D: 2 };

function outputCount(decl: LayerDecl): number {
  if (decl.className === 'Bidirectional') {
    // merge_mode=None returns the forward and backward outputs apart; return_state adds both states.
    const outputs = decl.config.mergeMode === null ? 2 : 1;
    const states = decl.inner?.config.returnState === true && decl.inner.className ? 2 * (STATES[decl.inner.className] ?? 0) : 0;
    return outputs + states;
  }
  if (decl.config.returnState !== true) return 1;
  return decl.className ? 1 + (STATES[decl.className] ?? 0) : 1;
}

/** Merge layers take a list: `layers.Add()(x)` makes Keras raise. */
function notAListProblem(ip: PyInterpreter, decl: LayerDecl, span: Span): void {
  ip.ctx.problems.push({
    code: 'config/invalid',
    severity: 'error',
    message: `${decl.factory} merges a list of tensors: call it on [a, b] — Keras raises "A merge layer should be called on a list of inputs".`,
    span,
  });
}

/** Names a layer takes from Keras's counters when it is first built (MultiHeadAttention's softmax and dropout). */
function takeBuildNames(ip: PyInterpreter, decl: LayerDecl): void {
  if (ip.ctx.connectedLayers.has(decl)) return;
  const spec = decl.className ? specForKerasName(decl.factory) : undefined;
  for (const prefix of spec?.keras?.namesAtBuild ?? []) ip.ctx.autoName(prefix);
}

function applyLayer(ip: PyInterpreter, v: Extract<PyVal, { tag: 'layer' }>, args: CallArgs, span: Span): PyVal {
  const decl = v.decl;
  const { refs, symbolic, list } = layerInputs(ip, args);
  if (!symbolic) {
    // Called eagerly on data (an array), or on something we cannot follow.
    return tensorObj(null, `${decl.factory} called on a value that is not a symbolic tensor`);
  }
  const spec = decl.className ? specForKerasName(decl.factory) : undefined;
  const merge = spec?.family === 'merge';
  if (merge && !list) {
    notAListProblem(ip, decl, span);
    return tensorObj(null, 'a merge layer called on one tensor');
  }
  takeBuildNames(ip, decl);
  ip.ctx.connectedLayers.add(decl);
  const applied = decl.className === 'Lambda' ? lambdaDecl(ip, decl, refs, list, span) : decl;
  const node = ip.ctx.makeNodeFrom({ kind: 'layer', layer: applied }, refs, span);
  const count = outputCount(decl);
  if (count === 1) return tensorObj(node);
  // `outputs, h, c = LSTM(64, return_state=True)(x)`: one tensor per output.
  return makeList(Array.from({ length: count }, (_, k) => tensorObj(node, undefined, k)));
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

