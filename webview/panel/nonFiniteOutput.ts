// A feature map holding NaN or ±Infinity (from such weights, or an overflow along the chain)
// would be coloured as if those were values; say so above the maps.
import { countNonFinite, describeNonFinite } from '../weights/nonFinite';

export function nonFiniteOutputNote(data: Float32Array, layerName: string): string | null {
  const bad = describeNonFinite(countNonFinite(data));
  return bad ? `${layerName}'s output holds ${bad} (of ${data.length.toLocaleString('en-US')}); they are drawn as the lowest colour and left out of the colour range.` : null;
}
