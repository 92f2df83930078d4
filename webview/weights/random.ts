// A small seeded PRNG so that previews (and tests) are reproducible run to run: the same layer
// name always gets the same weights. Not cryptographic; mulberry32 is plenty for weight init.

/** FNV-1a 32-bit hash: turns a layer name into a seed. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  uniform(min: number, max: number): number;
  /** Standard normal via Box-Muller. */
  normal(mean: number, stddev: number): number;
  /** Normal, redrawn until within two standard deviations (TF.js's truncatedNormal rule). */
  truncatedNormal(mean: number, stddev: number): number;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (mean: number, stddev: number): number => {
    const u = 1 - next(); // in (0, 1] so log is finite
    const v = next();
    return mean + stddev * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  return {
    next,
    uniform: (min, max) => min + (max - min) * next(),
    normal,
    truncatedNormal: (mean, stddev) => {
      for (;;) {
        const z = normal(0, 1);
        if (Math.abs(z) <= 2) return mean + stddev * z;
      }
    },
  };
}
