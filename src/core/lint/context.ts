// What every lint rule sees: one analysed model, the source text (for quick-fix edits) and the
// options. Rules return findings; they never throw and never guess.
import type { AnalyzedModel, AnalyzedNode, Finding, LayerDecl, LintOptions, Span } from '../types';
import type { Spelling } from './spelling';

export interface RuleContext {
  readonly text: string;
  readonly model: AnalyzedModel;
  readonly modelIndex: number;
  readonly options: LintOptions;
  /** How code in messages and fixes is written in this file's language. */
  readonly spelling: Spelling;
}

export type Rule = (ctx: RuleContext) => Finding[];

export function layerOf(node: AnalyzedNode): LayerDecl | null {
  return node.node.op.kind === 'layer' ? node.node.op.layer : null;
}

/** The span a finding about this node's config key should underline (falls back to the node). */
export function propertySpan(node: AnalyzedNode, property: string | undefined): Span {
  const decl = layerOf(node);
  if (decl && property && decl.configSpans[property]) return decl.configSpans[property];
  return node.node.span;
}

/** The producer of input `i` of a node, or null. */
export function producerOf(model: AnalyzedModel, node: AnalyzedNode, i = 0): AnalyzedNode | null {
  const id = node.node.inputs[i];
  return id !== undefined && id >= 0 ? (model.nodes[id] ?? null) : null;
}

/** Consumers of a node (nodes that take it as an input). */
export function consumersOf(model: AnalyzedModel, node: AnalyzedNode): AnalyzedNode[] {
  return model.nodes.filter((n) => n.node.inputs.includes(node.node.id));
}

export function stringConfig(node: AnalyzedNode, key: string): string | undefined {
  const v = layerOf(node)?.config[key];
  return typeof v === 'string' ? v : undefined;
}

export function numberConfig(node: AnalyzedNode, key: string): number | undefined {
  const v = layerOf(node)?.config[key];
  return typeof v === 'number' ? v : undefined;
}

/** True when the layer's config has a key present but not statically known. */
export function hasUnknownConfig(node: AnalyzedNode, key: string): boolean {
  const decl = layerOf(node);
  if (!decl) return true;
  const v = decl.config[key];
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as { kind?: string }).kind === 'unknown';
}
