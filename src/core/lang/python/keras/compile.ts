// `model.compile(optimizer, loss, loss_weights, metrics, ...)`: recorded for the lint rules
// that check the loss against the model's head. A loss given as an object
// (`keras.losses.BinaryCrossentropy()`) is recorded by its function name.
import type { ConfigValue, Span } from '../../../types';
import type { ModelBuilder } from '../../../modelBuilder';
import type { CallArgs } from '../callArgs';
import { isObject, toConfig, type PyVal } from '../values';
import { kerasSnakeCase } from './naming';

const POSITIONAL = ['optimizer', 'loss', 'loss_weights', 'metrics'];

/** `keras.losses.BinaryCrossentropy()` → 'binary_crossentropy'; other values as config. */
function lossValue(v: PyVal): ConfigValue {
  if (isObject(v) && v.tag === 'opaque' && v.what.startsWith('keras.losses.')) {
    const name = v.what.slice('keras.losses.'.length).replace(/\(.*$/, '');
    return /^[A-Z]/.test(name) ? kerasSnakeCase(name) : name;
  }
  if (isObject(v) && v.tag === 'keras' && v.path[0] === 'losses' && v.path.length === 2) return v.path[1];
  return toConfig(v);
}

export function recordCompile(model: ModelBuilder, args: CallArgs, span: Span): void {
  const config: Record<string, ConfigValue> = {};
  const configSpans: Record<string, Span> = {};
  args.positional.forEach((v, i) => {
    const key = POSITIONAL[i];
    if (!key) return;
    config[key] = key === 'loss' ? lossValue(v) : toConfig(v);
    configSpans[key] = args.positionalSpans[i];
  });
  for (const [k, v] of args.keywords) {
    config[k] = k === 'loss' ? lossValue(v) : toConfig(v);
    const at = args.keywordSpans.get(k);
    if (at) configSpans[k] = at;
  }
  model.compile = { config, span, configSpans };
}
