// The marker that makes activation start the panel's analysis worker early (panelUsed.ts).
import * as assert from 'assert';
import { mkdtempSync, readdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { looksLikeModelSource, markPanelUsed, panelWasUsed, warmLocalAnalysisNow } from '../../src/client/panel/panelUsed';

describe('panel-used marker', () => {
  it('is absent on a fresh storage, present once the panel was opened, and written once', () => {
    const storage = path.join(mkdtempSync(path.join(tmpdir(), 'shapelens-used-')), 'not-yet-created');
    assert.strictEqual(panelWasUsed(storage), false);
    markPanelUsed(storage);
    assert.strictEqual(panelWasUsed(storage), true);
    markPanelUsed(storage);
    assert.deepStrictEqual(readdirSync(storage), ['panel-used']);
  });

  it('a storage it cannot create costs only the marker, never an exception', () => {
    // A directory under a regular file cannot exist, whoever runs the test (root included).
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'shapelens-used-')), 'file');
    writeFileSync(file, '');
    const storage = path.join(file, 'storage');
    assert.doesNotThrow(() => markPanelUsed(storage));
    assert.strictEqual(panelWasUsed(storage), false);
  });

  it('tells model sources (TF.js, Keras) from other code at a glance', () => {
    for (const text of [
      "import * as tf from '@tensorflow/tfjs';\nconst m = tf.sequential();",
      'const out = tf.layers.dense({ units: 3 }).apply(x);',
      'from tensorflow import keras\nmodel = keras.Model(inputs, outputs)',
      'from keras.models import Sequential\nmodel = Sequential()',
      'model = Sequential ([Dense(10)])',
    ]) assert.ok(looksLikeModelSource(text), text);
    for (const text of ['const x = 1;', 'import numpy as np\nnp.zeros(3)', '// tfx pipelines, not models', 'sequential_search(items)']) {
      assert.ok(!looksLikeModelSource(text), text);
    }
    // Only the first 200,000 characters are read.
    assert.ok(!looksLikeModelSource(`${' '.repeat(200_000)}tf.sequential()`));
  });

  it('warms where the panel was used or the active file builds a model, not otherwise', () => {
    const fresh = path.join(mkdtempSync(path.join(tmpdir(), 'shapelens-used-')), 'storage');
    assert.strictEqual(warmLocalAnalysisNow(fresh, 'const x = 1;'), false);
    assert.strictEqual(warmLocalAnalysisNow(undefined, undefined), false);
    assert.strictEqual(warmLocalAnalysisNow(fresh, 'model = keras.Sequential()'), true);
    markPanelUsed(fresh);
    assert.strictEqual(warmLocalAnalysisNow(fresh, undefined), true);
  });
});
