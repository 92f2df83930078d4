// A `model.compile` loss that cannot fit the model's head: it trains, but learns nothing useful
// (categoricalCrossentropy on one sigmoid unit is always 0; binaryCrossentropy on a softmax
// over N classes treats them as independent).
import type { AnalyzedNode, Finding } from '../../types';
import { layerOf, type Rule } from '../context';

/** 'binary_crossentropy', 'binaryCrossentropy' → 'binarycrossentropy'. */
function normalizeLoss(loss: string): string {
  return loss.replace(/_/g, '').toLowerCase();
}

/** The head's final activation, or undefined when not statically known. */
function headActivation(node: AnalyzedNode): string | undefined {
  const decl = layerOf(node);
  if (!decl) return undefined;
  if (decl.className === 'Softmax') return 'softmax';
  const act = decl.config.activation;
  if (act === undefined) return decl.className === 'Activation' ? undefined : 'linear';
  return typeof act === 'string' ? act : undefined;
}

const PROBABILITY_HEADS = new Set(['sigmoid', 'softmax']);

export const lossHeadMismatch: Rule = (ctx) => {
  const compile = ctx.model.graph.compile;
  if (!compile || ctx.model.graph.outputs.length !== 1) return [];
  const loss = compile.config.loss;
  if (typeof loss !== 'string') return [];
  const head = ctx.model.nodes[ctx.model.graph.outputs[0]];
  if (!head || !head.outputShape) return [];
  const units = head.outputShape[head.outputShape.length - 1];
  const activation = headActivation(head);
  if (typeof units !== 'number' || activation === undefined) return [];

  const kind = normalizeLoss(loss);
  const s = ctx.spelling;
  const bce = s.loss('binaryCrossentropy');
  const cce = s.loss('categoricalCrossentropy');
  let problem: string | null = null;
  if (kind === 'binarycrossentropy' && activation === 'softmax' && units > 1) {
    problem = `${bce} on a softmax over ${units} units treats each class as an independent yes/no. Use ${cce} (one-hot labels) or ${s.loss('sparseCategoricalCrossentropy')} (integer labels); for multi-label outputs use a sigmoid.`;
  } else if ((kind === 'categoricalcrossentropy' || kind === 'sparsecategoricalcrossentropy') && units === 1) {
    problem = `${loss} on a single output unit: with one class the loss is always 0 and nothing is learned. For a yes/no output use ${bce} with a sigmoid unit.`;
  } else if (kind === 'binarycrossentropy' && !PROBABILITY_HEADS.has(activation)) {
    problem = `${bce} expects probabilities in [0, 1], but the output layer's activation is '${activation}'. Use ${s.setting('activation', s.str('sigmoid'))} on the last layer.`;
  } else if (kind === 'categoricalcrossentropy' && units > 1 && activation !== 'softmax') {
    problem = `${cce} expects a probability distribution, but the output layer's activation is '${activation}'. Use ${s.setting('activation', s.str('softmax'))} on the last layer.`;
  }
  if (!problem) return [];
  const finding: Finding = {
    code: 'loss/head-mismatch',
    severity: 'warning',
    span: compile.configSpans.loss ?? compile.span,
    message: problem,
    related: [{ span: head.node.span, message: `the model's output layer: ${units} unit(s), activation '${activation}'` }],
    modelIndex: ctx.modelIndex,
  };
  return [finding];
};
