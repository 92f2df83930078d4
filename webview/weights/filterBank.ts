// Classic hand-made filters for a first conv layer, so the preview shows recognisable feature
// maps (edges, blobs, oriented stripes) before any training: Sobel x/y, Laplacian, Gaussian and
// Gabor filters at several angles and phases, sized to the kernel. Kernel layout is TF.js's
// [kh, kw, inChannels, outChannels].

export interface FilterBank {
  readonly kernel: Float32Array;
  /** One label per output channel, e.g. 'sobel-x', 'gabor 45° cos', 'gaussian (R)'. */
  readonly names: readonly string[];
}

type Filter2D = { readonly name: string; readonly values: Float64Array };

/** Binomial coefficients of length n: [1], [1,1], [1,2,1], [1,3,3,1], ... */
function binomial(n: number): number[] {
  let row = [1];
  for (let i = 1; i < n; i++) row = [...row, 0].map((v, j) => v + (j > 0 ? row[j - 1] : 0));
  return row;
}

function outer(rows: readonly number[], cols: readonly number[]): Float64Array {
  const out = new Float64Array(rows.length * cols.length);
  rows.forEach((r, y) => cols.forEach((c, x) => { out[y * cols.length + x] = r * c; }));
  return out;
}

/** Sobel generalised to any size: binomial smoothing ⊗ binomial-smoothed central difference. */
function derivative(n: number): number[] {
  const smooth = binomial(n - 1);
  return Array.from({ length: n }, (_, i) => (i < n - 1 ? smooth[i] : 0) * -1 + (i > 0 ? smooth[i - 1] : 0));
}

function zeroMean(v: Float64Array): Float64Array {
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  return v.map((x) => x - mean);
}

function scaleToL1(v: Float64Array, target: number): Float64Array {
  const l1 = v.reduce((a, b) => a + Math.abs(b), 0);
  return l1 > 0 ? v.map((x) => (x * target) / l1) : v;
}

function gaussian(kh: number, kw: number): Float64Array {
  const sy = Math.max(kh / 4, 0.5);
  const sx = Math.max(kw / 4, 0.5);
  const v = new Float64Array(kh * kw);
  for (let y = 0; y < kh; y++) {
    for (let x = 0; x < kw; x++) {
      const dy = y - (kh - 1) / 2;
      const dx = x - (kw - 1) / 2;
      v[y * kw + x] = Math.exp(-(dy * dy) / (2 * sy * sy) - (dx * dx) / (2 * sx * sx));
    }
  }
  const sum = v.reduce((a, b) => a + b, 0);
  return v.map((x) => x / sum);
}

function laplacian(kh: number, kw: number): Float64Array {
  if (kh === 3 && kw === 3) return Float64Array.from([0, 1, 0, 1, -4, 1, 0, 1, 0]);
  // Larger: a zero-sum difference of Gaussians approximates the Laplacian of Gaussian.
  const wide = gaussian(kh, kw);
  const narrow = new Float64Array(kh * kw);
  narrow[Math.floor(kh / 2) * kw + Math.floor(kw / 2)] = 1;
  return zeroMean(wide.map((v, i) => v - narrow[i]));
}

function gabor(kh: number, kw: number, theta: number, phase: number): Float64Array {
  const sigma = Math.max(Math.min(kh, kw) / 3, 0.6);
  const wavelength = Math.max(Math.min(kh, kw) * 0.8, 2);
  const v = new Float64Array(kh * kw);
  for (let y = 0; y < kh; y++) {
    for (let x = 0; x < kw; x++) {
      const dy = y - (kh - 1) / 2;
      const dx = x - (kw - 1) / 2;
      const along = dx * Math.cos(theta) + dy * Math.sin(theta);
      const across = -dx * Math.sin(theta) + dy * Math.cos(theta);
      v[y * kw + x] = Math.exp(-(along * along + across * across) / (2 * sigma * sigma)) * Math.cos((2 * Math.PI * along) / wavelength + phase);
    }
  }
  return scaleToL1(zeroMean(v), 2);
}

