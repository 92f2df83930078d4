// Keras merge layers (survey §2.7): elementwise merges, Subtract, Concatenate, Dot, with seeded
// random input shapes (broadcasting, mismatches, one input).
import type { Dim } from '../../../../../src/core/types';
import type { KCase } from '../harness';
import { ctor, draws } from './random';

const x = (...dims: Dim[]): Dim[] => [null, ...dims];

const HAND: readonly KCase[] = [
  { layer: 'layers.Add()', inputs: [x(4), x(4)] },
  { layer: 'layers.Add()', inputs: [x(4)] },
  { layer: 'layers.Add()', inputs: [x(1, 3), x(4, 1)] },
  { layer: 'layers.Add()', inputs: [x(2, 3), x(3)] },
  { layer: 'layers.Add()', inputs: [x(3), x(4)] },
  { layer: 'layers.Add()', inputs: [[2, 3], [3, 3]] },
  { layer: 'layers.Multiply()', inputs: [x(4), x(4), x(4)] },
  { layer: 'layers.Multiply()', inputs: [x(2, 1), x(1, 5)] },
  { layer: 'layers.Multiply()', inputs: [x(2, 3), x(2, 4)] },
  { layer: 'layers.Average()', inputs: [x(2, 4), x(2, 4)] },
  { layer: 'layers.Maximum()', inputs: [x(5)] },
  { layer: 'layers.Minimum()', inputs: [x(null, 3), x(6, 3)], run: false },
  { layer: 'layers.Subtract()', inputs: [x(4), x(4)] },
  { layer: 'layers.Subtract()', inputs: [x(4), x(4), x(4)] },
  { layer: 'layers.Subtract()', inputs: [x(4)] },
  { layer: 'layers.Subtract()', inputs: [x(1, 4), x(3, 1)] },
  { layer: 'layers.Concatenate()', inputs: [x(4), x(6)] },
  { layer: 'layers.Concatenate()', inputs: [x(4)] },
  { layer: 'layers.Concatenate(axis=-2)', inputs: [x(3, 3), x(4, 3)] },
  { layer: 'layers.Concatenate(axis=1)', inputs: [x(3, 3), x(4, 3)] },
  { layer: 'layers.Concatenate(axis=-3)', inputs: [x(2, 3, 3), x(5, 3, 3)] },
  { layer: 'layers.Concatenate()', inputs: [x(2, 3), x(3, 3)] },
  { layer: 'layers.Concatenate()', inputs: [x(2, 3), x(3)] },
  { layer: 'layers.Concatenate(axis=3)', inputs: [x(2, 3), x(2, 3)] },
  { layer: 'layers.Concatenate(0)', inputs: [x(2, 3), x(2, 3)] },
  { layer: 'layers.Concatenate()', inputs: [x(null, 3), x(null, 2)] },
  { layer: 'layers.Dot(axes=1)', inputs: [x(4), x(4)] },
  { layer: 'layers.Dot(axes=1, normalize=True)', inputs: [x(4), x(4)] },
  { layer: 'layers.Dot(axes=(2, 2))', inputs: [x(3, 4), x(5, 4)] },
  { layer: 'layers.Dot(axes=[1, 2])', inputs: [x(3, 4), x(5, 3)] },
  { layer: 'layers.Dot(axes=3)', inputs: [x(2, 3, 4), x(2, 3, 4)] },
  { layer: 'layers.Dot(axes=-1)', inputs: [x(2, 3, 4), x(4)] },
  { layer: 'layers.Dot(axes=-5)', inputs: [x(3, 4), x(3, 4)] },
  { layer: 'layers.Dot(axes=4)', inputs: [x(3, 4), x(3, 4)] },
  { layer: 'layers.Dot(axes=(1, -4))', inputs: [x(3, 4), x(3, 4)] },
  { layer: 'layers.Dot(axes=1)', inputs: [x(3), x(4)] },
  { layer: 'layers.Dot(axes=1)', inputs: [x(4), x(4), x(4)] },
  { layer: 'layers.Dot(axes=(1, 2, 3))', inputs: [x(4), x(4)] },
  { layer: "layers.Dot(axes='x')", inputs: [x(4), x(4)] },
];

const d = draws(20250606);
const ELEMENTWISE = ['Add', 'Multiply', 'Average', 'Maximum', 'Minimum', 'Subtract'];

function randomShape(rank: number): Dim[] {
  return Array.from({ length: rank }, () => d.pick([1, 1, 2, 3, 3, 4]));
}

function randomElementwise(): KCase {
  const cls = d.pick(ELEMENTWISE);
  const n = cls === 'Subtract' ? d.pick([2, 2, 2, 1, 3]) : d.int(1, 3);
  const base = randomShape(d.int(1, 3));
  const inputs = Array.from({ length: n }, () => x(...(d.chance(0.5) ? base : randomShape(d.int(1, 3)))));
  return { layer: ctor(cls, []), inputs };
}

function randomConcatenate(): KCase {
  const rank = d.int(1, 3);
  const base = randomShape(rank);
  const axis = d.int(-rank, rank);
  const n = d.int(1, 3);
  const resolved = axis < 0 ? axis + rank + 1 : axis;
  const inputs = Array.from({ length: n }, () => {
    const s = d.chance(0.8) ? [...base] : randomShape(rank);
    if (resolved >= 1 && resolved <= rank) s[resolved - 1] = d.int(1, 5);
    return x(...s);
  });
  return { layer: ctor('Concatenate', d.chance(0.8) ? [axis] : []), inputs };
}

function randomDot(): KCase {
  const r1 = d.int(1, 3);
  const r2 = d.int(1, 3);
  const s1 = randomShape(r1);
  const s2 = randomShape(r2);
  const axes = d.chance(0.5) ? d.int(-3, 3) : [d.int(-r1, r1), d.int(-r2, r2)];
  if (typeof axes === 'number' && axes > 0 && axes <= Math.min(r1, r2)) s2[axes - 1] = s1[axes - 1];
  if (Array.isArray(axes) && axes[0] > 0 && axes[1] > 0) s2[axes[1] - 1] = s1[axes[0] - 1];
  return { layer: ctor('Dot', [axes]), inputs: [x(...s1), x(...s2)] };
}

export const RANDOM_ELEMENTWISE = 24;
export const RANDOM_CONCATENATE = 16;
export const RANDOM_DOT = 16;
// Merge layers take a list, even of one tensor (layer([x]); layer(x) raises in Keras).
export const MERGE_CASES: readonly KCase[] = [
  ...HAND,
  ...Array.from({ length: RANDOM_ELEMENTWISE }, randomElementwise),
  ...Array.from({ length: RANDOM_CONCATENATE }, randomConcatenate),
  ...Array.from({ length: RANDOM_DOT }, randomDot),
].map((c) => (c.inputs.length === 1 && c.call === undefined ? { ...c, call: 'layer([x])' } : c));
