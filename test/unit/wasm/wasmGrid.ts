// Geometry grids for the WASM depthwise conv, transposed conv and average pooling, each case
// compared with the plain-JS reference: odd and 1×1 inputs, strides 1/2/3 and mixed, dilation,
// same/valid, depth multipliers, kernels smaller than the stride, channel counts on either side
// of the SIMD widths (4 lanes, 8-channel blocks, 16-channel pool chunks) so every tail runs.
// Shared by the Node test (test/unit/wasm/wasmGrid.test.ts) and the Chromium page
// (test/browser/pages/wasmGrid.page.ts), so both hold the same cases.

import { ALL_ACTIVATIONS } from '../../../webview/kernels/activations';
import type { Activation, KernelBackend, Padding } from '../../../webview/kernels/types';
import { hashSeed, seededRandom } from '../../../webview/weights/random';
import { compareTensors, runCase, type KernelCase } from '../../browser/kernelCases';

type Pair = readonly [number, number];

const PADDINGS: readonly Padding[] = ['same', 'valid'];
const STRIDES: readonly Pair[] = [[1, 1], [2, 2], [3, 3], [2, 1]];

function uniform(seedText: string, n: number, limit: number): Float32Array {
  const rnd = seededRandom(hashSeed(seedText));
  return Float32Array.from({ length: n }, () => rnd.uniform(-limit, limit));
}

/** Cycles the activations (and leakyRelu's alpha, given or default) over the cases. */
function activationFor(i: number): { activation: Activation; alpha: number | undefined } {
  const activation = ALL_ACTIVATIONS[i % ALL_ACTIVATIONS.length];
  return { activation, alpha: activation === 'leakyRelu' && i % 2 === 0 ? 0.2 : undefined };
}

export function depthwiseGrid(): KernelCase[] {
  const cases: KernelCase[] = [];
  let i = 0;
  for (const [h, w] of [[1, 1], [5, 7], [13, 10]] as const) {
    for (const c of [1, 3, 4, 5, 8, 13]) {
      for (const mult of c === 5 ? [1, 2, 3] : [1, 2]) {
        for (const k of [[1, 1], [3, 3], [5, 5], [3, 2]] as const) {
          for (const strides of STRIDES) {
            for (const dilation of [[1, 1], [2, 2], [1, 3]] as const) {
              for (const padding of PADDINGS) {
                const { activation, alpha } = activationFor(i);
                const bias = i % 4 !== 0;
                const name = `dw#${i++} ${h}x${w}x${c} x${mult} k${k.join('x')} s${strides.join('x')} d${dilation.join('x')} ${padding} ${activation}${bias ? '' : ' nobias'}`;
                const n = k[0] * k[1] * c * mult;
                cases.push({
                  op: 'depthwiseConv2d', name, input: { h, w, c },
                  params: {
                    kernel: uniform(`${name}#k`, n, Math.sqrt(6 / (k[0] * k[1] * (1 + mult)))), kernelSize: k, inChannels: c, depthMultiplier: mult,
                    bias: bias ? uniform(`${name}#b`, c * mult, 0.5) : null, strides, padding, dilation, activation, alpha,
                  },
                });
              }
            }
          }
        }
      }
    }
  }
  return cases;
}

export function avgPoolGrid(): KernelCase[] {
  const cases: KernelCase[] = [];
  let i = 0;
  for (const [h, w] of [[1, 1], [2, 3], [7, 6], [13, 17]] as const) {
    for (const c of [1, 2, 3, 4, 5, 7, 8, 13, 16, 17, 33]) {
      for (const poolSize of [[1, 1], [2, 2], [3, 3], [3, 2], [5, 5]] as const) {
        for (const strides of STRIDES) {
          for (const padding of PADDINGS) {
            cases.push({ op: 'pool2d', name: `avg#${i++} ${h}x${w}x${c} p${poolSize.join('x')} s${strides.join('x')} ${padding}`, input: { h, w, c }, params: { kind: 'avg', poolSize, strides, padding } });
          }
        }
      }
    }
  }
  return cases;
}

export function transposeGrid(): KernelCase[] {
  const cases: KernelCase[] = [];
  let i = 0;
  for (const [h, w] of [[1, 1], [4, 5], [7, 6]] as const) {
    for (const [cin, cout] of [[1, 1], [3, 8], [5, 3], [9, 10], [16, 4]] as const) {
      for (const k of [[1, 1], [2, 2], [3, 3], [4, 4], [5, 5], [3, 2]] as const) {
        for (const strides of STRIDES) {
          for (const padding of PADDINGS) {
            const { activation, alpha } = activationFor(i);
            const bias = i % 4 !== 0;
            const name = `convT#${i++} ${h}x${w}x${cin} k${k.join('x')} s${strides.join('x')} ${padding} ->${cout} ${activation}${bias ? '' : ' nobias'}`;
            const taps = k[0] * k[1];
            cases.push({
              op: 'conv2dTranspose', name, input: { h, w, c: cin },
              params: {
                kernel: uniform(`${name}#k`, taps * cout * cin, Math.sqrt(6 / (taps * (cin + cout)))), kernelSize: k, inChannels: cin, outChannels: cout,
                bias: bias ? uniform(`${name}#b`, cout, 0.5) : null, strides, padding, activation, alpha,
              },
            });
          }
        }
      }
    }
  }
  return cases;
}

export interface GridReport {
  readonly cases: number;
  /** Cases where both refused the geometry with the same message (e.g. 'valid' with a window larger than the input). */
  readonly refusedByBoth: number;
  readonly worstAbsDiff: number;
  /** At most 20, each naming its case. */
  readonly failures: string[];
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Runs every case on both backends; a case fails on a shape or value difference over `tolerance`, or a throw on one side only. */
export function runGrid(wasm: KernelBackend, reference: KernelBackend, cases: readonly KernelCase[], tolerance: number): GridReport {
  const failures: string[] = [];
  let refusedByBoth = 0;
  let worstAbsDiff = 0;
  const fail = (text: string): void => {
    if (failures.length < 20) failures.push(text);
  };
  for (const c of cases) {
    let want: ReturnType<typeof runCase> | string;
    let got: ReturnType<typeof runCase> | string;
    try {
      want = runCase(reference, c);
    } catch (err) {
      want = message(err);
    }
    try {
      got = runCase(wasm, c);
    } catch (err) {
      got = message(err);
    }
    if (typeof want === 'string' || typeof got === 'string') {
      if (want === got) refusedByBoth++;
      else fail(`${c.name}: reference ${typeof want === 'string' ? `threw "${want}"` : 'ran'}, wasm ${typeof got === 'string' ? `threw "${got}"` : 'ran'}`);
      continue;
    }
    const cmp = compareTensors(got, want);
    worstAbsDiff = Math.max(worstAbsDiff, cmp.maxAbsDiff);
    if (!cmp.shapeMatches || !(cmp.maxAbsDiff <= tolerance)) fail(`${c.name}: max |diff| ${cmp.maxAbsDiff}: ${cmp.detail}`);
  }
  return { cases: cases.length, refusedByBoth, worstAbsDiff, failures };
}
