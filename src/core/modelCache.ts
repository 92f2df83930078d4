// Whole models' analyses by what they are made of: an editor analyses a file after every edit,
// and every model but the edited one comes out of the front end as it was, in new objects.
// infer.ts's per-layer cache already spares the catalog, but each model still cost a key, a
// lookup and its bookkeeping per node (a fifth of a Python edit's analysis, 50 models). Here a
// model's key holds everything inferModel reads of its graph; a hit takes the analysis as it
// was, on the new graph's nodes (spans and everything after inference come from those).
import { declKey, valueKey } from './inferKeys';
import type { AnalyzedModel, AnalyzedNode, ConfigValue, LayerDecl, ModelGraph } from './types';

/**
 * An analysis without its graph (what the next graph with the same key gets): `node` and
 * `graph` are left empty, not dropped, so that filling them in keeps every property where
 * analyseModel put it (and the objects alike down to their JSON).
 */
interface Kept {
  readonly nodes: readonly (Omit<AnalyzedNode, 'node'> & { readonly node: null })[];
  readonly model: Omit<AnalyzedModel, 'graph' | 'nodes'> & { readonly graph: null; readonly nodes: null };
}

const kept = new Map<string, Kept>();
/** Models kept, at most (the oldest out first): several files' worth. */
const MAX_KEPT_MODELS = 1000;
/** Lookups so far, for tests. */
export const keptStats = { hits: 0, misses: 0 };

const list = (xs: readonly number[] | undefined): string => (xs ? xs.join(',') : '-');

/**
 * Everything inferModel reads of a graph without symbols (symbolic/model.ts reads more: such
 * graphs are not kept): the graph's kind, dialect, completeness, slack and outputs; per node its
 * inputs and which outputs it takes, an input's shape and names, a layer's declKey (config,
 * class, composite and inner layer), the problems its constructor found and the names Keras
 * gives it, and which nodes apply the same layer object (a shared layer counts once).
 */
export function modelKey(graph: ModelGraph): string {
  const slack = graph.paramsSlack;
  let key = `${graph.kind}|${graph.dialect ?? ''}|${graph.unbound ? 'u' : ''}${graph.incomplete ? 'i' : ''}|${slack ? `${slack.low},${slack.high}` : ''}|${list(graph.outputs)}|${list(graph.outputIndices)}\n`;
  const firstUse = new Map<LayerDecl, number>();
  graph.nodes.forEach((node, i) => {
    key += `${list(node.inputs)};${list(node.inputOutputs)};`;
    if (node.op.kind === 'input') {
      const input = node.op.input;
      key += `I${valueKey(input.shape)}${valueKey(input.name)}${valueKey(input.autoName)}\n`;
      return;
    }
    const decl = node.op.layer;
    const first = firstUse.get(decl);
    if (first !== undefined) {
      key += `=${first}\n`;
      return;
    }
    firstUse.set(decl, i);
    key += `L${declKey(decl)}${valueKey((decl.problems ?? null) as unknown as ConfigValue)}${valueKey(decl.factory)}${valueKey(decl.autoName)}\n`;
  });
  return key;
}

/** The analysis kept for `key`, on `graph` (which has that key), or null. */
export function keptAnalysis(key: string, graph: ModelGraph): AnalyzedModel | null {
  const hit = kept.get(key);
  if (!hit) {
    keptStats.misses++;
    return null;
  }
  keptStats.hits++;
  return { ...hit.model, graph, nodes: hit.nodes.map((n, i) => ({ ...n, node: graph.nodes[i] })) };
}

/** Keeps an analysis (its results are immutable data, shared by every later hit); the oldest kept goes first. */
export function keepAnalysis(key: string, analyzed: AnalyzedModel): void {
  kept.set(key, { model: { ...analyzed, graph: null, nodes: null }, nodes: analyzed.nodes.map((n) => ({ ...n, node: null })) });
  if (kept.size > MAX_KEPT_MODELS) kept.delete(kept.keys().next().value as string);
}

export function clearKeptAnalyses(): void {
  kept.clear();
}
