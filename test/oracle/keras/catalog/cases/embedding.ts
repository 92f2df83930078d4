// Keras Embedding (survey §2.9): input_length is ignored; any input rank; int checks.
import type { Dim } from '../../../../../src/core/types';
import type { KCase } from '../harness';
import { ctor, draws } from './random';

const x = (...dims: Dim[]): Dim[] => [null, ...dims];
const ints = (...dims: Dim[]): { shape: Dim[]; dtype: string } => ({ shape: x(...dims), dtype: 'int32' });

const HAND: readonly KCase[] = [
  { layer: 'layers.Embedding(100, 8)', inputs: [ints(5)] },
  { layer: 'layers.Embedding(100, 8, input_length=10)', inputs: [ints(5)] },
  { layer: 'layers.Embedding(100.0, 8)', inputs: [ints(5)] },
  { layer: 'layers.Embedding(100, 0)', inputs: [ints(5)] },
  { layer: 'layers.Embedding(100, 8, mask_zero=True)', inputs: [ints(null)] },
  { layer: 'layers.Embedding(10, 4)', inputs: [ints()] },
  { layer: 'layers.Embedding(10, 4)', inputs: [ints(2, 3)] },
  { layer: 'layers.Embedding(10, 4, lora_rank=2)', inputs: [ints(3)] },
  { layer: 'layers.Embedding(10, 4)', inputs: [x(3)] },
  { layer: 'layers.Embedding(input_dim=10, output_dim=4, embeddings_initializer="zeros")', inputs: [ints(3)] },
];

const d = draws(20250609);

export const RANDOM_EMBEDDING = 10;
export const EMBEDDING_CASES: readonly KCase[] = [
  ...HAND,
  ...Array.from({ length: RANDOM_EMBEDDING }, (): KCase => ({
    layer: ctor('Embedding', [d.int(1, 50), d.int(1, 9)], { input_length: d.chance(0.3) ? d.int(1, 6) : undefined }),
    inputs: [ints(...Array.from({ length: d.int(0, 2) }, () => (d.chance(0.2) ? null : d.int(1, 6))))],
  })),
];
