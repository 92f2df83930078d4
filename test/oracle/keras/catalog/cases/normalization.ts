// Keras normalization layers (survey §2.3): BatchNormalization (renorm), LayerNormalization,
// GroupNormalization, UnitNormalization, RMSNormalization, with seeded random configs.
import type { Dim } from '../../../../../src/core/types';
import type { KCase } from '../harness';
import { ctor, draws, type Py } from './random';

const x = (...dims: Dim[]): Dim[] => [null, ...dims];

const HAND: readonly KCase[] = [
  { layer: 'layers.BatchNormalization()', inputs: [x(4)] },
  { layer: 'layers.BatchNormalization(renorm=True)', inputs: [x(4)] },
  { layer: 'layers.BatchNormalization(renorm=True, center=False)', inputs: [x(6, 6, 3)] },
  { layer: 'layers.BatchNormalization(axis=[1, 2])', inputs: [x(6, 6, 3)] },
  { layer: 'layers.BatchNormalization(axis=5)', inputs: [x(6, 6, 3)] },
  { layer: 'layers.BatchNormalization(axis=1, scale=False)', inputs: [x(3, 6, 6)] },
  { layer: 'layers.BatchNormalization(momentum=0.9, epsilon=1e-5)', inputs: [x(5, 2)] },
  { layer: 'layers.LayerNormalization()', inputs: [x(5, 4)] },
  { layer: 'layers.LayerNormalization(axis=[1, 2])', inputs: [x(5, 4)] },
  { layer: 'layers.LayerNormalization(axis=-2, center=False)', inputs: [x(5, 4)] },
  { layer: 'layers.LayerNormalization(rms_scaling=True)', inputs: [x(5, 4)] },
  { layer: 'layers.LayerNormalization(axis=3)', inputs: [x(5, 4)] },
  { layer: 'layers.LayerNormalization(axis=(1, 1))', inputs: [x(5, 4)] },
  { layer: 'layers.GroupNormalization()', inputs: [x(4, 4, 64)] },
  { layer: 'layers.GroupNormalization(groups=4)', inputs: [x(4, 4, 8)] },
  { layer: 'layers.GroupNormalization(groups=3)', inputs: [x(4, 4, 8)] },
  { layer: 'layers.GroupNormalization(groups=16)', inputs: [x(4, 4, 8)] },
  { layer: 'layers.GroupNormalization(groups=-1, scale=False)', inputs: [x(5, 6)] },
  { layer: 'layers.GroupNormalization(groups=0)', inputs: [x(5, 6)] },
  { layer: 'layers.GroupNormalization(2, axis=1)', inputs: [x(4, 5, 5)] },
  { layer: 'layers.GroupNormalization(2, axis=[1])', inputs: [x(4, 5, 5)] },
  { layer: 'layers.UnitNormalization()', inputs: [x(5, 4)] },
  { layer: 'layers.UnitNormalization(axis=[1, 2])', inputs: [x(5, 4)] },
  { layer: 'layers.UnitNormalization(axis=4)', inputs: [x(5, 4)] },
  { layer: "layers.UnitNormalization(axis='x')", inputs: [x(5, 4)] },
  { layer: 'layers.RMSNormalization()', inputs: [x(5, 4)] },
  { layer: 'layers.RMSNormalization(axis=(1, 2))', inputs: [x(5, 4)] },
  { layer: 'layers.RMSNormalization(axis=3)', inputs: [x(5, 4)] },
];

const d = draws(20250605);

/**
 * An axis of a rank-(rank + 1) input other than the batch axis (normalising the batch axis
 * needs its size, which keras.Input leaves None, and our null cannot tell None from unknown),
 * or one just out of range.
 */
function axisOf(rank: number): number {
  return d.pick([...Array.from({ length: rank }, (_, i) => i + 1), ...Array.from({ length: rank }, (_, i) => -i - 1), rank + 1, -rank - 2]);
}

function randomBatchNorm(): KCase {
  const rank = d.int(1, 4);
  const dims = Array.from({ length: rank }, () => d.int(1, 6));
  const keywords = {
    axis: d.chance(0.5) ? axisOf(rank) : undefined,
    center: d.chance(0.3) ? d.chance(0.5) : undefined,
    scale: d.chance(0.3) ? d.chance(0.5) : undefined,
    renorm: d.chance(0.3) ? true : undefined,
  };
  return { layer: ctor('BatchNormalization', [], keywords), inputs: [x(...dims)] };
}

function randomLayerNorm(): KCase {
  const rank = d.int(1, 3);
  const dims = Array.from({ length: rank }, () => d.int(1, 6));
  const axis: Py | undefined = d.chance(0.5) ? axisOf(rank) : d.chance(0.5) ? Array.from({ length: d.int(1, rank) }, (_, i) => i + 1) : undefined;
  return { layer: ctor('LayerNormalization', [], { axis, center: d.chance(0.3) ? false : undefined, scale: d.chance(0.3) ? false : undefined }), inputs: [x(...dims)] };
}

function randomGroupNorm(): KCase {
  const channels = d.pick([2, 4, 6, 8, 12]);
  return { layer: ctor('GroupNormalization', [d.pick([1, 2, 3, 4, -1, 8])], { center: d.chance(0.3) ? false : undefined }), inputs: [x(d.int(1, 4), channels)] };
}

export const RANDOM_BATCHNORM = 20;
export const RANDOM_LAYERNORM = 16;
export const RANDOM_GROUPNORM = 12;
export const NORMALIZATION_CASES: readonly KCase[] = [
  ...HAND,
  ...Array.from({ length: RANDOM_BATCHNORM }, randomBatchNorm),
  ...Array.from({ length: RANDOM_LAYERNORM }, randomLayerNorm),
  ...Array.from({ length: RANDOM_GROUPNORM }, randomGroupNorm),
];
