// Fragment shaders for conv2d, depthwiseConv2d and conv2dTranspose.
//
// conv2d here: one fragment per output *pixel*, writing up to `outs` channel groups at once through
// multiple render targets (o0, o1, ... each bound to one layer of the output). Each input texel
// is fetched once and each of its channels scales one weight column per output group; the
// columns live in a uniform block (or, for small convs, are inlined as constants: see
// ConvPassSpec.inlineWeights), so the only texture reads are the input taps. On SwiftShader
// (fragment shaders on the CPU) fewer fragments and fewer fetches are what counts.
// Inputs with many channels are summed over several passes (`partial` carries the running sum)
// when their weights would not fit one uniform block. Every slice of such a conv runs one
// program (ConvPassSpec.sliced): which slice it is comes in uniforms, so the first preview of
// a big conv compiles one shader, not one per slice kind (on SwiftShader each program costs
// a JIT of its unrolled body at its first draw, a few hundred ms), and every conv of the same
// kernel geometry shares it.
// Since the tiled form (tiledConvShaders.ts: several output pixels a fragment) these one-pixel
// passes run only convs with their weights inlined as constants (small convs, typically the
// first layer) and kernels too big to tile; every other conv reads the uniform block as tiles.
//
// Weight block (std140): vec4 w[TAPS * COLUMNS * OUTS], vec4 bias[OUTS], vec4 mask[OUTS], where
// COLUMNS counts the input channels of the pass (one column per channel, see convColumns):
//   w[(tap * COLUMNS + col) * OUTS + k] = weights from input channel `col` of the pass to the
//   four channels of output group G0+k (G0 is the first group of the pass).
// A column per real input channel, rather than a 4×4 block per input group, skips the zero
// lanes of a 3-channel image: a quarter of the arithmetic of the first layer of most models.
//
// Depthwise and transpose passes write one output layer per draw (uniform oc4) and read their
// weights from 2D textures:
//   transpose weight texture: width = 4 * ceil(outC / 4), height = kh * kw * ceil(inC / 4);
//     texel (oc4 * 4 + j, tap * CI4 + ic4) = weights from input channel 4*ic4+j to output
//     channels 4*oc4 .. 4*oc4+3.
//   depthwise weight texture: width = ceil(outC / 4), height = kh * kw; texel (oc4, tap).
//   bias texture: width = ceil(outC / 4), height 1.

import type { Activation } from '../../kernels/types';
import { activationFunction, f, HEADER, maskLanes, outputCoords, PRELUDE } from './common';

/**
 * Most weight columns × outputs one fully unrolled pass holds. Unrolled passes index the
 * weights by constants; in a loop SwiftShader gathers them per lane, about three times slower
 * per multiply. Much larger unrolled shaders take seconds to compile and run no faster, so big
 * convs are split into several unrolled passes over slices of the input channels instead.
 */
export const UNROLL_LIMIT = 512;

const LANE = ['x', 'y', 'z', 'w'];

export interface ConvPassSpec {
  readonly kh: number; readonly kw: number;
  readonly sy: number; readonly sx: number;
  readonly dy: number; readonly dx: number;
  /** Input channels of the whole conv. */
  readonly inC: number;
  /**
   * Input layers summed by this pass: CN of them, from the uniform `c0` on (a uniform so that
   * every slice of a big conv shares one program). `c0` is only needed here for the lane count
   * of the last input layer, which only the slice holding it may skip.
   */
  readonly c0: number; readonly cn: number;
  /** Output groups written by this pass (render targets). */
  readonly outs: number;
  /** Adds the sum of earlier passes from sampler `partial`. */
  readonly partial: boolean;
  /** The last pass: adds bias, applies the activation and masks lanes past the channel count. */
  readonly final: boolean;
  /**
   * One slice of a conv summed over several passes, in the program all its slices share:
   * `partial` and `final` are ignored and come from the uniforms `partialPass`/`finalPass`;
   * every input layer has four weight columns (zero for lanes past the input). The backend
   * cuts the input into slices of equal size, so no slice needs a program of its own.
   */
  readonly sliced?: boolean;
  readonly masked: boolean;
  readonly activation: Activation; readonly alpha?: number;
  /**
   * The pass's weight block (see packConvBlock), to bake into the source as constants instead
   * of declaring the uniform block; only for unrolled passes. On SwiftShader every uniform-block
   * read is a per-lane gather, and constants make the multiply-adds about four times faster;
   * the price is one program per weight set, so the backend keeps this to small convs.
   */
  readonly inlineWeights?: Float32Array;
}

/** Whether the pass is generated fully unrolled (then it skips the zero lanes of the input). */
export function convUnrolled(taps: number, cn: number, outs: number): boolean {
  return taps * cn * 4 * outs <= UNROLL_LIMIT;
}

