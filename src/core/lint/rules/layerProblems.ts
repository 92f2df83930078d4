// Certain contradictions reported by catalog entries (kernel larger than its input, wrong
// rank, mismatched merges, Reshape sizes, invalid config), turned into findings with a range,
// the producing layer as related information, and a quick fix where one obviously exists.
import { formatShapeHint } from '../../format';
import type { Finding, Fix } from '../../types';
import { layerOf, producerOf, propertySpan, type Rule, type RuleContext } from '../context';
import type { AnalyzedNode } from '../../types';

const WINDOWED = new Set(['kernelSize', 'poolSize']);

function samePaddingFix(ctx: RuleContext, node: AnalyzedNode, property: string | undefined): Fix[] {
  const decl = layerOf(node);
  if (!decl || !property || !WINDOWED.has(property)) return [];
  if (decl.className === 'Conv1D' && decl.config.padding === 'causal') return [];
  const same = ctx.spelling.str('same');
  const edit = ctx.spelling.setConfig(ctx.text, decl, 'padding', same);
  return edit ? [{ title: `Use ${ctx.spelling.setting('padding', same)} (keeps the spatial size)`, edits: [edit] }] : [];
}

export const layerProblems: Rule = (ctx) => {
  const findings: Finding[] = [];
  for (const node of ctx.model.nodes) {
    for (const problem of node.problems) {
      const producer = producerOf(ctx.model, node);
      const related =
        producer && producer.outputShape
          ? [
              {
                span: producer.node.span,
                message: `${producer.className ?? 'this layer'} produces the input, of shape ${formatShapeHint(producer.outputShape, 'compact')}`,
              },
            ]
          : undefined;
      findings.push({
        code: problem.code,
        severity: problem.severity,
        span: propertySpan(node, problem.property),
        message: problem.message,
        related,
        fixes: problem.code === 'shape/non-positive-dim' ? samePaddingFix(ctx, node, problem.property) : undefined,
        modelIndex: ctx.modelIndex,
      });
    }
  }
  return findings;
};
