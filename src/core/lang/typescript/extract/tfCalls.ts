// The TF.js API surface we understand: tf.sequential / tf.model / tf.input, tf.layers.<factory>,
// layer.apply, model.add / pop / compile / apply, tf.tidy. Everything else under `tf` is a
// value we do not model (Unknown), without side effects on models.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isUnknown, unknown, type Dim, type InputDecl, type LayerConfig, type LayerDecl, type Shape, type Span, type SymbolRef } from '../../../types';
import { allLayerSpecs, specForFactory } from '../../../catalog/index';
import { impliedBatchInputShape } from '../../../catalog/inputShape';
import { impliedInputSymbols, shapeSymbols } from '../../../symbolic/symbols';
import type { Interpreter } from './interpreter';
import { ModelBuilder, type TensorNode } from '../../../modelBuilder';
import { hasUnknownPart, isTensor, spanOf, type LayerVal, type ModelVal, type ObjectVal, type TensorVal, type Val } from './values';
import { configValue } from './valueBudget';
import type { Ctx } from './context';
import { configOrigins } from './configOrigins';

type CallNode = TSESTree.CallExpression | TSESTree.NewExpression;

export const MISSING_INPUT_SHAPE_MESSAGE =
  'The first layer of a Sequential model needs an inputShape (or batchInputShape): TF.js throws "The first layer in a Sequential model must get an `inputShape` or `batchInputShape` argument." on this add.';

/**
 * Class names that decide how a layer declares its input (InputLayer; Dense's inputDim;
 * Embedding's implicit input), used while the catalog has no entry for the factory.
 */
const INPUT_RELEVANT_CLASSES: Readonly<Record<string, string>> = { inputLayer: 'InputLayer', dense: 'Dense', embedding: 'Embedding' };

function unwrapTs(node: TSESTree.Node | undefined): TSESTree.Node | undefined {
  let n = node;
  while (n && (n.type === 'TSAsExpression' || n.type === 'TSSatisfiesExpression' || n.type === 'TSNonNullExpression' || n.type === 'TSTypeAssertion')) n = n.expression;
  return n;
}

function asObject(v: Val): ObjectVal | null {
  return typeof v === 'object' && v !== null && 'tag' in v && v.tag === 'object' && !v.tainted ? v : null;
}

interface EvaluatedConfig {
  readonly config: LayerConfig;
  readonly configSpans: Record<string, Span>;
  /** Why keys may be missing, if they may. */
  readonly incomplete?: string;
}

/** A config argument as the catalog sees it: plain values, spans per property. */
export function evaluateConfig(ctx: Ctx, v: Val, skipKeys?: ReadonlySet<string>): EvaluatedConfig {
  if (v === undefined) return { config: {}, configSpans: {} };
  const obj = asObject(v);
  if (!obj) return { config: {}, configSpans: {}, incomplete: isUnknown(v) ? v.reason : 'the config is not an object we can read' };
  const config: Record<string, LayerConfig[string]> = {};
  const configSpans: Record<string, Span> = {};
  for (const [k, x] of obj.props) {
    config[k] = skipKeys?.has(k) ? unknown('a layer object (see LayerDecl.inner)') : configValue(ctx, x);
    const s = obj.spans.get(k);
    if (s) configSpans[k] = s;
  }
  return obj.open ? { config, configSpans, incomplete: obj.open } : { config, configSpans };
}

function createLayer(ip: Interpreter, factory: string, args: Val[], callNode: CallNode): LayerVal {
  const cfgVal = args[0];
  const inner = asObject(cfgVal)?.props.get('layer');
  const innerDecl = typeof inner === 'object' && inner !== null && 'tag' in inner && inner.tag === 'layer' ? inner.decl : null;
  const evaluated = evaluateConfig(ip.ctx, cfgVal, innerDecl ? new Set(['layer']) : undefined);
  const argNode = unwrapTs(callNode.arguments[0]);
  const origins = configOrigins(ip.ctx, argNode);
  const decl: LayerDecl = {
    id: ip.ctx.newLayerId(),
    className: specForFactory(factory)?.className ?? null,
    factory,
    config: evaluated.config,
    span: spanOf(callNode),
    configSpans: evaluated.configSpans,
    configObjectSpan: argNode && argNode.type === 'ObjectExpression' ? spanOf(argNode) : null,
    inner: innerDecl,
    ...(evaluated.incomplete ? { configIncomplete: evaluated.incomplete } : {}),
    ...(origins ? { origins } : {}),
  };
  return { tag: 'layer', decl };
}

/** Shape values (`[28, 28, 1]`) as dims; unknown sizes become null, an unknown rank null. */
function dimsOf(ctx: Ctx, v: Val): Dim[] | null {
  const c = configValue(ctx, v);
  if (!Array.isArray(c)) return null;
  return (c as readonly unknown[]).map((d) => (typeof d === 'number' ? d : null));
}

