// Generic walks over ast.ts trees. Nodes are plain objects; every child node or node list sits
// under some key, so one walk covers every node kind, present and future. Spans (`span`,
// `nameSpan`, ...) hold no nodes and are left out. Explicit stacks: deep code costs no call stack.

/** Pushes the child objects and arrays of an AST node (spans left out) onto a walk's stack. */
export function pushChildren(node: object, stack: unknown[]): void {
  const record = node as Record<string, unknown>;
  // for...in, not Object.entries: this runs for every node of every scan, and allocates nothing.
  for (const key in record) {
    if (key === 'span' || key.endsWith('Span')) continue;
    const child = record[key];
    if (typeof child === 'object' && child !== null) stack.push(child);
  }
}

/** What a visitor tells the walk: leave this node's children out, or end the walk. */
export type WalkStep = 'skip' | 'stop' | undefined;

/**
 * Visits every node under `roots`, depth first, at most `limit` of them (a bound, so a
 * pathological tree costs a fixed amount). Returns false when the visitor stopped the walk.
 */
export function walkNodes(roots: readonly unknown[], visit: (node: { readonly kind?: string }) => WalkStep, limit: number): boolean {
  const stack: unknown[] = [...roots];
  let visited = 0;
  while (stack.length > 0 && visited++ < limit) {
    const n = stack.pop();
    if (typeof n !== 'object' || n === null) continue;
    if (Array.isArray(n)) {
      for (let i = n.length - 1; i >= 0; i--) stack.push(n[i]);
      continue;
    }
    const step = visit(n as { kind?: string });
    if (step === 'stop') return false;
    if (step !== 'skip') pushChildren(n, stack);
  }
  return true;
}
