import { CORE_CASES } from './cases/core';
import { kerasOracleTable } from './harness';

kerasOracleTable('core layers', CORE_CASES);
