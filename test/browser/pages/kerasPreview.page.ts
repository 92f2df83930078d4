// Runs inside Chromium: the panel's own preview pipeline on a Keras weights file, exactly as the
// panel runs it (image decode and fit, the Keras reader in its worker, the matcher, the trained
// weight source, runPreview), on the WebGL2 backend and the CPU reference. Exposed as globals
// for page.evaluate; tensors travel as base64 float32, the model report as JSON.
import type { ModelReport } from '../../../src/core/report';
import { createCpuBackend } from '../../../webview/cpu/cpuBackend';
import { createBackend } from '../../../webview/kernels/createBackend';
import { decodeImage } from '../../../webview/panel/imageDecode';
import { fitImage } from '../../../webview/panel/imageToTensor';
import { parseKerasInWorker } from '../../../webview/panel/kerasWorkerClient';
import { inputTarget, runPreview, usesChannelsFirst } from '../../../webview/panel/pipeline';
import { makeWeightSource, matchTrainedWeights } from '../../../webview/panel/weightSources';

const fromBase64 = (b64: string): Uint8Array => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
function toBase64(data: Float32Array): string {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + 0x8000)));
  return btoa(s);
}

export interface PageTensor {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly base64: string;
}

/** The tensor the panel feeds the model's first layer for this image. */
async function panelInputTensor(pngBase64: string, name: string, modelJson: string): Promise<PageTensor> {
  const model = JSON.parse(modelJson) as ModelReport;
  const image = await decodeImage(fromBase64(pngBase64), name);
  const t = fitImage(image, inputTarget(model.layers[0], usesChannelsFirst(model))).tensor;
  return { height: t.height, width: t.width, channels: t.channels, base64: toBase64(t.data) };
}

export interface KerasPreviewResult {
  readonly error: string | null;
  readonly parseMs: number;
  readonly label: string;
  readonly messages: readonly string[];
  /** Per backend name, per layer index: the feature maps. */
  readonly maps: Record<string, Record<number, PageTensor>>;
  readonly backends: Record<string, string | null>;
}

async function kerasPreview(fileBase64: string, label: string, pngBase64: string, modelJson: string, layers: number[]): Promise<KerasPreviewResult> {
  const model = JSON.parse(modelJson) as ModelReport;
  const started = performance.now();
  const { parse } = await parseKerasInWorker(fromBase64(fileBase64), label);
  const parseMs = performance.now() - started;
  if (!parse.ok) return { error: parse.error, parseMs, label, messages: [], maps: {}, backends: {} };
  const trained = matchTrainedWeights(model, parse.weights);
  const image = await decodeImage(fromBase64(pngBase64), 'sample.png');
  const webgl = createBackend();
  const maps: Record<string, Record<number, PageTensor>> = {};
  const backends: Record<string, string | null> = { [webgl.backend.name]: webgl.fallbackReason };
  for (const backend of [webgl.backend, createCpuBackend()]) {
    maps[backend.name] = {};
    for (const index of layers) {
      const weights = makeWeightSource('trained', model, trained);
      const r = runPreview(backend, model, index, image, weights);
      maps[backend.name][index] = { height: r.maps.height, width: r.maps.width, channels: r.maps.channels, base64: toBase64(r.maps.data) };
    }
  }
  return { error: null, parseMs, label: trained.label, messages: trained.messages.map((m) => `${m.severity}: ${m.message}`), maps, backends };
}

/** The client's time limit with a worker that never answers. */
async function abandonedParse(timeoutMs: number): Promise<{ error: string | null; ms: number }> {
  const started = performance.now();
  const { parse } = await parseKerasInWorker(new Uint8Array(16), 'stuck.keras', { timeoutMs, workerSource: 'for (;;) {}' });
  return { error: parse.ok ? null : parse.error, ms: performance.now() - started };
}

Object.assign(globalThis, { panelInputTensor, kerasPreview, abandonedParse });
