// Runs a conv2d whose weights come from the uniform block as tiles (shaders/tiledConvShaders.ts):
// per chunk of output groups, one tile pass per input slice carrying partial sums in a
// scratch tensor, then one untile pass into the output.

import type { Conv2DParams } from '../kernels/types';
import type { GlContext } from './glContext';
import { GlTensor } from './glTensor';
import { convTileShader, convUntileShader, tileBodySize } from './shaders/tiledConvShaders';
import { convBlockBytes } from './shaders/convShaders';
import { packConvBlock } from './weightPacking';

/** Output pixels a tile covers along x, at most (see tiledConvShaders.ts for the measurement). */
const TILE_PIXELS = 4;
/**
 * Outputs at least this wide get tiles of WIDE_TILE_PIXELS: on VGG16's 224- and 112-wide convs
 * 8 pixels a tile (one input layer a pass) ran 11–18% faster than 4 (two layers a pass) and
 * JIT-compiles as fast; on the classic CNN's 29-wide conv it was slower (fewer, emptier tiles).
 */
const WIDE_TILE_MIN_WIDTH = 64;
const WIDE_TILE_PIXELS = 8;
/**
 * Output groups a tile covers, at most. Two would share each input tap, but a tile of 4 pixels
 * × 2 groups holds 8 vec4 sums: it spills on SwiftShader, JIT-compiles about 1.5× slower and
 * ran no faster on VGG16's convs than 4 × 1 with two input layers a pass (measured A/B).
 */
const TILE_GROUPS = 1;
/**
 * Most vector multiply-adds in one tile pass's unrolled body. SwiftShader JIT-compiles the
 * program at its first draw, in time growing with the body, and a first preview waits for it:
 * 288 (a 3×3 kernel with 4 pixels × two input layers, or 8 pixels × one) keeps padding + tile
 * + untile around 200 ms on this 2-core machine, within issue #12's 300 ms (576 took ~350–400);
 * bigger kernels get fewer pixels per tile, smaller ones (1×1) more input layers per pass.
 */
const TILE_BODY_LIMIT = 288;

export interface TilePlan {
  /** Output pixels along x and output groups per tile; input layers per pass. */
  readonly n: number; readonly outs: number; readonly cn: number;
}

/**
 * The tiling of a conv with `ci4` input and `co4` output layers, or null when even a one-pixel,
 * one-group, one-layer tile would be over TILE_BODY_LIMIT (the caller then runs one-pixel passes).
 */
export function planTiles(taps: number, ci4: number, co4: number, outWidth: number, maxTargets: number): TilePlan | null {
  let outs = Math.min(TILE_GROUPS, co4, maxTargets);
  let n = outWidth >= WIDE_TILE_MIN_WIDTH ? WIDE_TILE_PIXELS : TILE_PIXELS;
  while (n * outs > maxTargets || tileBodySize(taps, 1, outs, n) > TILE_BODY_LIMIT) {
    if (outs > 1) outs--;
    else if (n > 1) n >>= 1;
    else break;
  }
  if (tileBodySize(taps, 1, outs, n) > TILE_BODY_LIMIT) return null;
  // Several input layers a pass when the kernel is small (1×1): fewer passes, same program.
  let cn = Math.min(ci4, Math.floor(TILE_BODY_LIMIT / tileBodySize(taps, 1, outs, n)));
  while (ci4 % cn !== 0) cn--;
  return { n, outs, cn };
}

/** Whether the plan's weight block fits this GPU's uniform blocks. */
export function tilePlanFits(plan: TilePlan, taps: number, maxBlockBytes: number): boolean {
  return convBlockBytes(taps, plan.cn * 4, plan.outs) <= maxBlockBytes;
}

type ArrayInput = { readonly name: string; readonly texture: WebGLTexture; readonly array: true };
const arrayInput = (name: string, t: GlTensor): ArrayInput => ({ name, texture: t.texture, array: true });

/** Writes conv2d of `input` (already padded so every tap is in bounds) into `out`. */
export function tiledConvPasses(ctx: GlContext, input: GlTensor, out: GlTensor, p: Conv2DParams, plan: TilePlan): void {
  const [kh, kw] = p.kernelSize;
  const taps = kh * kw;
  const ci4 = input.layers;
  const co4 = out.layers;
  const { n, cn } = plan;
  const tileWidth = Math.ceil(out.width / n);
  const geometry = { kh, kw, sy: p.strides[0], sx: p.strides[1], dy: p.dilation[0], dx: p.dilation[1], cn, n };
  // Sources by group count, built once a conv (the program cache is keyed by the text).
  const sources = new Map<number, string>();
  // Every pass's weights, and each chunk's bias and mask, uploaded at once (GlContext.stageBlocks).
  const blocks: Float32Array[] = [];
  for (let g0 = 0; g0 < co4; g0 += plan.outs) {
    const outs = Math.min(plan.outs, co4 - g0);
    let block: Float32Array | null = null;
    for (let c0 = 0; c0 < ci4; c0 += cn) {
      block = packConvBlock({ taps, inC: p.inChannels, outC: p.outChannels, c0, cn, g0, outs, sliced: true }, p.kernel, p.bias);
      blocks.push(block);
    }
    if (!block) throw new Error('conv2d: no input layers');
    blocks.push(block.subarray(block.length - outs * 8));
  }
  const staged = ctx.stageBlocks(blocks);
  let next = 0;
  for (let g0 = 0; g0 < co4; g0 += plan.outs) {
    const outs = Math.min(plan.outs, co4 - g0);
    const tileSource = sources.get(outs) ?? convTileShader({ ...geometry, outs });
    sources.set(outs, tileSource);
    const targets = Array.from({ length: n * outs }, (_, t) => t);
    let partial: GlTensor | null = null;
    try {
      for (let c0 = 0; c0 < ci4; c0 += cn) {
        const target = new GlTensor(ctx, out.height, tileWidth, n * outs * 4, null);
        // The first slice reads no partial sums; it binds the input there, unread.
        const inputs = [arrayInput('x', input), arrayInput('partial', partial ?? input)];
        ctx.draw({ source: tileSource, inputs, output: target.texture, layers: targets, size: target.size, stagedBlock: staged[next++], ints: { c0, partialPass: partial ? 1 : 0 } });
        // Recycled, not freed: GL runs passes in order, so a later pass may overwrite it safely.
        partial?.dispose();
        partial = target;
      }
      if (!partial) throw new Error('conv2d: no input layers');
      const untile = convUntileShader({ n, outs, masked: p.outChannels % 4 !== 0, activation: p.activation, alpha: p.alpha });
      const layers = Array.from({ length: outs }, (_, k) => g0 + k);
      ctx.draw({ source: untile, inputs: [arrayInput('tiles', partial)], output: out.texture, layers, size: out.size, stagedBlock: staged[next++] });
    } finally {
      partial?.dispose();
    }
  }
}
