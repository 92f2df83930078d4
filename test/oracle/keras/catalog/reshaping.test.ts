import { RESHAPING_CASES } from './cases/reshaping';
import { kerasOracleTable } from './harness';

kerasOracleTable('reshaping layers', RESHAPING_CASES);
