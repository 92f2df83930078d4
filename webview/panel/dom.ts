// A tiny element builder. Text goes in as text nodes (never innerHTML), so nothing from the
// report can inject markup; events are attached with addEventListener (the CSP forbids inline
// handlers anyway).

type Child = Node | string;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, children: readonly Child[] = []): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, children: readonly Child[] = []): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  for (const c of children) e.append(c);
  return e;
}

/**
 * Replaces `parent`'s children with `children`, however many. `replaceChildren(...list)` passes
 * every element as an argument, which overflows the call stack for long lists (a model.json
 * with 200,000 weights once left the panel stuck); a fragment has no such limit.
 */
export function replaceChildrenWith(parent: ParentNode, children: Iterable<Node>): void {
  const fragment = document.createDocumentFragment();
  for (const c of children) fragment.append(c);
  parent.replaceChildren(fragment);
}

/** Appends every child, one call each (see replaceChildrenWith). */
export function appendAll(parent: ParentNode, children: Iterable<Node>): void {
  const fragment = document.createDocumentFragment();
  for (const c of children) fragment.append(c);
  parent.append(fragment);
}
