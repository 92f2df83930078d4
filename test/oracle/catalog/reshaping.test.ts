import { strict as assert } from 'node:assert';
import * as tf from '@tensorflow/tfjs';
import { oracleTable, ours } from './harness';

oracleTable('Reshape', 'reshape', [
  { config: { targetShape: [4, 4] }, inputs: [[null, 16]] },
  { config: { targetShape: [2, 3, 4] }, inputs: [[null, 6, 4]] },
  { name: '-1 stays null with a null batch (TF.js)', config: { targetShape: [-1] }, inputs: [[null, 4, 4]] },
  { name: '-1 resolves with a fixed batch', config: { targetShape: [-1, 2] }, inputs: [[3, 4, 4]] },
  { name: 'element count differs', config: { targetShape: [5] }, inputs: [[null, 4, 4]] },
  { name: 'element count differs, fixed batch', config: { targetShape: [5, 2] }, inputs: [[2, 4, 4]] },
  { name: '-1 does not divide', config: { targetShape: [-1, 5] }, inputs: [[null, 4, 4]] },
]);

describe('Reshape size check', () => {
  it('names the element counts', () => {
    const inf = ours('Reshape', { config: { targetShape: [5] }, inputs: [[null, 4, 4]] });
    assert.equal(inf.problems?.[0]?.code, 'shape/reshape-size');
    assert.equal(inf.problems?.[0]?.property, 'targetShape');
    assert.match(inf.problems?.[0]?.message ?? '', /16 elements.*holds 5/);
  });
  it('stays quiet when an input dim is unknown', () => {
    assert.equal(ours('Reshape', { config: { targetShape: [5] }, inputs: [[null, null, 4]] }).problems, undefined);
  });
});

oracleTable('Permute', 'permute', [
  { config: { dims: [2, 1] }, inputs: [[null, 3, 5]] },
  { config: { dims: [3, 1, 2] }, inputs: [[null, 2, 3, 4]] },
  { name: 'dims of another rank', config: { dims: [2, 1] }, inputs: [[null, 2, 3, 4]] },
  { name: 'dims not a permutation of 1..n', config: { dims: [0, 1] }, inputs: [[null, 2, 3]] },
]);

oracleTable('RepeatVector', 'repeatVector', [
  { config: { n: 3 }, inputs: [[null, 5]] },
  { name: 'rank 3 input', config: { n: 3 }, inputs: [[null, 5, 2]] },
]);

oracleTable('ZeroPadding2D', 'zeroPadding2d', [
  { config: {}, inputs: [[null, 4, 5, 2]] },
  { config: { padding: 2 }, inputs: [[null, 4, 5, 2]] },
  { config: { padding: [1, 3] }, inputs: [[null, 4, 5, 2]] },
  { config: { padding: [[1, 2], [3, 4]] }, inputs: [[null, 4, 5, 2]] },
  { config: { padding: 1, dataFormat: 'channelsFirst' }, inputs: [[null, 2, 4, 5]] },
  { name: 'rank 3 input', config: {}, inputs: [[null, 4, 5]] },
]);

oracleTable('Cropping2D', 'cropping2D', [
  { config: { cropping: 1 }, inputs: [[null, 6, 7, 2]] },
  { config: { cropping: [1, 2] }, inputs: [[null, 6, 7, 2]] },
  { config: { cropping: [[0, 1], [2, 3]] }, inputs: [[null, 6, 7, 2]] },
  { config: { cropping: 1, dataFormat: 'channelsFirst' }, inputs: [[null, 2, 6, 7]] },
  { name: 'crops everything', config: { cropping: [[3, 3], [0, 0]] }, inputs: [[null, 6, 7, 2]] },
  { name: 'crops more than everything', config: { cropping: 4 }, inputs: [[null, 6, 7, 2]] },
  { name: 'crops to one row short of nothing (a negative size)', config: { cropping: [[3, 4], [0, 0]] }, inputs: [[null, 6, 7, 2]] },
]);

oracleTable('UpSampling2D', 'upSampling2d', [
  { config: {}, inputs: [[null, 4, 5, 2]] },
  { config: { size: [3, 2] }, inputs: [[null, 4, 5, 2]] },
  { config: { size: [2, 2], dataFormat: 'channelsFirst', interpolation: 'bilinear' }, inputs: [[null, 2, 4, 5]] },
  { name: 'rank 3 input', config: {}, inputs: [[null, 4, 5]] },
]);

describe('UpSampling2D with a numeric size', () => {
  it('TF.js builds it with NaN rows and columns; we give null dims and a warning, no error', () => {
    const symbolic = tf.layers.upSampling2d({ size: 3 as unknown as number[] }).apply(tf.input({ batchShape: [null, 4, 4, 1] })) as tf.SymbolicTensor;
    assert.ok(Number.isNaN(symbolic.shape[1]) && Number.isNaN(symbolic.shape[2]));
    const inf = ours('UpSampling2D', { config: { size: 3 }, inputs: [[null, 4, 4, 1]] });
    assert.deepEqual(inf.outputShape, [null, null, null, 1]);
    assert.deepEqual(inf.problems?.map((p) => [p.code, p.severity, p.property]), [['config/invalid', 'warning', 'size']]);
  });
});
