import { strict as assert } from 'node:assert';
import * as tf from '@tensorflow/tfjs';
import { specForFactory } from '../../../src/core/catalog';
import { UNKNOWN, type LayerConfig } from '../../../src/core/types';

void tf.setBackend('cpu');

describe('InputLayer (tf.layers.inputLayer)', () => {
  const spec = specForFactory('inputLayer');
  const configs: LayerConfig[] = [{ inputShape: [3, 4] }, { batchInputShape: [2, 5] }, { inputShape: [7], batchSize: 4 }, { inputShape: [null, 3] }];
  for (const config of configs) {
    it(`matches TF.js for ${JSON.stringify(config)}`, () => {
      const layer = tf.layers.inputLayer(config as Parameters<typeof tf.layers.inputLayer>[0]);
      const mine = spec?.infer({ config, inputs: [] });
      assert.deepEqual(mine?.outputShape, layer.outputShape);
      assert.deepEqual(mine?.params, { trainable: 0, nonTrainable: 0, formula: '0' });
      assert.equal(mine?.problems, undefined);
    });
  }
  for (const config of [{ inputShape: [3], batchInputShape: [null, 3] }, {}] as LayerConfig[]) {
    it(`reports an error where TF.js throws: ${JSON.stringify(config)}`, () => {
      assert.throws(() => tf.layers.inputLayer(config as Parameters<typeof tf.layers.inputLayer>[0]));
      assert.equal(spec?.infer({ config, inputs: [] }).problems?.[0]?.severity, 'error');
    });
  }
  it('an unknown inputShape gives an unknown shape and no problem', () => {
    const mine = spec?.infer({ config: { inputShape: UNKNOWN }, inputs: [] });
    assert.equal(mine?.outputShape, null);
    assert.equal(mine?.problems, undefined);
  });
});
