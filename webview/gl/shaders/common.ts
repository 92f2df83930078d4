// Pieces every generated fragment shader shares. Shapes, strides and the activation are baked
// into the source as constants (one program per configuration, compiled once and cached), which
// lets the GLSL compiler unroll the small fixed loops; SwiftShader in particular benefits.

import { DEFAULT_LEAKY_ALPHA, SELU_ALPHA, SELU_SCALE } from '../../kernels/activations';
import type { Activation } from '../../kernels/types';

export const PRELUDE = `#version 300 es
precision highp float;
precision highp int;
precision highp sampler2D;
precision highp sampler2DArray;
`;

/**
 * Header of a one-layer pass: the backend draws it once per output layer, setting `oc4` (the
 * channel group being written) each time; tensor inputs are sampler2DArray, one layer per group.
 */
export const HEADER = `${PRELUDE}uniform int oc4;
out vec4 outColor;
`;

/**
 * Header of a several-layer pass: `outs` outputs o0.., bound to layers oc4 .. oc4+outs-1 of the
 * output (the backend sets `oc4` to the first). One draw instead of one per layer: on
 * SwiftShader each draw and each framebuffer change has a fixed cost that small maps feel.
 */
export function layersHeader(outs: number): string {
  const decls = Array.from({ length: outs }, (_, k) => `layout(location = ${k}) out vec4 o${k};`).join('\n');
  return `${PRELUDE}uniform int oc4;\n${decls}\n`;
}

/** GLSL float literal that always has a decimal point. */
export function f(x: number): string {
  const s = String(x);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}

/** Declares `p_ = (ox, oy)`, the output pixel; the channel group is the uniform `oc4`. */
export function outputCoords(): string {
  return `
  ivec2 p_ = ivec2(gl_FragCoord.xy);
  int ox = p_.x;
  int oy = p_.y;`;
}

/**
 * Zeroes lanes past the real channel count, keeping the layout invariant that padded lanes
 * hold 0 (an activation such as sigmoid or softplus would otherwise turn 0 into 0.5 or ln 2).
 */
export function maskLanes(v: string, channels: number): string {
  if (channels % 4 === 0) return v;
  return `(${v} * vec4(lessThan(ivec4(oc4 * 4) + ivec4(0, 1, 2, 3), ivec4(${channels}))))`;
}

/** A GLSL function `vec4 act(vec4 x)` with TF.js's definition of the activation. */
export function activationFunction(act: Activation, alpha: number = DEFAULT_LEAKY_ALPHA): string {
  const body = ((): string => {
    switch (act) {
      case 'linear': return 'return x;';
      case 'relu': return 'return max(x, 0.0);';
      case 'relu6': return 'return clamp(x, 0.0, 6.0);';
      case 'elu': return 'return mix(exp(min(x, 0.0)) - 1.0, x, greaterThan(x, vec4(0.0)));';
      case 'selu':
        return `return ${f(SELU_SCALE)} * mix(${f(SELU_ALPHA)} * (exp(min(x, 0.0)) - 1.0), x, greaterThan(x, vec4(0.0)));`;
      // exp(-x) overflows to inf for very negative x, and 1/(1+inf) = 0 is still correct.
      case 'sigmoid': return 'return 1.0 / (1.0 + exp(-x));';
      // Built-in tanh may overflow in exp for |x| large; this form stays finite.
      case 'tanh': return 'vec4 e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e);';
      case 'softplus': {
        // TF.js: x above -threshold → x; below threshold → exp(x); else log(exp(x) + 1).
        const t = Math.log(1.1920928955078125e-7) + 2.0;
        return `vec4 mid = log(exp(min(x, ${f(-t)})) + 1.0);
  vec4 r = mix(mid, x, greaterThan(x, vec4(${f(-t)})));
  return mix(r, exp(x), lessThan(x, vec4(${f(t)})));`;
      }
      case 'softsign': return 'return x / (1.0 + abs(x));';
      case 'leakyRelu': return `return mix(${f(alpha)} * x, x, greaterThanEqual(x, vec4(0.0)));`;
    }
  })();
  return `vec4 act(vec4 x) {\n  ${body}\n}\n`;
}
