// Generic AST traversal helpers for the few places that scan code instead of running it.
import type { TSESTree } from '@typescript-eslint/typescript-estree';

function isAstNode(v: unknown): v is TSESTree.Node {
  return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';
}

/** Pushes the child nodes of `n` that are code (not type annotations, not non-computed names). */
export function pushChildren(n: TSESTree.Node, stack: TSESTree.Node[]): void {
  for (const key in n) {
    if (key === 'parent' || key === 'range' || key === 'loc' || key === 'typeAnnotation' || key === 'returnType' || key === 'typeArguments' || key === 'typeParameters') continue;
    if ((key === 'property' || key === 'key') && !(n as { computed?: boolean }).computed) continue;
    const child = (n as unknown as Record<string, unknown>)[key];
    if (Array.isArray(child)) {
      for (const c of child) if (isAstNode(c)) stack.push(c);
    } else if (isAstNode(child)) stack.push(child);
  }
}

/** Names of all identifiers referenced in `root` (bounded by `maxNodes`). */
export function referencedNames(root: TSESTree.Node, out: Set<string>, maxNodes = 200_000): void {
  const stack: TSESTree.Node[] = [root];
  let n = 0;
  while (stack.length > 0 && n++ < maxNodes) {
    const node = stack.pop() as TSESTree.Node;
    if (node.type === 'Identifier') out.add(node.name);
    pushChildren(node, stack);
  }
}

/**
 * referencedNames of `root`, remembered per node: an editor's incremental parse hands us the
 * same node objects for every statement the edit did not touch, and nodes never change
 * (except their ranges, which names do not depend on).
 */
const namesCache = new WeakMap<TSESTree.Node, ReadonlySet<string>>();

export function cachedReferencedNames(root: TSESTree.Node): ReadonlySet<string> {
  let names = namesCache.get(root);
  if (!names) {
    const out = new Set<string>();
    referencedNames(root, out);
    names = out;
    namesCache.set(root, names);
  }
  return names;
}