/**
 * Weight columns per input layer of the pass: the real lanes when unrolled and not sliced,
 * otherwise always four (the body is the same for every layer; lanes past the input are zero
 * weights).
 */
export function convColumns(taps: number, inC: number, c0: number, cn: number, outs: number, sliced = false): number[] {
  const tight = !sliced && convUnrolled(taps, cn, outs);
  return Array.from({ length: cn }, (_, c) => (tight ? Math.min(4, inC - (c0 + c) * 4) : 4));
}

/** Bytes of the weight block for one pass: 16 per column per tap per output, 32 per output. */
export function convBlockBytes(taps: number, columns: number, outs: number): number {
  return taps * columns * outs * 16 + outs * 32;
}

/**
 * conv2d over an input that already holds every tap in bounds (the backend zero-pads it first
 * when 'same' padding or the window needs it): no per-tap bounds test.
 */
export function conv2dPassShader(s: ConvPassSpec): string {
  const taps = s.kh * s.kw;
  const sliced = s.sliced === true;
  const cols = convColumns(taps, s.inC, s.c0, s.cn, s.outs, sliced);
  const columns = cols.reduce((a, b) => a + b, 0);
  const outs = Array.from({ length: s.outs }, (_, k) => k);
  const vectors = taps * columns * s.outs;
  const inline = s.inlineWeights;
  if (inline && (sliced || !convUnrolled(taps, s.cn, s.outs) || inline.length !== (vectors + 2 * s.outs) * 4)) {
    throw new Error('conv2dPassShader: inline weights need an unrolled pass and its whole block');
  }
  const constant = (i: number): string => (inline ? `vec4(${Array.from(inline.subarray(i * 4, i * 4 + 4), f).join(', ')})` : '');
  const w = (i: number): string => (inline ? constant(i) : `w[${i}]`);
  const bias = (k: number): string => (inline ? constant(vectors + k) : `bias[${k}]`);
  const mask = (k: number): string => (inline ? constant(vectors + s.outs + k) : `mask[${k}]`);
  let body = '';
  if (convUnrolled(taps, s.cn, s.outs)) {
    for (let ky = 0; ky < s.kh; ky++) {
      for (let kx = 0; kx < s.kw; kx++) {
        let col = (ky * s.kw + kx) * columns;
        for (let c = 0; c < s.cn; c++) {
          body += `  v = texelFetch(x, ivec3(ix0 + ${kx * s.dx}, iy0 + ${ky * s.dy}, c0 + ${c}), 0);\n`;
          // The layer's columns for one output group as one matrix (see tiledConvShaders.ts,
          // MATRIX_FORM): the first layer's program JIT-compiled ~20% faster on SwiftShader
          // (classic CNN's 3→32: 73–82 ms against 90–123, alternated in bench:browser).
          const n = cols[c];
          const matrix = n === 4 ? 'mat4' : `mat${n}x4`;
          const lanes = LANE.slice(0, n).join('');
          const columnsOf = (k: number): string => Array.from({ length: n }, (_, j) => w((col + j) * s.outs + k)).join(', ');
          body += n === 1
            ? `  ${outs.map((k) => `a${k} += ${w(col * s.outs + k)} * v.x;`).join(' ')}\n`
            : `  ${outs.map((k) => `a${k} += ${matrix}(${columnsOf(k)}) * v.${lanes};`).join('\n  ')}\n`;
          col += n;
        }
      }
    }
  } else {
    const lanes = [0, 1, 2, 3].map((j) => outs.map((k) => `a${k} += w[i + ${j * s.outs + k}] * v.${LANE[j]};`).join(' ')).join('\n        ');
    body = `  for (int ky = 0; ky < ${s.kh}; ky++) {
    for (int kx = 0; kx < ${s.kw}; kx++) {
      ivec2 q = ivec2(ix0 + kx * ${s.dx}, iy0 + ky * ${s.dy});
      int base = (ky * ${s.kw} + kx) * ${columns * s.outs};
      for (int c = 0; c < ${s.cn}; c++) {
        v = texelFetch(x, ivec3(q, c0 + c), 0);
        int i = base + c * ${4 * s.outs};
        ${lanes}
      }
    }
  }\n`;
  }
  const start = (k: number): string => {
    if (sliced) return `partialPass != 0 ? texelFetch(partial, ivec3(p_, ${k}), 0) : vec4(0.0)`;
    return s.partial ? `texelFetch(partial, ivec3(p_, ${k}), 0)` : 'vec4(0.0)';
  };
  const finish = (k: number): string => {
    const activated = `act(a${k} + ${bias(k)})`;
    const done = s.masked ? `${activated} * ${mask(k)}` : activated;
    if (sliced) return `finalPass != 0 ? ${done} : a${k}`; // a select: no NaN from the side not taken
    return s.final ? done : `a${k}`;
  };
  return `${PRELUDE}
uniform sampler2DArray x;
uniform int c0;
${sliced ? 'uniform int partialPass;\nuniform int finalPass;' : ''}
${s.partial || sliced ? 'uniform sampler2DArray partial;' : ''}
${inline ? '' : `layout(std140) uniform Weights {
  vec4 w[${vectors}];
  vec4 bias[${s.outs}];
  vec4 mask[${s.outs}];
};`}
${outs.map((k) => `layout(location = ${k}) out vec4 o${k};`).join('\n')}
${activationFunction(s.activation, s.alpha)}
void main() {
  ivec2 p_ = ivec2(gl_FragCoord.xy);
  int iy0 = p_.y * ${s.sy};
  int ix0 = p_.x * ${s.sx};
  vec4 v;
  ${outs.map((k) => `vec4 a${k} = ${start(k)};`).join('\n  ')}
${body}
  ${outs.map((k) => `o${k} = ${finish(k)};`).join('\n  ')}
}`;
}

