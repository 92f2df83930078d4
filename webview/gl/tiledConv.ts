// Runs a conv2d whose weights come from the uniform block as tiles (shaders/tiledConvShaders.ts):
// per chunk of output groups, one tile pass per input slice carrying partial sums in a
// scratch tensor, then untile passes into the output. Chunks are batched: their scratch slots
// share one tensor, so a slice's draws for every chunk of the batch go to one framebuffer (one
// render pass), and one untile pass writes several chunks (one render target each). On
// SwiftShader every framebuffer change ends a render pass and waits for the GPU's threads; the
// classic CNN's 29×29 32→64 conv went from 80 render passes to 8.

import type { Conv2DParams } from '../kernels/types';
import type { GlContext } from './glContext';
import { GlTensor } from './glTensor';
import { convTileShader, convUntileShader, tileBodySize } from './shaders/tiledConvShaders';
import { convBlockBytes } from './shaders/convShaders';
import { packBiasMask, packConvBlock } from './weightPacking';

/** Output pixels a tile covers along x, at most (see tiledConvShaders.ts for the measurement). */
const TILE_PIXELS = 4;
/**
 * Outputs at least this wide get tiles of up to WIDE_TILE_PIXELS, as many as the GPU's draw
 * buffers allow (a tile writes one render target per pixel). Chromium's SwiftShader has 6, so
 * VGG16's 224- and 112-wide convs run 6 pixels a tile with one input layer a pass: alternated
 * on one backend (8 runs each), block1+2 took 4.69 s (median; best 3.66) against 5.05 (3.94)
 * for 4 pixels with two layers a pass, and the program's body is 216 multiply-adds, not 288,
 * so it JIT-compiles faster. On the classic CNN's 29-wide conv 6 was slower than 4 (31–35 ms
 * against 28–29: fewer, emptier tiles and twice the passes).
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
 * 288 (a 3×3 kernel with 4 pixels × two input layers, or up to 8 pixels × one) keeps padding + tile
 * + untile around 200 ms on this 2-core machine, within issue #12's 300 ms (576 took ~350–400);
 * bigger kernels get fewer pixels per tile, smaller ones (1×1) more input layers per pass.
 */
const TILE_BODY_LIMIT = 288;
/**
 * Most bytes of one scratch tensor of a batch (two are alive: the sums read and those written).
 * Small outputs, where per-pass costs dominate, batch all their chunks (the classic CNN's
 * 29×29 conv: 16 slots of 15 KB); big ones, where they do not, keep their partial sums about
 * as small as one chunk's were before batching, so they stay in the CPU's caches on
 * SwiftShader (VGG16's 224-wide convs: 0.8 MB a slot, two a batch).
 */
const BATCH_SCRATCH_BYTES = 2 * 1024 * 1024;
/**
 * Most chunks one untile pass writes (one render target per group). Each is a fetch, bias and
 * activation more to JIT-compile at the first draw: 8 cost ~25–50 ms more than 1 there, 4
 * about half that, for 4 render passes instead of 16 on a 64-channel conv.
 */