function createInput(ip: Interpreter, args: Val[], callNode: CallNode): TensorVal {
  const cfg = asObject(args[0]);
  let shape: Shape | null = null;
  let name: string | null = null;
  let symbols: (SymbolRef | null)[] | undefined;
  if (cfg) {
    const batchShape = cfg.props.get('batchShape');
    const plain = cfg.props.get('shape');
    if (batchShape !== undefined && batchShape !== null) {
      shape = dimsOf(ip.ctx, batchShape);
      symbols = shape ? shapeSymbols(configValue(ip.ctx, batchShape), false) : undefined;
    } else if (plain !== undefined && plain !== null) {
      const dims = dimsOf(ip.ctx, plain);
      shape = dims ? [null, ...dims] : null;
      symbols = shape ? shapeSymbols(configValue(ip.ctx, plain), true) : undefined;
    }
    const n = cfg.props.get('name');
    if (typeof n === 'string') name = n;
  }
  const span = spanOf(callNode);
  const origins = configOrigins(ip.ctx, callNode.arguments[0]);
  const input: InputDecl = { shape, span, name, ...(origins ? { origins } : {}), ...(symbols ? { symbols } : {}) };
  return { tag: 'tensor', node: ip.ctx.makeTensorNode({ kind: 'input', input }, [], span) };
}

function tensorsOf(v: Val): (TensorNode | null)[] {
  if (typeof v === 'object' && v !== null && 'tag' in v) {
    if (v.tag === 'tensor') return [v.node];
    if (v.tag === 'array' && !v.tainted) return v.items.map((x) => (isTensor(x) ? x.node : null));
  }
  return [null];
}

function newModel(ip: Interpreter, kind: 'sequential' | 'functional', callNode: CallNode, cfg: ObjectVal | null): ModelBuilder {
  const model = new ModelBuilder(kind, spanOf(callNode), ip.ctx.entry);
  ip.ctx.models.push(model);
  ip.ctx.touch(model);
  const name = cfg?.props.get('name');
  if (typeof name === 'string') model.configName = name;
  return model;
}

function createSequential(ip: Interpreter, args: Val[], callNode: CallNode): ModelVal {
  const cfg = asObject(args[0]);
  const model = newModel(ip, 'sequential', callNode, cfg);
  if (args[0] !== undefined && !cfg) model.havoc();
  const layers = cfg?.props.get('layers');
  if (layers === undefined) {
    if (cfg?.open) model.havoc();
  } else if (typeof layers === 'object' && layers !== null && 'tag' in layers && layers.tag === 'array' && !layers.tainted) {
    layers.items.forEach((item, i) => addToSequential(ip, model, item, layers.spans[i] ?? spanOfLayer(item) ?? spanOf(callNode)));
  } else model.havoc();
  return { tag: 'model', model };
}

function spanOfLayer(v: Val): Span | undefined {
  return typeof v === 'object' && v !== null && 'tag' in v && v.tag === 'layer' ? v.decl.span : undefined;
}

function createFunctional(ip: Interpreter, args: Val[], callNode: CallNode): ModelVal {
  const cfg = asObject(args[0]);
  const model = newModel(ip, 'functional', callNode, cfg);
  if (!cfg || cfg.open) model.incomplete = true;
  const inputs = cfg ? tensorsOf(cfg.props.get('inputs')) : [null];
  const outputs = cfg ? tensorsOf(cfg.props.get('outputs')) : [null];
  if (inputs.includes(null)) model.incomplete = true;
  const collected = model.setFunctional(
    inputs.filter((t): t is TensorNode => t !== null),
    outputs,
  );
  for (const t of collected) ip.ctx.collectedTensors.add(t.gid);
  return { tag: 'model', model };
}

/** The LayerDecl standing for a model used as a layer (shapes through it are unknown). */
function modelAsLayer(ip: Interpreter, model: ModelBuilder): LayerDecl {
  if (!model.asLayer) {
    model.asLayer = {
      id: ip.ctx.newLayerId(),
      className: null,
      factory: 'model',
      config: model.configName !== null ? { name: model.configName } : {},
      span: model.span,
      configSpans: {},
      configObjectSpan: null,
      inner: null,
    };
  }
  return model.asLayer;
}

/** Whether we are sure TF.js knows this factory (so a missing input shape is certain to throw). */
function factoryIsKnown(factory: string): boolean {
  // While the catalog is still empty we cannot tell; tf.layers.<name> is then taken at its word.
  return allLayerSpecs.length === 0 || specForFactory(factory) !== undefined;
}

