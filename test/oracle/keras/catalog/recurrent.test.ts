import { RECURRENT_CASES } from './cases/recurrent';
import { kerasOracleTable } from './harness';

kerasOracleTable('recurrent layers and wrappers', RECURRENT_CASES);
