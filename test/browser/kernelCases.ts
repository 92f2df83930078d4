// The test matrix shared by the browser tests (WebGL2 vs CPU) and the Node oracle tests (CPU vs
// TF.js): every case is described by data, its inputs are generated from a fixed seed, so both
// suites and both processes (Node and the page) see identical numbers.

import { ALL_ACTIVATIONS } from '../../webview/kernels/activations';
import type {
  Activation, BatchNormParams, Conv2DParams, Conv2DTransposeParams, DepthwiseConv2DParams,
  DeviceTensor, HostTensor, KernelBackend, Padding, Pool2DParams,
} from '../../webview/kernels/types';
import { hashSeed, seededRandom } from '../../webview/weights/random';

type Pad2D = readonly [readonly [number, number], readonly [number, number]];
export interface Shape3 { readonly h: number; readonly w: number; readonly c: number }

export type KernelCase =
  | { readonly op: 'conv2d'; readonly name: string; readonly input: Shape3; readonly params: Conv2DParams }
  | { readonly op: 'depthwiseConv2d'; readonly name: string; readonly input: Shape3; readonly params: DepthwiseConv2DParams }
  | { readonly op: 'conv2dTranspose'; readonly name: string; readonly input: Shape3; readonly params: Conv2DTransposeParams }
  | { readonly op: 'pool2d'; readonly name: string; readonly input: Shape3; readonly params: Pool2DParams }
  | { readonly op: 'globalPool2d'; readonly name: string; readonly input: Shape3; readonly kind: 'max' | 'avg' }
  | { readonly op: 'activation'; readonly name: string; readonly input: Shape3; readonly act: Activation; readonly alpha?: number }
  | { readonly op: 'batchNorm'; readonly name: string; readonly input: Shape3; readonly params: BatchNormParams }
  | { readonly op: 'zeroPad2d'; readonly name: string; readonly input: Shape3; readonly pad: Pad2D }
  | { readonly op: 'crop2d'; readonly name: string; readonly input: Shape3; readonly crop: Pad2D }
  | { readonly op: 'upSample2d'; readonly name: string; readonly input: Shape3; readonly size: readonly [number, number]; readonly interpolation: 'nearest' | 'bilinear' }
  | { readonly op: 'add'; readonly name: string; readonly inputs: readonly Shape3[] }
  | { readonly op: 'concat'; readonly name: string; readonly inputs: readonly Shape3[] };

const CHANNELS = [1, 3, 4, 5, 16, 32, 64];

function uniformArray(seedText: string, n: number, limit: number): Float32Array {
  const rnd = seededRandom(hashSeed(seedText));
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rnd.uniform(-limit, limit);
  return out;
}

/** Glorot-scaled weights keep outputs of order one, so an absolute tolerance means something. */
function glorot(seedText: string, n: number, fanIn: number, fanOut: number): Float32Array {
  return uniformArray(seedText, n, Math.sqrt(6 / (fanIn + fanOut)));
}

export function inputFor(caseName: string, index: number, s: Shape3, range = 1): HostTensor {
  return { height: s.h, width: s.w, channels: s.c, data: uniformArray(`${caseName}#in${index}`, s.h * s.w * s.c, range) };
}

export function caseInputs(c: KernelCase): HostTensor[] {
  if (c.op === 'add' || c.op === 'concat') return c.inputs.map((s, i) => inputFor(c.name, i, s));
  // Activations see a wide range so that softplus/elu/tanh saturation paths are exercised.
  return [inputFor(c.name, 0, c.input, c.op === 'activation' ? 8 : 1)];
}

function convCase(
  input: Shape3, k: number, cout: number, stride: number, padding: Padding, dilation: number, activation: Activation, bias = true,
): KernelCase {
  const name = `conv2d ${input.h}x${input.w}x${input.c} k${k} s${stride} d${dilation} ${padding} ->${cout} ${activation}${bias ? '' : ' nobias'}`;
  return {
    op: 'conv2d', name, input,
    params: {
      kernel: glorot(`${name}#k`, k * k * input.c * cout, k * k * input.c, k * k * cout),
      kernelSize: [k, k], inChannels: input.c, outChannels: cout,
      bias: bias ? uniformArray(`${name}#b`, cout, 0.5) : null,
      strides: [stride, stride], padding, dilation: [dilation, dilation], activation,
      alpha: activation === 'leakyRelu' ? 0.2 : undefined,
    },
  };
}

function convCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  let i = 0;
  // Geometry sweep on an odd-sized image; channels and activations cycle through their lists.
  for (const k of [1, 3, 5, 7]) {
    for (const stride of [1, 2, 3]) {
      for (const padding of ['valid', 'same'] as const) {
        for (const dilation of [1, 2]) {
          if (dilation > 1 && (stride > 1 || k === 1)) continue; // TF.js: strides or dilations must be 1
          const cin = CHANNELS[i % CHANNELS.length];
          const cout = CHANNELS[(i * 3 + 1) % CHANNELS.length];
          const act = ALL_ACTIVATIONS[i % ALL_ACTIVATIONS.length];
          cases.push(convCase({ h: 13, w: 17, c: Math.min(cin, 16) }, k, Math.min(cout, 16), stride, padding, dilation, act, i % 5 !== 0));
          i++;
        }
      }
    }
  }
  // Channel sweep: every in × out pair, small image.
  for (const cin of CHANNELS) {
    for (const cout of CHANNELS) cases.push(convCase({ h: 5, w: 7, c: cin }, 3, cout, 1, 'same', 1, ALL_ACTIVATIONS[i++ % ALL_ACTIVATIONS.length]));
  }
  // Each activation fused into the conv, and non-square strides / kernels.
  for (const act of ALL_ACTIVATIONS) cases.push(convCase({ h: 9, w: 11, c: 5 }, 3, 6, 1, 'same', 1, act));
  const ns = 'conv2d 13x17x3 k3x5 s2x1 same ->8 relu';
  cases.push({
    op: 'conv2d', name: ns, input: { h: 13, w: 17, c: 3 },
    params: {
      kernel: glorot(`${ns}#k`, 3 * 5 * 3 * 8, 45, 120), kernelSize: [3, 5], inChannels: 3, outChannels: 8,
      bias: uniformArray(`${ns}#b`, 8, 0.5), strides: [2, 1], padding: 'same', dilation: [1, 1], activation: 'relu',
    },
  });
  // Inputs cut into several equal slices that share one program (glBackend convPasses): an
  // odd number of layers (5, 9: one-layer slices), a short last output group, a wide kernel.
  cases.push(convCase({ h: 6, w: 5, c: 20 }, 3, 24, 1, 'same', 1, 'relu'));
  cases.push(convCase({ h: 7, w: 6, c: 36 }, 3, 10, 1, 'valid', 1, 'elu'));
  cases.push(convCase({ h: 9, w: 9, c: 12 }, 5, 40, 2, 'same', 1, 'sigmoid', false));
  // Tiled convs (glBackend → tiledConv): widths that are no multiple of the tile, a dilated
  // and a strided kernel (taps shared by neighbouring pixels or not), an odd number of output
  // groups, a 1×1 kernel summing several input layers a pass.
  cases.push(convCase({ h: 9, w: 11, c: 20 }, 3, 36, 1, 'same', 2, 'tanh'));
  cases.push(convCase({ h: 11, w: 13, c: 24 }, 3, 20, 2, 'valid', 1, 'leakyRelu'));
  cases.push(convCase({ h: 7, w: 9, c: 72 }, 1, 80, 1, 'valid', 1, 'relu6'));
  // Many input layers: 33 tile slices carrying partial sums from pass to pass.
  cases.push(convCase({ h: 4, w: 6, c: 264 }, 3, 12, 1, 'same', 1, 'relu'));
  // Outputs of 64 pixels or wider get wider tiles.
  cases.push(convCase({ h: 3, w: 70, c: 20 }, 3, 12, 1, 'same', 1, 'relu'));
  cases.push(convCase({ h: 5, w: 71, c: 16 }, 3, 20, 1, 'valid', 2, 'softplus'));
  // A 5×5 kernel on a wide output: fewer pixels a tile, so its body fits the compile budget.
  cases.push(convCase({ h: 6, w: 68, c: 8 }, 5, 12, 1, 'valid', 1, 'relu'));
  return cases;
}

function depthwiseCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  const specs: Array<[number, number, number, number, Padding, number, Activation]> = [
    // cin, mult, k, stride, padding, dilation, activation
    [1, 1, 3, 1, 'same', 1, 'linear'], [3, 1, 3, 2, 'same', 1, 'relu'], [5, 2, 5, 1, 'valid', 1, 'relu6'],
    [16, 1, 3, 1, 'same', 2, 'elu'], [4, 3, 7, 3, 'same', 1, 'sigmoid'], [32, 1, 3, 2, 'valid', 1, 'tanh'], [3, 4, 1, 1, 'valid', 1, 'linear'],
  ];
  for (const [cin, mult, k, s, padding, d, act] of specs) {
    const name = `depthwise 13x17x${cin} x${mult} k${k} s${s} d${d} ${padding} ${act}`;
    cases.push({
      op: 'depthwiseConv2d', name, input: { h: 13, w: 17, c: cin },
      params: {
        kernel: glorot(`${name}#k`, k * k * cin * mult, k * k, k * k * mult), kernelSize: [k, k], inChannels: cin, depthMultiplier: mult,
        bias: uniformArray(`${name}#b`, cin * mult, 0.5), strides: [s, s], padding, dilation: [d, d], activation: act,
      },
    });
  }
  return cases;
}

function transposeCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  const specs: Array<[number, number, number, number, Padding, Activation]> = [
    // cin, cout, k, stride, padding, activation
    [3, 4, 3, 2, 'same', 'linear'], [5, 3, 3, 2, 'valid', 'relu'], [16, 8, 4, 2, 'same', 'sigmoid'], [4, 5, 5, 3, 'valid', 'tanh'],
    [1, 1, 1, 1, 'same', 'linear'], [8, 16, 2, 2, 'valid', 'elu'], [32, 4, 3, 1, 'same', 'relu'],
  ];
  for (const [cin, cout, k, s, padding, act] of specs) {
    const name = `conv2dTranspose 7x9x${cin} k${k} s${s} ${padding} ->${cout} ${act}`;
    cases.push({
      op: 'conv2dTranspose', name, input: { h: 7, w: 9, c: cin },
      params: {
        kernel: glorot(`${name}#k`, k * k * cout * cin, k * k * cin, k * k * cout), kernelSize: [k, k], inChannels: cin, outChannels: cout,
        bias: uniformArray(`${name}#b`, cout, 0.5), strides: [s, s], padding, activation: act,
      },
    });
  }
  return cases;
}

function poolCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  const shapes: Shape3[] = [{ h: 13, w: 17, c: 3 }, { h: 8, w: 8, c: 5 }, { h: 9, w: 11, c: 16 }];
  let i = 0;
  for (const kind of ['max', 'avg'] as const) {
    for (const padding of ['valid', 'same'] as const) {
      for (const [size, stride] of [[2, 2], [3, 1], [3, 2], [5, 3], [2, 1]] as const) {
        const input = shapes[i++ % shapes.length];
        cases.push({
          op: 'pool2d', name: `${kind}Pool ${input.h}x${input.w}x${input.c} p${size} s${stride} ${padding}`, input,
          params: { kind, poolSize: [size, size], strides: [stride, stride], padding },
        });
      }
    }
  }
  cases.push({ op: 'pool2d', name: 'avgPool 13x17x4 p3x2 s2x3 same', input: { h: 13, w: 17, c: 4 }, params: { kind: 'avg', poolSize: [3, 2], strides: [2, 3], padding: 'same' } });
  for (const kind of ['max', 'avg'] as const) {
    for (const input of [{ h: 13, w: 17, c: 5 }, { h: 4, w: 4, c: 64 }]) {
      cases.push({ op: 'globalPool2d', name: `global ${kind} ${input.h}x${input.w}x${input.c}`, input, kind });
    }
  }
  return cases;
}

function otherCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  for (const act of ALL_ACTIVATIONS) {
    cases.push({ op: 'activation', name: `activation ${act} 9x11x5`, input: { h: 9, w: 11, c: 5 }, act, alpha: act === 'leakyRelu' ? 0.1 : undefined });
  }
  cases.push({ op: 'activation', name: 'activation leakyRelu default alpha 4x4x3', input: { h: 4, w: 4, c: 3 }, act: 'leakyRelu' });
  for (const [c, withAffine] of [[3, true], [16, false], [5, true]] as const) {
    const name = `batchNorm 9x11x${c}${withAffine ? '' : ' no gamma/beta'}`;
    cases.push({
      op: 'batchNorm', name, input: { h: 9, w: 11, c },
      params: {
        gamma: withAffine ? uniformArray(`${name}#g`, c, 2) : null,
        beta: withAffine ? uniformArray(`${name}#b`, c, 1) : null,
        movingMean: uniformArray(`${name}#m`, c, 0.5),
        movingVariance: uniformArray(`${name}#v`, c, 0.5).map((v) => v + 0.6),
        epsilon: 1e-3,
      },
    });
  }
  cases.push({ op: 'zeroPad2d', name: 'zeroPad 7x9x5 [[1,2],[3,0]]', input: { h: 7, w: 9, c: 5 }, pad: [[1, 2], [3, 0]] });
  cases.push({ op: 'zeroPad2d', name: 'zeroPad 5x5x16 [[1,1],[1,1]]', input: { h: 5, w: 5, c: 16 }, pad: [[1, 1], [1, 1]] });
  cases.push({ op: 'crop2d', name: 'crop 13x17x3 [[2,1],[0,4]]', input: { h: 13, w: 17, c: 3 }, crop: [[2, 1], [0, 4]] });
  cases.push({ op: 'crop2d', name: 'crop 8x8x32 [[1,1],[2,2]]', input: { h: 8, w: 8, c: 32 }, crop: [[1, 1], [2, 2]] });
  for (const interpolation of ['nearest', 'bilinear'] as const) {
    for (const [input, size] of [[{ h: 5, w: 7, c: 3 }, [2, 2]], [{ h: 13, w: 3, c: 5 }, [3, 2]], [{ h: 4, w: 4, c: 16 }, [1, 3]]] as const) {
      cases.push({ op: 'upSample2d', name: `upSample ${interpolation} ${input.h}x${input.w}x${input.c} ${size[0]}x${size[1]}`, input, size, interpolation });
    }
  }
  cases.push({ op: 'add', name: 'add 2× 9x11x5', inputs: [{ h: 9, w: 11, c: 5 }, { h: 9, w: 11, c: 5 }] });
  cases.push({ op: 'add', name: 'add 3× 4x4x64', inputs: [{ h: 4, w: 4, c: 64 }, { h: 4, w: 4, c: 64 }, { h: 4, w: 4, c: 64 }] });
  cases.push({ op: 'add', name: 'add 10× 3x5x3', inputs: Array.from({ length: 10 }, () => ({ h: 3, w: 5, c: 3 })) });
  cases.push({ op: 'concat', name: 'concat 3+5+1 9x11', inputs: [{ h: 9, w: 11, c: 3 }, { h: 9, w: 11, c: 5 }, { h: 9, w: 11, c: 1 }] });
  cases.push({ op: 'concat', name: 'concat 16+4 5x5', inputs: [{ h: 5, w: 5, c: 16 }, { h: 5, w: 5, c: 4 }] });
  cases.push({ op: 'concat', name: 'concat 12× (1..12ch) 3x4', inputs: Array.from({ length: 12 }, (_, i) => ({ h: 3, w: 4, c: i + 1 })) });
  return cases;
}

export function allKernelCases(): KernelCase[] {
  return [...convCases(), ...depthwiseCases(), ...transposeCases(), ...poolCases(), ...otherCases()];
}

/** Runs one case on a backend: upload, op, download, dispose everything it made. */
export function runCase(backend: KernelBackend, c: KernelCase): HostTensor {
  const inputs = caseInputs(c).map((t) => backend.upload(t));
  let out: DeviceTensor;
  const x = inputs[0];
  switch (c.op) {
    case 'conv2d': out = backend.conv2d(x, c.params); break;
    case 'depthwiseConv2d': out = backend.depthwiseConv2d(x, c.params); break;
    case 'conv2dTranspose': out = backend.conv2dTranspose(x, c.params); break;
    case 'pool2d': out = backend.pool2d(x, c.params); break;
    case 'globalPool2d': out = backend.globalPool2d(x, c.kind); break;
    case 'activation': out = backend.activation(x, c.act, c.alpha); break;
    case 'batchNorm': out = backend.batchNorm(x, c.params); break;
    case 'zeroPad2d': out = backend.zeroPad2d(x, c.pad); break;
    case 'crop2d': out = backend.crop2d(x, c.crop); break;
    case 'upSample2d': out = backend.upSample2d(x, c.size, c.interpolation); break;
    case 'add': out = backend.add(inputs); break;
    case 'concat': out = backend.concat(inputs); break;
  }
  const host = backend.download(out);
  backend.dispose(out);
  for (const t of inputs) backend.dispose(t);
  return host;
}

export interface Comparison { readonly shapeMatches: boolean; readonly maxAbsDiff: number; readonly detail: string }

export function compareTensors(actual: HostTensor, expected: HostTensor): Comparison {
  const same = actual.height === expected.height && actual.width === expected.width && actual.channels === expected.channels;
  const shapes = `${actual.height}×${actual.width}×${actual.channels} vs expected ${expected.height}×${expected.width}×${expected.channels}`;
  if (!same || actual.data.length !== expected.data.length) return { shapeMatches: false, maxAbsDiff: Infinity, detail: shapes };
  let worst = 0;
  let worstAt = -1;
  for (let i = 0; i < actual.data.length; i++) {
    const d = Math.abs(actual.data[i] - expected.data[i]);
    // NaN anywhere is a failure, never silently "close".
    if (!(d <= worst)) {
      worst = Number.isNaN(d) ? Infinity : d;
      worstAt = i;
    }
  }
  const detail = worstAt < 0 ? shapes : `${shapes}; worst at flat index ${worstAt}: ${actual.data[worstAt]} vs ${expected.data[worstAt]}`;
  return { shapeMatches: true, maxAbsDiff: worst, detail };
}