export interface WindowShaderSpec {
  readonly inH: number; readonly inW: number; readonly ci4: number;
  readonly outC: number;
  readonly kh: number; readonly kw: number;
  readonly sy: number; readonly sx: number;
  readonly dy: number; readonly dx: number;
  readonly padTop: number; readonly padLeft: number;
  readonly activation: Activation; readonly alpha?: number;
}

export interface DepthwiseShaderSpec extends WindowShaderSpec {
  readonly inC: number;
  readonly multiplier: number;
}

export function depthwiseShader(s: DepthwiseShaderSpec): string {
  // With multiplier 1 output group oc4 reads input group oc4 directly; otherwise each lane
  // gathers its own input channel ci = co / multiplier.
  const gather = s.multiplier === 1
    ? 'vec4 v = texelFetch(x, ivec3(ix, iy, oc4), 0);'
    : `vec4 v;
        for (int l = 0; l < 4; l++) {
          int ci = min((oc4 * 4 + l) / ${s.multiplier}, ${s.inC - 1});
          v[l] = texelFetch(x, ivec3(ix, iy, ci / 4), 0)[ci % 4];
        }`;
  return `${HEADER}
uniform sampler2DArray x;
uniform sampler2D w;
uniform sampler2D b;
${activationFunction(s.activation, s.alpha)}
void main() {${outputCoords()}
  int iy0 = oy * ${s.sy} - ${s.padTop};
  int ix0 = ox * ${s.sx} - ${s.padLeft};
  vec4 acc = texelFetch(b, ivec2(oc4, 0), 0);
  for (int ky = 0; ky < ${s.kh}; ky++) {
    int iy = iy0 + ky * ${s.dy};
    if (iy < 0 || iy >= ${s.inH}) continue;
    for (int kx = 0; kx < ${s.kw}; kx++) {
      int ix = ix0 + kx * ${s.dx};
      if (ix < 0 || ix >= ${s.inW}) continue;
      ${gather}
      acc += v * texelFetch(w, ivec2(oc4, ky * ${s.kw} + kx), 0);
    }
  }
  outColor = ${maskLanes('act(acc)', s.outC)};
}`;
}

/** Gather form of the transposed conv: output (oy, ox) sums inputs iy with iy*s + ky - pad = oy. */
export function conv2dTransposeShader(s: WindowShaderSpec): string {
  return `${HEADER}
uniform sampler2DArray x;
uniform sampler2D w;
uniform sampler2D b;
${activationFunction(s.activation, s.alpha)}
void main() {${outputCoords()}
  int wc = oc4 * 4;
  vec4 acc = texelFetch(b, ivec2(oc4, 0), 0);
  for (int ky = 0; ky < ${s.kh}; ky++) {
    int ny = oy + ${s.padTop} - ky;
    // Test the sign first: % of a negative int is undefined in GLSL ES.
    if (ny < 0 || ny % ${s.sy} != 0) continue;
    int iy = ny / ${s.sy};
    if (iy >= ${s.inH}) continue;
    for (int kx = 0; kx < ${s.kw}; kx++) {
      int nx = ox + ${s.padLeft} - kx;
      if (nx < 0 || nx % ${s.sx} != 0) continue;
      int ix = nx / ${s.sx};
      if (ix >= ${s.inW}) continue;
      int row = (ky * ${s.kw} + kx) * ${s.ci4};
      for (int c = 0; c < ${s.ci4}; c++) {
        mat4 m = mat4(texelFetch(w, ivec2(wc, row + c), 0), texelFetch(w, ivec2(wc + 1, row + c), 0),
                      texelFetch(w, ivec2(wc + 2, row + c), 0), texelFetch(w, ivec2(wc + 3, row + c), 0));
        acc += m * texelFetch(x, ivec3(ix, iy, c), 0);
      }
    }
  }
  outColor = ${maskLanes('act(acc)', s.outC)};
}`;
}
