// Keras layer construction: `layers.Conv2D(32, (3, 3), padding='same')` → a LayerDecl whose
// config uses the catalog's canonical keys (positional arguments mapped by the class's Keras 3
// signature, snake_case keywords to camelCase), with the span of every argument, Keras's
// generated name, and the wrapped layer of Bidirectional / TimeDistributed.
import { specForKerasName } from '../../../catalog';
import { unknown, type ConfigValue, type LayerDecl, type LayerProblem, type LayerSpec, type Span } from '../../../types';
import type * as ast from '../ast';
import type { CallArgs } from '../callArgs';
import type { PyInterpreter } from '../interpreter';
import { isObject, toConfig, type LayerObj, type PyVal } from '../values';
import { camelCase, kerasSnakeCase } from './naming';
import { modelAsLayer } from './models';
import { inputShapeProblems } from './validate';
import { rememberLambda } from './lambda';
import { argOrigins } from '../argOrigins';

/** Keywords every Keras layer takes (Layer.__init__), mapped to canonical keys. */
const BASE_KEYWORDS: Readonly<Record<string, string>> = {
  name: 'name',
  trainable: 'trainable',
  dtype: 'dtype',
  autocast: 'autocast',
  input_shape: 'inputShape',
  input_dim: 'inputDim',
  activity_regularizer: 'activityRegularizer',
};

/** Config keys that hold a layer (wrappers); their value is the inner LayerDecl, not config. */
const LAYER_KEYS = new Set(['layer', 'backwardLayer']);

export function canonicalKey(spec: LayerSpec | undefined, keyword: string): string {
  return spec?.keras?.keywords?.[keyword] ?? BASE_KEYWORDS[keyword] ?? camelCase(keyword);
}

/** The generated-name prefix of a Keras class (`Conv2D` → `conv2d`). */
export function namePrefix(spec: LayerSpec | undefined, className: string): string {
  return spec?.keras?.namePrefix ?? kerasSnakeCase(spec?.keras?.names[0] ?? className);
}

function layerOf(v: PyVal | undefined): LayerDecl | null {
  return v !== undefined && isObject(v) && v.tag === 'layer' ? v.decl : null;
}

/** A mutable config under construction; frozen into the LayerDecl. */
type MutableConfig = Record<string, ConfigValue>;

export function createKerasLayer(ip: PyInterpreter, kerasName: string, args: CallArgs, span: Span, site: ast.Call | null, problems: readonly LayerProblem[] = []): LayerObj {
  const spec = specForKerasName(kerasName);
  const config: MutableConfig = {};
  const configSpans: Record<string, Span> = {};
  let inner: LayerDecl | null = null;
  const put = (key: string, value: PyVal, at: Span | undefined): void => {
    if (LAYER_KEYS.has(key)) {
      // A model wrapped as a layer (TimeDistributed(cnn)) stands in as its composite decl.
      const decl = isObject(value) && value.tag === 'model' ? modelAsLayer(ip, value.model) : layerOf(value);
      if (key === 'layer') inner = decl;
      config[key] = unknown('a layer object (see LayerDecl.inner)');
    } else config[key] = toConfig(value);
    if (at) configSpans[key] = at;
  };
  const positional = spec?.keras?.positional ?? [];
  args.positional.forEach((v, i) => {
    // More positional arguments than the signature has: Keras raises a TypeError; we keep
    // what we can read and say nothing we are not sure of.
    if (i < positional.length) put(positional[i], v, args.positionalSpans[i]);
  });
  for (const [kw, v] of args.keywords) put(canonicalKey(spec, kw), v, args.keywordSpans.get(kw));
  const incomplete = args.starUnknown ?? args.keywordsUnknown ?? (spec ? undefined : `Keras's ${kerasName} is not in ShapeLens's catalog`);
  const className = spec?.className ?? null;
  const givenName = config.name;
  const origins = argOrigins(ip, args, (i, kw) => (i !== null ? (positional[i] ?? null) : canonicalKey(spec, kw ?? '')));
  const decl: LayerDecl = {
    id: ip.ctx.newLayerId(),
    className,
    factory: spec?.keras?.names[0] ?? kerasName,
    config,
    span,
    configSpans,
    configObjectSpan: null,
    inner,
    dialect: 'keras',
    ...(site ? { argsSpan: site.argsSpan } : {}),
    ...(typeof givenName === 'string' ? {} : { autoName: ip.ctx.autoName(namePrefix(spec, kerasName)) }),
    ...(incomplete !== undefined && spec ? { configIncomplete: incomplete } : {}),
    ...(problems.length > 0 ? { problems } : {}),
    ...(origins ? { origins } : {}),
  };
  if (problems.some((p) => p.severity === 'error')) ip.ctx.rejectedLayers.push(decl);
  if (spec?.className === 'Lambda') rememberLambda(decl, args.positional[0] ?? args.keywords.get('function'));
  const deferred = inputShapeProblems(kerasName, args);
  if (deferred.length > 0) firstLayerProblems.set(decl, deferred);
  return { tag: 'layer', decl };
}

/** Problems of `input_shape=`/`input_dim=` that count only if the layer starts a Sequential. */
export const firstLayerProblems = new WeakMap<LayerDecl, readonly LayerProblem[]>();

/** `layer.trainable = False` after construction: the config Keras will count params by. */
export function setLayerConfig(decl: LayerDecl, key: string, value: ConfigValue): void {
  (decl.config as MutableConfig)[key] = value;
}
