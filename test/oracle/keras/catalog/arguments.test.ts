import { ARGUMENT_CASES } from './cases/arguments';
import { kerasOracleTable } from './harness';

kerasOracleTable('constructor arguments (floats, keywords, activations)', ARGUMENT_CASES);
