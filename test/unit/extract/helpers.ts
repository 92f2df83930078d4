// Shared helpers for the extract tests.
import { extract } from '../../../src/core/lang/typescript/extract/index';
import type { ExtractResult, GraphNode, ModelGraph, Span } from '../../../src/core/types';

export const TF_IMPORT = "import * as tf from '@tensorflow/tfjs';\n";

/** Extracts from `code` prefixed with a namespace import of TF.js. */
export function run(code: string, fileName = 'model.ts'): ExtractResult {
  return extract(TF_IMPORT + code, fileName);
}

export function only(result: ExtractResult): ModelGraph {
  if (result.models.length !== 1) throw new Error(`expected one model, got ${result.models.length}`);
  return result.models[0];
}

export function factories(model: ModelGraph): string[] {
  return model.nodes.map((n) => (n.op.kind === 'input' ? 'input' : n.op.layer.factory));
}

export function layerOf(node: GraphNode) {
  if (node.op.kind !== 'layer') throw new Error(`node ${node.id} is an input`);
  return node.op.layer;
}

export function slice(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}