/** The spatial filters that make sense for a kh × kw window, most recognisable first. */
export function spatialFilters(kh: number, kw: number): Filter2D[] {
  if (kh < 2 || kw < 2) return []; // 1×1 kernels only mix channels
  const filters: Filter2D[] = [
    { name: 'sobel-x', values: outer(binomial(kh), derivative(kw)) },
    { name: 'sobel-y', values: outer(derivative(kh), binomial(kw)) },
    { name: 'laplacian', values: laplacian(kh, kw) },
    { name: 'gaussian', values: gaussian(kh, kw) },
  ];
  for (const phase of [0, Math.PI / 2]) {
    for (const deg of [0, 45, 90, 135, 22.5, 67.5, 112.5, 157.5]) {
      filters.push({ name: `gabor ${deg}° ${phase === 0 ? 'cos' : 'sin'}`, values: gabor(kh, kw, (deg * Math.PI) / 180, phase) });
    }
  }
  return filters;
}

/** ITU-R BT.601 luma weights: an RGB filter responds to brightness, like a grey-scale one. */
const LUMA = [0.299, 0.587, 0.114];
const CHANNEL_NAMES = ['R', 'G', 'B'];

/** How each spatial filter is spread over the input channels. */
function channelMixes(inChannels: number): Array<{ suffix: string; weights: number[] }> {
  const even = Array.from({ length: inChannels }, () => 1 / inChannels);
  const mixes = [{ suffix: '', weights: inChannels === 3 ? LUMA : even }];
  for (let c = 0; c < inChannels; c++) {
    const w = Array.from({ length: inChannels }, (_, i) => (i === c ? 1 : 0));
    if (inChannels > 1) mixes.push({ suffix: ` (${inChannels === 3 ? CHANNEL_NAMES[c] : `ch${c}`})`, weights: w });
  }
  return mixes;
}

/** 1×1 kernels: luminance and colour-opponent channel mixes. */
function pointFilters(inChannels: number): Array<{ name: string; weights: number[] }> {
  if (inChannels === 3) {
    return [
      { name: 'luma', weights: LUMA },
      { name: 'red-green', weights: [1, -1, 0] },
      { name: 'blue-yellow', weights: [-0.5, -0.5, 1] },
      { name: 'R', weights: [1, 0, 0] }, { name: 'G', weights: [0, 1, 0] }, { name: 'B', weights: [0, 0, 1] },
    ];
  }
  return channelMixes(inChannels).map((m) => ({ name: m.suffix ? `pass${m.suffix}` : 'mean', weights: m.weights }));
}

/**
 * A first-layer filter bank for a [kh, kw, inChannels, outChannels] kernel. Filters are used in
 * order (greyscale versions of every spatial filter first, then single-channel variants); past
 * the end of the bank they repeat with the sign flipped and a '−' prefix.
 */
export function classicFilterBank(kh: number, kw: number, inChannels: number, outChannels: number): FilterBank {
  if (![kh, kw, inChannels, outChannels].every((n) => Number.isInteger(n) && n > 0)) {
    throw new Error(`filter bank needs positive integer sizes, got kernel ${kh}×${kw}, ${inChannels} in, ${outChannels} out`);
  }
  const bank: Array<{ name: string; at: (tap: number, ci: number) => number }> = [];
  const spatial = spatialFilters(kh, kw);
  if (spatial.length === 0) {
    for (const p of pointFilters(inChannels)) bank.push({ name: p.name, at: (_tap, ci) => p.weights[ci] });
  } else {
    for (const mix of channelMixes(inChannels)) {
      for (const f of spatial) bank.push({ name: `${f.name}${mix.suffix}`, at: (tap, ci) => f.values[tap] * mix.weights[ci] });
    }
  }
  const kernel = new Float32Array(kh * kw * inChannels * outChannels);
  const names: string[] = [];
  for (let co = 0; co < outChannels; co++) {
    const f = bank[co % bank.length];
    const sign = Math.floor(co / bank.length) % 2 === 0 ? 1 : -1;
    names.push(sign > 0 ? f.name : `−${f.name}`);
    for (let tap = 0; tap < kh * kw; tap++) {
      for (let ci = 0; ci < inChannels; ci++) kernel[(tap * inChannels + ci) * outChannels + co] = sign * f.at(tap, ci);
    }
  }
  return { kernel, names };
}
