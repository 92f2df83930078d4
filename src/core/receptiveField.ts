// Receptive field and jump along conv/pool chains, the way receptive-field calculators report
// them: for a window of effective extent k and stride s applied to a field (r, j):
//   r' = r + (k - 1)·j,  j' = j·s.
// Up-sampling layers divide the jump instead. Only spatial axes are tracked; a layer that changes
// the rank (Flatten, global pooling) ends the chain.
import type { LayerInference, MaybeShape, ReceptiveField } from './types';

/** A model input: every output pixel sees one input pixel. Rank < 3 has no spatial axes. */
export function inputReceptiveField(shape: MaybeShape): ReceptiveField | null {
  if (!shape || shape.length < 3) return null;
  const axes = shape.length - 2;
  return { size: new Array<number>(axes).fill(1), jump: new Array<number>(axes).fill(1) };
}

export function receptiveFieldAfter(
  inputFields: readonly (ReceptiveField | null)[],
  inputShapes: readonly MaybeShape[],
  inference: LayerInference,
): ReceptiveField | null {
  const first = inputFields[0] ?? null;
  const window = inference.window;
  if (window) {
    if (!first || first.size.length !== window.kernel.length) return null;
    if (window.mode === 'upsample') {
      const jump = first.jump.map((j, i) => j / window.stride[i]);
      return { size: first.size.map((r, i) => r + (window.kernel[i] - 1) * jump[i]), jump };
    }
    return {
      size: first.size.map((r, i) => r + (window.kernel[i] - 1) * first.jump[i]),
      jump: first.jump.map((j, i) => j * window.stride[i]),
    };
  }
  // Element-wise layers and merges keep the spatial layout: the field is the widest input's.
  const out = inference.outputShape;
  if (!out || inputFields.length === 0) return null;
  if (inputShapes.some((s) => !s || s.length !== out.length)) return null;
  if (inputFields.some((f) => !f || f.size.length !== first?.size.length)) return null;
  const fields = inputFields as readonly ReceptiveField[];
  return {
    size: fields[0].size.map((_, i) => Math.max(...fields.map((f) => f.size[i]))),
    jump: fields[0].jump.map((_, i) => Math.max(...fields.map((f) => f.jump[i]))),
  };
}
