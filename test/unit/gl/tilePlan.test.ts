// How tiledConv.ts sizes a conv's tiles for the GPU it runs on. A tile writes one render
// target per pixel and group, so the plan must fit the draw buffers (Chromium's SwiftShader
// has 6, desktop GPUs 8), and its unrolled body must stay within the compile budget. The
// browser suite checks the tiles' results against the CPU; this checks the choice.

import * as assert from 'assert';
import { planTiles } from '../../../webview/gl/tiledConv';
import { tileBodySize } from '../../../webview/gl/shaders/tiledConvShaders';

describe('tile plan (WebGL2 tiled conv)', () => {
  it('gives wide outputs as many pixels a tile as the draw buffers allow', () => {
    // VGG16's 224-wide 64→64 conv: 16 input and output layers of four channels.
    assert.deepStrictEqual(planTiles(9, 16, 16, 224, 6), { n: 6, outs: 1, cn: 1 });
    assert.deepStrictEqual(planTiles(9, 16, 16, 224, 8), { n: 8, outs: 1, cn: 1 });
    assert.deepStrictEqual(planTiles(9, 16, 16, 224, 4), { n: 4, outs: 1, cn: 2 });
  });

  it('keeps narrow outputs at four pixels and two input layers a pass', () => {
    // The classic CNN's 29-wide 32→64 conv.
    assert.deepStrictEqual(planTiles(9, 8, 16, 29, 6), { n: 4, outs: 1, cn: 2 });
    assert.deepStrictEqual(planTiles(9, 8, 16, 29, 8), { n: 4, outs: 1, cn: 2 });
  });

  it('shrinks a big kernel one pixel at a time, not by halves', () => {
    // 5×5: six pixels would be 600 multiply-adds; two (200) is the most within the limit,
    // where halving from six would have stopped at one.
    assert.deepStrictEqual(planTiles(25, 4, 4, 100, 6), { n: 2, outs: 1, cn: 1 });
    assert.strictEqual(planTiles(49, 4, 4, 100, 6)?.n, 1);
  });

  it('sums several input layers a pass for 1×1 kernels, dividing the input evenly', () => {
    const plan = planTiles(1, 18, 4, 100, 6);
    assert.ok(plan);
    assert.strictEqual(18 % plan.cn, 0);
    assert.ok(plan.cn > 1);
  });

  it('never plans a tile over the draw buffers or the body limit', () => {
    for (const taps of [1, 4, 9, 25, 49]) {
      for (const width of [1, 7, 29, 63, 64, 224]) {
        for (const targets of [1, 4, 6, 8]) {
          const plan = planTiles(taps, 16, 16, width, targets);
          if (!plan) continue;
          assert.ok(plan.n * plan.outs <= targets, `${taps} taps, width ${width}, ${targets} targets: ${JSON.stringify(plan)}`);
          assert.ok(tileBodySize(taps, plan.cn, plan.outs, plan.n) <= 288, `${taps} taps, width ${width}: body of ${JSON.stringify(plan)}`);
        }
      }
    }
  });
});
