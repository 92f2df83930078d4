// The benchmark pages' shared inputs (page.ts for the WebGL2 table, cpuPage.ts for the CPU
// one): seeded conv weights, the same names and generator on both, so both tables compute the
// same numbers; and the median the tables report.
import { hashSeed, seededRandom } from '../../webview/weights/random';
import type { BenchSpec } from './page';

export interface ConvWeights { readonly kernel: Float32Array; readonly bias: Float32Array | null; readonly inC: number }

export function seeded(name: string, n: number, limit: number): Float32Array {
  const rnd = seededRandom(hashSeed(name));
  return Float32Array.from({ length: n }, () => rnd.uniform(-limit, limit));
}

export function weightsFor(spec: BenchSpec): ConvWeights[] {
  let c = spec.input[2];
  const out: ConvWeights[] = [];
  spec.steps.forEach((s, i) => {
    if (s.kind !== 'conv') return;
    const fanIn = s.k * s.k * c;
    out.push({ kernel: seeded(`${spec.name}/${i}/k`, fanIn * s.filters, Math.sqrt(6 / (fanIn + s.k * s.k * s.filters))), bias: s.bias ? seeded(`${spec.name}/${i}/b`, s.filters, 0.1) : null, inC: c });
    c = s.filters;
  });
  return out;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
