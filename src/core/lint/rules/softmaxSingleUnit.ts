// Softmax over a single unit always outputs 1.0: the model cannot learn anything.
import type { Finding } from '../../types';
import { layerOf, type Rule } from '../context';

export const softmaxSingleUnit: Rule = (ctx) => {
  const findings: Finding[] = [];
  for (const node of ctx.model.nodes) {
    const decl = layerOf(node);
    if (!decl) continue;
    const lastDim = node.outputShape ? node.outputShape[node.outputShape.length - 1] : null;
    // Covers Dense/Conv `activation: 'softmax'`, Activation('softmax') and the Softmax layer.
    const softmaxHere = decl.className === 'Softmax' || decl.config.activation === 'softmax';
    if (!softmaxHere || lastDim !== 1) continue;
    const sigmoid = ctx.spelling.str('sigmoid');
    const edit = decl.config.activation === 'softmax' ? ctx.spelling.setConfig(ctx.text, decl, 'activation', sigmoid) : null;
    findings.push({
      code: 'activation/softmax-single-unit',
      severity: 'warning',
      span: decl.configSpans.activation ?? node.node.span,
      message:
        `Softmax over a single unit always outputs 1.0, so this layer cannot learn. For a yes/no output use a sigmoid (with ${ctx.spelling.loss('binaryCrossentropy')}); for N classes use N units.`,
      fixes: edit ? [{ title: `Use ${ctx.spelling.setting('activation', sigmoid)}`, edits: [edit] }] : undefined,
      modelIndex: ctx.modelIndex,
    });
  }
  return findings;
};
