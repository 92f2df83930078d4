// Keys of the inference caches (infer.ts: one layer's catalog result; modelCache.ts: a whole
// model's analysis): texts equal exactly when what they describe would be inferred the same.
import type { ConfigValue, LayerDecl, MaybeShape, ModelGraph } from './types';

/**
 * A text that equals another exactly when the catalog would see the same input. A string (and
 * an object key) is written with its length, `"5:hello`, so it needs no escaping to be read
 * back one way only (JSON.stringify of every string and key took 15% of the instructions of
 * inferring models whose layers were all cached).
 */
export function valueKey(v: ConfigValue | MaybeShape): string {
  if (v === undefined) return 'u';
  if (v === null) return 'n';
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'string') return `"${v.length}:${v}`;
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (Array.isArray(v)) {
    const items = v as readonly (ConfigValue | null)[];
    let out = '[';
    for (let i = 0; i < items.length; i++) out += valueKey(items[i]) + ',';
    return out + ']';
  }
  let out = '{';
  const obj = v as Readonly<Record<string, ConfigValue>>;
  for (const k of Object.keys(obj)) out += `${k.length}:${k}${valueKey(obj[k])},`;
  return out + '}';
}

const compositeIds = new WeakMap<ModelGraph, number>();
let nextCompositeId = 0;

/** One key per composite graph object: two composites are the same only if their graphs are. */
function compositeKey(decl: LayerDecl): string {
  const graph = decl.composite?.graph;
  if (!graph) return '';
  let id = compositeIds.get(graph);
  if (id === undefined) {
    id = nextCompositeId++;
    compositeIds.set(graph, id);
  }
  return `@${id}`;
}

/** Everything about a layer that its catalog result depends on (its inputs apart). */
export function declKey(decl: LayerDecl): string {
  return `${decl.className}|${decl.dialect ?? ''}${decl.operation ?? ''}${compositeKey(decl)}|${JSON.stringify(decl.configIncomplete ?? null)}|${valueKey(decl.config)}|${decl.inner ? declKey(decl.inner) : ''}`;
}
