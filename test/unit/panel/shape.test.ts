// The diagram's shape and params text for symbolic layers: from the real report of a builder
// sized by a parameter, spelled as the hints spell it; a malformed symbolicShape is ignored.
import { strict as assert } from 'assert';
import { analyzeText } from '../../../src/core/analyze';
import { toFileReport } from '../../../src/core/reportJson';
import type { LayerReport } from '../../../src/core/report';
import { shownParamsExpr, shownShape } from '../../../webview/panel/shape';

const TEXT = `import * as tf from '@tensorflow/tfjs';
export function build(numFeatures: number) {
  const m = tf.sequential();
  m.add(tf.layers.dense({ units: 50, inputShape: [numFeatures] }));
  m.add(tf.layers.reshape({ targetShape: [5, 10] }));
  m.add(tf.layers.conv1d({ filters: 4, kernelSize: 3 }));
  return m;
}
export function seq(steps: number) {
  const m = tf.sequential();
  m.add(tf.layers.conv1d({ filters: 4, kernelSize: 3, inputShape: [steps, 2] }));
  return m;
}
`;

describe('panel: symbolic shapes in the diagram', () => {
  const models = toFileReport(analyzeText(TEXT, 'b.ts'), 'b.ts').models;
  const layers = models[0].layers;

  it('shows symbolic dims as hints write them', () => {
    assert.deepEqual(shownShape(models[1].layers[0]), [null, 'steps−2', 4]);
  });

  it('shows the symbolic params with display signs, numbers where they are known', () => {
    const dense = layers.find((l) => l.className === 'Dense') as LayerReport;
    assert.equal(shownParamsExpr(dense), '50·numFeatures+50');
    assert.deepEqual(shownShape(dense), [null, 50]);
  });

  it('ignores a symbolicShape that is not what the report writes', () => {
    const bad = { ...layers[0], symbolicShape: [{ evil: true }] } as unknown as LayerReport;
    assert.deepEqual(shownShape(bad), layers[0].outputShape);
  });
});
