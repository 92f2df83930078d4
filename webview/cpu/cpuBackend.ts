// The plain-JS reference backend: the same KernelBackend interface as the WebGL2 kernels, built
// from simple loops. Used as the panel's fallback and as the oracle in the browser tests.

import type { DeviceTensor, HostTensor, KernelBackend } from '../kernels/types';
import { conv2d, conv2dTranspose, depthwiseConv2d } from './conv';
import { activation, add, batchNorm, concat, crop2d, upSample2d, zeroPad2d } from './elementwise';
import { globalPool2d, pool2d } from './pool';
import { asCpu, CpuTensor, hostCopy } from './tensor';

export function createCpuBackend(): KernelBackend {
  return {
    name: 'cpu',
    upload: (t: HostTensor) => new CpuTensor(t.height, t.width, t.channels, Float32Array.from(t.data)),
    download: (t: DeviceTensor) => hostCopy(asCpu(t)),
    dispose: (t: DeviceTensor) => asCpu(t).dispose(),
    conv2d: (x, p) => conv2d(asCpu(x), p),
    depthwiseConv2d: (x, p) => depthwiseConv2d(asCpu(x), p),
    conv2dTranspose: (x, p) => conv2dTranspose(asCpu(x), p),
    pool2d: (x, p) => pool2d(asCpu(x), p),
    globalPool2d: (x, kind) => globalPool2d(asCpu(x), kind),
    activation: (x, act, alpha) => activation(asCpu(x), act, alpha),
    batchNorm: (x, p) => batchNorm(asCpu(x), p),
    zeroPad2d: (x, pad) => zeroPad2d(asCpu(x), pad),
    crop2d: (x, crop) => crop2d(asCpu(x), crop),
    upSample2d: (x, size, interpolation) => upSample2d(asCpu(x), size, interpolation),
    add: (xs) => add(xs.map(asCpu)),
    concat: (xs) => concat(xs.map(asCpu)),
  };
}
