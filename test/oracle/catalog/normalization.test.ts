import { oracleTable } from './harness';

oracleTable('BatchNormalization', 'batchNormalization', [
  { config: {}, inputs: [[null, 64]] },
  { config: {}, inputs: [[null, 8, 8, 16]] },
  { config: { axis: 1 }, inputs: [[null, 3, 8, 8]] },
  { config: { center: false }, inputs: [[null, 5, 5, 4]] },
  { config: { scale: false }, inputs: [[null, 5, 5, 4]] },
  { config: { center: false, scale: false }, inputs: [[null, 7]] },
  { config: { axis: -2 }, inputs: [[null, 6, 3]] },
  { name: 'axis outside the input', config: { axis: 4 }, inputs: [[null, 6, 3]] },
]);

oracleTable('LayerNormalization', 'layerNormalization', [
  { config: {}, inputs: [[null, 32]] },
  { config: {}, inputs: [[null, 10, 16]] },
  { config: { axis: [1, 2] }, inputs: [[null, 4, 5, 3]] },
  { config: { axis: 1, center: false }, inputs: [[null, 4, 5]] },
  { config: { scale: false }, inputs: [[null, 6]] },
  { name: 'axis outside the input', config: { axis: 3 }, inputs: [[null, 4, 5]] },
]);
