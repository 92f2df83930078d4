// Dense on an un-flattened image feature map (rank ≥ 4) acts on the last axis only, per pixel.
// That is legal and sometimes meant, hence a warning; rank-3 sequences are normal and silent.
import { formatShapeHint } from '../../format';
import type { AnalyzedNode, Finding, Fix } from '../../types';
import { layerOf, type Rule, type RuleContext } from '../context';

/** Quick fixes inserting Flatten / GlobalAveragePooling2D before a Sequential Dense. */
function insertBeforeFixes(ctx: RuleContext, node: AnalyzedNode, rank: number): Fix[] {
  const decl = layerOf(node);
  if (!decl || ctx.model.graph.kind !== 'sequential') return [];
  const labels = rank === 4 ? ['Flatten', 'GlobalAveragePooling2D'] : ['Flatten'];
  const fixes: Fix[] = [];
  for (const label of labels) {
    const call = ctx.spelling.layerCall(ctx.text, decl, label);
    const edit = call ? ctx.spelling.insertLayerBefore(ctx.text, node.node.span, call) : null;
    if (edit) fixes.push({ title: `Insert ${label} before this Dense`, edits: [edit] });
  }
  return fixes;
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
