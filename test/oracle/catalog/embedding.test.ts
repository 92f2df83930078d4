import { oracleTable } from './harness';

oracleTable('Embedding', 'embedding', [
  { config: { inputDim: 100, outputDim: 8 }, inputs: [[null, 10]] },
  { config: { inputDim: 100, outputDim: 8 }, inputs: [[null, null]] },
  { config: { inputDim: 50, outputDim: 4 }, inputs: [[null, 5, 6]] },
  { config: { inputDim: 50, outputDim: 4, inputLength: 7 }, inputs: [[null, 7]] },
  { config: { inputDim: 50, outputDim: 4, inputLength: [5, 6] }, inputs: [[null, 5, 6]] },
  { name: 'inputLength disagrees with the input', config: { inputDim: 50, outputDim: 4, inputLength: 8 }, inputs: [[null, 7]] },
  { name: 'inputDim 0', config: { inputDim: 0, outputDim: 4 }, inputs: [[null, 7]] },
]);
