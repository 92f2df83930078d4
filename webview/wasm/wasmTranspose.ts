// The transposed conv (tf.layers.conv2dTranspose) on the WebAssembly SIMD conv2d, with the
// reference's semantics (webview/cpu/conv.ts: kernel [kh, kw, outC, inC], Keras' output length
// and padding, webview/kernels/geometry.ts transposeWindow).
//
// Why no kernel of its own: with stride s, output row oy only receives kernel rows
// ky ≡ oy + pad (mod s). So the outputs split into sy·sx phases (oy mod sy, ox mod sx), and each
// phase is an ordinary stride-1 conv of the input with a sub-kernel (every s-th tap, flipped),
// which conv2d.wat runs at full speed. This does exactly the reference's multiply-adds, unlike
// the other usual route (a conv over the input dilated with s−1 zeros, s² times the work).

import { applyActivation } from '../kernels/activations';
import type { Conv2DTransposeParams } from '../kernels/types';
import { transposeWindows } from '../kernels/opChecks';
import { CpuTensor } from '../cpu/tensor';
import type { ConvResult, WasmConv } from './wasmConv';
import type { OutputArrays } from './wasmHeap';

/** One phase along one axis: the outputs first, first + s, ... and the sub-conv computing them. */
interface Phase {
  /** Kernel taps r, r + s, ... inside the kernel; 0 when r ≥ k (those outputs get only the bias). */
  readonly taps: number;
  /** The phase's first output index (in [0, s)) and how many it has. */
  readonly first: number;
  readonly count: number;
  /** The sub-conv's padding before the input, and the phase's kernel offset r. */
  readonly padBefore: number;
  readonly r: number;
}

/**
 * Output o = s·q + r − pad takes input q − t with kernel tap r + t·s (t = 0 .. taps−1); as a
 * stride-1 correlation, output j (q = q0 + j) reads padded rows j .. j + taps − 1, flipped taps.
 */
function phase(r: number, k: number, s: number, pad: number, outSize: number): Phase {
  const taps = r < k ? Math.ceil((k - r) / s) : 0;
  const q0 = Math.max(0, Math.ceil((pad - r) / s));
  const first = s * q0 + r - pad;
  const count = first < outSize ? Math.ceil((outSize - first) / s) : 0;
  const padBefore = taps - 1 - q0;
  // Keras' 'same' padding is at most (k − s) / 2, so this holds; a negative one would misread.
  if (taps > 0 && padBefore < 0) throw new Error(`conv2dTranspose: phase ${r} of k ${k} s ${s} pad ${pad} has no valid layout`);
  return { taps, first, count, padBefore, r };
}

export class WasmTranspose {
  constructor(private readonly conv: WasmConv, private readonly outputs: OutputArrays) {}

  conv2dTranspose(x: CpuTensor, p: Conv2DTransposeParams): CpuTensor {
    const [kh, kw] = p.kernelSize;
    const cin = p.inChannels;
    const { wy, wx, outChannels: cout } = transposeWindows(x, p);
    const [sy, sx] = p.strides;
    const outH = wy.outSize;
    const outW = wx.outSize;
    const values = this.outputs.take(outH * outW * cout);
    for (let ry = 0; ry < sy; ry++) {
      const py = phase(ry, kh, sy, wy.padBefore, outH);
      for (let rx = 0; rx < sx; rx++) {
        const px = phase(rx, kw, sx, wx.padBefore, outW);
        if (py.count === 0 || px.count === 0) continue;
        if (py.taps === 0 || px.taps === 0) {
          biasOnly(values, py, px, sy, sx, outW, cout, p);
          continue;
        }
        const r = this.conv.run(x, {
          kernel: subKernel(p.kernel, kw, cin, cout, py, px, sy, sx), bias: p.bias, kh: py.taps, kw: px.taps, cin, cout,
          strides: [1, 1], dilation: [1, 1], outH: py.count, outW: px.count, padTop: py.padBefore, padLeft: px.padBefore,
          activation: p.activation, alpha: p.alpha,
        });
        scatter(r, values, py, px, sy, sx, outW, cout, p.alpha);
      }
    }
    return new CpuTensor(outH, outW, cout, values);
  }
}

/** The phase's taps of a [kh, kw, cout, cin] kernel, flipped, as a [ty, tx, cin, cout] conv kernel. */
function subKernel(kernel: Float32Array, kw: number, cin: number, cout: number, py: Phase, px: Phase, sy: number, sx: number): Float32Array {
  const sub = new Float32Array(py.taps * px.taps * cin * cout);
  for (let u = 0; u < py.taps; u++) {
    const ky = py.r + (py.taps - 1 - u) * sy;
    for (let v = 0; v < px.taps; v++) {
      const kx = px.r + (px.taps - 1 - v) * sx;
      const src = (ky * kw + kx) * cout * cin;
      const dst = (u * px.taps + v) * cin * cout;
      for (let co = 0; co < cout; co++) {
        for (let ci = 0; ci < cin; ci++) sub[dst + ci * cout + co] = kernel[src + co * cin + ci];
      }
    }
  }
  return sub;
}

/** A phase's outputs (count_y × count_x pixels of coutPad floats) to their places, every s-th pixel. */
function scatter(
  r: ConvResult, out: Float32Array, py: Phase, px: Phase, sy: number, sx: number, outW: number, cout: number, alpha: number | undefined,
): void {
  const { heap, at, coutPad, pending } = r;
  for (let j = 0; j < py.count; j++) {
    const oy = py.first + j * sy;
    for (let i = 0; i < px.count; i++) {
      const dst = (oy * outW + px.first + i * sx) * cout;
      const src = at + (j * px.count + i) * coutPad;
      if (pending === null) {
        for (let co = 0; co < cout; co++) out[dst + co] = heap[src + co];
      } else {
        for (let co = 0; co < cout; co++) out[dst + co] = applyActivation(pending, heap[src + co], alpha);
      }
    }
  }
}

/** Outputs no kernel tap reaches (kernel smaller than the stride): the activated bias alone. */
function biasOnly(out: Float32Array, py: Phase, px: Phase, sy: number, sx: number, outW: number, cout: number, p: Conv2DTransposeParams): void {
  const pixel = new Float32Array(cout);
  for (let co = 0; co < cout; co++) pixel[co] = applyActivation(p.activation, p.bias ? p.bias[co] : 0, p.alpha);
  for (let j = 0; j < py.count; j++) {
    for (let i = 0; i < px.count; i++) out.set(pixel, ((py.first + j * sy) * outW + px.first + i * sx) * cout);
  }
}
