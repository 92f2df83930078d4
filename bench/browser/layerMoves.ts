// Runs inside Chromium for bench/browser.bench.ts: what moving the preview to the next layer
// costs with the panel's activation cache, against that layer's first map (its whole chain on
// an empty cache), on the panel's own pipeline and weights. Programs are compiled beforehand,
// so both sides time computation and read-back, not shader compiles.
import type { ModelReport } from '../../src/core/report';
import { createBackend } from '../../webview/kernels/createBackend';
import { ActivationCache } from '../../webview/panel/activationCache';
import { decodeImage } from '../../webview/panel/imageDecode';
import { runPreview } from '../../webview/panel/pipeline';
import { makeWeightSource } from '../../webview/panel/weightSources';

export interface LayerMove { readonly from: number; readonly to: number; readonly firstMs: number; readonly moveMs: number; readonly computed: number }

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function layerMoves(reportJson: string, pngBase64: string, moves: [number, number][], reps: number): Promise<LayerMove[]> {
  const model = JSON.parse(reportJson) as ModelReport;
  const image = await decodeImage(Uint8Array.from(atob(pngBase64), (c) => c.charCodeAt(0)), 'sample.png');
  const { backend, fallbackReason } = createBackend();
  if (fallbackReason !== null) throw new Error(`no WebGL2 backend: ${fallbackReason}`);
  const weights = () => makeWeightSource('seeded', model, null);
  // Compile every program of the chains measured.
  for (const [, to] of moves) runPreview(backend, model, to, image, weights());
  return moves.map(([from, to]) => {
    const first: number[] = [];
    const move: number[] = [];
    let computed = 0;
    for (let r = 0; r < reps; r++) {
      const cold = new ActivationCache();
      first.push(runPreview(backend, model, to, image, weights(), cold).ms);
      cold.clear();
      const warm = new ActivationCache();
      runPreview(backend, model, from, image, weights(), warm);
      const m = runPreview(backend, model, to, image, weights(), warm);
      move.push(m.ms);
      computed = m.computed.length;
      warm.clear();
    }
    return { from, to, firstMs: median(first), moveMs: median(move), computed };
  });
}

Object.assign(globalThis, { layerMoves });
