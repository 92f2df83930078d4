// conv2d as tiles: each fragment computes `n` neighbouring output pixels along x (for `outs`
// output groups), so every weight read from the uniform block feeds n multiply-adds and the
// input taps that neighbouring pixels share are fetched once. Measured on SwiftShader (VGG16's
// 64→64 3×3 conv, weights in a uniform block): one pixel a fragment reaches ~0.5 GMAC/s, four
// ~1.1, eight ~1.3 on wide outputs (a uniform-block read costs there about as much as two
// multiply-adds). What limits it is registers: each vec4 sum is four SIMD registers, and
// tiles of more sums (8 pixels × 2 groups, 4 × 2 rows...) spill, JIT-compile slower and run
// no faster, so a tile covers one output group (tiledConv.ts picks n and the slice size).
//
// A fragment can only write its own position, so tiles are written to a scratch tensor in
// which each output chunk has a slot of width ceil(outW / n) and the output's height, whose
// layers hold (pixel i of the tile, group k) at layer i * outs + k; partial sums over input
// slices are carried in that layout from pass to pass, and "untile" passes move them to the
// tensor layout, adding bias, applying the activation and masking padded lanes there. The
// slots of several chunks sit side by side in one scratch tensor (tiledConv.ts), each drawn
// with its own viewport, so consecutive draws keep one framebuffer and one render pass. Neither program depends on the channel counts or
// on which slice or chunk it runs, so every conv of one kernel geometry (all of VGG16's 3×3
// convs past the first) shares the same two programs.
//
// Tried and measured against this (issue #12, SwiftShader): summing the input layers in a
// run-time loop, one pass per group (80 → 18 passes on the classic CNN's 29×29 conv), and
// every group side by side in one pass that picks its weights by its column. Both read the
// block at run-time indices, and both JIT-compiled 2–3× slower at the first draw (first
// previews 420–1,100 ms instead of 150–400). The loop made the classic chain 1.55× → 2.35×
// TF.js (a 30 ms run becoming 20) and VGG16 no faster; a user meets the compile at every new
// conv geometry, so weights are read at constant indices and the passes were made cheaper.
//
// Where a tile pass's time goes (VGG16's 128→128 conv at 112×112, 6 pixels × one layer a
// pass, medians of 3 in one page, each variant alternated with the real kernel at ~1.4–1.9 s):
// the partial sums read and written alone (an empty body) take 330 ms; every tap's matrix
// read as the first one's, 1.08 s against 1.41–1.49 (the block reads are ~30%); constant
// taps instead of texel fetches, 1.32–1.52; the matrix products replaced by adds, 1.20–1.46.
// No one part dominates, which is why the knobs left move it little: two layers a pass (body
// 432) ran 1.76–1.79 s against 1.76–1.85, and the loop over 16–32 layers with the matrix at a
// run-time index (re-measured with MATRIX_FORM) ran slower, 2.06–2.08 s against 1.65–1.69
// (and the 224-wide 64→64: 2.19–2.24 against 1.41–1.61).
//
// Also measured, and not kept: carrying the partial sums by float blending (EXT_float_blend,
// ONE + ONE; every slice of a batch draws into one target, so no partial-sum fetches and one
// render pass a batch instead of one a slice). Alternated in one page on an AVX2 host, VGG16
// block1+2 took 1.65–2.43 s (median 2.03) against 1.67–2.15 (1.79), the classic CNN 16.2–16.9
// ms against 16.6–17.2: the fetch it saves is not where the time goes. On the classic CNN's
// 29-wide 32→64 conv, the tile body is ~7.5 of its ~12 ms (an empty body: 4.3 ms with its
// read-back, ~50 µs a draw over its 64 tile and 4 untile draws), and every other plan (2 px ×
// 4 layers, 1 × 8, 3 × 2, 4 × 1, 5 × 1, 6 × 1) ran no faster than 4 × 2.
//
// MATRIX_FORM: a tile of one output group reads each (tap, input layer)'s 4×4 weights as one
// mat4 and adds `wm * tap` per pixel, instead of four vec4 reads each broadcast over a lane of
// the tap. Same block bytes, same arithmetic; SwiftShader JIT-compiles it about twice as fast
// (the tile pass's first draw on the classic CNN's 32→64 and VGG16's 512→512 convs: 139–264 ms,
// median ~165, against 257–324, median ~300, alternated in bench:browser) and VGG16 block1+2
// ran ~15% faster (4.1 / 4.8 s against 5.1 / 5.3 s). The block read as a mat4 array is what
// helps: a mat4 built from the four vec4 reads (`mat4(w[i], w[i+outs], ...)`, which would serve
// any group count) ran VGG16 block1+2 in 4.7 / 5.0 s against 3.7 / 3.8 s, alternated. Tiles of
// several groups (TILE_GROUPS, tiledConv.ts: measured slower) keep the vec4 form.
//
// Weight block: the same std140 layout as the sliced one-pixel pass (convShaders.ts, four
// columns per input layer): vec4 w[TAPS * 4 * CN * OUTS], vec4 bias[OUTS], vec4 mask[OUTS];
// the tile pass reads only w, the untile pass gets bias and mask in a block of its own.

