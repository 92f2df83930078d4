import { strict as assert } from 'node:assert';
import * as tf from '@tensorflow/tfjs';
import { specForClassName } from '../../../src/core/catalog';
import { oracleTable, ours, type OracleCase } from './harness';

const elementwise: OracleCase[] = [
  { config: {}, inputs: [[null, 4], [null, 4]] },
  { config: {}, inputs: [[null, 3, 4], [null, 3, 4], [null, 3, 4]] },
  { name: 'broadcast from the right', config: {}, inputs: [[null, 3, 4], [null, 4]] },
  { name: 'broadcast a dim of 1', config: {}, inputs: [[null, 1, 4], [null, 3, 1]] },
  { config: {}, inputs: [[null, null, 4], [null, 1, 4]] },
  { config: {}, inputs: [[2, 4], [null, 4]] },
  { name: 'mismatched dims', config: {}, inputs: [[null, 4], [null, 5]] },
  { name: 'mismatched batch sizes', config: {}, inputs: [[2, 4], [3, 4]] },
];
for (const [className, factory] of [
  ['Add', 'add'],
  ['Multiply', 'multiply'],
  ['Average', 'average'],
  ['Maximum', 'maximum'],
  ['Minimum', 'minimum'],
] as const) {
  oracleTable(className, factory, elementwise);
}

oracleTable('Concatenate', 'concatenate', [
  { config: {}, inputs: [[null, 4], [null, 6]] },
  { config: {}, inputs: [[null, 8, 8, 3], [null, 8, 8, 5], [null, 8, 8, 1]] },
  { config: { axis: 1 }, inputs: [[null, 2, 5], [null, 3, 5]] },
  { name: 'axis -2 runs as -1 (TF.js)', config: { axis: -2 }, inputs: [[null, 2, 5], [null, 3, 5]] },
  { name: 'axis -2 with equal shapes runs as -1 (TF.js)', config: { axis: -2 }, inputs: [[null, 2, 5], [null, 2, 5]] },
  { name: 'axis -3 on shapes that differ there (predict throws)', config: { axis: -3 }, inputs: [[null, 2, 3, 4], [null, 5, 3, 4]] },
  { name: 'axis -3 with equal shapes', config: { axis: -3 }, inputs: [[null, 2, 3, 4], [null, 2, 3, 4]] },
  { config: { axis: -1 }, inputs: [[null, 2, 5], [null, 2, 3]] },
  { config: {}, inputs: [[null, 4, null], [null, 4, 2]] },
  { name: 'other dims differ', config: {}, inputs: [[null, 4, 2], [null, 5, 3]] },
  { name: 'ranks differ', config: {}, inputs: [[null, 4, 2], [null, 4]] },
]);

oracleTable('Dot', 'dot', [
  { config: { axes: 1 }, inputs: [[null, 4], [null, 4]] },
  { config: { axes: [2, 1] }, inputs: [[null, 3, 4], [null, 4, 5]] },
  { config: { axes: -1 }, inputs: [[null, 3, 4], [null, 5, 4]] },
  { config: { axes: [1, 2] }, inputs: [[null, 3, 4], [null, 5, 3]] },
  { config: { axes: 1, normalize: true }, inputs: [[null, 6], [null, 6]] },
  { name: 'axes sizes differ', config: { axes: 1 }, inputs: [[null, 4], [null, 5]] },
  { name: '4D input', config: { axes: 1 }, inputs: [[null, 2, 2, 2], [null, 2, 2, 2]] },
]);

describe('Subtract (no TF.js factory)', () => {
  it('TF.js 4.22 has no tf.layers.subtract, so no factory maps to our entry', () => {
    assert.equal((tf.layers as unknown as Record<string, unknown>).subtract, undefined);
    assert.deepEqual(specForClassName('Subtract')?.factories, []);
  });
  it('follows Keras: two inputs, elementwise with broadcasting', () => {
    const c: OracleCase = { inputs: [[null, 3, 4], [null, 4]] };
    assert.deepEqual(ours('Subtract', c).outputShape, [null, 3, 4]);
    const three = ours('Subtract', { inputs: [[null, 4], [null, 4], [null, 4]] });
    assert.equal(three.problems?.[0]?.code, 'shape/merge-mismatch');
  });
});

describe('merge layers with unknown inputs', () => {
  it('report a mismatch between the known inputs even when another is unknown', () => {
    const inf = specForClassName('Add')?.infer({ config: {}, inputs: [[null, 4], null, [null, 5]] });
    assert.equal(inf?.problems?.[0]?.code, 'shape/merge-mismatch');
    assert.equal(inf?.outputShape, null);
  });
  it('give an unknown shape and no problem when an input is unknown', () => {
    const inf = specForClassName('Concatenate')?.infer({ config: {}, inputs: [[null, 4], null] });
    assert.equal(inf?.outputShape, null);
    assert.equal(inf?.problems, undefined);
  });
});
