// Pooling loops. Padded cells never take part: max ignores them, 'same' average divides by the
// number of real cells in the window (TF.js's behaviour), never by the full window size.

import { poolWindows } from '../kernels/opChecks';
import type { Pool2DParams } from '../kernels/types';
import { CpuTensor } from './tensor';

export function pool2d(x: CpuTensor, p: Pool2DParams): CpuTensor {
  const [ph, pw] = p.poolSize;
  const { wy, wx } = poolWindows(x, p);
  const c = x.channels;
  const out = CpuTensor.zeros(wy.outSize, wx.outSize, c);
  const src = x.data;
  for (let oy = 0; oy < wy.outSize; oy++) {
    for (let ox = 0; ox < wx.outSize; ox++) {
      for (let ch = 0; ch < c; ch++) {
        let best = -Infinity;
        let sum = 0;
        let count = 0;
        for (let ky = 0; ky < ph; ky++) {
          const iy = oy * p.strides[0] - wy.padBefore + ky;
          if (iy < 0 || iy >= x.height) continue;
          for (let kx = 0; kx < pw; kx++) {
            const ix = ox * p.strides[1] - wx.padBefore + kx;
            if (ix < 0 || ix >= x.width) continue;
            const v = src[(iy * x.width + ix) * c + ch];
            if (v > best) best = v;
            sum += v;
            count++;
          }
        }
        out.data[(oy * wx.outSize + ox) * c + ch] = p.kind === 'max' ? best : sum / count;
      }
    }
  }
  return out;
}

export function globalPool2d(x: CpuTensor, kind: 'max' | 'avg'): CpuTensor {
  const c = x.channels;
  const out = CpuTensor.zeros(1, 1, c);
  const pixels = x.height * x.width;
  for (let ch = 0; ch < c; ch++) {
    let best = -Infinity;
    let sum = 0;
    for (let i = 0; i < pixels; i++) {
      const v = x.data[i * c + ch];
      if (v > best) best = v;
      sum += v;
    }
    out.data[ch] = kind === 'max' ? best : sum / pixels;
  }
  return out;
}
