import { MERGE_CASES } from './cases/merge';
import { kerasOracleTable } from './harness';

kerasOracleTable('merge layers', MERGE_CASES);
