// The symbolic pass over an analysed model: after infer has run the catalog with numbers, carry
// the symbols the code names (Unknown.symbol, InputDecl.symbols) through the layers with
// layers.ts. It only adds: `symbolicShape` where a dim is an expression, `paramsExpr` where a
// count depends on a symbol, and the model's symbols and total. Numbers the catalog knows
// always win, and a layer with an error (or a shape of another rank) gets nothing symbolic.
import type { AnalyzedNode, ConfigValue, LayerConfig, LayerContext, LayerDecl, LayerInference, MaybeShape, ModelGraph, SymbolMinimum, SymbolRef, SymbolicDim, SymbolicShape } from '../types';
import { minimumFor } from './checks';
import { add, constant, symbol, symbolsOf, type Expr } from './expr';
import { inferSymbolic, simplifyDim } from './layers';
import { isSymbolic } from './dims';
import { AFFINE_LAYERS } from './affineProbe';
import { configHasSymbol, symbolRefOf } from './symbols';

export interface SymbolicModel {
  readonly nodes: readonly AnalyzedNode[];
  readonly symbols: readonly SymbolRef[];
  readonly totalParamsExpr: Expr | null;
  /** Per symbol, the tightest minimum a window sets, when above the trivial 1. */
  readonly minimums: readonly SymbolMinimum[];
}

/** True when the graph mentions a symbol at all: the pass costs nothing for every other model. */
export function graphHasSymbols(graph: ModelGraph): boolean {
  return graph.nodes.some((n) => (n.op.kind === 'input' ? n.op.input.symbols !== undefined : configHasSymbol(n.op.layer.config)));
}

function collectRefs(config: LayerConfig, into: Map<string, SymbolRef>): void {
  const note = (v: ConfigValue): void => {
    const ref = symbolRefOf(v);
    if (ref && !into.has(ref.name)) into.set(ref.name, ref);
  };
  for (const k in config) {
    const v = config[k];
    note(v);
    if (Array.isArray(v)) for (const x of v as readonly ConfigValue[]) note(x);
  }
}

/** The catalog's numbers, with the symbolic result filling the dims they leave unknown. */
function merged(numeric: readonly (number | null)[] | null, symbolic: SymbolicShape | null): SymbolicShape | null {
  if (symbolic === null) return numeric;
  if (numeric !== null && numeric.length !== symbolic.length) return numeric; // disagree: trust the catalog
  return symbolic.map((d, i) => (numeric !== null && numeric[i] !== null ? numeric[i] : d));
}

/** The catalog's inference of one layer on numeric inputs (infer.ts's inferLayer). */
export type InferLayer = (decl: LayerDecl, inputs: readonly MaybeShape[]) => LayerInference;

function hasError(node: AnalyzedNode): boolean {
  return node.problems.some((p) => p.severity === 'error');
}

/**
 * Every window of the model bounds its symbols, wherever it sits: a model builds only when all
 * of them fit, so a merge is judged under the floors of the whole model (Keras lists a branch
 * that sets a floor after the merge it protects). A second pass applies the floors the first
 * one found; it costs nothing when no window sets any.
 */
export function symbolicModel(graph: ModelGraph, nodes: readonly AnalyzedNode[], sequentialInput: SymbolicShape | null, inferLayer: InferLayer): SymbolicModel {
  const first = symbolicPass(graph, nodes, sequentialInput, inferLayer, new Map());
  if (first.minimums.length === 0) return first;
  return symbolicPass(graph, nodes, sequentialInput, inferLayer, new Map(first.minimums.map((m) => [m.symbol, m.min])));
}

