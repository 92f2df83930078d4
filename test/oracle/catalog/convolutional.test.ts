import { oracleTable } from './harness';

oracleTable('Conv2D', 'conv2d', [
  { config: { filters: 32, kernelSize: 3 }, inputs: [[null, 8, 8, 3]] },
  { config: { filters: 4, kernelSize: [3, 2], strides: 2, padding: 'same' }, inputs: [[null, 9, 7, 2]] },
  { config: { filters: 4, kernelSize: 3, strides: [2, 3] }, inputs: [[null, 10, 11, 1]] },
  { config: { filters: 2, kernelSize: 3, dilationRate: 2 }, inputs: [[null, 9, 9, 1]] },
  { config: { filters: 2, kernelSize: 3, useBias: false }, inputs: [[null, 5, 5, 3]] },
  { config: { filters: 2, kernelSize: 3, dataFormat: 'channelsFirst' }, inputs: [[null, 3, 6, 5]] },
  { config: { filters: 2, kernelSize: 3 }, inputs: [[4, 6, 6, 1]] },
  { name: 'kernel larger than input', config: { filters: 2, kernelSize: 5 }, inputs: [[null, 3, 3, 1]] },
  { name: 'dilated kernel larger than input', config: { filters: 2, kernelSize: 3, dilationRate: 3 }, inputs: [[null, 6, 6, 1]] },
  { name: 'rank 2 input', config: { filters: 2, kernelSize: 3 }, inputs: [[null, 784]] },
  { name: 'rank 3 input', config: { filters: 2, kernelSize: 3 }, inputs: [[null, 28, 28]] },
  { name: 'filters 0', config: { filters: 0, kernelSize: 3 }, inputs: [[null, 5, 5, 1]] },
  { name: 'filters 2.5', config: { filters: 2.5, kernelSize: 3 }, inputs: [[null, 5, 5, 1]] },
  { name: 'unknown padding', config: { filters: 2, kernelSize: 3, padding: 'full' }, inputs: [[null, 5, 5, 1]] },
  { name: 'causal padding', config: { filters: 2, kernelSize: 3, padding: 'causal' }, inputs: [[null, 5, 5, 1]] },
  { name: 'kernelSize 2.5', config: { filters: 2, kernelSize: 2.5 }, inputs: [[null, 5, 5, 1]] },
  // A window larger than its input by at most the stride leaves 0 rows, which TF.js runs.
  { name: 'kernel larger than input, by less than the stride: 0×0', config: { filters: 8, kernelSize: 7, strides: 4 }, inputs: [[null, 5, 5, 3]] },
  { name: 'kernel larger than input by one: 0 rows', config: { filters: 2, kernelSize: [3, 1] }, inputs: [[null, 2, 4, 1]] },
  { name: 'zero input channels', config: { filters: 2, kernelSize: 3 }, inputs: [[null, 8, 8, 0]] },
  // A single number is not checked: TF.js builds these and computes another shape than it declares.
  { name: 'strides 0.5', config: { filters: 2, kernelSize: 3, strides: 0.5 }, inputs: [[null, 8, 8, 3]] },
  { name: 'strides 1.5, same', config: { filters: 2, kernelSize: 3, strides: 1.5, padding: 'same' }, inputs: [[null, 8, 8, 3]] },
  { name: 'strides Infinity', config: { filters: 2, kernelSize: 3, strides: Infinity }, inputs: [[null, 8, 8, 3]] },
  { name: 'strides NaN', config: { filters: 2, kernelSize: 3, strides: NaN }, inputs: [[null, 8, 8, 3]] },
  { name: 'strides [0.5, 1] (an array entry is checked)', config: { filters: 2, kernelSize: 3, strides: [0.5, 1] }, inputs: [[null, 8, 8, 3]] },
  { name: 'strides -1 (a negative size)', config: { filters: 2, kernelSize: 3, strides: -1 }, inputs: [[null, 8, 8, 3]] },
  { name: 'dilationRate -2', config: { filters: 2, kernelSize: 3, dilationRate: -2 }, inputs: [[null, 8, 8, 3]] },
  { name: 'dilationRate [-1, 1]', config: { filters: 2, kernelSize: 3, dilationRate: [-1, 1] }, inputs: [[null, 8, 8, 3]] },
  { name: 'dilationRate 0.5', config: { filters: 2, kernelSize: 3, dilationRate: 0.5 }, inputs: [[null, 8, 8, 3]] },
  { name: 'dilationRate Infinity, same', config: { filters: 2, kernelSize: 3, dilationRate: Infinity, padding: 'same' }, inputs: [[null, 8, 8, 3]] },
  { name: 'dilationRate Infinity, valid (an infinite extent)', config: { filters: 2, kernelSize: 3, dilationRate: Infinity }, inputs: [[null, 8, 8, 3]] },
  { name: 'dilationRate -Infinity', config: { filters: 2, kernelSize: 3, dilationRate: -Infinity }, inputs: [[null, 8, 8, 3]] },
]);

