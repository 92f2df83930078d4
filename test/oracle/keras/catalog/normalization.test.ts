import { NORMALIZATION_CASES } from './cases/normalization';
import { kerasOracleTable } from './harness';

kerasOracleTable('normalization layers', NORMALIZATION_CASES);
