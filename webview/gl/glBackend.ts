// The WebGL2 implementation of KernelBackend. Every op is one or a few full-texture passes;
// tensors stay on the GPU between ops and only `download` reads back. Weight textures are
// created per call and deleted after the pass (previews run each layer once per image).

import { assertPositiveShape, convWindow, texelsPerPixel, transposeWindow } from '../kernels/geometry';
import type {
  Activation, BatchNormParams, Conv2DParams, Conv2DTransposeParams, DepthwiseConv2DParams,
  DeviceTensor, HostTensor, KernelBackend, Pool2DParams,
} from '../kernels/types';
import { GlContext } from './glContext';
import { GlTensor, packHwc, unpackHwc } from './glTensor';
import { conv2dShader, conv2dTransposeShader, depthwiseShader } from './shaders/convShaders';
import {
  activationShader, addShader, batchNormShader, concatShader, placeShader, upSampleShader,
} from './shaders/elementwiseShaders';
import { globalPoolShader, pool2dShader } from './shaders/poolShaders';
import { packBatchNormAffine, packConvWeights, packDepthwiseWeights, packVector, type PackedTexture } from './weightPacking';

type Pad2D = readonly [readonly [number, number], readonly [number, number]];

/** Most inputs bound in one add/concat pass; longer lists are folded in several passes. */
const MAX_INPUTS_PER_PASS = 8;

export class WebGl2Backend implements KernelBackend {
  readonly name = 'webgl2' as const;
  private readonly ctx: GlContext;

  constructor(gl: WebGL2RenderingContext) {
    this.ctx = new GlContext(gl);
  }

  /** Programs compiled so far (each distinct configuration compiles once). */
  get programCount(): number {
    return this.ctx.programCount;
  }

  /** Frees GPU programs and buffers; tensors must be disposed by their owners. */
  release(): void {
    this.ctx.release();
  }

  upload(t: HostTensor): DeviceTensor {
    if (t.data.length !== t.height * t.width * t.channels) {
      throw new Error(`upload: ${t.height}×${t.width}×${t.channels} needs ${t.height * t.width * t.channels} values, got ${t.data.length}`);
    }
    return new GlTensor(this.ctx, t.height, t.width, t.channels, packHwc(t));
  }

  download(t: DeviceTensor): HostTensor {
    const g = this.own(t);
    return unpackHwc(this.ctx.read(g.texture, g.size), g.height, g.width, g.channels);
  }

  dispose(t: DeviceTensor): void {
    this.own(t).dispose();
  }

  conv2d(xt: DeviceTensor, p: Conv2DParams): DeviceTensor {
    const x = this.own(xt);
    const [kh, kw] = p.kernelSize;
    checkChannels('conv2d', x, p.inChannels);
    checkLength('conv2d kernel', p.kernel, kh * kw * p.inChannels * p.outChannels);
    checkLength('conv2d bias', p.bias, p.outChannels);
    const wy = convWindow(x.height, kh, p.strides[0], p.dilation[0], p.padding);
    const wx = convWindow(x.width, kw, p.strides[1], p.dilation[1], p.padding);
    assertPositiveShape('conv2d', wy.outSize, wx.outSize, p.outChannels);
    const cin = p.inChannels;
    const cout = p.outChannels;
    const weights = packConvWeights(kh * kw, cin, cout, (tap, ci, co) => p.kernel[(tap * cin + ci) * cout + co]);
    // Exactly the rows and columns the windows touch, with the 'same' zeros materialised.
    const spanH = (wy.outSize - 1) * p.strides[0] + (kh - 1) * p.dilation[0] + 1;
    const spanW = (wx.outSize - 1) * p.strides[1] + (kw - 1) * p.dilation[1] + 1;
    const needsPad = wy.padBefore > 0 || wx.padBefore > 0 || spanH > x.height || spanW > x.width;
    const input = needsPad ? this.place(x, spanH, spanW, wy.padBefore, wx.padBefore) : x;
    const source = conv2dShader({
      inH: input.height, inW: input.width, ci4: x.texelsPerPixel, co4: texelsPerPixel(cout), outC: cout, kh, kw,
      sy: p.strides[0], sx: p.strides[1], dy: p.dilation[0], dx: p.dilation[1],
      padTop: 0, padLeft: 0, activation: p.activation, alpha: p.alpha,
    });
    try {
      return this.withWeights(weights, packVector(cout, p.bias), (w, b) => this.pass(source, [['x', input.texture], ['w', w], ['b', b]], wy.outSize, wx.outSize, cout));
    } finally {
      if (input !== x) input.dispose();
    }
  }

