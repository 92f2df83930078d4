import { ATTENTION_CASES } from './cases/attention';
import { kerasOracleTable } from './harness';

kerasOracleTable('attention layers', ATTENTION_CASES);
