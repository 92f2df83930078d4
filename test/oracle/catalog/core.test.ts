import { oracleTable } from './harness';

oracleTable('Dense', 'dense', [
  { config: { units: 1 }, inputs: [[null, 128]] },
  { config: { units: 10, useBias: false }, inputs: [[null, 64]] },
  { name: 'acts on the last axis only', config: { units: 4 }, inputs: [[null, 3, 5, 7]] },
  { config: { units: 3, activation: 'relu' }, inputs: [[8, 2]] },
  { name: 'rank 1 input', config: { units: 3 }, inputs: [[null]] },
  { name: 'units 0', config: { units: 0 }, inputs: [[null, 4]] },
  { name: 'units 2.5', config: { units: 2.5 }, inputs: [[null, 4]] },
]);

oracleTable('Flatten', 'flatten', [
  { config: {}, inputs: [[null, 4, 5, 3]] },
  { config: {}, inputs: [[null, 6, 2]] },
  { config: { dataFormat: 'channelsFirst' }, inputs: [[null, 3, 4, 4]] },
  { name: 'already flat', config: {}, inputs: [[null, 5]] },
]);

oracleTable('Dropout', 'dropout', [
  { config: { rate: 0.5 }, inputs: [[null, 10]] },
  { config: { rate: 0.2 }, inputs: [[null, 3, 4, 5]] },
]);

oracleTable('SpatialDropout1D', 'spatialDropout1d', [
  { config: { rate: 0.3 }, inputs: [[null, 6, 4]] },
  { name: 'rank 2 input', config: { rate: 0.3 }, inputs: [[null, 6]] },
]);

oracleTable('Activation', 'activation', [
  { config: { activation: 'relu' }, inputs: [[null, 10]] },
  { config: { activation: 'softmax' }, inputs: [[null, 3, 4]] },
]);

oracleTable('Masking', 'masking', [
  { config: {}, inputs: [[null, 5, 3]] },
  { config: { maskValue: -1 }, inputs: [[null, 5, 3]] },
]);
