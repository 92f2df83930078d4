// Each op's argument checks and output windows, in one place for every backend (the CPU
// reference, WebGL2 and the WASM drivers): they refuse the same inputs with the same messages,
// and cannot disagree on output sizes or padding.

import { assertPositiveShape, convWindow, transposeWindow, type Window1D } from './geometry';
import type { Conv2DParams, Conv2DTransposeParams, DepthwiseConv2DParams, Padding, Pool2DParams } from './types';

/** What the checks read of a tensor, whichever backend holds it. */
interface Spatial {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

/** An op's output windows along height (wy) and width (wx), and its output channels. */
export interface OpWindows {
  readonly wy: Window1D;
  readonly wx: Window1D;
  readonly outChannels: number;
}

export function checkLength(what: string, arr: Float32Array | null, expected: number): void {
  if (arr !== null && arr.length !== expected) throw new Error(`${what}: expected ${expected} values, got ${arr.length}`);
}

function checkChannels(op: string, x: Spatial, expected: number): void {
  if (x.channels !== expected) throw new Error(`${op}: input has ${x.channels} channels, kernel expects ${expected}`);
}

/** Kernel [kh, kw, inC, outC]. */
export function conv2dWindows(x: Spatial, p: Conv2DParams): OpWindows {
  const [kh, kw] = p.kernelSize;
  checkChannels('conv2d', x, p.inChannels);
  checkLength('conv2d kernel', p.kernel, kh * kw * p.inChannels * p.outChannels);
  checkLength('conv2d bias', p.bias, p.outChannels);
  return forwardWindows('conv2d', x, p.kernelSize, p.strides, p.dilation, p.padding, p.outChannels);
}

/** Kernel [kh, kw, inC, multiplier]: inC · multiplier output channels. */
export function depthwiseWindows(x: Spatial, p: DepthwiseConv2DParams): OpWindows {
  const [kh, kw] = p.kernelSize;
  const cout = p.inChannels * p.depthMultiplier;
  checkChannels('depthwiseConv2d', x, p.inChannels);
  checkLength('depthwiseConv2d kernel', p.kernel, kh * kw * cout);
  checkLength('depthwiseConv2d bias', p.bias, cout);
  return forwardWindows('depthwiseConv2d', x, p.kernelSize, p.strides, p.dilation, p.padding, cout);
}

/** Kernel [kh, kw, outC, inC]; windows by Keras' deconvLength (geometry.ts's transposeWindow). */
export function transposeWindows(x: Spatial, p: Conv2DTransposeParams): OpWindows {
  const [kh, kw] = p.kernelSize;
  const cout = p.outChannels;
  checkChannels('conv2dTranspose', x, p.inChannels);
  checkLength('conv2dTranspose kernel', p.kernel, kh * kw * cout * p.inChannels);
  checkLength('conv2dTranspose bias', p.bias, cout);
  const wy = transposeWindow(x.height, kh, p.strides[0], p.padding);
  const wx = transposeWindow(x.width, kw, p.strides[1], p.padding);
  assertPositiveShape('conv2dTranspose', wy.outSize, wx.outSize, cout);
  return { wy, wx, outChannels: cout };
}

/** Max or average pooling: the input's channels, windows without dilation. */
export function poolWindows(x: Spatial, p: Pool2DParams): OpWindows {
  return forwardWindows(`${p.kind}Pool2d`, x, p.poolSize, p.strides, [1, 1], p.padding, x.channels);
}

function forwardWindows(
  op: string, x: Spatial, k: readonly [number, number], strides: readonly [number, number], dilation: readonly [number, number],
  padding: Padding, outChannels: number,
): OpWindows {
  const wy = convWindow(x.height, k[0], strides[0], dilation[0], padding);
  const wx = convWindow(x.width, k[1], strides[1], dilation[1], padding);
  assertPositiveShape(op, wy.outSize, wx.outSize, outChannels);
  return { wy, wx, outChannels };
}
