// Shaders for per-texel and layout ops: activation, batch norm, placement (zero padding and
// cropping), up-sampling, add and concat.

import type { Activation } from '../../kernels/types';
import { activationFunction, f, HEADER, maskLanes, outputCoords } from './common';

export function activationShader(act: Activation, alpha: number | undefined, channels: number): string {
  return `${HEADER}
uniform sampler2DArray x;
${activationFunction(act, alpha)}
void main() {${outputCoords()}
  outColor = ${maskLanes('act(texelFetch(x, ivec3(p_, oc4), 0))', channels)};
}`;
}

/** `affine` is a 2-row texture: row 0 the per-channel scale, row 1 the shift (0 in padded lanes). */
export function batchNormShader(): string {
  return `${HEADER}
uniform sampler2DArray x;
uniform sampler2D affine;
void main() {${outputCoords()}
  outColor = texelFetch(x, ivec3(p_, oc4), 0) * texelFetch(affine, ivec2(oc4, 0), 0) + texelFetch(affine, ivec2(oc4, 1), 0);
}`;
}

/** Output pixel (x, y) takes input pixel (x - left, y - top), or zero outside the input. */
export function placeShader(inH: number, inW: number, top: number, left: number): string {
  return `${HEADER}
uniform sampler2DArray x;
void main() {${outputCoords()}
  int iy = oy - (${top});
  int ix = ox - (${left});
  bool inside = iy >= 0 && iy < ${inH} && ix >= 0 && ix < ${inW};
  outColor = inside ? texelFetch(x, ivec3(ix, iy, oc4), 0) : vec4(0.0);
}`;
}

/**
 * Integer up-sampling by (sy, sx), as TF.js's resize ops with alignCorners and halfPixelCenters
 * false: source = dst / factor, so the integer part is an exact division and the fraction
 * (bilinear) is (dst mod factor) / factor.
 */
export function upSampleShader(inH: number, inW: number, sy: number, sx: number, bilinear: boolean): string {
  const fetch = (yy: string, xx: string): string => `texelFetch(x, ivec3(${xx}, ${yy}, oc4), 0)`;
  const body = bilinear
    ? `int y1 = min(y0 + 1, ${inH - 1});
  int x1 = min(x0 + 1, ${inW - 1});
  float fy = float(oy - y0 * ${sy}) / ${f(sy)};
  float fx = float(ox - x0 * ${sx}) / ${f(sx)};
  vec4 top = mix(${fetch('y0', 'x0')}, ${fetch('y0', 'x1')}, fx);
  vec4 bottom = mix(${fetch('y1', 'x0')}, ${fetch('y1', 'x1')}, fx);
  outColor = mix(top, bottom, fy);`
    : `outColor = ${fetch('y0', 'x0')};`;
  return `${HEADER}
uniform sampler2DArray x;
void main() {${outputCoords()}
  int y0 = oy / ${sy};
  int x0 = ox / ${sx};
  ${body}
}`;
}

/** Sum of n same-shaped inputs x0 .. x{n-1}. */
export function addShader(n: number): string {
  const decls = Array.from({ length: n }, (_, i) => `uniform sampler2DArray x${i};`).join('\n');
  const sum = Array.from({ length: n }, (_, i) => `texelFetch(x${i}, ivec3(p, oc4), 0)`).join(' + ');
  return `${HEADER}
${decls}
void main() {
  ivec2 p = ivec2(gl_FragCoord.xy);
  outColor = ${sum};
}`;
}

/**
 * Channel concat of inputs with the given channel counts. Each output lane finds its source
 * input by channel offset; samplers must be indexed by constants in GLSL ES, hence the
 * generated if-chain.
 */
export function concatShader(channels: readonly number[]): string {
  const decls = channels.map((_, i) => `uniform sampler2DArray x${i};`).join('\n');
  let offset = 0;
  const branches = channels.map((c, i) => {
    const from = offset;
    offset += c;
    return `if (ch < ${offset}) { int k = ch - ${from}; v[l] = texelFetch(x${i}, ivec3(ox, oy, k / 4), 0)[k % 4]; continue; }`;
  }).join('\n      ');
  return `${HEADER}
${decls}
void main() {${outputCoords()}
  vec4 v = vec4(0.0);
  for (int l = 0; l < 4; l++) {
    int ch = oc4 * 4 + l;
    if (ch >= ${offset}) break;
      ${branches}
  }
  outColor = v;
}`;
}
