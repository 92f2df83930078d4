// InputLayer cases: the Python arguments, and the canonical config the front end builds from them
// (snake_case keywords → camelCase), for input.test.ts.
import type { LayerConfig } from '../../../../../src/core/types';
import type { KCase } from '../harness';

export interface InputCase {
  readonly args: string;
  readonly config: LayerConfig;
}

export const INPUT_CASES: readonly InputCase[] = [
  { args: 'shape=(4,)', config: { shape: [4] } },
  { args: 'batch_shape=(2, 4)', config: { batchShape: [2, 4] } },
  { args: 'shape=(4,), batch_size=8', config: { shape: [4], batchSize: 8 } },
  { args: 'input_shape=(4,)', config: { inputShape: [4] } },
  { args: 'batch_input_shape=(None, 4)', config: { batchInputShape: [null, 4] } },
  { args: 'shape=(4,), batch_shape=(None, 4)', config: { shape: [4], batchShape: [null, 4] } },
  { args: '', config: {} },
  { args: 'shape=(None, 3)', config: { shape: [null, 3] } },
  { args: '(5, 5)', config: { shape: [5, 5] } },
];

export const INPUT_LAYER_CASES: readonly KCase[] = INPUT_CASES.map((c) => ({ layer: `layers.InputLayer(${c.args})`, inputs: [], call: 'layer.output', run: false }));
