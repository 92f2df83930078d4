import { oracleTable, type OracleCase } from './harness';

const pool2d: OracleCase[] = [
  { config: {}, inputs: [[null, 8, 8, 3]] },
  { config: { poolSize: 3 }, inputs: [[null, 10, 7, 2]] },
  { config: { poolSize: [2, 3], strides: 1 }, inputs: [[null, 6, 6, 1]] },
  { config: { poolSize: 3, strides: 2, padding: 'same' }, inputs: [[null, 7, 8, 2]] },
  { config: { poolSize: 2, dataFormat: 'channelsFirst' }, inputs: [[null, 3, 6, 5]] },
  { config: { poolSize: 2 }, inputs: [[null, null, 6, 1]] },
  { name: 'causal behaves like valid', config: { poolSize: 2, padding: 'causal' }, inputs: [[null, 6, 6, 1]] },
  { name: 'pool window larger than input', config: { poolSize: 5 }, inputs: [[null, 3, 3, 1]] },
  { name: 'rank 3 input', config: {}, inputs: [[null, 8, 8]] },
  { name: 'poolSize 0', config: { poolSize: 0 }, inputs: [[null, 4, 4, 1]] },
  { name: 'a 1×1 map halved: 0×0', config: { poolSize: 2 }, inputs: [[null, 1, 1, 4]] },
  { name: 'pool window larger than input, stride 1: a negative size', config: { poolSize: 8, strides: 1 }, inputs: [[null, 6, 6, 1]] },
  { name: 'zero channels', config: {}, inputs: [[null, 8, 8, 0]] },
  { name: 'an empty map stays empty', config: { poolSize: 2, padding: 'same' }, inputs: [[null, 0, 4, 2]] },
  { name: 'poolSize with 3 entries (TF.js reads the first 2)', config: { poolSize: [2, 2, 2] }, inputs: [[null, 8, 8, 3]] },
  { name: 'poolSize with 4 entries and strides', config: { poolSize: [3, 3, 3, 3], strides: [1, 1] }, inputs: [[null, 8, 8, 3]] },
  { name: 'poolSize with 3 entries, one not positive', config: { poolSize: [2, 2, 0] }, inputs: [[null, 8, 8, 3]] },
  { name: 'poolSize with 1 entry, strides given, same', config: { poolSize: [2], strides: [2, 2], padding: 'same' }, inputs: [[null, 8, 8, 3]] },
  { name: 'poolSize with 1 entry (NaN columns, throws when run)', config: { poolSize: [2] }, inputs: [[null, 8, 8, 3]] },
  { name: 'strides with 3 entries', config: { poolSize: 2, strides: [2, 2, 2] }, inputs: [[null, 8, 8, 3]] },
  { name: 'strides 0.5', config: { poolSize: 2, strides: 0.5 }, inputs: [[null, 8, 8, 3]] },
];
oracleTable('MaxPooling2D', 'maxPooling2d', pool2d);
oracleTable('MaxPooling2D', 'maxPool2d', pool2d.slice(0, 2));
oracleTable('AveragePooling2D', 'averagePooling2d', pool2d);
oracleTable('AveragePooling2D', 'avgPool2d', pool2d.slice(0, 2));
oracleTable('AveragePooling2D', 'avgPooling2d', pool2d.slice(0, 2));

const pool1d: OracleCase[] = [
  { config: {}, inputs: [[null, 9, 3]] },
  { config: { poolSize: 3, strides: 1 }, inputs: [[null, 9, 3]] },
  { config: { poolSize: [3], strides: [2], padding: 'same' }, inputs: [[null, 9, 2]] },
  { name: 'pool window longer than steps', config: { poolSize: 4 }, inputs: [[null, 3, 2]] },
  { name: 'pool window longer than steps, stride 1: a negative size', config: { poolSize: 4, strides: 1 }, inputs: [[null, 2, 2]] },
  { name: 'poolSize with 2 entries', config: { poolSize: [2, 2] }, inputs: [[null, 8, 2]] },
  { name: 'rank 4 input', config: {}, inputs: [[null, 4, 4, 2]] },
];
oracleTable('MaxPooling1D', 'maxPooling1d', pool1d);
oracleTable('MaxPooling1D', 'maxPool1d', pool1d.slice(0, 1));
oracleTable('AveragePooling1D', 'averagePooling1d', pool1d);
oracleTable('AveragePooling1D', 'avgPool1d', pool1d.slice(0, 1));
oracleTable('AveragePooling1D', 'avgPooling1d', pool1d.slice(0, 1));

const pool3d: OracleCase[] = [
  { config: {}, inputs: [[null, 4, 6, 6, 2]] },
  { config: { poolSize: [1, 2, 3], strides: 1, padding: 'same' }, inputs: [[null, 3, 4, 5, 1]] },
  { config: { poolSize: 2, dataFormat: 'channelsFirst' }, inputs: [[null, 2, 4, 4, 4]] },
  { name: 'pool window larger than input', config: { poolSize: 3 }, inputs: [[null, 2, 4, 4, 1]] },
  { name: 'poolSize with 4 entries', config: { poolSize: [2, 2, 2, 5] }, inputs: [[null, 4, 6, 6, 2]] },
  { name: 'poolSize with 2 entries, valid (NaN in the declared shape, 0 when run)', config: { poolSize: [2, 2] }, inputs: [[null, 6, 6, 6, 1]] },
  { name: 'poolSize with 2 entries, same (throws when run)', config: { poolSize: [2, 2], padding: 'same' }, inputs: [[null, 6, 6, 6, 1]] },
];
oracleTable('MaxPooling3D', 'maxPooling3d', pool3d);
oracleTable('AveragePooling3D', 'averagePooling3d', pool3d);
oracleTable('AveragePooling3D', 'avgPool3d', pool3d.slice(0, 1));
oracleTable('AveragePooling3D', 'avgPooling3d', pool3d.slice(0, 1));

const global1d: OracleCase[] = [
  { config: {}, inputs: [[null, 7, 3]] },
  { config: {}, inputs: [[null, null, 5]] },
  { name: 'rank 4 input', config: {}, inputs: [[null, 4, 4, 2]] },
];
const global2d: OracleCase[] = [
  { config: {}, inputs: [[null, 7, 7, 3]] },
  { config: { dataFormat: 'channelsFirst' }, inputs: [[null, 3, 5, 5]] },
  { name: 'rank 3 input', config: {}, inputs: [[null, 7, 3]] },
];
oracleTable('GlobalMaxPooling1D', 'globalMaxPooling1d', global1d);
oracleTable('GlobalMaxPooling1D', 'globalMaxPool1d', global1d.slice(0, 1));
oracleTable('GlobalAveragePooling1D', 'globalAveragePooling1d', global1d);
oracleTable('GlobalMaxPooling2D', 'globalMaxPooling2d', global2d);
oracleTable('GlobalMaxPooling2D', 'globalMaxPool2d', global2d.slice(0, 1));
oracleTable('GlobalAveragePooling2D', 'globalAveragePooling2d', global2d);
