// Dense on an un-flattened image feature map (rank ≥ 4) acts on the last axis only, per pixel.
// That is legal and sometimes meant, hence a warning; rank-3 sequences are normal and silent.
import { formatShapeHint } from '../../format';
import type { AnalyzedNode, Finding, Fix } from '../../types';
import { layerOf, type Rule, type RuleContext } from '../context';
import { factoryPrefix, indentAt } from '../edits';

/** Quick fixes inserting Flatten / GlobalAveragePooling2D before a Sequential Dense. */
function insertBeforeFixes(ctx: RuleContext, node: AnalyzedNode, rank: number): Fix[] {
  const decl = layerOf(node);
  if (!decl || ctx.model.graph.kind !== 'sequential') return [];
  const prefix = factoryPrefix(ctx.text, decl);
  if (!prefix) return [];
  const written = ctx.text.slice(node.node.span.start, node.node.span.end);
  const addAt = written.indexOf('.add(');
  const indent = indentAt(ctx.text, node.node.span.start);
  const at = { start: node.node.span.start, end: node.node.span.start };
  const candidates: [string, string][] = [['Flatten', `${prefix}flatten()`]];
  if (rank === 4) candidates.push(['GlobalAveragePooling2D', `${prefix}globalAveragePooling2d({})`]);
  return candidates.map(([label, call]) => {
    const newText =
      addAt > 0 && !written.slice(0, addAt).includes('(')
        ? `${written.slice(0, addAt)}.add(${call});\n${indent}` // model.add(...) statement form
        : `${call},\n${indent}`; // element of `layers: [...]`
    return { title: `Insert ${label} before this Dense`, edits: [{ span: at, newText }] };
  });
}

export const denseOnFeatureMap: Rule = (ctx) => {
  const findings: Finding[] = [];
  for (const node of ctx.model.nodes) {
    if (node.className !== 'Dense') continue;
    const input = node.inputShapes[0];
    if (!input || input.length < 4) continue;
    const out = node.outputShape ? ` giving ${formatShapeHint(node.outputShape)}` : '';
    findings.push({
      code: 'shape/dense-on-feature-map',
      severity: 'warning',
      span: node.node.span,
      message:
        `Dense gets a ${formatShapeHint(input)} feature map: it acts on the last axis only, once per position,${out}. ` +
        `To classify the whole input, add Flatten${input.length === 4 ? ' or GlobalAveragePooling2D' : ''} before it.`,
      fixes: insertBeforeFixes(ctx, node, input.length),
      modelIndex: ctx.modelIndex,
    });
  }
  return findings;
};
