import { oracleTable } from './harness';

oracleTable('GaussianNoise', 'gaussianNoise', [
  { config: { stddev: 0.1 }, inputs: [[null, 10]] },
  { config: { stddev: 1 }, inputs: [[null, 4, 4, 3]] },
]);
oracleTable('GaussianDropout', 'gaussianDropout', [
  { config: { rate: 0.2 }, inputs: [[null, 10]] },
  { config: { rate: 0.5 }, inputs: [[null, 3, 5]] },
]);
oracleTable('AlphaDropout', 'alphaDropout', [
  { config: { rate: 0.2 }, inputs: [[null, 10]] },
  { config: { rate: 0.1 }, inputs: [[null, 3, 5]] },
]);