const MAX_UNTILE_SLOTS = 4;

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
  let n = Math.max(1, Math.min(outWidth >= WIDE_TILE_MIN_WIDTH ? WIDE_TILE_PIXELS : TILE_PIXELS, Math.floor(maxTargets / outs)));
  // Fewer pixels one at a time, not halving: a 5×5 kernel gets 2 (body 200), not 1.
  while (tileBodySize(taps, 1, outs, n) > TILE_BODY_LIMIT) {
    if (outs > 1) outs--;
    else if (n > 1) n--;
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

/** How a conv's chunks are laid out in batches of scratch slots and untiled. */
interface BatchLayout {
  /** Chunks per batch (a multiple of `untile`, or all of them), slots per scratch row, rows. */
  readonly batch: number; readonly cols: number; readonly rows: number;
  /** Chunks one untile pass writes. */
  readonly untile: number;
}

/**
 * Chunks per untile pass: the most whose targets fit the GPU's draw buffers and one scratch
 * row, and that divide the full chunks evenly, so every untile pass of a conv (but a short
 * last chunk's) runs one program; then as many chunks a batch as fit BATCH_SCRATCH_BYTES and
 * the texture size, in rows of a multiple of that (an untile pass reads one row).
 */
function batchLayout(chunks: number, fullChunks: number, outs: number, slot: { width: number; height: number; layers: number }, maxTexture: number, maxTargets: number): BatchLayout {
  const rowSlots = Math.max(1, Math.floor(maxTexture / slot.width));
  const fitting = Math.max(1, Math.floor(BATCH_SCRATCH_BYTES / (slot.width * slot.height * slot.layers * 16)));
  let untile = Math.max(1, Math.min(fullChunks, rowSlots, fitting, MAX_UNTILE_SLOTS, Math.floor(maxTargets / outs)));
  while (fullChunks % untile !== 0) untile--;
  const maxCols = rowSlots - (rowSlots % untile);
  const maxRows = Math.max(1, Math.floor(maxTexture / slot.height));
  let batch = Math.min(chunks, maxCols * maxRows, fitting);
  if (batch < chunks) batch = Math.max(untile, batch - (batch % untile));
  const cols = Math.min(batch, maxCols);
  return { batch, cols, rows: Math.ceil(batch / cols), untile };
}

/** Writes conv2d of `input` (already padded so every tap is in bounds) into `out`. */
export function tiledConvPasses(ctx: GlContext, input: GlTensor, out: GlTensor, p: Conv2DParams, plan: TilePlan): void {
  const [kh, kw] = p.kernelSize;
  const taps = kh * kw;
  const ci4 = input.layers;
  const co4 = out.layers;
  const { n, cn } = plan;
  const tileWidth = Math.ceil(out.width / n);
  const geometry = { kh, kw, sy: p.strides[0], sx: p.strides[1], dy: p.dilation[0], dx: p.dilation[1], cn, n };
  // Chunk i covers output groups i * plan.outs .. (a short last one when plan.outs does not divide co4).
  const chunks = Math.ceil(co4 / plan.outs);
  const outsOf = (chunk: number): number => Math.min(plan.outs, co4 - chunk * plan.outs);
  const fullChunks = Math.floor(co4 / plan.outs);
  const layout = batchLayout(chunks, fullChunks, plan.outs, { width: tileWidth, height: out.height, layers: n * plan.outs }, ctx.maxTextureSize, ctx.maxDrawBuffers);
  // Untile passes: runs of `layout.untile` full chunks, never across a batch; a short chunk alone.
  const untiles: Array<{ first: number; count: number }> = [];
  for (let b0 = 0; b0 < chunks; b0 += layout.batch) {
    const end = Math.min(chunks, b0 + layout.batch);
    for (let c = b0; c < end;) {
      const count = c < fullChunks ? Math.min(layout.untile, Math.min(end, fullChunks) - c) : 1;
      untiles.push({ first: c, count });
      c += count;
    }
  }
  // Every pass's weights, and each untile pass's bias and mask, uploaded at once (GlContext.stageBlocks).
  const blocks: Float32Array[] = [];
  for (let chunk = 0; chunk < chunks; chunk++) {
    for (let c0 = 0; c0 < ci4; c0 += cn) {
      blocks.push(packConvBlock({ taps, inC: p.inChannels, outC: p.outChannels, c0, cn, g0: chunk * plan.outs, outs: outsOf(chunk), sliced: true }, p.kernel, p.bias));
    }
  }
  const slicesPerChunk = ci4 / cn;
  const untileBlock = blocks.length;
  for (const u of untiles) blocks.push(packBiasMask(u.first * plan.outs, (u.count - 1) * plan.outs + outsOf(u.first + u.count - 1), p.outChannels, p.bias));
  const staged = ctx.stageBlocks(blocks);
  // Sources by group count, built once a conv (the program cache is keyed by the text).
  const tileSources = new Map<number, string>();
  const tileSource = (outs: number): string => {
    const src = tileSources.get(outs) ?? convTileShader({ ...geometry, outs });
    tileSources.set(outs, src);
    return src;
  };
  const slotOrigin = (slot: number): { x: number; y: number } => ({ x: (slot % layout.cols) * tileWidth, y: Math.floor(slot / layout.cols) * out.height });
  const slotSize = { width: tileWidth, height: out.height };
  const scratchLayers = n * plan.outs;
  let nextUntile = 0;
  for (let b0 = 0; b0 < chunks; b0 += layout.batch) {
    const end = Math.min(chunks, b0 + layout.batch);
    let partial: GlTensor | null = null;
    try {
      for (let c0 = 0; c0 < ci4; c0 += cn) {
        const target = new GlTensor(ctx, layout.rows * out.height, layout.cols * tileWidth, scratchLayers * 4, null);
        // The first slice reads no partial sums; it binds the input there, unread.
        const inputs = [arrayInput('x', input), arrayInput('partial', partial ?? input)];
        for (let chunk = b0; chunk < end; chunk++) {
          const outs = outsOf(chunk);
          const origin = slotOrigin(chunk - b0);
          const targets = Array.from({ length: n * outs }, (_, t) => t);
          ctx.draw({
            source: tileSource(outs), inputs, output: target.texture, layers: targets, size: slotSize, origin,
            stagedBlock: staged[chunk * slicesPerChunk + c0 / cn], ints: { c0, partialPass: partial ? 1 : 0, slotX: origin.x, slotY: origin.y },
          });
        }
        // Recycled, not freed: GL runs passes in order, so a later pass may overwrite it safely.
        partial?.dispose();
        partial = target;
      }
      if (!partial) throw new Error('conv2d: no input layers');
      for (; nextUntile < untiles.length && untiles[nextUntile].first < end; nextUntile++) {
        const u = untiles[nextUntile];
        const outs = outsOf(u.first);
        const untile = convUntileShader({ n, outs, slots: u.count, masked: p.outChannels % 4 !== 0, activation: p.activation, alpha: p.alpha });
        const groups = (u.count - 1) * plan.outs + outsOf(u.first + u.count - 1);
        const layers = Array.from({ length: groups }, (_, k) => u.first * plan.outs + k);
        const origin = slotOrigin(u.first - b0);
        ctx.draw({
          source: untile, inputs: [arrayInput('tiles', partial)], output: out.texture, layers, size: out.size, stagedBlock: staged[untileBlock + nextUntile],
          ints: { slotX: origin.x, slotY: origin.y, tileW: tileWidth },
        });
      }
    } finally {
      partial?.dispose();
    }
  }
}