function addFirstLayer(ip: Interpreter, model: ModelBuilder, decl: LayerDecl, span: Span): boolean {
  const className = decl.className ?? INPUT_RELEVANT_CLASSES[decl.factory] ?? null;
  const config = decl.inner ? Object.fromEntries(Object.entries(decl.config).filter(([k]) => k !== 'layer')) : decl.config;
  const implied = decl.configIncomplete ? undefined : impliedBatchInputShape(className, config);
  if (className === 'InputLayer') {
    const name = decl.config.name;
    const shape = implied === undefined || isUnknown(implied) ? null : implied;
    const symbols = shape ? impliedInputSymbols(className, config) : undefined;
    model.appendInput({ shape, span: decl.span, name: typeof name === 'string' ? name : null, fromInputLayer: true, ...(symbols ? { symbols } : {}) }, span);
    return true;
  }
  if (ip.ctx.connectedLayers.has(decl)) return false; // already applied elsewhere: TF.js reuses that input
  if (implied !== undefined) {
    const symbols = isUnknown(implied) ? undefined : impliedInputSymbols(className, config);
    model.appendInput({ shape: isUnknown(implied) ? null : implied, span: decl.span, name: null, ...(symbols ? { symbols } : {}) }, decl.span);
  } else if (!decl.configIncomplete && !hasUnknownPart(config) && factoryIsKnown(decl.factory)) {
    ip.ctx.problems.push({ code: 'model/missing-input-shape', severity: 'error', message: MISSING_INPUT_SHAPE_MESSAGE, span });
  }
  return false;
}

/** `model.add(v)`, or one element of `tf.sequential({layers: [...]})`. */
export function addToSequential(ip: Interpreter, model: ModelBuilder, v: Val, span: Span): void {
  if (model.entry !== ip.ctx.entry) {
    // A model of another evaluation entry, reached from a function never called here.
    model.havoc();
    return;
  }
  ip.ctx.touch(model);
  if (typeof v === 'object' && v !== null && 'tag' in v && v.tag === 'layer') {
    const first = model.nodes.length === 0 && !model.uncertain;
    if (first && addFirstLayer(ip, model, v.decl, span)) {
      ip.ctx.connectedLayers.add(v.decl);
      return;
    }
    model.appendLayer(v.decl, span);
    ip.ctx.connectedLayers.add(v.decl);
  } else if (typeof v === 'object' && v !== null && 'tag' in v && v.tag === 'model') {
    model.appendLayer(modelAsLayer(ip, v.model), span);
  } else {
    model.havoc();
  }
}

function applyLayer(ip: Interpreter, decl: LayerDecl, input: Val, callNode: CallNode): TensorVal {
  ip.ctx.connectedLayers.add(decl);
  const node = ip.ctx.makeTensorNode({ kind: 'layer', layer: decl }, tensorsOf(input), spanOf(callNode));
  return { tag: 'tensor', node };
}

export function callLayerMethod(ip: Interpreter, layer: LayerVal, name: string, args: Val[], callNode: CallNode): Val {
  if (name === 'apply') return applyLayer(ip, layer.decl, args[0], callNode);
  return unknown(`layer method ${name}`);
}

export function callModelMethod(ip: Interpreter, m: ModelVal, name: string, args: Val[], callNode: CallNode): Val {
  const model = m.model;
  switch (name) {
    case 'add':
      if (model.kind === 'sequential') addToSequential(ip, model, args[0], spanOf(callNode));
      return undefined;
    case 'pop':
      if (model.kind === 'sequential') {
        if (model.entry !== ip.ctx.entry) model.havoc();
        else model.pop();
      }
      return undefined;
    case 'compile': {
      const evaluated = evaluateConfig(ip.ctx, args[0]);
      model.compile = { config: evaluated.config, span: spanOf(callNode), configSpans: evaluated.configSpans };
      return undefined;
    }
    case 'apply':
      return applyLayer(ip, modelAsLayer(ip, model), args[0], callNode);
    default:
      return unknown(`model method ${name}`);
  }
}

export function callTf(ip: Interpreter, path: readonly string[], args: Val[], callNode: CallNode): Val {
  if (path.length === 1) {
    switch (path[0]) {
      case 'sequential':
        return createSequential(ip, args, callNode);
      case 'model':
        return createFunctional(ip, args, callNode);
      case 'input':
        return createInput(ip, args, callNode);
      case 'tidy': {
        const fn = typeof args[0] === 'string' ? args[1] : args[0];
        return ip.call(fn, [], callNode);
      }
    }
  }
  if (path.length === 2 && path[0] === 'layers') return createLayer(ip, path[1], args, callNode);
  return unknown(`result of tf.${path.join('.')}()`);
}
