// The affine probe (src/core/symbolic/affineProbe.ts) reads `out = a·in + b` off the catalog's
// own numbers. These tests hold its refusals: a size that is not affine in the input (a stride,
// a product) must stay unknown rather than get a wrong expression, and a cropping sets the
// minimum its output needs. The layers it does follow are held to TF.js and Keras by the
// oracle tests (test/oracle/symbolic*.test.ts, test/oracle/keras/symbolic*.test.ts).
import { strict as assert } from 'assert';
import { analyzeText } from '../../../src/core/analyze';
import { toFileReport } from '../../../src/core/reportJson';
import { affineLayer } from '../../../src/core/symbolic/affineProbe';
import { symbol } from '../../../src/core/symbolic/expr';
import type { LayerInference, MaybeShape } from '../../../src/core/types';

function layers(text: string, file: string) {
  const model = toFileReport(analyzeText(text, file), file).models[0];
  return model.layers.map((l) => ({ className: l.className, shape: l.symbolicShape ?? l.outputShape, params: l.paramsExpr ?? l.params }));
}

describe('symbolic dimensions: the affine probe', () => {
  it('a floor inside a wrapper stays unknown; the affine axes around it are kept', () => {
    const text = `import keras
from keras import layers

def build(steps, width):
    inputs = keras.Input(shape=(steps, width, 3))
    x = layers.TimeDistributed(layers.Conv1D(4, 3, strides=2))(inputs)
    x = layers.TimeDistributed(layers.Conv1D(4, 3))(x)
    return keras.Model(inputs, x)
`;
    const got = layers(text, 'wrap.py');
    // ⌊(width−3)/2⌋+1 is not affine in width: no claim on that axis; steps passes through.
    assert.deepEqual(got[1].shape, [null, 'steps', null, 4]);
    assert.equal(got[1].params, 40);
    assert.deepEqual(got[2].shape, [null, 'steps', null, 4]);
  });

  it('refuses a size that is a product of two probed sizes, and one that is not exactly affine', () => {
    const e = symbol('n');
    const product: (input: MaybeShape) => LayerInference = (input) => ({ outputShape: [null, (input?.[1] ?? 0) * (input?.[2] ?? 0)], params: null, macs: null });
    assert.deepEqual(affineLayer('Permute', [null, e, symbol('m')], product).shape, [null, null]);
    const halved: (input: MaybeShape) => LayerInference = (input) => ({ outputShape: [null, Math.ceil((input?.[1] ?? 0) / 2)], params: null, macs: null });
    assert.deepEqual(affineLayer('Permute', [null, e], halved).shape, [null, null]);
    const failing: (input: MaybeShape) => LayerInference = () => ({ outputShape: [null, 3], params: null, macs: null, problems: [{ code: 'x', severity: 'error', message: 'no' }] });
    assert.deepEqual(affineLayer('Permute', [null, e], failing), { shape: null, params: null });
  });

  it('a cropping on a symbolic size is a condition on it (info), never an error', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
export function build(img: number) {
  const m = tf.sequential();
  m.add(tf.layers.cropping2D({ cropping: [[2, 3], [0, 1]], inputShape: [img, img, 1] }));
  m.add(tf.layers.upSampling2d({ size: [2, 2] }));
  return m;
}
`;
    const analysis = analyzeText(text, 'crop.ts');
    const got = layers(text, 'crop.ts');
    assert.deepEqual(got.find((l) => l.className === 'UpSampling2D')?.shape, [null, '2*img-10', '2*img-2', 1]);
    const findings = analysis.findings.filter((f) => f.code.startsWith('shape/'));
    assert.deepEqual(findings.map((f) => [f.code, f.severity]), [['shape/symbolic-minimum', 'info']]);
    assert.match(findings[0].message, /needs img ≥ 6: .*cropping of 5/);
  });
});
