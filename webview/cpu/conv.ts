// Convolutions as straightforward loops: the reference the WebGL2 kernels are tested against,
// and itself tested against TF.js (test/oracle/cpu-kernels.test.ts). Clarity over speed.

import { applyActivation } from '../kernels/activations';
import { conv2dWindows, depthwiseWindows, transposeWindows } from '../kernels/opChecks';
import type { Conv2DParams, Conv2DTransposeParams, DepthwiseConv2DParams } from '../kernels/types';
import { CpuTensor } from './tensor';

export function conv2d(x: CpuTensor, p: Conv2DParams): CpuTensor {
  const [kh, kw] = p.kernelSize;
  const { wy, wx } = conv2dWindows(x, p);
  const out = CpuTensor.zeros(wy.outSize, wx.outSize, p.outChannels);
  const src = x.data;
  const dst = out.data;
  const cin = p.inChannels;
  const cout = p.outChannels;
  const acc = new Float64Array(cout);
  for (let oy = 0; oy < wy.outSize; oy++) {
    for (let ox = 0; ox < wx.outSize; ox++) {
      acc.fill(0);
      for (let ky = 0; ky < kh; ky++) {
        const iy = oy * p.strides[0] - wy.padBefore + ky * p.dilation[0];
        if (iy < 0 || iy >= x.height) continue;
        for (let kx = 0; kx < kw; kx++) {
          const ix = ox * p.strides[1] - wx.padBefore + kx * p.dilation[1];
          if (ix < 0 || ix >= x.width) continue;
          const inBase = (iy * x.width + ix) * cin;
          const kBase = (ky * kw + kx) * cin * cout;
          for (let ci = 0; ci < cin; ci++) {
            const v = src[inBase + ci];
            const kRow = kBase + ci * cout;
            for (let co = 0; co < cout; co++) acc[co] += v * p.kernel[kRow + co];
          }
        }
      }
      const outBase = (oy * wx.outSize + ox) * cout;
      for (let co = 0; co < cout; co++) {
        const biased = acc[co] + (p.bias ? p.bias[co] : 0);
        dst[outBase + co] = applyActivation(p.activation, biased, p.alpha);
      }
    }
  }
  return out;
}

export function depthwiseConv2d(x: CpuTensor, p: DepthwiseConv2DParams): CpuTensor {
  const [kh, kw] = p.kernelSize;
  const mult = p.depthMultiplier;
  const { wy, wx, outChannels: cout } = depthwiseWindows(x, p);
  const out = CpuTensor.zeros(wy.outSize, wx.outSize, cout);
  const src = x.data;
  for (let oy = 0; oy < wy.outSize; oy++) {
    for (let ox = 0; ox < wx.outSize; ox++) {
      for (let co = 0; co < cout; co++) {
        // Kernel [kh, kw, inC, mult] flattened: output channel co = ci * mult + m.
        const ci = Math.floor(co / mult);
        let acc = 0;
        for (let ky = 0; ky < kh; ky++) {
          const iy = oy * p.strides[0] - wy.padBefore + ky * p.dilation[0];
          if (iy < 0 || iy >= x.height) continue;
          for (let kx = 0; kx < kw; kx++) {
            const ix = ox * p.strides[1] - wx.padBefore + kx * p.dilation[1];
            if (ix < 0 || ix >= x.width) continue;
            acc += src[(iy * x.width + ix) * p.inChannels + ci] * p.kernel[(ky * kw + kx) * cout + co];
          }
        }
        const biased = acc + (p.bias ? p.bias[co] : 0);
        out.data[(oy * wx.outSize + ox) * cout + co] = applyActivation(p.activation, biased, p.alpha);
      }
    }
  }
  return out;
}

/** Scatter form: each input pixel adds its kernel-weighted contribution to the output. */
export function conv2dTranspose(x: CpuTensor, p: Conv2DTransposeParams): CpuTensor {
  const [kh, kw] = p.kernelSize;
  const cin = p.inChannels;
  const { wy, wx, outChannels: cout } = transposeWindows(x, p);
  const acc = new Float64Array(wy.outSize * wx.outSize * cout);
  const src = x.data;
  for (let iy = 0; iy < x.height; iy++) {
    for (let ix = 0; ix < x.width; ix++) {
      for (let ky = 0; ky < kh; ky++) {
        const oy = iy * p.strides[0] + ky - wy.padBefore;
        if (oy < 0 || oy >= wy.outSize) continue;
        for (let kx = 0; kx < kw; kx++) {
          const ox = ix * p.strides[1] + kx - wx.padBefore;
          if (ox < 0 || ox >= wx.outSize) continue;
          const outBase = (oy * wx.outSize + ox) * cout;
          const kBase = (ky * kw + kx) * cout * cin; // kernel [kh, kw, outC, inC]
          for (let ci = 0; ci < cin; ci++) {
            const v = src[(iy * x.width + ix) * cin + ci];
            for (let co = 0; co < cout; co++) acc[outBase + co] += v * p.kernel[kBase + co * cin + ci];
          }
        }
      }
    }
  }
  const out = CpuTensor.zeros(wy.outSize, wx.outSize, cout);
  for (let i = 0; i < acc.length; i++) {
    const biased = acc[i] + (p.bias ? p.bias[i % cout] : 0);
    out.data[i] = applyActivation(p.activation, biased, p.alpha);
  }
  return out;
}
