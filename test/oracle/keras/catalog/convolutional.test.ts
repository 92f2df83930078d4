import { CONVOLUTIONAL_CASES } from './cases/convolutional';
import { kerasOracleTable } from './harness';

kerasOracleTable('convolution layers', CONVOLUTIONAL_CASES);
