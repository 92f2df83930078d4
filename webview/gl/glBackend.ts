// The WebGL2 implementation of KernelBackend. Tensors are RGBA32F array textures, one layer per
// group of four channels (see glTensor.ts); they stay on the GPU between ops and only `download`
// reads back. conv2d writes several layers per pass (multiple render targets): small convs with
// their weights baked into the program, one pixel a fragment; the others with their weights in
// a uniform block, as tiles of several pixels a fragment (tiledConv.ts); pooling draws several
// output layers a pass (render targets) and the other ops once per output layer. Weight
// textures are created per call and deleted after the pass (previews run each layer once per
// image).

import { assertPositiveShape } from '../kernels/geometry';
import { checkLength, conv2dWindows, depthwiseWindows, poolWindows, transposeWindows } from '../kernels/opChecks';
import type {
  Activation, BatchNormParams, Conv2DParams, Conv2DTransposeParams, DepthwiseConv2DParams,
  DeviceTensor, HostTensor, KernelBackend, Pool2DParams,
} from '../kernels/types';
import { GlContext, type CompileStats, type PassInput } from './glContext';
import { GlTensor, packLayers, prefaultedArray, unpackLayers } from './glTensor';
import { planTiles, tiledConvPasses, tilePlanFits } from './tiledConv';
import { conv2dPassShader, conv2dTransposeShader, convBlockBytes, convUnrolled, depthwiseShader, UNROLL_LIMIT } from './shaders/convShaders';
import {
  activationShader, addShader, batchNormShader, concatShader, placeShader, upSampleShader,
} from './shaders/elementwiseShaders';
import { globalPoolShader, pool2dShader } from './shaders/poolShaders';
import { packBatchNormAffine, packConvBlock, packConvWeights, packDepthwiseWeights, packVector, type PackedTexture } from './weightPacking';

type Pad2D = readonly [readonly [number, number], readonly [number, number]];

const DEFAULT_GROUPS_PER_PASS = 8;

/**
 * Convs of at most this many passes get their weights inlined as shader constants (one program
 * per pass and weight set). Constants make SwiftShader's multiply-adds several times faster,
 * but each such program is JIT-compiled at its first draw (~80–130 ms): two covers the first layer
 * of most models (3 channels in, up to 64 out) within the first-preview budget (issue #12:
 * 300 ms). Every other conv reads its weights from the uniform block, in programs shared by
 * all its passes and by every conv of the same kernel geometry.
 */
const INLINE_WEIGHT_PASSES = 2;

/**
 * Most weight columns × outputs in one slice of a conv summed over several passes: smaller
 * than UNROLL_LIMIT because SwiftShader's first-draw JIT of the shared slice program grows with
 * its unrolled body (measured: ~110 ms at this size, 250–350 ms at twice it, about a second
 * for three slice kinds at 512), and the first preview of a big conv waits for it; the extra
 * passes cost little beside the multiply-adds (VGG16 block1+2 got faster, not slower).
 */
const SLICE_UNROLL_LIMIT = 128;

/** Most inputs bound in one add/concat pass; longer lists are folded in several passes. */
const MAX_INPUTS_PER_PASS = 8;

/** Tuning knobs; the defaults are what the panel uses. Tests shrink them to reach rare paths. */
export interface WebGl2Options {
  /** Output channel groups one conv pass writes (capped by the GPU's draw buffers). */
  readonly convGroupsPerPass?: number;
  /** Benchmarks: time each program's first draw (see GlContext), at one GPU wait each. */
  readonly timeFirstDraws?: boolean;
}

export class WebGl2Backend implements KernelBackend {
  readonly name = 'webgl2' as const;
  private readonly ctx: GlContext;
  private readonly groupsPerPass: number;

  constructor(gl: WebGL2RenderingContext, options: WebGl2Options = {}) {
    this.ctx = new GlContext(gl, options.timeFirstDraws === true);
    this.groupsPerPass = Math.min(this.ctx.maxDrawBuffers, options.convGroupsPerPass ?? DEFAULT_GROUPS_PER_PASS);
  }

  /** Programs compiled so far (each distinct configuration compiles once). */
  get programCount(): number {
    return this.ctx.programCount;
  }

  /** Programs compiled so far and the ms spent compiling them (benchmarks: first-preview cost). */
  get compileStats(): CompileStats {
    return this.ctx.compileStats;
  }

