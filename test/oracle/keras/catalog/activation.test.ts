import { ACTIVATION_CASES } from './cases/activation';
import { kerasOracleTable } from './harness';

kerasOracleTable('activation and noise layers', ACTIVATION_CASES);