oracleTable('Conv1D', 'conv1d', [
  { config: { filters: 2, kernelSize: 3 }, inputs: [[null, 10, 4]] },
  { config: { filters: 2, kernelSize: [3], strides: 2, padding: 'same' }, inputs: [[null, 11, 4]] },
  { config: { filters: 3, kernelSize: 2, dilationRate: 3, useBias: false }, inputs: [[null, 12, 2]] },
  { config: { filters: 2, kernelSize: 3, dataFormat: 'channelsFirst' }, inputs: [[null, 4, 10]] },
  { config: { filters: 2, kernelSize: 3 }, inputs: [[null, null, 4]] },
  { name: 'causal padding (TF.js throws when run)', config: { filters: 2, kernelSize: 3, padding: 'causal' }, inputs: [[null, 10, 4]] },
  { name: 'kernel longer than steps', config: { filters: 2, kernelSize: 5 }, inputs: [[null, 4, 4]] },
  { name: 'kernelSize of length 2', config: { filters: 2, kernelSize: [3, 3] }, inputs: [[null, 10, 4]] },
  { name: 'kernel longer than steps, by less than the stride: 0 steps', config: { filters: 2, kernelSize: 5, strides: 2 }, inputs: [[null, 4, 4]] },
  // tf.conv1d asserts its stride and dilation are positive; a fraction it takes.
  { name: 'strides 0.5', config: { filters: 2, kernelSize: 3, strides: 0.5 }, inputs: [[null, 8, 3]] },
  { name: 'strides 0', config: { filters: 2, kernelSize: 3, strides: 0 }, inputs: [[null, 8, 3]] },
  { name: 'strides NaN', config: { filters: 2, kernelSize: 3, strides: NaN }, inputs: [[null, 8, 3]] },
  { name: 'dilationRate -2', config: { filters: 2, kernelSize: 3, dilationRate: -2 }, inputs: [[null, 8, 3]] },
  { name: 'dilationRate 1.5', config: { filters: 2, kernelSize: 3, dilationRate: 1.5 }, inputs: [[null, 8, 3]] },
  { name: 'dilationRate 0, same', config: { filters: 2, kernelSize: 3, dilationRate: 0, padding: 'same' }, inputs: [[null, 8, 3]] },
]);

oracleTable('Conv3D', 'conv3d', [
  { config: { filters: 2, kernelSize: 2 }, inputs: [[null, 4, 5, 6, 2]] },
  { config: { filters: 2, kernelSize: [1, 2, 3], strides: 2, padding: 'same' }, inputs: [[null, 5, 5, 5, 1]] },
  { config: { filters: 2, kernelSize: 2, dataFormat: 'channelsFirst', useBias: false }, inputs: [[null, 2, 4, 4, 4]] },
  { name: 'rank 4 input', config: { filters: 2, kernelSize: 2 }, inputs: [[null, 4, 4, 2]] },
  { name: 'strides 0.5', config: { filters: 2, kernelSize: 3, strides: 0.5 }, inputs: [[null, 6, 6, 6, 1]] },
  { name: 'strides Infinity', config: { filters: 2, kernelSize: 3, strides: Infinity }, inputs: [[null, 6, 6, 6, 1]] },
  { name: 'dilationRate -1', config: { filters: 2, kernelSize: 3, dilationRate: -1 }, inputs: [[null, 6, 6, 6, 1]] },
  { name: 'dilationRate 1.5', config: { filters: 2, kernelSize: 3, dilationRate: 1.5 }, inputs: [[null, 6, 6, 6, 1]] },
]);

