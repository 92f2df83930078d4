// Every Keras class name and alias the catalog registers is exercised by some oracle case, and
// every name a case exercises is registered: the tables and the catalog cannot drift apart.
import { strict as assert } from 'node:assert';
import { kerasLayerNames } from '../../../../src/core/catalog';
import { ACTIVATION_CASES } from './cases/activation';
import { ARGUMENT_CASES } from './cases/arguments';
import { ATTENTION_CASES } from './cases/attention';
import { CONVOLUTIONAL_CASES } from './cases/convolutional';
import { CORE_CASES } from './cases/core';
import { EMBEDDING_CASES } from './cases/embedding';
import { INPUT_LAYER_CASES } from './cases/input';
import { MERGE_CASES } from './cases/merge';
import { NORMALIZATION_CASES } from './cases/normalization';
import { POOLING_CASES } from './cases/pooling';
import { PREPROCESSING_CASES } from './cases/preprocessing';
import { RECURRENT_CASES } from './cases/recurrent';
import { RESHAPING_CASES } from './cases/reshaping';
import { kerasNamesOf, type KCase } from './harness';

const TABLES: Readonly<Record<string, readonly KCase[]>> = {
  activation: ACTIVATION_CASES,
  arguments: ARGUMENT_CASES,
  attention: ATTENTION_CASES,
  convolutional: CONVOLUTIONAL_CASES,
  core: CORE_CASES,
  embedding: EMBEDDING_CASES,
  input: INPUT_LAYER_CASES,
  merge: MERGE_CASES,
  normalization: NORMALIZATION_CASES,
  pooling: POOLING_CASES,
  preprocessing: PREPROCESSING_CASES,
  recurrent: RECURRENT_CASES,
  reshaping: RESHAPING_CASES,
};

describe('Keras oracle: coverage of the catalog', () => {
  const exercised = new Map<string, number>();
  for (const cases of Object.values(TABLES)) for (const c of cases) for (const n of kerasNamesOf(c)) exercised.set(n, (exercised.get(n) ?? 0) + 1);

  it('exercises exactly the Keras names the catalog registers', () => {
    assert.deepEqual([...exercised.keys()].sort(), [...kerasLayerNames()].sort());
  });

  it('has at least 3 cases for every class name (aliases may have fewer)', () => {
    const thin = [...exercised].filter(([name, n]) => n < 3 && !/^(Convolution|SeparableConvolution|MaxPool|AvgPool|GlobalMaxPool|GlobalAvgPool)/.test(name));
    assert.deepEqual(thin, []);
  });
});
