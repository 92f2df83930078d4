// One layer holding most of the model's parameters is the classic overfitting trap (Flatten →
// Dense on a large feature map). We say how many params the usual alternative would need.
import { formatCount, formatPercent } from '../../format';
import type { AnalyzedNode, Finding, Fix } from '../../types';
import { layerOf, numberConfig, producerOf, type Rule, type RuleContext } from '../context';

/** Below this many params in total, a dominant layer is harmless. */
const MIN_MODEL_PARAMS = 100_000;

interface Alternative {
  params: number;
  flatten: AnalyzedNode;
}

/** Flatten of [h, w, c] → Dense(units): GlobalAveragePooling2D would feed c features instead. */
function poolingAlternative(ctx: RuleContext, dense: AnalyzedNode): Alternative | null {
  const flatten = producerOf(ctx.model, dense);
  if (!flatten || flatten.className !== 'Flatten') return null;
  const fed = flatten.inputShapes[0];
  const units = numberConfig(dense, 'units');
  if (!fed || fed.length !== 4 || units === undefined) return null;
  const channels = fed[3];
  if (typeof channels !== 'number') return null;
  const bias = layerOf(dense)?.config.useBias === false ? 0 : 1;
  return { params: (channels + bias) * units, flatten };
}

function replaceFlattenFix(ctx: RuleContext, alt: Alternative): Fix[] {
  const decl = layerOf(alt.flatten);
  if (!decl || alt.flatten.sharedRepeat) return [];
  const call = ctx.spelling.layerCall(ctx.text, decl, 'GlobalAveragePooling2D');
  if (!call) return [];
  return [
    {
      title: 'Replace Flatten with GlobalAveragePooling2D',
      edits: [{ span: decl.span, newText: call }],
    },
  ];
}

export const dominantLayer: Rule = (ctx) => {
  const total = ctx.model.totalParams;
  if (total === null || total < MIN_MODEL_PARAMS) return [];
  const findings: Finding[] = [];
  for (const node of ctx.model.nodes) {
    // An embedding table is meant to hold most of a text model: it is a lookup, not a fit.
    if (node.className === 'Embedding') continue;
    const params = node.params ? node.params.trainable + node.params.nonTrainable : 0;
    if (params / total <= ctx.options.dominantShare) continue;
    const alt = node.className === 'Dense' ? poolingAlternative(ctx, node) : null;
    const advice = alt
      ? ` GlobalAveragePooling2D instead of Flatten here: ${formatCount(alt.params)} params instead of ${formatCount(params)}.`
      : ' Consider pooling or a smaller layer before it.';
    findings.push({
      code: 'params/dominant-layer',
      severity: 'warning',
      span: node.node.span,
      message: `${node.className ?? 'This layer'} holds ${formatCount(params)} of the model's ${formatCount(total)} params (${formatPercent(params / total)}), which invites overfitting.${advice}`,
      related: alt ? [{ span: alt.flatten.node.span, message: 'Flatten feeds every pixel of the feature map to the Dense layer' }] : undefined,
      fixes: alt ? replaceFlattenFix(ctx, alt) : undefined,
      modelIndex: ctx.modelIndex,
    });
  }
  return findings;
};
