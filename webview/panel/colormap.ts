// Colour scales for feature maps and kernels. Non-negative data (after ReLU, pooling...) uses
// viridis, perceptually uniform; signed data uses a diverging blue–white–red centred on 0 so
// the sign is visible at a glance.

type Rgb = readonly [number, number, number];

// Viridis sampled at 9 points (matplotlib's published table), interpolated linearly between.
const VIRIDIS: readonly Rgb[] = [
  [68, 1, 84],
  [71, 44, 122],
  [59, 81, 139],
  [44, 113, 142],
  [33, 144, 141],
  [39, 173, 129],
  [92, 200, 99],
  [170, 220, 50],
  [253, 231, 37],
];
const DIVERGING: readonly Rgb[] = [
  [33, 102, 172],
  [103, 169, 207],
  [209, 229, 240],
  [247, 247, 247],
  [253, 219, 199],
  [239, 138, 98],
  [178, 24, 43],
];

function sample(stops: readonly Rgb[], t: number): Rgb {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = stops[i];
  const b = stops[i + 1];
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

export interface ColourScale {
  readonly min: number;
  readonly max: number;
  readonly diverging: boolean;
  colour(v: number): Rgb;
  /** CSS gradient stops for the legend. */
  readonly cssGradient: string;
}

export function colourScale(min: number, max: number): ColourScale {
  const diverging = min < 0 && max > 0;
  const stops = diverging ? DIVERGING : VIRIDIS;
  const bound = Math.max(Math.abs(min), Math.abs(max)) || 1;
  const span = max - min || 1;
  const colour = diverging ? (v: number) => sample(stops, 0.5 + v / (2 * bound)) : (v: number) => sample(stops, (v - min) / span);
  const legendStops = Array.from({ length: 11 }, (_, k) => {
    const v = min + ((max - min) * k) / 10;
    const [r, g, b] = colour(v);
    return `rgb(${r | 0},${g | 0},${b | 0}) ${k * 10}%`;
  });
  return { min, max, diverging, colour, cssGradient: `linear-gradient(to right, ${legendStops.join(', ')})` };
}

/** Range of the finite values (NaN and ±Infinity would make every colour meaningless); 0…0 when there are none. */
export function rangeOf(data: Float32Array, offset = 0, stride = 1, count = data.length): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let k = 0, i = offset; k < count; k++, i += stride) {
    const v = data[i];
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min > max ? { min: 0, max: 0 } : { min, max };
}

/** Compact number for legends: 3 significant digits, exponent when tiny or huge. */
export function formatValue(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e4 || a < 1e-3 ? v.toExponential(2) : String(Number(v.toPrecision(3)));
}
