// Pooling shaders. The pooled window is the same for all four lanes of a texel, so max and
// average work on whole vec4s; 'same' average divides by the count of real (unpadded) cells.

import { HEADER, layersHeader, outputCoords } from './common';

export interface PoolShaderSpec {
  readonly kind: 'max' | 'avg';
  readonly inH: number; readonly inW: number;
  readonly ph: number; readonly pw: number;
  readonly sy: number; readonly sx: number;
  readonly padTop: number; readonly padLeft: number;
}

/** Pools layers oc4 .. oc4+outs-1 (one render target each), each exactly as a one-layer pass would. */
export function pool2dShader(s: PoolShaderSpec, outs: number): string {
  const layers = Array.from({ length: outs }, (_, k) => k);
  const init = s.kind === 'max'
    ? layers.map((k) => `vec4 acc${k} = vec4(-3.402823e38);`).join(' ')
    : `${layers.map((k) => `vec4 acc${k} = vec4(0.0);`).join(' ')} float count = 0.0;`;
  const step = layers.map((k) => {
    const v = `texelFetch(x, ivec3(ix, iy, oc4 + ${k}), 0)`;
    return s.kind === 'max' ? `acc${k} = max(acc${k}, ${v});` : `acc${k} += ${v};`;
  }).join('\n      ') + (s.kind === 'max' ? '' : '\n      count += 1.0;');
  const result = (k: number): string => (s.kind === 'max' ? `acc${k}` : `acc${k} / count`);
  return `${layersHeader(outs)}
uniform sampler2DArray x;
void main() {${outputCoords()}
  int iy0 = oy * ${s.sy} - ${s.padTop};
  int ix0 = ox * ${s.sx} - ${s.padLeft};
  ${init}
  for (int ky = 0; ky < ${s.ph}; ky++) {
    int iy = iy0 + ky;
    if (iy < 0 || iy >= ${s.inH}) continue;
    for (int kx = 0; kx < ${s.pw}; kx++) {
      int ix = ix0 + kx;
      if (ix < 0 || ix >= ${s.inW}) continue;
      ${step}
    }
  }
  ${layers.map((k) => `o${k} = ${result(k)};`).join('\n  ')}
}`;
}

export function globalPoolShader(kind: 'max' | 'avg', inH: number, inW: number): string {
  return `${HEADER}
uniform sampler2DArray x;
void main() {
  vec4 acc = ${kind === 'max' ? 'vec4(-3.402823e38)' : 'vec4(0.0)'};
  for (int iy = 0; iy < ${inH}; iy++) {
    for (int ix = 0; ix < ${inW}; ix++) {
      vec4 v = texelFetch(x, ivec3(ix, iy, oc4), 0);
      acc = ${kind === 'max' ? 'max(acc, v)' : 'acc + v'};
    }
  }
  outColor = ${kind === 'max' ? 'acc' : `acc / ${inH * inW}.0`};
}`;
}
