// Block geometry for the diagram, in the manner of classic CNN figures: the front face grows
// with the feature map's height, the oblique depth with its width, the thickness with its
// channel count, all log-scaled so a 224×224×3 input and a 7×7×512 map both fit.
import type { LayerReport } from '../../src/core/report';
import { primaryShape } from './shape';

export interface BlockGeometry {
  /** Front face height (spatial height). */
  readonly face: number;
  /** Front face width (channels). */
  readonly thickness: number;
  /** Oblique offset (spatial width), drawn at 45°. */
  readonly depth: number;
  /** 'map' for H×W×C, 'vector' for flat outputs, 'unknown' when the shape is not known. */
  readonly kind: 'map' | 'sequence' | 'vector' | 'unknown';
}

const log2 = (x: number) => Math.log2(Math.max(1, x));
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

export const spatialSize = (x: number) => clamp(6 + 8 * log2(x), 6, 72);
export const channelSize = (c: number) => clamp(3 + 4.5 * log2(c), 3, 44);

export function blockFor(layer: LayerReport, channelsFirst: boolean): BlockGeometry {
  const s = primaryShape(layer.outputShape);
  const known = (d: number | null | undefined): d is number => typeof d === 'number' && d > 0;
  if (!s) return { face: 28, thickness: 14, depth: 10, kind: 'unknown' };
  if (s.length === 4) {
    const [h, w, c] = channelsFirst ? [s[2], s[3], s[1]] : [s[1], s[2], s[3]];
    if (!known(h) || !known(w) || !known(c)) return { face: 28, thickness: 14, depth: 10, kind: 'unknown' };
    return { face: spatialSize(h), depth: spatialSize(w) * 0.45, thickness: channelSize(c), kind: 'map' };
  }
  if (s.length === 3) {
    const [steps, c] = [s[1], s[2]];
    if (!known(steps) || !known(c)) return { face: 28, thickness: 14, depth: 4, kind: 'unknown' };
    return { face: spatialSize(steps), depth: 4, thickness: channelSize(c), kind: 'sequence' };
  }
  if (s.length === 2 && known(s[1])) return { face: spatialSize(s[1]), depth: 0, thickness: 5, kind: 'vector' };
  return { face: 28, thickness: 14, depth: 10, kind: 'unknown' };
}

/** Width and height the drawn block occupies (front face plus oblique offset). */
export function blockExtent(b: BlockGeometry): { width: number; height: number } {
  const off = b.depth * 0.7;
  return { width: b.thickness + off, height: b.face + off };
}

/** Diagram colour family of a layer class (CSS class suffix). */
export function familyOf(className: string | null): string {
  if (!className) return 'unknown';
  if (className === 'InputLayer') return 'input';
  if (/Conv/.test(className)) return 'conv';
  if (/Pool/.test(className)) return 'pool';
  if (/Normalization/.test(className)) return 'norm';
  if (/^(Add|Concatenate|Multiply|Average|Maximum|Minimum|Subtract|Dot)$/.test(className)) return 'merge';
  if (/^(Activation|ReLU|LeakyReLU|ELU|PReLU|Softmax|ThresholdedReLU)$/.test(className)) return 'act';
  if (/^(Dense|Embedding)$/.test(className)) return 'dense';
  if (/LSTM|GRU|RNN|Bidirectional/.test(className)) return 'rnn';
  return 'other';
}
