// Runs inside Chromium for bench/browser.bench.ts: what the first preview of each conv after the
// panel's first feature map costs, with and without the idle warm-up of the other layers'
// programs (webview/panel/programWarmup.ts), on the panel's own pipeline, cache and weights.
// Each side starts on a fresh backend (nothing compiled), shows the model's first conv, then
// moves conv by conv to the last one, as a user stepping through the model does.
import type { ModelReport } from '../../src/core/report';
import { createBackend } from '../../webview/kernels/createBackend';
import { WebGl2Backend } from '../../webview/gl/glBackend';
import { ActivationCache } from '../../webview/panel/activationCache';
import { decodeImage } from '../../webview/panel/imageDecode';
import { runPreview } from '../../webview/panel/pipeline';
import { warmModelPrograms } from '../../webview/panel/programWarmup';
import { makeWeightSource } from '../../webview/panel/weightSources';

export interface WarmupMove {
  readonly layer: number;
  /** This conv's first preview (its chain's new layers and the read-back), without and with the warm-up. */
  readonly coldMs: number; readonly warmedMs: number;
  /** Programs that preview compiled, without and with the warm-up. */
  readonly coldPrograms: number; readonly warmedPrograms: number;
}

export interface WarmupMovesResult {
  readonly firstLayer: number;
  readonly firstMapMs: number;
  /** The warm-up, from its start to the GPU done with it, and the layers it ran. */
  readonly warmupMs: number; readonly warmedLayers: number;
  readonly moves: readonly WarmupMove[];
}

async function warmupMoves(reportJson: string, pngBase64: string): Promise<WarmupMovesResult> {
  const model = JSON.parse(reportJson) as ModelReport;
  const image = await decodeImage(Uint8Array.from(atob(pngBase64), (c) => c.charCodeAt(0)), 'sample.png');
  const convs = model.layers.filter((l) => l.className === 'Conv2D').map((l) => l.index);
  const [firstLayer, ...rest] = convs;
  const side = async (warm: boolean) => {
    const { backend, fallbackReason } = createBackend();
    if (fallbackReason !== null || !(backend instanceof WebGl2Backend)) throw new Error(`no WebGL2 backend: ${fallbackReason ?? backend.name}`);
    const cache = new ActivationCache();
    const weights = () => makeWeightSource('seeded', model, null);
    try {
      const firstMapMs = runPreview(backend, model, firstLayer, image, weights(), cache).ms;
      const t0 = performance.now();
      const outcome = warm ? await warmModelPrograms(backend, model, image, weights()) : undefined;
      const warmupMs = performance.now() - t0;
      const moves = rest.map((layer) => {
        const before = backend.compileStats.programs;
        const ms = runPreview(backend, model, layer, image, weights(), cache).ms;
        return { layer, ms, programs: backend.compileStats.programs - before };
      });
      return { firstMapMs, warmupMs, warmedLayers: outcome?.warmed.length ?? 0, moves };
    } finally {
      cache.clear();
      backend.release();
    }
  };
  const cold = await side(false);
  const warmed = await side(true);
  return {
    firstLayer, firstMapMs: warmed.firstMapMs, warmupMs: warmed.warmupMs, warmedLayers: warmed.warmedLayers,
    moves: rest.map((layer, k) => ({ layer, coldMs: cold.moves[k].ms, warmedMs: warmed.moves[k].ms, coldPrograms: cold.moves[k].programs, warmedPrograms: warmed.moves[k].programs })),
  };
}

Object.assign(globalThis, { warmupMoves });
