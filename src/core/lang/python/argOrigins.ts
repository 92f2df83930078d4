// Which config values of a layer (or dims of an input) are constants of another file, from
// the call's arguments as written: `Dense(NUM_CLASSES)`, `Input(shape=(IMG, IMG, 3))`,
// `Conv2D(C.FILTERS, 3)` (evalArgs noted them in CallArgs.origins).
import type { ValueOrigin } from '../../types';
import { originAt } from '../../workspace/origins';
import type { ArgOrigins, CallArgs } from './callArgs';
import type { PyInterpreter } from './interpreter';

/** Config paths (`units`, `inputShape[1]`) → origin; `keyOf` names an argument's config key (null: none). */
export function argOrigins(ip: PyInterpreter, args: CallArgs, keyOf: (position: number | null, keyword: string | null) => string | null): Record<string, ValueOrigin> | undefined {
  const known = args.origins;
  if (!known) return undefined;
  const out: Record<string, ValueOrigin> = {};
  let found = false;
  const add = (key: string | null, o: ArgOrigins): void => {
    if (key === null) return;
    const put = (path: string, raw: ArgOrigins['self']): void => {
      const origin = raw ? originAt(ip.ctx.foreign, raw.name, raw.span) : null;
      if (origin) {
        out[path] = origin;
        found = true;
      }
    };
    put(key, o.self);
    o.items.forEach((raw, i) => put(`${key}[${i}]`, raw));
  };
  for (const [i, o] of known.positional) add(keyOf(i, null), o);
  for (const [kw, o] of known.keywords) add(keyOf(null, kw), o);
  return found ? out : undefined;
}