oracleTable('Conv2DTranspose', 'conv2dTranspose', [
  { config: { filters: 2, kernelSize: 3 }, inputs: [[null, 4, 4, 3]] },
  { config: { filters: 2, kernelSize: 3, strides: 2, padding: 'same' }, inputs: [[null, 4, 5, 3]] },
  { config: { filters: 2, kernelSize: 2, strides: 3 }, inputs: [[null, 4, 4, 1]] },
  { config: { filters: 2, kernelSize: 5, strides: 2 }, inputs: [[null, 3, 3, 1]] },
  { name: 'dilation ignored in shape', config: { filters: 2, kernelSize: 3, dilationRate: 2 }, inputs: [[null, 3, 3, 1]] },
  { config: { filters: 2, kernelSize: 3, dataFormat: 'channelsFirst', useBias: false }, inputs: [[null, 3, 4, 4]] },
  { name: 'causal padding', config: { filters: 2, kernelSize: 3, padding: 'causal' }, inputs: [[null, 4, 4, 1]] },
  { name: 'strides 0.5 (a fractional size)', config: { filters: 2, kernelSize: 3, strides: 0.5 }, inputs: [[null, 8, 8, 3]] },
  { name: 'strides 1.5, same', config: { filters: 2, kernelSize: 3, strides: 1.5, padding: 'same' }, inputs: [[null, 8, 8, 3]] },
  { name: 'strides -1 (a negative size)', config: { filters: 2, kernelSize: 3, strides: -1 }, inputs: [[null, 8, 8, 3]] },
  { name: 'dilationRate -2 (ignored)', config: { filters: 2, kernelSize: 3, dilationRate: -2 }, inputs: [[null, 8, 8, 3]] },
  { name: 'dilationRate NaN (ignored)', config: { filters: 2, kernelSize: 3, dilationRate: NaN, padding: 'same' }, inputs: [[null, 8, 8, 3]] },
]);

oracleTable('Conv3DTranspose', 'conv3dTranspose', [
  { config: { filters: 2, kernelSize: 2, strides: 2 }, inputs: [[null, 2, 3, 2, 2]] },
  { config: { filters: 1, kernelSize: 3, padding: 'same', dataFormat: 'channelsFirst' }, inputs: [[null, 2, 3, 3, 3]] },
]);

oracleTable('SeparableConv2D', 'separableConv2d', [
  { config: { filters: 4, kernelSize: 3 }, inputs: [[null, 8, 8, 3]] },
  { config: { filters: 4, kernelSize: 3, depthMultiplier: 2, dilationRate: 2 }, inputs: [[null, 9, 9, 3]] },
  { config: { filters: 4, kernelSize: 3, strides: 2, padding: 'same', useBias: false }, inputs: [[null, 9, 9, 3]] },
  { config: { filters: 4, kernelSize: 3, dataFormat: 'channelsFirst' }, inputs: [[null, 3, 6, 6]] },
  { name: 'kernel larger than input', config: { filters: 4, kernelSize: 5 }, inputs: [[null, 4, 4, 3]] },
  { name: 'causal padding', config: { filters: 4, kernelSize: 3, padding: 'causal' }, inputs: [[null, 6, 6, 3]] },
  { name: 'strides -Infinity', config: { filters: 4, kernelSize: 3, strides: -Infinity }, inputs: [[null, 8, 8, 3]] },
  { name: 'dilationRate -1', config: { filters: 4, kernelSize: 3, dilationRate: -1 }, inputs: [[null, 8, 8, 3]] },
  { name: 'dilationRate 1.5, same', config: { filters: 4, kernelSize: 3, dilationRate: 1.5, padding: 'same' }, inputs: [[null, 8, 8, 3]] },
]);

oracleTable('DepthwiseConv2D', 'depthwiseConv2d', [
  { config: { kernelSize: 3 }, inputs: [[null, 8, 8, 3]] },
  { config: { kernelSize: 3, depthMultiplier: 2, strides: 2, padding: 'same' }, inputs: [[null, 9, 9, 3]] },
  { name: 'dilation ignored (TF.js)', config: { kernelSize: 3, dilationRate: 2 }, inputs: [[null, 9, 9, 2]] },
  { config: { kernelSize: [3, 1], useBias: false, dataFormat: 'channelsFirst' }, inputs: [[null, 2, 6, 6]] },
  { name: 'causal runs like valid', config: { kernelSize: 3, padding: 'causal' }, inputs: [[null, 5, 5, 1]] },
  { name: 'kernel larger than input', config: { kernelSize: 4 }, inputs: [[null, 3, 3, 1]] },
  { name: 'kernel larger than input, by less than the stride: 0×0', config: { kernelSize: 4, strides: 2 }, inputs: [[null, 3, 3, 1]] },
  { name: 'strides 1.5', config: { kernelSize: 3, strides: 1.5 }, inputs: [[null, 8, 8, 3]] },
  { name: 'dilationRate -2 (ignored)', config: { kernelSize: 3, dilationRate: -2 }, inputs: [[null, 8, 8, 3]] },
  { name: 'dilationRate Infinity (ignored)', config: { kernelSize: 3, dilationRate: Infinity }, inputs: [[null, 8, 8, 3]] },
]);
