// Keras attention layers (survey §2.10): MultiHeadAttention (called as mha(query, value, key)),
// Attention and AdditiveAttention (called on [query, value] or [query, value, key]), with
// seeded random configs.
import type { Dim } from '../../../../../src/core/types';
import type { KCase } from '../harness';
import { ctor, draws } from './random';

const x = (...dims: Dim[]): Dim[] => [null, ...dims];

const HAND: readonly KCase[] = [
  { layer: 'layers.MultiHeadAttention(2, 8)', inputs: [x(5, 16), x(7, 16)], call: 'layer(x0, x1)' },
  { layer: 'layers.MultiHeadAttention(2, 8)', inputs: [x(5, 16), x(7, 12)], call: 'layer(x0, x1)' },
  { layer: 'layers.MultiHeadAttention(2, 8, value_dim=4, output_shape=32)', inputs: [x(5, 16), x(7, 16)], call: 'layer(x0, x1)' },
  { layer: 'layers.MultiHeadAttention(2, 8, use_bias=False)', inputs: [x(5, 16), x(7, 16)], call: 'layer(x0, x1)' },
  { layer: 'layers.MultiHeadAttention(2, 8)', inputs: [x(5, 16), x(7, 16), x(7, 10)], call: 'layer(x0, x1, x2)' },
  { layer: 'layers.MultiHeadAttention(2, 8)', inputs: [x(5, 16), x(7, 16), x(6, 10)], call: 'layer(x0, x1, x2)' },
  { layer: 'layers.MultiHeadAttention(4, 4)', inputs: [x(5, 16)], call: 'layer(x, x)' },
  { layer: 'layers.MultiHeadAttention(num_heads=4, key_dim=4)', inputs: [x(5, 16)], call: 'layer(query=x, value=x)' },
  { layer: 'layers.MultiHeadAttention(2, 8, attention_axes=(1, 2))', inputs: [x(4, 4, 16), x(4, 4, 16)], call: 'layer(x0, x1)' },
  { layer: 'layers.MultiHeadAttention(2, 8, output_shape=(4, 5))', inputs: [x(5, 16), x(7, 16)], call: 'layer(x0, x1)' },
  { layer: 'layers.MultiHeadAttention(2, 8, use_gate=True)', inputs: [x(5, 16), x(7, 16)], call: 'layer(x0, x1)' },
  { layer: 'layers.MultiHeadAttention(0, 8)', inputs: [x(5, 16)], call: 'layer(x, x)' },
  { layer: 'layers.MultiHeadAttention(2, 8.0)', inputs: [x(5, 16)], call: 'layer(x, x)' },
  { layer: 'layers.MultiHeadAttention(2)', inputs: [x(5, 16)], call: 'layer(x, x)' },
  { layer: 'layers.MultiHeadAttention(2, 4)', inputs: [x(5, 16)], call: 'layer(x)' },
  { layer: 'layers.MultiHeadAttention(2, 4, value_dim=0)', inputs: [x(5, 16)], call: 'layer(x, x)' },
  { layer: 'layers.Attention()', inputs: [x(5, 4), x(7, 4)] },
  { layer: 'layers.Attention(use_scale=True)', inputs: [x(5, 4), x(7, 6), x(7, 4)] },
  { layer: "layers.Attention(score_mode='concat')", inputs: [x(5, 4), x(7, 4)] },
  { layer: "layers.Attention(True, 'concat')", inputs: [x(5, 4), x(7, 4)] },
  { layer: "layers.Attention(score_mode='add')", inputs: [x(5, 4), x(7, 4)] },
  { layer: 'layers.Attention()', inputs: [x(5, 4), x(7, 3)] },
  { layer: 'layers.Attention()', inputs: [x(5, 4)], call: 'layer([x])' },
  { layer: 'layers.Attention()', inputs: [x(5, 4), x(7, 4)], call: 'layer([x0, x1], return_attention_scores=True)', firstOutputOnly: true },
  { layer: 'layers.AdditiveAttention()', inputs: [x(5, 4), x(7, 4)] },
  { layer: 'layers.AdditiveAttention(use_scale=False)', inputs: [x(5, 4), x(7, 4)] },
  { layer: 'layers.AdditiveAttention()', inputs: [x(5, 4), x(7, 6), x(7, 4)] },
  { layer: 'layers.AdditiveAttention()', inputs: [x(5, 4), x(7, 3)] },
];

const d = draws(20250611);

function randomMha(): KCase {
  const [tq, tv, dq, dv] = [d.int(1, 6), d.int(1, 6), d.pick([4, 6, 8]), d.pick([4, 6, 8])];
  const keyGiven = d.chance(0.3);
  const dk = d.pick([4, 5, 8]);
  const keywords = {
    value_dim: d.chance(0.3) ? d.int(1, 6) : undefined,
    output_shape: d.chance(0.3) ? d.int(1, 9) : undefined,
    use_bias: d.chance(0.3) ? false : undefined,
  };
  const inputs = [x(tq, dq), x(tv, dv), ...(keyGiven ? [x(d.chance(0.9) ? tv : tv + 1, dk)] : [])];
  return { layer: ctor('MultiHeadAttention', [d.int(1, 4), d.int(1, 8)], keywords), inputs, call: keyGiven ? 'layer(x0, x1, x2)' : 'layer(x0, x1)' };
}

function randomAttention(): KCase {
  const cls = d.pick(['Attention', 'AdditiveAttention']);
  const dim = d.int(2, 6);
  const keywords = { use_scale: d.chance(0.5) ? d.chance(0.5) : undefined, score_mode: cls === 'Attention' && d.chance(0.4) ? 'concat' : undefined };
  return { layer: ctor(cls, [], keywords), inputs: [x(d.int(1, 5), dim), x(d.int(1, 5), d.chance(0.8) ? dim : dim + 1)] };
}

export const RANDOM_MHA = 20;
export const RANDOM_ATTENTION = 14;
export const ATTENTION_CASES: readonly KCase[] = [...HAND, ...Array.from({ length: RANDOM_MHA }, randomMha), ...Array.from({ length: RANDOM_ATTENTION }, randomAttention)];
