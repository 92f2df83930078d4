import { POOLING_CASES } from './cases/pooling';
import { kerasOracleTable } from './harness';

kerasOracleTable('pooling layers', POOLING_CASES);
