// The Keras API as a namespace of paths, the way people reach it: `keras.layers.Conv2D`,
// `tf.keras.layers.Conv2D`, `from tensorflow.keras.models import Sequential`,
// `keras.src.layers.convolutional.conv2d.Conv2D`, `keras.layers.experimental.preprocessing.
// Rescaling` all name the same object, whose canonical path is ['layers', 'Conv2D'].
// TensorFlow itself is the root ['tf']; `tf.keras` is Keras 3 (TF ≥ 2.16), `tf.nn.relu` an
// activation, and the rest of TensorFlow is opaque.
import { specForKerasName } from '../../../catalog';
import type { KerasRef } from '../values';

/** Model classes and functions at the top of the namespace. */
const TOP_LEVEL = new Set(['Sequential', 'Model', 'Functional', 'Input']);
/** Subpackages whose members we keep by name (their calls are opaque values or known functions). */
const SUBPACKAGES = new Set([
  'layers', 'models', 'ops', 'backend', 'activations', 'regularizers', 'initializers', 'constraints', 'optimizers', 'losses',
  'metrics', 'callbacks', 'utils', 'saving', 'applications', 'datasets', 'preprocessing', 'config', 'random', 'mixed_precision',
]);
/** TensorFlow's activation functions, which Keras accepts as `activation=`. */
const TF_ACTIVATIONS = new Set(['relu', 'relu6', 'sigmoid', 'tanh', 'softmax', 'elu', 'selu', 'gelu', 'swish', 'silu', 'softplus', 'softsign', 'leaky_relu', 'log_softmax']);

function ref(path: readonly string[]): KerasRef {
  return { tag: 'keras', path };
}

/**
 * The canonical form of a path below `keras`: internal module paths (`src.layers.core.dense`)
 * collapse to the public one, models and Input to the top level.
 */
export function canonicalKerasPath(path: readonly string[]): readonly string[] {
  if (path.length === 0) return path;
  const last = path[path.length - 1];
  if (path[0] === 'src' || path[0] === 'engine' || path[0] === 'api' || path[0] === '_tf_keras' || path[0] === 'keras') {
    // keras.src.X...: the public object of the same name, if it is one we know.
    if (TOP_LEVEL.has(last)) return [last];
    if (specForKerasName(last) || last === 'Layer' || last === 'InputLayer') return ['layers', last];
    const sub = path.find((p) => SUBPACKAGES.has(p));
    if (sub && path.length >= 2 && path.indexOf(sub) === path.length - 2) return [sub, last];
    return sub && path.indexOf(sub) === path.length - 1 ? [sub] : path;
  }
  if (path[0] === 'models' && path.length === 2 && TOP_LEVEL.has(last)) return [last];
  if (path[0] === 'layers' && path.length === 2 && last === 'Input') return ['Input'];
  // keras.layers.experimental.preprocessing.Rescaling (TF 2.x spelling) is keras.layers.Rescaling.
  if (path[0] === 'layers' && path.length > 2) return ['layers', last];
  return path;
}

/** `obj.name` where obj is a Keras (or TensorFlow) namespace or object. */
export function kerasAttribute(path: readonly string[], name: string): KerasRef {
  if (path[0] === 'tf') {
    if (path.length === 1 && name === 'keras') return ref([]);
    if (path.length === 2 && path[1] === 'nn' && TF_ACTIVATIONS.has(name)) return ref(['activations', name]);
    return ref([...path, name]);
  }
  return ref(canonicalKerasPath([...path, name]));
}

/**
 * The Keras path a module import names, or null when the module is not Keras or TensorFlow:
 * 'keras.layers' → ['layers'], 'tensorflow' → ['tf'], 'tensorflow.keras.models' → ['models'].
 */
export function kerasModulePath(dotted: string): readonly string[] | null {
  const parts = dotted.split('.');
  if (parts[0] === 'keras') return canonicalKerasPath(parts.slice(1));
  if (parts[0] === 'tensorflow') {
    const k = parts.indexOf('keras');
    if (k > 0) return canonicalKerasPath(parts.slice(k + 1));
    return ['tf', ...parts.slice(1)];
  }
  return null;
}

export function kerasRef(path: readonly string[]): KerasRef {
  return ref(path);
}
