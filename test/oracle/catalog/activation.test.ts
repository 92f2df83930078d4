import { oracleTable, type OracleCase } from './harness';

const shapes: OracleCase[] = [
  { config: {}, inputs: [[null, 10]] },
  { config: {}, inputs: [[null, 4, 4, 3]] },
];
oracleTable('ReLU', 'reLU', [...shapes, { config: { maxValue: 6 }, inputs: [[null, 5]] }]);
oracleTable('LeakyReLU', 'leakyReLU', [...shapes, { config: { alpha: 0.1 }, inputs: [[null, 5]] }]);
oracleTable('ELU', 'elu', [...shapes, { config: { alpha: 1 }, inputs: [[null, 5]] }, { name: 'alpha 0.5 (TF.js throws)', config: { alpha: 0.5 }, inputs: [[null, 5]] }]);
oracleTable('ThresholdedReLU', 'thresholdedReLU', [...shapes, { config: { theta: 0.5 }, inputs: [[null, 5]] }]);
oracleTable('Softmax', 'softmax', [
  { config: {}, inputs: [[null, 10]] },
  { config: { axis: -1 }, inputs: [[null, 4, 4, 3]] },
  { config: { axis: 2 }, inputs: [[null, 5, 2]] },
  { name: 'default axis 1 on a 3D input (TF.js throws when run)', config: {}, inputs: [[null, 5, 2]] },
  { name: 'axis 1 on a 4D input', config: { axis: 1 }, inputs: [[null, 4, 4, 3]] },
]);
oracleTable('PReLU', 'prelu', [
  { config: {}, inputs: [[null, 10]] },
  { config: {}, inputs: [[null, 4, 5, 3]] },
  { config: { sharedAxes: [1, 2] }, inputs: [[null, 4, 5, 3]] },
  { config: { sharedAxes: 1 }, inputs: [[null, 6, 2]] },
]);
