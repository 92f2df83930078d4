// Training-time risks a Conv2D/Keras guide warns about, reported as information: many stacked
// saturating activations without normalization (vanishing gradients), and a large model with
// no dropout or regularizer (overfitting).
import { formatCount } from '../../format';
import type { Finding } from '../../types';
import { layerOf, type Rule } from '../context';
import { modelHeadSpan } from '../modelSpan';

const SATURATING = new Set(['sigmoid', 'tanh', 'hardSigmoid']);
const RECURRENT = new Set(['SimpleRNN', 'LSTM', 'GRU', 'Bidirectional']);
const NORMALIZATION = new Set(['BatchNormalization', 'LayerNormalization']);
const REGULARIZING = new Set(['Dropout', 'SpatialDropout1D', 'GaussianDropout', 'AlphaDropout', 'GaussianNoise']);
const REGULARIZER_KEYS = ['kernelRegularizer', 'biasRegularizer', 'activityRegularizer', 'recurrentRegularizer'];

/** How many saturating layers in one model start to hurt without normalization. */
const SATURATING_STACK = 4;
/** Above this many params a model with no regularization at all is worth a note. */
const LARGE_MODEL = 1_000_000;

export const vanishingGradient: Rule = (ctx) => {
  const nodes = ctx.model.nodes;
  if (nodes.some((n) => n.className !== null && NORMALIZATION.has(n.className))) return [];
  const saturating = nodes.filter((n) => {
    const decl = layerOf(n);
    if (!decl || n.sharedRepeat || (n.className !== null && RECURRENT.has(n.className))) return false;
    const act = decl.config.activation;
    return typeof act === 'string' && SATURATING.has(act);
  });
  if (saturating.length < SATURATING_STACK) return [];
  return [
    {
      code: 'training/vanishing-gradient',
      severity: 'info',
      span: modelHeadSpan(ctx.text, ctx.model.graph.span),
      message: `${saturating.length} layers use sigmoid/tanh and the model has no BatchNormalization or LayerNormalization: gradients may vanish in the early layers. Prefer relu-family activations, or add normalization.`,
      related: saturating.map((n) => ({ span: n.node.span, message: 'saturating activation' })),
      modelIndex: ctx.modelIndex,
    },
  ];
};

export const noRegularization: Rule = (ctx) => {
  const total = ctx.model.totalParams;
  if (total === null || total <= LARGE_MODEL || ctx.model.graph.incomplete) return [];
  const regularized = ctx.model.nodes.some((n) => {
    if (n.className !== null && REGULARIZING.has(n.className)) return true;
    const decl = layerOf(n);
    if (!decl) return n.node.op.kind === 'layer'; // an unknown layer might regularize: stay silent
    const dropout = decl.config.dropout ?? decl.config.recurrentDropout;
    return REGULARIZER_KEYS.some((k) => decl.config[k] !== undefined) || (dropout !== undefined && dropout !== 0);
  });
  if (regularized) return [];
  const finding: Finding = {
    code: 'training/no-regularization',
    severity: 'info',
    span: modelHeadSpan(ctx.text, ctx.model.graph.span),
    message: `This model has ${formatCount(total)} params and no Dropout or weight regularizer: it may overfit a small data set. Consider ${ctx.spelling.layerHint('Dropout')} before the dense head, or ${ctx.spelling.key('kernelRegularizer')}.`,
    modelIndex: ctx.modelIndex,
  };
  return [finding];
};
