// Fragment shaders for conv2d, depthwiseConv2d and conv2dTranspose. Each fragment writes one
// output texel: four output channels of one pixel. The weights for a (tap, input texel) pair
// are four texels — a 4×4 block, input lanes × output lanes — so the inner step is a mat4 ×
// vec4 product. Bias and activation run in the same pass.
//
// Conv / transpose weight texture: width = 4 * ceil(outC / 4), height = kh * kw * ceil(inC / 4);
//   texel (oc4 * 4 + j, tap * CI4 + ic4) = weights from input channel 4*ic4+j to output
//   channels 4*oc4 .. 4*oc4+3.
// Depthwise weight texture: width = ceil(outC / 4), height = kh * kw; texel (oc4, tap).
// Bias texture: width = ceil(outC / 4), height 1.

import type { Activation } from '../../kernels/types';
import { activationFunction, HEADER, maskLanes, outputCoords } from './common';

export interface ConvShaderSpec {
  readonly inH: number; readonly inW: number; readonly ci4: number;
  readonly co4: number; readonly outC: number;
  readonly kh: number; readonly kw: number;
  readonly sy: number; readonly sx: number;
  readonly dy: number; readonly dx: number;
  readonly padTop: number; readonly padLeft: number;
  readonly activation: Activation; readonly alpha?: number;
}

/** Above this many (tap × input texel) steps, keep loops instead of fully unrolling. */
const UNROLL_LIMIT = 64;

function weightBlock(ic4: string, row: string): string {
  return `mat4(texelFetch(w, ivec2(wc + 0, ${row}), 0), texelFetch(w, ivec2(wc + 1, ${row}), 0),
                texelFetch(w, ivec2(wc + 2, ${row}), 0), texelFetch(w, ivec2(wc + 3, ${row}), 0)) * texelFetch(x, ivec2(ix * ${'CI4'} + ${ic4}, iy), 0)`;
}

/**
 * Conv2d over an input that already holds every tap in bounds (the backend zero-pads it first
 * when 'same' padding or the window needs it): no per-tap bounds test, which on SwiftShader
 * nearly halves the cost, and small windows are fully unrolled.
 */
export function conv2dShader(s: ConvShaderSpec): string {
  const taps = s.kh * s.kw;
  const unroll = taps * s.ci4 <= UNROLL_LIMIT;
  const step = (ky: string, kx: string): string => `
    {
      int iy = iy0 + ${ky} * ${s.dy};
      int ix = ix0 + ${kx} * ${s.dx};
      int tapRow = (${ky} * ${s.kw} + ${kx}) * CI4;
      for (int c = 0; c < CI4; c++) {
        acc += ${weightBlock('c', 'tapRow + c')};
      }
    }`;
  let body = '';
  if (unroll) {
    for (let ky = 0; ky < s.kh; ky++) for (let kx = 0; kx < s.kw; kx++) body += step(String(ky), String(kx));
  } else {
    body = `for (int ky = 0; ky < ${s.kh}; ky++) for (int kx = 0; kx < ${s.kw}; kx++) ${step('ky', 'kx')}`;
  }
  return `${HEADER}
const int CI4 = ${s.ci4};
uniform sampler2D x;
uniform sampler2D w;
uniform sampler2D b;
${activationFunction(s.activation, s.alpha)}
void main() {${outputCoords(s.co4)}
  int wc = oc4 * 4;
  int iy0 = oy * ${s.sy};
  int ix0 = ox * ${s.sx};
  vec4 acc = texelFetch(b, ivec2(oc4, 0), 0);
  ${body}
  outColor = ${maskLanes('act(acc)', s.outC)};
}`;
}

export interface DepthwiseShaderSpec extends ConvShaderSpec {
  readonly inC: number;
  readonly multiplier: number;
}

export function depthwiseShader(s: DepthwiseShaderSpec): string {
  // With multiplier 1 output texel oc4 reads input texel oc4 directly; otherwise each lane
  // gathers its own input channel ci = co / multiplier.
  const gather = s.multiplier === 1
    ? 'vec4 v = texelFetch(x, ivec2(ix * CI4 + oc4, iy), 0);'
    : `vec4 v;
        for (int l = 0; l < 4; l++) {
          int ci = min((oc4 * 4 + l) / ${s.multiplier}, ${s.inC - 1});
          v[l] = texelFetch(x, ivec2(ix * CI4 + ci / 4, iy), 0)[ci % 4];
        }`;
  return `${HEADER}
const int CI4 = ${s.ci4};
uniform sampler2D x;
uniform sampler2D w;
uniform sampler2D b;
${activationFunction(s.activation, s.alpha)}
void main() {${outputCoords(s.co4)}
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
export function conv2dTransposeShader(s: ConvShaderSpec): string {
  return `${HEADER}
const int CI4 = ${s.ci4};
uniform sampler2D x;
uniform sampler2D w;
uniform sampler2D b;
${activationFunction(s.activation, s.alpha)}
void main() {${outputCoords(s.co4)}
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
      int tapRow = (ky * ${s.kw} + kx) * CI4;
      for (int c = 0; c < CI4; c++) {
        acc += ${weightBlock('c', 'tapRow + c')};
      }
    }
  }
  outColor = ${maskLanes('act(acc)', s.outC)};
}`;
}
