// Arguments Keras 3 certainly rejects when a layer is constructed or first built, reported as
// errors at the argument (each checked against real Keras in the oracle tests):
// - a keyword no constructor on the class's chain takes: Layer.__init__ raises
//   "Unrecognized keyword arguments passed to Dense: {'batch_input_shape': ...}" — the usual
//   trip-up of Keras 2 code (`batch_input_shape=`, `batch_size=` on a layer);
// - a Python float where Keras needs an int (`Dense(8.0)`, `Conv2D(32.0, 3)`, `strides=2.0`),
//   which Python's `/` produces silently;
// - an `input_shape` that is not a tuple of ints (Keras's standardize_shape).
import { specForKerasName } from '../../../catalog';
import type { LayerProblem, LayerSpec } from '../../../types';
import type { CallArgs } from '../callArgs';
import { floatRepr, isFloat, type PyVal } from '../values';
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

function intProblem(className: string, param: string, v: PyVal, property: string): LayerProblem | null {
  if (!INT_PARAMETERS.has(param) || !isFloat(v)) return null;
  if (param === 'padding' && !PADDING_IS_SIZE.test(className)) return null;
  const text = floatRepr(v.value);
  const fix = Number.isInteger(v.value) ? ` Write ${v.value}, or use // or int(...) where it is computed.` : '';
  return error(`Keras needs an int for ${className}'s ${param}, but gets the float ${text}: the layer raises a ValueError.${fix}`, property);
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
    const p = param ? intProblem(canonical, param, v, spec.keras?.positional[i] ?? param) : null;
    if (p) problems.push(p);
  });
  for (const [kw, v] of args.keywords) {
    const key = canonicalKey(spec, kw);
    if (!accepts(spec, kw)) {
      problems.push(error(`${canonical} does not take the keyword ${kw}: Keras raises "Unrecognized keyword arguments passed to ${canonical}".${hint(kw)}`, key));
      continue;
    }
    const p = intProblem(canonical, kw, v, key);
    if (p) problems.push(p);
    if (kw === 'input_shape' || (canonical === 'InputLayer' && (kw === 'shape' || kw === 'batch_shape' || kw === 'batch_input_shape'))) {
      const shape = kerasShape(v);
      if (shape && 'error' in shape) problems.push(error(`${canonical}'s ${kw}: ${shape.error}`, key));
    }
  }
  return problems;
}
