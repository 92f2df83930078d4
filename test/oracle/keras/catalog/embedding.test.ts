import { EMBEDDING_CASES } from './cases/embedding';
import { kerasOracleTable } from './harness';

kerasOracleTable('Embedding', EMBEDDING_CASES);