  depthwiseConv2d(xt: DeviceTensor, p: DepthwiseConv2DParams): DeviceTensor {
    const x = this.own(xt);
    const [kh, kw] = p.kernelSize;
    const cout = p.inChannels * p.depthMultiplier;
    checkChannels('depthwiseConv2d', x, p.inChannels);
    checkLength('depthwiseConv2d kernel', p.kernel, kh * kw * cout);
    checkLength('depthwiseConv2d bias', p.bias, cout);
    const wy = convWindow(x.height, kh, p.strides[0], p.dilation[0], p.padding);
    const wx = convWindow(x.width, kw, p.strides[1], p.dilation[1], p.padding);
    assertPositiveShape('depthwiseConv2d', wy.outSize, wx.outSize, cout);
    const source = depthwiseShader({
      inH: x.height, inW: x.width, ci4: x.texelsPerPixel, co4: texelsPerPixel(cout), outC: cout, kh, kw,
      sy: p.strides[0], sx: p.strides[1], dy: p.dilation[0], dx: p.dilation[1],
      padTop: wy.padBefore, padLeft: wx.padBefore, activation: p.activation, alpha: p.alpha,
      inC: p.inChannels, multiplier: p.depthMultiplier,
    });
    const weights = packDepthwiseWeights(kh * kw, cout, p.kernel);
    return this.withWeights(weights, packVector(cout, p.bias), (w, b) => this.pass(source, [['x', x.texture], ['w', w], ['b', b]], wy.outSize, wx.outSize, cout));
  }

  conv2dTranspose(xt: DeviceTensor, p: Conv2DTransposeParams): DeviceTensor {
    const x = this.own(xt);
    const [kh, kw] = p.kernelSize;
    const cin = p.inChannels;
    const cout = p.outChannels;
    checkChannels('conv2dTranspose', x, cin);
    checkLength('conv2dTranspose kernel', p.kernel, kh * kw * cout * cin);
    checkLength('conv2dTranspose bias', p.bias, cout);
    const wy = transposeWindow(x.height, kh, p.strides[0], p.padding);
    const wx = transposeWindow(x.width, kw, p.strides[1], p.padding);
    assertPositiveShape('conv2dTranspose', wy.outSize, wx.outSize, cout);
    // Kernel [kh, kw, outC, inC]: same packed layout as conv2d, roles of the last two swapped.
    const weights = packConvWeights(kh * kw, cin, cout, (tap, ci, co) => p.kernel[(tap * cout + co) * cin + ci]);
    const source = conv2dTransposeShader({
      inH: x.height, inW: x.width, ci4: x.texelsPerPixel, co4: texelsPerPixel(cout), outC: cout, kh, kw,
      sy: p.strides[0], sx: p.strides[1], dy: 1, dx: 1,
      padTop: wy.padBefore, padLeft: wx.padBefore, activation: p.activation, alpha: p.alpha,
    });
    return this.withWeights(weights, packVector(cout, p.bias), (w, b) => this.pass(source, [['x', x.texture], ['w', w], ['b', b]], wy.outSize, wx.outSize, cout));
  }

  pool2d(xt: DeviceTensor, p: Pool2DParams): DeviceTensor {
    const x = this.own(xt);
    const wy = convWindow(x.height, p.poolSize[0], p.strides[0], 1, p.padding);
    const wx = convWindow(x.width, p.poolSize[1], p.strides[1], 1, p.padding);
    assertPositiveShape(`${p.kind}Pool2d`, wy.outSize, wx.outSize, x.channels);
    const source = pool2dShader({
      kind: p.kind, inH: x.height, inW: x.width, c4: x.texelsPerPixel, ph: p.poolSize[0], pw: p.poolSize[1],
      sy: p.strides[0], sx: p.strides[1], padTop: wy.padBefore, padLeft: wx.padBefore,
    });
    return this.pass(source, [['x', x.texture]], wy.outSize, wx.outSize, x.channels);
  }

  globalPool2d(xt: DeviceTensor, kind: 'max' | 'avg'): DeviceTensor {
    const x = this.own(xt);
    return this.pass(globalPoolShader(kind, x.height, x.width, x.texelsPerPixel), [['x', x.texture]], 1, 1, x.channels);
  }

  activation(xt: DeviceTensor, act: Activation, alpha?: number): DeviceTensor {
    const x = this.own(xt);
    return this.pass(activationShader(act, alpha, x.texelsPerPixel, x.channels), [['x', x.texture]], x.height, x.width, x.channels);
  }

  batchNorm(xt: DeviceTensor, p: BatchNormParams): DeviceTensor {
    const x = this.own(xt);
    for (const [what, arr] of [['movingMean', p.movingMean], ['movingVariance', p.movingVariance], ['gamma', p.gamma], ['beta', p.beta]] as const) {
      checkLength(`batchNorm ${what}`, arr, x.channels);
    }
    const affine = this.uploadPacked(packBatchNormAffine(x.channels, p));
    try {
      return this.pass(batchNormShader(x.texelsPerPixel), [['x', x.texture], ['affine', affine]], x.height, x.width, x.channels);
    } finally {
      this.ctx.deleteTexture(affine);
    }
  }

