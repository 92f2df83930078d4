import { oracleTable, type OracleCase } from './harness';

function table(extra: OracleCase[] = []): OracleCase[] {
  return [
    { config: { units: 4 }, inputs: [[null, 5, 3]] },
    { config: { units: 4, returnSequences: true }, inputs: [[null, 5, 3]] },
    { config: { units: 3, useBias: false }, inputs: [[null, 6, 2]] },
    { config: { units: 2, returnState: true }, inputs: [[null, 4, 3]] },
    { config: { units: 2, returnSequences: true, returnState: true }, inputs: [[null, 4, 3]] },
    { config: { units: 2 }, inputs: [[null, null, 3]] },
    { config: { units: 2, goBackwards: true }, inputs: [[2, 4, 3]] },
    { name: 'rank 2 input', config: { units: 2 }, inputs: [[null, 4]] },
    { name: 'units 0', config: { units: 0 }, inputs: [[null, 4, 3]] },
    ...extra,
  ];
}

oracleTable('SimpleRNN', 'simpleRNN', table());
oracleTable('LSTM', 'lstm', table([{ config: { units: 3, unitForgetBias: true }, inputs: [[null, 4, 2]] }]));
oracleTable('GRU', 'gru', table([{ name: 'resetAfter: true (TF.js throws)', config: { units: 3, resetAfter: true }, inputs: [[null, 4, 2]] }]));
