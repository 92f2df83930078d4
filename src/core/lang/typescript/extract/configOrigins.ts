// Which config values of a layer (or dims of an input) are constants of another file, read
// from the config literal as written: `tf.layers.dense({units: NUM_CLASSES})` and
// `inputShape: [IMAGE_H, IMAGE_W, 1]` name what the interpreter met while evaluating them
// (Ctx.nodeOrigins). Values reached through variables of this file are not traced further.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ValueOrigin } from '../../../types';
import { originAt } from '../../../workspace/origins';
import type { Ctx } from './context';

function unwrap(node: TSESTree.Node): TSESTree.Node {
  let n = node;
  while (n.type === 'TSAsExpression' || n.type === 'TSSatisfiesExpression' || n.type === 'TSNonNullExpression' || n.type === 'TSTypeAssertion') n = n.expression;
  return n;
}

function keyOf(p: TSESTree.Property): string | null {
  if (p.computed) return null;
  if (p.key.type === 'Identifier') return p.key.name;
  return p.key.type === 'Literal' ? String(p.key.value) : null;
}

/** Origins by config path (`units`, `inputShape[0]`), or undefined when none is of another file. */
export function configOrigins(ctx: Ctx, arg: TSESTree.Node | undefined): Record<string, ValueOrigin> | undefined {
  if (ctx.nodeOrigins.size === 0 || !arg) return undefined;
  const node = unwrap(arg);
  if (node.type !== 'ObjectExpression') return undefined;
  const out: Record<string, ValueOrigin> = {};
  let found = false;
  const add = (path: string, value: TSESTree.Node): void => {
    const raw = ctx.nodeOrigins.get(value);
    const origin = raw ? originAt(ctx.foreign, raw.name, raw.span) : null;
    if (origin) {
      out[path] = origin;
      found = true;
    }
  };
  for (const p of node.properties) {
    if (p.type !== 'Property') continue;
    const key = keyOf(p);
    if (key === null) continue;
    const value = unwrap(p.value);
    add(key, value);
    if (value.type === 'ArrayExpression') {
      value.elements.forEach((el, i) => {
        if (el && el.type !== 'SpreadElement') add(`${key}[${i}]`, unwrap(el));
      });
    }
  }
  return found ? out : undefined;
}
