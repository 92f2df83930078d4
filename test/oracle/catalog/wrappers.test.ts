import { strict as assert } from 'node:assert';
import { specForClassName } from '../../../src/core/catalog';
import { oracleTable } from './harness';

const lstm = (config: Record<string, unknown>) => ({ factory: 'lstm', config: { units: 3, ...config } });

oracleTable('Bidirectional', 'bidirectional', [
  { config: {}, inner: lstm({}), inputs: [[null, 5, 2]] },
  { config: { mergeMode: 'concat' }, inner: lstm({ returnSequences: true }), inputs: [[null, 5, 2]] },
  { config: { mergeMode: 'sum' }, inner: lstm({}), inputs: [[null, 5, 2]] },
  { config: { mergeMode: 'mul' }, inner: lstm({ returnSequences: true }), inputs: [[null, 5, 2]] },
  { config: { mergeMode: 'ave' }, inner: lstm({}), inputs: [[null, 5, 2]] },
  { name: 'mergeMode null (first of two outputs)', config: { mergeMode: null }, inner: lstm({}), inputs: [[null, 5, 2]] },
  { config: {}, inner: { factory: 'gru', config: { units: 3, returnSequences: true } }, inputs: [[null, 5, 2]] },
  { config: {}, inner: { factory: 'simpleRNN', config: { units: 4, useBias: false } }, inputs: [[null, 5, 2]] },
  { name: 'unknown mergeMode', config: { mergeMode: 'max' }, inner: lstm({}), inputs: [[null, 5, 2]] },
  { name: 'rank 2 input', config: {}, inner: lstm({}), inputs: [[null, 5]] },
]);

oracleTable('TimeDistributed', 'timeDistributed', [
  { config: {}, inner: { factory: 'dense', config: { units: 4 } }, inputs: [[null, 5, 3]] },
  { config: {}, inner: { factory: 'conv2d', config: { filters: 2, kernelSize: 3 } }, inputs: [[null, 4, 6, 6, 1]] },
  { config: {}, inner: { factory: 'flatten', config: {} }, inputs: [[null, 4, 3, 2]] },
  { name: 'inner kernel larger than input', config: {}, inner: { factory: 'conv2d', config: { filters: 2, kernelSize: 5 } }, inputs: [[null, 4, 3, 3, 1]] },
  { name: 'rank 2 input', config: {}, inner: { factory: 'dense', config: { units: 4 } }, inputs: [[null, 5]] },
]);

describe('wrappers without a known inner layer', () => {
  it('know nothing and report nothing', () => {
    for (const name of ['Bidirectional', 'TimeDistributed']) {
      const inf = specForClassName(name)?.infer({ config: {}, inputs: [[null, 5, 3]] });
      assert.deepEqual(inf, { outputShape: null, params: null, macs: null });
    }
  });
  it('TimeDistributed multiplies the inner MACs by the steps', () => {
    const dense = specForClassName('Dense');
    const inf = specForClassName('TimeDistributed')?.infer({
      config: {},
      inputs: [[null, 5, 3]],
      inferInner: (input) => dense!.infer({ config: { units: 4 }, inputs: [input] }),
    });
    assert.equal(inf?.macs, 5 * 3 * 4);
  });
});