  warmPrograms(run: () => void): Promise<void> {
    return this.ctx.warm(run);
  }

  /** Frees GPU programs and buffers; tensors must be disposed by their owners. */
  release(): void {
    this.ctx.release();
  }

  upload(t: HostTensor): DeviceTensor {
    if (t.data.length !== t.height * t.width * t.channels) {
      throw new Error(`upload: ${t.height}×${t.width}×${t.channels} needs ${t.height * t.width * t.channels} values, got ${t.data.length}`);
    }
    return new GlTensor(this.ctx, t.height, t.width, t.channels, packLayers(t));
  }

  download(t: DeviceTensor): HostTensor {
    const g = this.own(t);
    let result: Float32Array | undefined;
    const packed = this.ctx.read(g.texture, g.size, g.layers, () => {
      result = prefaultedArray(g.height * g.width * g.channels);
    });
    return unpackLayers(packed, g.height, g.width, g.channels, result);
  }

  dispose(t: DeviceTensor): void {
    this.own(t).dispose();
  }

  conv2d(xt: DeviceTensor, p: Conv2DParams): DeviceTensor {
    const x = this.own(xt);
    const [kh, kw] = p.kernelSize;
    const { wy, wx } = conv2dWindows(x, p);
    // Exactly the rows and columns the windows touch, with the 'same' zeros materialised, so
    // the conv shader needs no bounds tests; 'valid' convs read their input as it is.
    const spanH = (wy.outSize - 1) * p.strides[0] + (kh - 1) * p.dilation[0] + 1;
    const spanW = (wx.outSize - 1) * p.strides[1] + (kw - 1) * p.dilation[1] + 1;
    const needsPad = wy.padBefore > 0 || wx.padBefore > 0 || spanH > x.height || spanW > x.width;
    const input = needsPad ? this.place(x, spanH, spanW, wy.padBefore, wx.padBefore) : x;
    const out = new GlTensor(this.ctx, wy.outSize, wx.outSize, p.outChannels, null);
    try {
      this.convPasses(input, out, p);
    } catch (err) {
      out.dispose();
      throw err;
    } finally {
      if (input !== x) input.dispose();
    }
    return out;
  }

