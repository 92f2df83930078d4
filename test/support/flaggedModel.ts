// A builder whose model depends on its parameters: a Dropout under a flag and a conv repeated
// by a loop with an unknown bound. The analyzer follows both (src/core/extract/branches.ts);
// the LSP and panel tests check how the user sees that.
export const FLAGGED_BUILDER_HEADER = 'export function build(useDropout: boolean, blocks: number) {';

export const FLAGGED_BUILDER = [
  "import * as tf from '@tensorflow/tfjs';",
  FLAGGED_BUILDER_HEADER,
  '  const model = tf.sequential();',
  '  model.add(tf.layers.conv2d({inputShape: [28, 28, 1], filters: 8, kernelSize: 3}));',
  '  if (useDropout) model.add(tf.layers.dropout({rate: 0.25}));',
  "  for (let i = 0; i < blocks; i++) model.add(tf.layers.conv2d({filters: 8, kernelSize: 3, padding: 'same'}));",
  '  model.add(tf.layers.flatten());',
  '  return model;',
  '}',
].join('\n');

/** The same model as top-level code with the parameters fixed, for TF.js to build. */
export function flaggedModelWith(useDropout: boolean, blocks: number): string {
  return FLAGGED_BUILDER.replace(FLAGGED_BUILDER_HEADER, `const useDropout = ${useDropout}; const blocks = ${blocks};`).replace('  return model;\n}', '');
}
