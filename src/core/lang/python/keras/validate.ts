// Arguments Keras 3 certainly rejects when a layer is constructed or first built, reported as
// errors at the argument (each checked against real Keras in the oracle tests):
// - a keyword no constructor on the class's chain takes: Layer.__init__ raises
//   "Unrecognized keyword arguments passed to Dense: {'batch_input_shape': ...}" — the usual
//   trip-up of Keras 2 code (`batch_input_shape=`, `batch_size=` on a layer);
// - a Python float where Keras needs an int (`Dense(8.0)`, `Conv2D(32.0, 3)`, `strides=2.0`),
//   which Python's `/` produces silently;
// - an `input_shape` that is not a tuple of ints (Keras's standardize_shape);
// - an activation name keras.activations.get does not know (`'hardSigmoid'`, TF.js's
//   spelling of `'hard_sigmoid'`): "Could not interpret activation function identifier".
import { specForKerasName } from '../../../catalog';
import type { LayerProblem, LayerSpec } from '../../../types';
import type { CallArgs } from '../callArgs';
import { floatRepr, isFloat, isObject, type PyVal } from '../values';
import { KERAS_ACTIVATIONS } from '../../../catalog/kerasActivations';
import { kerasShape } from './inputs';
import { canonicalKey } from './layers';

/** Keywords Layer.__init__ takes, for every class that passes **kwargs up to it. */
const BASE_KEYWORDS = new Set(['name', 'trainable', 'dtype', 'autocast', 'activity_regularizer', 'input_shape', 'input_dim']);

/**
 * Parameters Keras rejects a float for, alone or inside a tuple (verified per class in
 * test/oracle/keras/catalog): in the constructor, when the weights are built ("Cannot convert
 * '(3, 3, 1, 32.0)' to a shape"), or when the layer runs (a float stride or axis).
 */
const INT_PARAMETERS = new Set([
  'units', 'filters', 'kernel_size', 'strides', 'dilation_rate', 'pool_size', 'input_dim', 'output_dim', 'n', 'size',
  'depth_multiplier', 'groups', 'num_heads', 'key_dim', 'padding', 'cropping', 'output_padding', 'dims', 'num_tokens',
  'height', 'width', 'value_dim', 'output_shape', 'axis', 'axes', 'shared_axes', 'noise_shape', 'attention_axes',
]);
/** BatchNormalization converts its axis with int(): -1.0 works there. */
const FLOAT_AXIS_OK = new Set(['BatchNormalization']);
/** Classes whose `padding` is a size (the conv and pooling ones take a string). */
const PADDING_IS_SIZE = /^(ZeroPadding|Cropping)/;

function accepts(spec: LayerSpec, keyword: string): boolean {
  const sig = spec.keras;
  if (!sig) return true;
  if (sig.params.includes(keyword) || sig.extraKeywords?.includes(keyword)) return true;
  return !sig.closed && BASE_KEYWORDS.has(keyword);
}

function hint(keyword: string): string {
  if (keyword === 'batch_input_shape') return ' Keras 3 removed it: start the model with keras.Input(batch_shape=...) instead.';
  if (keyword === 'batch_size') return ' Give the batch size to keras.Input(shape=..., batch_size=...) instead.';
  return '';
}

function error(message: string, property: string): LayerProblem {
  return { code: 'config/invalid', severity: 'error', message, property };
}

/** The first float in a value or (one level of nesting deep) in its tuple or list entries. */
function floatIn(v: PyVal, depth = 0): number | null {
  if (isFloat(v)) return v.value;
  if (depth < 2 && isObject(v) && (v.tag === 'tuple' || v.tag === 'list')) {
    for (const item of v.items) {
      const f = floatIn(item, depth + 1);
      if (f !== null) return f;
    }
  }
  return null;
}

function intProblem(className: string, param: string, v: PyVal, property: string): LayerProblem | null {
  if (!INT_PARAMETERS.has(param)) return null;
  if (param === 'padding' && !PADDING_IS_SIZE.test(className)) return null;
  if (param === 'axis' && FLOAT_AXIS_OK.has(className)) return null;
  const f = floatIn(v);
  if (f === null) return null;
  const text = floatRepr(f);
  const inside = isFloat(v) ? 'the float' : 'a tuple holding the float';
  const fix = Number.isInteger(f) ? ` Write ${f}, or use // or int(...) where it is computed.` : '';
  return error(`Keras needs ints for ${className}'s ${param}, but gets ${inside} ${text}: the layer raises an error.${fix}`, property);
}

const ACTIVATION_PARAMETERS = new Set(['activation', 'recurrent_activation']);