import type { Activation } from '../../kernels/types';
import { activationFunction, PRELUDE } from './common';

const LANE = ['x', 'y', 'z', 'w'];

export interface TilePassSpec {
  readonly kh: number; readonly kw: number;
  readonly sy: number; readonly sx: number;
  readonly dy: number; readonly dx: number;
  /** Input layers summed per pass, from the uniform `c0` on. */
  readonly cn: number;
  /** Output groups per tile. */
  readonly outs: number;
  /** Output pixels per tile along x. */
  readonly n: number;
}

/** Vector multiply-adds in one tile pass's unrolled body (what its compile time grows with). */
export function tileBodySize(taps: number, cn: number, outs: number, n: number): number {
  return taps * cn * 4 * outs * n;
}

/**
 * One slice of a tiled conv: adds input layers c0 .. c0+CN-1 to the running sums read from
 * `partial` (unless `partialPass` is 0, the first slice). The input holds every tap in bounds
 * for real pixels (the backend pads it); a tile's pixels past the output's width read past the
 * input (texelFetch returns some value, never faults) and are never untiled.
 */
export function convTileShader(s: TilePassSpec): string {
  // One output group: the four columns of a (tap, input layer) are consecutive in the block, a
  // mat4 in std140 (see MATRIX_FORM).
  const asMatrices = s.outs === 1;
  const taps = s.kh * s.kw;
  const columns = s.cn * 4;
  const vectors = taps * columns * s.outs;
  // Input columns a tile row reads, relative to its first: pixel i, tap kx → i*sx + kx*dx.
  const offsets = [...new Set(Array.from({ length: s.n * s.kw }, (_, t) => Math.floor(t / s.kw) * s.sx + (t % s.kw) * s.dx))].sort((a, b) => a - b);
  const tap = (o: number, c: number): string => `t${o}_${c}`;
  const acc = (i: number, k: number): string => `a${i}_${k}`;
  let body = '';
  for (let ky = 0; ky < s.kh; ky++) {
    for (let c = 0; c < s.cn; c++) {
      for (const o of offsets) body += `  ${tap(o, c)} = texelFetch(x, ivec3(ix0 + ${o}, iy0 + ${ky * s.dy}, c0 + ${c}), 0);\n`;
    }
    for (let kx = 0; kx < s.kw; kx++) {
      for (let c = 0; c < s.cn; c++) {
        if (asMatrices) {
          const uses = Array.from({ length: s.n }, (_, i) => `${acc(i, 0)} += wm * ${tap(i * s.sx + kx * s.dx, c)};`);
          body += `  wm = m[${(ky * s.kw + kx) * s.cn + c}]; ${uses.join(' ')}\n`;
          continue;
        }
        for (let j = 0; j < 4; j++) {
          for (let k = 0; k < s.outs; k++) {
            const wi = ((ky * s.kw + kx) * columns + c * 4 + j) * s.outs + k;
            const uses = Array.from({ length: s.n }, (_, i) => `${acc(i, k)} += wv * ${tap(i * s.sx + kx * s.dx, c)}.${LANE[j]};`);
            body += `  wv = w[${wi}]; ${uses.join(' ')}\n`;
          }
        }
      }
    }
  }
  const targets = Array.from({ length: s.n * s.outs }, (_, t) => t);
  const declareTaps = Array.from({ length: s.cn }, (_, c) => offsets.map((o) => `vec4 ${tap(o, c)};`).join(' ')).join(' ');
  return `${PRELUDE}
uniform sampler2DArray x;
uniform sampler2DArray partial;
uniform int c0;
uniform int partialPass;
// Where this chunk's slot starts in the scratch tensor (the viewport's origin).
uniform int slotX;
uniform int slotY;
layout(std140) uniform Weights {
  ${asMatrices ? `mat4 m[${vectors / 4}];` : `vec4 w[${vectors}];`}
  vec4 bias[${s.outs}];
  vec4 mask[${s.outs}];
};
${targets.map((t) => `layout(location = ${t}) out vec4 o${t};`).join('\n')}
void main() {
  ivec2 at_ = ivec2(gl_FragCoord.xy);
  ivec2 p_ = at_ - ivec2(slotX, slotY);
  int iy0 = p_.y * ${s.sy};
  int ix0 = p_.x * ${s.n * s.sx};
  ${asMatrices ? 'mat4 wm;' : 'vec4 wv;'}
  ${declareTaps}
  ${targets.map((t) => `vec4 ${acc(Math.floor(t / s.outs), t % s.outs)} = partialPass != 0 ? texelFetch(partial, ivec3(at_, ${t}), 0) : vec4(0.0);`).join('\n  ')}
${body}
  ${targets.map((t) => `o${t} = ${acc(Math.floor(t / s.outs), t % s.outs)};`).join('\n  ')}
}`;
}