  /**
   * Runs conv2d: as tiles (tiledConv.ts) unless its weights are inlined or its kernel is too
   * big to tile; otherwise as passes of up to `groupsPerPass` output groups each. When one pass over all
   * input layers would exceed UNROLL_LIMIT, the input layers are split into slices whose partial
   * sums are carried from pass to pass in a scratch tensor. The slices are of equal size and
   * run one program (ConvPassSpec.sliced), so a big conv compiles once.
   */
  private convPasses(input: GlTensor, out: GlTensor, p: Conv2DParams): void {
    const [kh, kw] = p.kernelSize;
    const taps = kh * kw;
    const ci4 = input.layers;
    const co4 = out.layers;
    let maxOuts = Math.min(this.groupsPerPass, co4);
    let chunkLayers = ci4;
    if (taps * ci4 * 4 * maxOuts > UNROLL_LIMIT) {
      // Sliced: four groups per pass balance re-reading the input against carrying partials.
      maxOuts = Math.min(maxOuts, 4);
      while (maxOuts > 1 && taps * 4 * maxOuts > SLICE_UNROLL_LIMIT) maxOuts >>= 1;
      // Kernels too big to unroll even one layer fall back to the loop form, one layer a pass.
      chunkLayers = Math.max(1, Math.floor(SLICE_UNROLL_LIMIT / (taps * 4 * maxOuts)));
      // Equal slices share one program: the largest slice that divides the input's layers.
      while (ci4 % chunkLayers !== 0) chunkLayers--;
    }
    const sliced = chunkLayers < ci4;
    if (convBlockBytes(taps, chunkLayers * 4, maxOuts) > this.ctx.maxBlockBytes) {
      throw new Error(`conv2d: a ${kh}×${kw} kernel needs more uniform memory than this GPU has`);
    }
    // Small convs (typically the first layer, on the full-size image) get their weights baked
    // into the program: several times faster on SwiftShader, at one compile per weight set.
    const passes = Math.ceil(co4 / maxOuts) * Math.ceil(ci4 / chunkLayers);
    const inline = !sliced && passes <= INLINE_WEIGHT_PASSES && convUnrolled(taps, chunkLayers, maxOuts) && allFinite(p.kernel) && (p.bias === null || allFinite(p.bias));
    // Every other conv reads its weights from the uniform block: as tiles of output pixels,
    // each weight read feeding several of them (about twice as fast on SwiftShader).
    const plan = inline ? null : planTiles(taps, ci4, co4, out.width, this.ctx.maxDrawBuffers);
    if (plan && tilePlanFits(plan, taps, this.ctx.maxBlockBytes)) {
      tiledConvPasses(this.ctx, input, out, p, plan);
      return;
    }
    for (let g0 = 0; g0 < co4; g0 += maxOuts) {
      const outs = Math.min(maxOuts, co4 - g0);
      let partial: GlTensor | null = null;
      try {
        for (let c0 = 0; c0 < ci4; c0 += chunkLayers) {
          const cn = Math.min(chunkLayers, ci4 - c0);
          const final = c0 + cn >= ci4;
          const target = final ? out : new GlTensor(this.ctx, out.height, out.width, outs * 4, null);
          const block = packConvBlock({ taps, inC: p.inChannels, outC: p.outChannels, c0, cn, g0, outs, sliced }, p.kernel, p.bias);
          const source = conv2dPassShader({
            kh, kw, sy: p.strides[0], sx: p.strides[1], dy: p.dilation[0], dx: p.dilation[1],
            inC: p.inChannels, c0: sliced ? 0 : c0, cn, outs, partial: !sliced && partial !== null, final: sliced || final, sliced,
            masked: p.outChannels % 4 !== 0, activation: p.activation, alpha: p.alpha,
            inlineWeights: inline ? block : undefined,
          });
          // A sliced pass always declares `partial`; the first slice binds the input there unread.
          const inputs = partial || sliced ? [arrayInput('x', input), arrayInput('partial', partial ?? input)] : [arrayInput('x', input)];
          const layers = Array.from({ length: outs }, (_, k) => (final ? g0 + k : k));
          const ints: Record<string, number> = sliced ? { c0, partialPass: partial ? 1 : 0, finalPass: final ? 1 : 0 } : { c0 };
          this.ctx.draw({ source, inputs, output: target.texture, layers, size: out.size, block: inline ? undefined : block, ints });
          // Recycled, not freed: GL runs passes in order, so a later pass may overwrite it safely.
          partial?.dispose();
          partial = final ? null : target;
        }
      } finally {
        partial?.dispose();
      }
    }
  }

  depthwiseConv2d(xt: DeviceTensor, p: DepthwiseConv2DParams): DeviceTensor {
    const x = this.own(xt);
    const [kh, kw] = p.kernelSize;
    const { wy, wx, outChannels: cout } = depthwiseWindows(x, p);
    const source = depthwiseShader({
      inH: x.height, inW: x.width, ci4: x.layers, outC: cout, kh, kw,
      sy: p.strides[0], sx: p.strides[1], dy: p.dilation[0], dx: p.dilation[1],
      padTop: wy.padBefore, padLeft: wx.padBefore, activation: p.activation, alpha: p.alpha,
      inC: p.inChannels, multiplier: p.depthMultiplier,
    });
    const weights = packDepthwiseWeights(kh * kw, cout, p.kernel);
    return this.withWeights(weights, packVector(cout, p.bias), (w, b) => this.pass(source, [arrayInput('x', x), plainInput('w', w), plainInput('b', b)], wy.outSize, wx.outSize, cout));
  }

  conv2dTranspose(xt: DeviceTensor, p: Conv2DTransposeParams): DeviceTensor {
    const x = this.own(xt);
    const [kh, kw] = p.kernelSize;
    const cin = p.inChannels;
    const { wy, wx, outChannels: cout } = transposeWindows(x, p);
    // Kernel [kh, kw, outC, inC]: same packed layout as conv2d, roles of the last two swapped.
    const weights = packConvWeights(kh * kw, cin, cout, (tap, ci, co) => p.kernel[(tap * cout + co) * cin + ci]);
    const source = conv2dTransposeShader({
      inH: x.height, inW: x.width, ci4: x.layers, outC: cout, kh, kw,
      sy: p.strides[0], sx: p.strides[1], dy: 1, dx: 1,
      padTop: wy.padBefore, padLeft: wx.padBefore, activation: p.activation, alpha: p.alpha,
    });
    return this.withWeights(weights, packVector(cout, p.bias), (w, b) => this.pass(source, [arrayInput('x', x), plainInput('w', w), plainInput('b', b)], wy.outSize, wx.outSize, cout));
  }