/** A string activation keras.activations.get does not know: a ValueError in the constructor. */
function activationProblem(className: string, param: string, v: PyVal, property: string): LayerProblem | null {
  if (!ACTIVATION_PARAMETERS.has(param) || typeof v !== 'string') return null;
  if (v === 'threshold') {
    // keras.activations.threshold(x, threshold, default_value): by name a layer calls it with x alone.
    return error(`Keras's 'threshold' activation needs threshold and default_value, which ${className}'s ${param} cannot pass: the layer raises a TypeError when it runs. Use layers.ReLU(threshold=...) instead.`, property);
  }
  if (KERAS_ACTIVATIONS.has(v)) return null;
  const snake = v.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  const fix = snake !== v && KERAS_ACTIVATIONS.has(snake) ? ` Keras spells it '${snake}'.` : '';
  return error(`Keras has no activation '${v}' (${className}'s ${param}): it raises "Could not interpret activation function identifier" when the layer is constructed.${fix}`, property);
}

/**
 * The certain errors in a layer constructor's arguments; each names the canonical config key
 * it is about (`property`), so the finding underlines that argument.
 */
export function validateLayerArgs(className: string, args: CallArgs): LayerProblem[] {
  const spec = specForKerasName(className);
  if (!spec?.keras) return [];
  const canonical = spec.keras.names[0];
  const problems: LayerProblem[] = [];
  args.positional.forEach((v, i) => {
    const param = spec.keras?.params[i];
    if (!param) return;
    const property = spec.keras?.positional[i] ?? param;
    const p = intProblem(canonical, param, v, property) ?? activationProblem(canonical, param, v, property);
    if (p) problems.push(p);
  });
  for (const [kw, v] of args.keywords) {
    const key = canonicalKey(spec, kw);
    if (!accepts(spec, kw)) {
      problems.push(error(`${canonical} does not take the keyword ${kw}: Keras raises "Unrecognized keyword arguments passed to ${canonical}".${hint(kw)}`, key));
      continue;
    }
    // Layer's own input_dim (a shape shorthand) is checked only where it counts: inputShapeProblems.
    const baseShape = kw === 'input_dim' && !spec.keras.params.includes('input_dim');
    const p = baseShape ? null : (intProblem(canonical, kw, v, key) ?? activationProblem(canonical, kw, v, key));
    if (p) problems.push(p);
    if (canonical === 'InputLayer' && (kw === 'shape' || kw === 'batch_shape' || kw === 'batch_input_shape' || kw === 'input_shape')) {
      const shape = kerasShape(v);
      if (shape && 'error' in shape) problems.push(error(`${canonical}'s ${kw}: ${shape.error}`, key));
    }
  }
  if (canonical === 'InputLayer') problems.push(...inputLayerProblems(args));
  return problems;
}

/** InputLayer's own checks: a shape or a batch shape, one of them (input_layer.py raises otherwise). */
function inputLayerProblems(args: CallArgs): LayerProblem[] {
  if (args.starUnknown || args.keywordsUnknown) return [];
  const given = (index: number, ...names: string[]): boolean =>
    (index >= 0 && index < args.positional.length && args.positional[index] !== null) || names.some((n) => args.keywords.has(n) && args.keywords.get(n) !== null);
  const shape = given(0, 'shape', 'input_shape');
  const batchShape = given(5, 'batch_shape', 'batch_input_shape');
  if (given(6, 'input_tensor')) return [];
  if (!shape && !batchShape) return [error('InputLayer needs a shape: Keras raises "You must pass a `shape` argument."', 'shape')];
  if (shape && batchShape) return [error('InputLayer takes shape or batch_shape, not both: Keras raises.', 'batchShape')];
  if (batchShape && given(1, 'batch_size')) return [error('InputLayer cannot take batch_size together with batch_shape: Keras raises.', 'batchSize')];
  return [];
}

/**
 * A first layer's `input_shape=` / `input_dim=` matter only when the layer starts a Sequential
 * (Keras then builds an InputLayer from it); elsewhere Keras ignores them. Their problems are
 * kept apart and raised where the layer is added first (keras/models.ts).
 */
export function inputShapeProblems(className: string, args: CallArgs): LayerProblem[] {
  const spec = specForKerasName(className);
  if (!spec?.keras || spec.keras.names[0] === 'InputLayer') return [];
  const problems: LayerProblem[] = [];
  for (const kw of ['input_shape', 'input_dim']) {
    const v = args.keywords.get(kw);
    if (v === undefined || spec.keras.params.includes(kw)) continue;
    const shape = kerasShape(kw === 'input_dim' && (typeof v === 'number' || isFloat(v)) ? { tag: 'tuple', items: [v] } : v);
    if (shape && 'error' in shape) problems.push(error(`${spec.keras.names[0]}'s ${kw}: ${shape.error}`, canonicalKey(spec, kw)));
  }
  return problems;
}
