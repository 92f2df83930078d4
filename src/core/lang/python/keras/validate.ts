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
import { KERAS_ACTIVATIONS } from './activations';
import { kerasShape } from './inputs';
import { canonicalKey } from './layers';

/** Keywords Layer.__init__ takes, for every class that passes **kwargs up to it. */
const BASE_KEYWORDS = new Set(['name', 'trainable', 'dtype', 'autocast', 'activity_regularizer', 'input_shape', 'input_dim']);

/** Parameters Keras rejects a scalar float for (verified per class in the oracle tests). */
const INT_PARAMETERS = new Set([
  'units', 'filters', 'kernel_size', 'strides', 'dilation_rate', 'pool_size', 'input_dim', 'output_dim', 'n', 'size',
  'depth_multiplier', 'groups', 'num_heads', 'key_dim', 'padding', 'cropping',
]);
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
  if (!ACTIVATION_PARAMETERS.has(param) || typeof v !== 'string' || KERAS_ACTIVATIONS.has(v)) return null;
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
    const p = intProblem(canonical, kw, v, key) ?? activationProblem(canonical, kw, v, key);
    if (p) problems.push(p);
    if (kw === 'input_shape' || (canonical === 'InputLayer' && (kw === 'shape' || kw === 'batch_shape' || kw === 'batch_input_shape'))) {
      const shape = kerasShape(v);
      if (shape && 'error' in shape) problems.push(error(`${canonical}'s ${kw}: ${shape.error}`, key));
    }
  }
  return problems;
}