  pool2d(xt: DeviceTensor, p: Pool2DParams): DeviceTensor {
    const x = this.own(xt);
    const { wy, wx } = poolWindows(x, p);
    const spec = {
      kind: p.kind, inH: x.height, inW: x.width, ph: p.poolSize[0], pw: p.poolSize[1],
      sy: p.strides[0], sx: p.strides[1], padTop: wy.padBefore, padLeft: wx.padBefore,
    };
    return this.layersPass((outs) => pool2dShader(spec, outs), [arrayInput('x', x)], wy.outSize, wx.outSize, x.channels);
  }

  globalPool2d(xt: DeviceTensor, kind: 'max' | 'avg'): DeviceTensor {
    const x = this.own(xt);
    return this.pass(globalPoolShader(kind, x.height, x.width), [arrayInput('x', x)], 1, 1, x.channels);
  }

  activation(xt: DeviceTensor, act: Activation, alpha?: number): DeviceTensor {
    const x = this.own(xt);
    return this.pass(activationShader(act, alpha, x.channels), [arrayInput('x', x)], x.height, x.width, x.channels);
  }

  batchNorm(xt: DeviceTensor, p: BatchNormParams): DeviceTensor {
    const x = this.own(xt);
    for (const [what, arr] of [['movingMean', p.movingMean], ['movingVariance', p.movingVariance], ['gamma', p.gamma], ['beta', p.beta]] as const) {
      checkLength(`batchNorm ${what}`, arr, x.channels);
    }
    const affine = this.uploadPacked(packBatchNormAffine(x.channels, p));
    try {
      return this.pass(batchNormShader(), [arrayInput('x', x), plainInput('affine', affine)], x.height, x.width, x.channels);
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
    const source = upSampleShader(x.height, x.width, size[0], size[1], interpolation === 'bilinear');
    return this.pass(source, [arrayInput('x', x)], x.height * size[0], x.width * size[1], x.channels);
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
      return this.pass(concatShader(channels), bindAll(group), xs[0].height, xs[0].width, total);
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
    return this.pass(placeShader(x.height, x.width, top, left), [arrayInput('x', x)], height, width, x.channels);
  }

  /**
   * A pass whose shader writes `outs` consecutive layers from `oc4` on (shaders/common.ts
   * layersHeader): as few draws as the GPU's draw buffers allow, the same number of layers
   * each but maybe the last, so a tensor needs at most two programs.
   */
  private layersPass(source: (outs: number) => string, inputs: readonly PassInput[], height: number, width: number, channels: number): GlTensor {
    const out = new GlTensor(this.ctx, height, width, channels, null);
    const per = Math.ceil(out.layers / Math.ceil(out.layers / this.ctx.maxDrawBuffers));
    try {
      for (let oc4 = 0; oc4 < out.layers; oc4 += per) {
        const outs = Math.min(per, out.layers - oc4);
        const layers = Array.from({ length: outs }, (_, k) => oc4 + k);
        this.ctx.draw({ source: source(outs), inputs, output: out.texture, layers, size: out.size, ints: { oc4 } });
      }
    } catch (err) {
      out.dispose();
      throw err;
    }
    return out;
  }

  /** A one-layer-per-draw pass: the shader is drawn once per output layer with `oc4` set. */
  private pass(source: string, inputs: readonly PassInput[], height: number, width: number, channels: number): GlTensor {
    const out = new GlTensor(this.ctx, height, width, channels, null);
    try {
      for (let oc4 = 0; oc4 < out.layers; oc4++) {
        this.ctx.draw({ source, inputs, output: out.texture, layers: [oc4], size: out.size, ints: { oc4 } });
      }
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

function bindAll(xs: readonly GlTensor[]): PassInput[] {
  return xs.map((t, i) => arrayInput(`x${i}`, t));
}

function arrayInput(name: string, t: GlTensor): PassInput {
  return { name, texture: t.texture, array: true };
}

function plainInput(name: string, texture: WebGLTexture): PassInput {
  return { name, texture, array: false };
}

function describe(t: DeviceTensor): string {
  return `${t.height}×${t.width}×${t.channels}`;
}

/** Whether every value can be written as a GLSL literal (no NaN or infinity). */
function allFinite(values: Float32Array): boolean {
  for (const v of values) if (!Number.isFinite(v)) return false;
  return true;
}
