// The panel's sizes for a symbolic input (webview/panel/symbolSizes.ts), on reports the core
// writes: which symbols it asks for and what the image suggests for each, the model with the
// chosen sizes put in, and the message when a size leaves a layer nothing to show.
import * as assert from 'assert';
import { analyzeText } from '../../../src/core/analyze';
import { toFileReport } from '../../../src/core/reportJson';
import type { ModelReport } from '../../../src/core/report';
import { inputSymbols, MAX_SYMBOL_SIZE, substituted, tooSmall } from '../../../webview/panel/symbolSizes';

function modelOf(text: string, file: string): ModelReport {
  return toFileReport(analyzeText(text, file), file).models[0];
}

const CNN = `import * as tf from '@tensorflow/tfjs';
export function build(h: number, w: number, depth: number) {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ filters: 4, kernelSize: 5, inputShape: [h, w, 3] }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.dense({ units: depth }));
  return model;
}
`;

describe('panel: sizes for a symbolic input', () => {
  it('asks for each input symbol once, defaulting height and width to the image, others to 32', () => {
    const m = modelOf(CNN, 'cnn.ts');
    assert.deepStrictEqual(inputSymbols(m, false, { height: 120, width: 90 }), [
      { name: 'h', fallback: 120 },
      { name: 'w', fallback: 90 },
    ]);
    // IMG×IMG takes the shorter side; a huge image is capped.
    const square = modelOf(CNN.replace('[h, w, 3]', '[h, h, 3]'), 'sq.ts');
    assert.deepStrictEqual(inputSymbols(square, false, { height: 120, width: 90 }), [{ name: 'h', fallback: 90 }]);
    assert.deepStrictEqual(inputSymbols(square, false, { height: 5000, width: 4000 }), [{ name: 'h', fallback: MAX_SYMBOL_SIZE }]);
  });

  it('puts the chosen sizes into every symbolic shape, and the input the first layer is fed', () => {
    const m = modelOf(CNN, 'cnn.ts');
    const got = substituted(m, new Map([['h', 20], ['w', 31]]));
    assert.deepStrictEqual(got.layers[0].outputShape, [null, 16, 27, 4]);
    assert.deepStrictEqual(got.layers[0].inputShapes[0], [null, 20, 31, 3]);
    assert.deepStrictEqual(got.layers[1].outputShape, [null, 8, 13, 4]);
    // `depth` is not an input size: the Dense's units stay unknown, as the report has them.
    assert.deepStrictEqual(got.layers[2].outputShape, [null, 8, 13, null]);
    // The report itself is left as it was.
    assert.deepStrictEqual(m.layers[0].outputShape, [null, null, null, 4]);
  });

  it('names the layer a size is too small for, and is silent when every layer fits', () => {
    const m = modelOf(CNN, 'cnn.ts');
    const small = new Map([['h', 4], ['w', 40]]);
    assert.match(tooSmall(substituted(m, small), [0, 1], small) ?? '', /At h = 4, w = 40, conv2d\S*'s output would be 0×36×4: too small to preview/);
    const fine = new Map([['h', 6], ['w', 6]]);
    assert.strictEqual(tooSmall(substituted(m, fine), [0, 1], fine), null);
  });
});