function symbolicPass(graph: ModelGraph, nodes: readonly AnalyzedNode[], sequentialInput: SymbolicShape | null, inferLayer: InferLayer, modelFloors: ReadonlyMap<string, number>): SymbolicModel {
  const refs = new Map<string, SymbolRef>();
  const shapes: (SymbolicShape | null)[] = [];
  const minimums = new Map<string, SymbolMinimum>();
  const floors = new Map<string, number>(modelFloors);
  const seen = new Map<string, number>();
  const out: AnalyzedNode[] = [];
  nodes.forEach((node, idx) => {
    const g = node.node;
    let shape: SymbolicShape | null = node.outputShape;
    let params: Expr | null = null;
    let symbolicInput: SymbolicShape | null = null;
    if (g.op.kind === 'input') {
      const syms = g.op.input.symbols;
      for (const r of syms ?? []) if (r && !refs.has(r.name)) refs.set(r.name, r);
      const given = node.outputShape;
      shape = given && syms ? given.map((d, i): SymbolicDim => (d === null && syms[i] ? symbol((syms[i] as SymbolRef).name) : d)) : given;
    } else if (!hasError(node) && g.op.layer.className) {
      const decl = g.op.layer;
      collectRefs(decl.config, refs);
      const fedFromOutside = sequentialInput !== null && idx === 0 && graph.kind === 'sequential';
      const inputs = fedFromOutside ? [sequentialInput] : g.inputs.map((id, i) => (id >= 0 && id < shapes.length && (g.inputOutputs?.[i] ?? 0) === 0 ? shapes[id] : null));
      const ctx: LayerContext = { config: decl.config, inputs: node.inputShapes, ...(decl.dialect ? { dialect: decl.dialect } : {}) };
      // A config read only in part (an unknown spread) may set any key: nothing symbolic then.
      // Wrappers only through the catalog's own numbers (affineProbe.ts), which run the inner layer.
      const className = decl.className ?? '';
      const followed = !decl.operation && !decl.composite && (!decl.inner || AFFINE_LAYERS.has(className)) && decl.configIncomplete === undefined;
      const probe = (shape: MaybeShape): LayerInference => inferLayer(decl, [shape]);
      const inner = decl.inner?.className && decl.inner.configIncomplete === undefined ? { className: decl.inner.className, ctx: { ...ctx, config: decl.inner.config } } : undefined;
      const inference = followed ? inferSymbolic({ className, ctx, inputs, floors, probe, ...(inner ? { inner } : {}) }) : null;
      for (const need of inference?.needs ?? []) {
        const m = minimumFor(need);
        if (!m || m.min <= (seen.get(m.symbol) ?? 1)) continue;
        seen.set(m.symbol, m.min);
        floors.set(m.symbol, Math.max(m.min, floors.get(m.symbol) ?? 1));
        minimums.set(m.symbol, { symbol: m.symbol, min: m.min, node: idx, what: need.what, property: need.property });
      }
      if (inference?.mismatch) {
        // The inputs differ whatever the sizes: the catalog's merge error, and nothing after it.
        const problem = { code: 'shape/merge-mismatch', severity: 'error' as const, message: inference.mismatch };
        shapes.push(null);
        out.push({ ...node, problems: [...node.problems, problem] });
        return;
      }
      if (inference) {
        shape = merged(node.outputShape, inference.shape);
        params = node.params === null && !node.sharedRepeat ? inference.params : null;
      }
      // The report lists no row for a Sequential's implicit input, so the layer it feeds
      // carries that input's symbolic shape (the panel sizes its preview input from it).
      const producer = g.inputs.length === 1 ? nodes[g.inputs[0]]?.node : undefined;
      if (producer?.op.kind === 'input' && isSymbolic(inputs[0])) symbolicInput = inputs[0];
    }
    shapes.push(shape);
    const symbolicShape = isSymbolic(shape) ? shape : null;
    const paramsExpr = params !== null && typeof simplifyDim(params) !== 'number' ? params : null;
    const added = { ...(symbolicShape ? { symbolicShape } : {}), ...(paramsExpr ? { paramsExpr } : {}), ...(symbolicInput ? { symbolicInput } : {}) };
    out.push(symbolicShape || paramsExpr || symbolicInput ? { ...node, ...added } : node);
  });
  return { nodes: out, symbols: usedSymbols(out, refs), totalParamsExpr: totalOf(graph, out), minimums: [...minimums.values()] };
}

/** The symbols the results mention, in order of first use. */
function usedSymbols(nodes: readonly AnalyzedNode[], refs: ReadonlyMap<string, SymbolRef>): SymbolRef[] {
  const names: string[] = [];
  for (const n of nodes) {
    for (const d of n.symbolicShape ?? []) if (d !== null && typeof d !== 'number') symbolsOf(d, names);
    if (n.paramsExpr) symbolsOf(n.paramsExpr, names);
  }
  return names.map((name) => refs.get(name)).filter((r): r is SymbolRef => r !== undefined);
}

/** Σ params as an expression, when every counted layer has a count and one of them is symbolic. */
function totalOf(graph: ModelGraph, nodes: readonly AnalyzedNode[]): Expr | null {
  if (graph.incomplete || graph.paramsSlack || !nodes.some((n) => n.paramsExpr)) return null;
  let total: Expr = constant(0);
  for (const n of nodes) {
    if (n.sharedRepeat) continue;
    if (n.paramsExpr) total = add(total, n.paramsExpr);
    else if (n.params) total = add(total, constant(n.params.trainable + n.params.nonTrainable));
    else return null;
  }
  return total;
}
