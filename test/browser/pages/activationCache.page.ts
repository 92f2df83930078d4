// Runs inside Chromium: the panel's preview pipeline with its activation cache on the WebGL2
// backend, behind a backend that counts what it is asked to run. A test hands it steps (which
// layer of which report on which image) and gets, per step, the layers computed, the kernel
// calls and read-backs made, and how far the maps are from an uncached run of the same step.
import type { ModelReport } from '../../../src/core/report';
import { createBackend } from '../../../webview/kernels/createBackend';
import type { KernelBackend } from '../../../webview/kernels/types';
import { ActivationCache } from '../../../webview/panel/activationCache';
import { decodeImage, type DecodedImage } from '../../../webview/panel/imageDecode';
import { runPreview } from '../../../webview/panel/pipeline';
import { makeWeightSource } from '../../../webview/panel/weightSources';
import type { WeightsMode } from '../../../webview/panel/weightSource';

const fromBase64 = (b64: string): Uint8Array => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

export interface CacheStep {
  /** Index into the reports handed to cacheProbe. */
  readonly report: number;
  readonly layer: number;
  /** Index into the images handed to cacheProbe. */
  readonly image: number;
  readonly weights: WeightsMode;
}

export interface CacheStepOutcome {
  readonly computed: readonly number[];
  /** Calls of anything that runs on the device: upload and every op (not download or dispose). */
  readonly kernelCalls: number;
  readonly downloads: number;
  /** Largest |cached − uncached| over the maps; -1 when the shapes differ. */
  readonly maxAbsDiff: number;
  readonly cachedLayers: number;
}

/** The backend, counting every call but download and dispose (those move or free, they compute nothing). */
function counting(backend: KernelBackend): { backend: KernelBackend; counts: { kernels: number; downloads: number } } {
  const counts = { kernels: 0, downloads: 0 };
  const wrapped = new Proxy(backend, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        if (prop === 'download') counts.downloads++;
        else if (prop !== 'dispose') counts.kernels++;
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { backend: wrapped, counts };
}

async function cacheProbe(reportsJson: string, imagesBase64: string[], steps: CacheStep[]): Promise<{ backend: string; outcomes: CacheStepOutcome[] }> {
  const models = JSON.parse(reportsJson) as ModelReport[];
  const images: DecodedImage[] = [];
  for (const [i, b64] of imagesBase64.entries()) images.push(await decodeImage(fromBase64(b64), `image${i}.png`));
  const choice = createBackend();
  const { backend, counts } = counting(choice.backend);
  const cache = new ActivationCache();
  const outcomes: CacheStepOutcome[] = [];
  for (const s of steps) {
    const model = models[s.report];
    const before = { ...counts };
    const r = runPreview(backend, model, s.layer, images[s.image], makeWeightSource(s.weights, model, null), cache);
    const kernelCalls = counts.kernels - before.kernels;
    const downloads = counts.downloads - before.downloads;
    // The same step without a cache, on the bare backend (not counted).
    const fresh = runPreview(choice.backend, model, s.layer, images[s.image], makeWeightSource(s.weights, model, null));
    let maxAbsDiff = -1;
    if (fresh.maps.data.length === r.maps.data.length && fresh.maps.channels === r.maps.channels) {
      maxAbsDiff = 0;
      for (let i = 0; i < r.maps.data.length; i++) maxAbsDiff = Math.max(maxAbsDiff, Math.abs(r.maps.data[i] - fresh.maps.data[i]));
    }
    outcomes.push({ computed: r.computed, kernelCalls, downloads, maxAbsDiff, cachedLayers: cache.size });
  }
  return { backend: choice.backend.name, outcomes };
}

Object.assign(globalThis, { cacheProbe });
