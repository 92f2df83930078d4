import { PREPROCESSING_CASES } from './cases/preprocessing';
import { kerasOracleTable } from './harness';

kerasOracleTable('preprocessing layers', PREPROCESSING_CASES);