export interface UntileSpec {
  readonly n: number; readonly outs: number;
  /** Consecutive chunk slots one pass untiles (slots × outs render targets). */
  readonly slots: number;
  readonly masked: boolean;
  readonly activation: Activation; readonly alpha?: number;
}

/**
 * Tile sums of `slots` consecutive chunks → their slots × outs layers of the output tensor
 * (one render target each), with bias, the activation and the lane mask from the block. The
 * slots sit side by side in one row of the scratch tensor, the first at (slotX, slotY), each
 * tileW wide (uniforms, so convs of any size share the program).
 */
export function convUntileShader(s: UntileSpec): string {
  const targets = Array.from({ length: s.slots * s.outs }, (_, t) => t);
  const done = (t: number): string => {
    const j = Math.floor(t / s.outs);
    const activated = `act(texelFetch(tiles, ivec3(q${j}, phase + ${t % s.outs}), 0) + bias[${t}])`;
    return s.masked ? `${activated} * mask[${t}]` : activated;
  };
  const slots = Array.from({ length: s.slots }, (_, j) => j);
  return `${PRELUDE}
uniform sampler2DArray tiles;
uniform int slotX;
uniform int slotY;
uniform int tileW;
layout(std140) uniform Weights {
  vec4 bias[${targets.length}];
  vec4 mask[${targets.length}];
};
${targets.map((t) => `layout(location = ${t}) out vec4 o${t};`).join('\n')}
${activationFunction(s.activation, s.alpha)}
void main() {
  ivec2 p_ = ivec2(gl_FragCoord.xy);
  ivec2 q = ivec2(p_.x / ${s.n}, p_.y);
  int phase = (p_.x % ${s.n}) * ${s.outs};
  ${slots.map((j) => `ivec2 q${j} = q + ivec2(slotX + ${j} * tileW, slotY);`).join('\n  ')}
  ${targets.map((t) => `o${t} = ${done(t)};`).join('\n  ')}
}`;
}
