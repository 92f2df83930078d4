// Decorators on `def` and `class`: the ones model code uses leave the function or class as it
// is for our purposes (`@tf.function`, `@keras.saving.register_keras_serializable()`,
// `@staticmethod`, `@functools.wraps(f)`); a user decorator is called like any function; any
// other decorator makes the name unknown.
import { argsOf } from './callArgs';
import type * as ast from './ast';
import type { PyInterpreter } from './interpreter';
import type { PyScope } from './scope';
import { isObject, type PyVal } from './values';

const IDENTITY_BUILTINS = new Set(['staticmethod', 'classmethod', 'decorator.identity', 'functools.wraps', 'functools.lru_cache', 'functools.cache']);
const IDENTITY_KERAS = new Set(['tf.function', 'saving.register_keras_serializable', 'utils.register_keras_serializable']);

function isIdentityDecorator(d: PyVal): boolean {
  if (!isObject(d)) return false;
  if (d.tag === 'builtin') return IDENTITY_BUILTINS.has(d.name);
  if (d.tag === 'keras') return IDENTITY_KERAS.has(d.path.join('.'));
  return false;
}

export function applyDecorators(ip: PyInterpreter, decorators: readonly ast.Expr[], value: PyVal, scope: PyScope): PyVal {
  let v = value;
  // `@a @b def f` is a(b(f)): the decorator nearest the def applies first.
  for (let i = decorators.length - 1; i >= 0; i--) {
    const d = ip.eval(decorators[i], scope);
    if (isIdentityDecorator(d)) continue;
    if (isObject(d) && (d.tag === 'function' || d.tag === 'bound')) {
      v = ip.call(d, argsOf([v]), decorators[i].span);
      continue;
    }
    return ip.unknown(`a value decorated by ${ip.text(decorators[i].span)}`);
  }
  return v;
}
