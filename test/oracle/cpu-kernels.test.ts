// The CPU reference backend against real TF.js (CPU backend) on the shared kernel matrix. TF.js
// is the oracle: we compare numbers produced by its own ops, never hand-written expectations.

import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { createCpuBackend } from '../../webview/cpu/cpuBackend';
import { DEFAULT_LEAKY_ALPHA } from '../../webview/kernels/activations';
import type { Activation, HostTensor } from '../../webview/kernels/types';
import { allKernelCases, caseInputs, compareTensors, runCase, type KernelCase } from '../browser/kernelCases';

const TOLERANCE = 1e-4;

function toTf(t: HostTensor): tf.Tensor4D {
  return tf.tensor4d(t.data, [1, t.height, t.width, t.channels]);
}

function activate(x: tf.Tensor4D, act: Activation, alpha?: number): tf.Tensor4D {
  switch (act) {
    case 'linear': return x;
    case 'relu': return tf.relu(x);
    case 'relu6': return tf.relu6(x);
    case 'elu': return tf.elu(x);
    case 'selu': return tf.selu(x);
    case 'sigmoid': return tf.sigmoid(x);
    case 'tanh': return tf.tanh(x);
    case 'softplus': return tf.softplus(x);
    // tfjs-layers' Softsign activation is x / (|x| + 1); there is no core op.
    case 'softsign': return tf.div(x, tf.add(tf.abs(x), 1));
    case 'leakyRelu': return tf.leakyRelu(x, alpha ?? DEFAULT_LEAKY_ALPHA);
  }
}

function withBias(y: tf.Tensor4D, bias: Float32Array | null): tf.Tensor4D {
  return bias ? tf.add(y, tf.tensor1d(bias)) : y;
}

function tfjsResult(c: KernelCase): HostTensor {
  const inputs = caseInputs(c).map(toTf);
  const x = inputs[0];
  const y = tf.tidy((): tf.Tensor4D => {
    switch (c.op) {
      case 'conv2d': {
        const p = c.params;
        const k = tf.tensor4d(p.kernel, [p.kernelSize[0], p.kernelSize[1], p.inChannels, p.outChannels]);
        return activate(withBias(tf.conv2d(x, k, [...p.strides], p.padding, 'NHWC', [...p.dilation]), p.bias), p.activation, p.alpha);
      }
      case 'depthwiseConv2d': {
        const p = c.params;
        const k = tf.tensor4d(p.kernel, [p.kernelSize[0], p.kernelSize[1], p.inChannels, p.depthMultiplier]);
        return activate(withBias(tf.depthwiseConv2d(x, k, [...p.strides], p.padding, 'NHWC', [...p.dilation]), p.bias), p.activation, p.alpha);
      }
      case 'conv2dTranspose': {
        // Output size as tf.layers.conv2dTranspose computes it (deconvLength).
        const p = c.params;
        const len = (n: number, k: number, s: number): number => (p.padding === 'same' ? n * s : n * s + Math.max(k - s, 0));
        const outShape: [number, number, number, number] = [
          1, len(c.input.h, p.kernelSize[0], p.strides[0]), len(c.input.w, p.kernelSize[1], p.strides[1]), p.outChannels,
        ];
        const k = tf.tensor4d(p.kernel, [p.kernelSize[0], p.kernelSize[1], p.outChannels, p.inChannels]);
        return activate(withBias(tf.conv2dTranspose(x, k, outShape, [...p.strides], p.padding), p.bias), p.activation, p.alpha);
      }
      case 'pool2d': {
        const p = c.params;
        const pool = p.kind === 'max' ? tf.maxPool : tf.avgPool;
        return pool(x, [...p.poolSize], [...p.strides], p.padding);
      }
      case 'globalPool2d':
        return (c.kind === 'max' ? tf.max(x, [1, 2], true) : tf.mean(x, [1, 2], true)) as tf.Tensor4D;
      case 'activation':
        return activate(x, c.act, c.alpha);
      case 'batchNorm': {
        const p = c.params;
        return tf.batchNorm(x, tf.tensor1d(p.movingMean), tf.tensor1d(p.movingVariance),
          p.beta ? tf.tensor1d(p.beta) : undefined, p.gamma ? tf.tensor1d(p.gamma) : undefined, p.epsilon);
      }
      case 'zeroPad2d':
        return tf.pad(x, [[0, 0], [...c.pad[0]], [...c.pad[1]], [0, 0]]);
      case 'crop2d': {
        const [[top, bottom], [left, right]] = c.crop;
        return tf.slice(x, [0, top, left, 0], [1, c.input.h - top - bottom, c.input.w - left - right, c.input.c]);
      }
      case 'upSample2d': {
        const size: [number, number] = [c.input.h * c.size[0], c.input.w * c.size[1]];
        return c.interpolation === 'nearest' ? tf.image.resizeNearestNeighbor(x, size) : tf.image.resizeBilinear(x, size);
      }
      case 'add':
        return tf.addN(inputs);
      case 'concat':
        return tf.concat(inputs, 3);
    }
  });
  const [, height, width, channels] = y.shape;
  const data = y.dataSync() as Float32Array;
  y.dispose();
  for (const t of inputs) t.dispose();
  return { height, width, channels, data: Float32Array.from(data) };
}

describe('CPU reference kernels equal TF.js (cpu backend)', function () {
  this.timeout(120000);
  before(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });

  const backend = createCpuBackend();
  for (const c of allKernelCases()) {
    it(c.name, () => {
      const cmp = compareTensors(runCase(backend, c), tfjsResult(c));
      assert.ok(cmp.shapeMatches, `shape: ${cmp.detail}`);
      assert.ok(cmp.maxAbsDiff <= TOLERANCE, `max |diff| ${cmp.maxAbsDiff} > ${TOLERANCE}: ${cmp.detail}`);
    });
  }

  it('rejects a kernel whose channel count does not match the input', () => {
    const x = backend.upload({ height: 2, width: 2, channels: 3, data: new Float32Array(12) });
    assert.throws(() => backend.conv2d(x, {
      kernel: new Float32Array(9 * 4), kernelSize: [3, 3], inChannels: 4, outChannels: 1, bias: null,
      strides: [1, 1], padding: 'same', dilation: [1, 1], activation: 'linear',
    }), /3 channels, kernel expects 4/);
  });
});