  zeroPad2d(xt: DeviceTensor, pad: Pad2D): DeviceTensor {
    const x = this.own(xt);
    const [[top, bottom], [left, right]] = pad;
    return this.place(x, x.height + top + bottom, x.width + left + right, top, left);
  }

  crop2d(xt: DeviceTensor, crop: Pad2D): DeviceTensor {
    const x = this.own(xt);
    const [[top, bottom], [left, right]] = crop;
    return this.place(x, x.height - top - bottom, x.width - left - right, -top, -left);
  }

  upSample2d(xt: DeviceTensor, size: readonly [number, number], interpolation: 'nearest' | 'bilinear'): DeviceTensor {
    const x = this.own(xt);
    const source = upSampleShader(x.height, x.width, x.texelsPerPixel, size[0], size[1], interpolation === 'bilinear');
    return this.pass(source, [['x', x.texture]], x.height * size[0], x.width * size[1], x.channels);
  }

  add(xts: readonly DeviceTensor[]): DeviceTensor {
    const xs = xts.map((t) => this.own(t));
    if (xs.length === 0) throw new Error('add: needs at least one input');
    for (const t of xs) {
      if (t.height !== xs[0].height || t.width !== xs[0].width || t.channels !== xs[0].channels) {
        throw new Error(`add: inputs differ in shape (${describe(xs[0])} vs ${describe(t)})`);
      }
    }
    return this.folded(xs, (group) => this.pass(addShader(group.length), bindAll(group), xs[0].height, xs[0].width, xs[0].channels));
  }

  concat(xts: readonly DeviceTensor[]): DeviceTensor {
    const xs = xts.map((t) => this.own(t));
    if (xs.length === 0) throw new Error('concat: needs at least one input');
    for (const t of xs) {
      if (t.height !== xs[0].height || t.width !== xs[0].width) throw new Error(`concat: inputs differ in size (${describe(xs[0])} vs ${describe(t)})`);
    }
    return this.folded(xs, (group) => {
      const channels = group.map((t) => t.channels);
      const total = channels.reduce((a, b) => a + b, 0);
      return this.pass(concatShader(channels, texelsPerPixel(total)), bindAll(group), xs[0].height, xs[0].width, total);
    });
  }

  /** Applies `combine` to groups of at most MAX_INPUTS_PER_PASS, left to right, freeing partials. */
  private folded(xs: readonly GlTensor[], combine: (group: readonly GlTensor[]) => GlTensor): GlTensor {
    let acc = combine(xs.slice(0, MAX_INPUTS_PER_PASS));
    for (let i = MAX_INPUTS_PER_PASS; i < xs.length; i += MAX_INPUTS_PER_PASS - 1) {
      const next = combine([acc, ...xs.slice(i, i + MAX_INPUTS_PER_PASS - 1)]);
      acc.dispose();
      acc = next;
    }
    return acc;
  }

  private place(x: GlTensor, height: number, width: number, top: number, left: number): GlTensor {
    assertPositiveShape('pad/crop', height, width, x.channels);
    return this.pass(placeShader(x.height, x.width, x.texelsPerPixel, top, left), [['x', x.texture]], height, width, x.channels);
  }

  private pass(source: string, inputs: ReadonlyArray<readonly [string, WebGLTexture]>, height: number, width: number, channels: number): GlTensor {
    const out = new GlTensor(this.ctx, height, width, channels, null);
    try {
      this.ctx.draw(source, inputs, out.texture, out.size);
    } catch (err) {
      out.dispose();
      throw err;
    }
    return out;
  }

  private uploadPacked(t: PackedTexture): WebGLTexture {
    return this.ctx.createTexture({ width: t.width, height: t.height }, t.data);
  }

  private withWeights(weights: PackedTexture, bias: PackedTexture, run: (w: WebGLTexture, b: WebGLTexture) => GlTensor): GlTensor {
    const w = this.uploadPacked(weights);
    const b = this.uploadPacked(bias);
    try {
      return run(w, b);
    } finally {
      this.ctx.deleteTexture(w);
      this.ctx.deleteTexture(b);
    }
  }

  private own(t: DeviceTensor): GlTensor {
    if (!(t instanceof GlTensor)) throw new Error('tensor does not belong to the WebGL2 backend');
    return t;
  }
}

function bindAll(xs: readonly GlTensor[]): Array<readonly [string, WebGLTexture]> {
  return xs.map((t, i) => [`x${i}`, t.texture] as const);
}

function describe(t: DeviceTensor): string {
  return `${t.height}×${t.width}×${t.channels}`;
}

function checkChannels(op: string, x: DeviceTensor, expected: number): void {
  if (x.channels !== expected) throw new Error(`${op}: input has ${x.channels} channels, kernel expects ${expected}`);
}

function checkLength(what: string, arr: Float32Array | null, expected: number): void {
  if (arr !== null && arr.length !== expected) throw new Error(`${what}: expected ${expected} values, got ${arr.length}`);
}
