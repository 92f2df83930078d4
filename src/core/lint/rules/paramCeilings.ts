// Configurable ceilings on per-layer and whole-model parameter counts (shapelens.maxLayerParams,
// shapelens.maxTotalParams): big weights mean slow downloads and memory pressure in the browser.
import { formatBytes, formatCount } from '../../format';
import type { Finding } from '../../types';
import { modelHeadSpan } from '../modelSpan';
import type { Rule } from '../context';

export const paramCeilings: Rule = (ctx) => {
  const findings: Finding[] = [];
  const { maxLayerParams, maxTotalParams } = ctx.options;
  for (const node of ctx.model.nodes) {
    const params = node.params ? node.params.trainable + node.params.nonTrainable : 0;
    if (params <= maxLayerParams) continue;
    findings.push({
      code: 'params/layer-ceiling',
      severity: 'warning',
      span: node.node.span,
      message: `${node.className ?? 'This layer'} has ${formatCount(params)} params (${formatBytes(params * 4)} of float32 weights), above the ${formatCount(maxLayerParams)} per-layer ceiling (setting shapelens.maxLayerParams).`,
      modelIndex: ctx.modelIndex,
    });
  }
  // Where the total depends on flags or a loop count, its lower bound is what every path has.
  const exact = ctx.model.totalParams;
  const total = exact ?? ctx.model.paramsRange?.min ?? null;
  if (total !== null && total > maxTotalParams) {
    findings.push({
      code: 'params/model-ceiling',
      severity: 'warning',
      span: modelHeadSpan(ctx.text, ctx.model.graph.span),
      message: `This model has ${exact === null ? 'at least ' : ''}${formatCount(total)} params (${formatBytes(total * 4)} of float32 weights), above the ${formatCount(maxTotalParams)} ceiling (setting shapelens.maxTotalParams).`,
      modelIndex: ctx.modelIndex,
    });
  }
  return findings;
};
