// The preview pipeline: image → input tensor → every layer the chosen layer depends on (and
// no other) → that layer's feature maps, read back once at the end. With an ActivationCache,
// layers computed for an earlier preview are reused, so moving between layers computes only
// what is new.
import type { LayerReport, ModelReport } from '../../src/core/report';
import type { DeviceTensor, HostTensor, KernelBackend } from '../kernels/types';
import { ActivationCache, type CachedLayer } from './activationCache';
import { NotPreviewable } from './configRead';
import type { DecodedImage } from './imageDecode';
import { fitImage, type InputTarget } from './imageToTensor';
import { dataFormatOf, runLayer, type KernelView } from './layerOps';
import type { WeightSource } from './weightSource';
import { primaryShape } from './shape';

export interface PreviewResult {
  readonly maps: HostTensor;
  readonly kernel?: KernelView;
  /** What was done to the image, per input ("center-cropped 451×300 → 300×300, …"). */
  readonly inputNotes: readonly string[];
  /** What the weights source noted for the layers of the chain. */
  readonly weightNotes: readonly string[];
  /** The layers this call computed (the rest of the chain came from the cache), in order. */
  readonly computed: readonly number[];
  /** Wall time of this call, the computation and the read-back (if not cached) included, in ms. */
  readonly ms: number;
  /** Each layer's ActivationCache key: equal keys, equal outputs (ProgramWarmup restarts on a change). */
  readonly layerKeys: readonly number[];
}

/** Indices of `target` and every layer it depends on, in execution order. */
export function ancestorsOf(model: ModelReport, target: number): number[] {
  const seen = new Set<number>();
  const stack = [target];
  while (stack.length) {
    const i = stack.pop() as number;
    if (seen.has(i)) continue;
    seen.add(i);
    for (const p of model.layers[i].inputs) stack.push(p);
  }
  return [...seen].sort((a, b) => a - b);
}

export function usesChannelsFirst(model: ModelReport): boolean {
  return model.layers.some((l) => l.config.dataFormat !== undefined && dataFormatOf(l) === 'channelsFirst');
}

/** The image size and channels an input layer asks for, in HWC terms. */
export function inputTarget(layer: LayerReport, channelsFirst: boolean): InputTarget & { oneD: boolean } {
  // An InputLayer's output is the input; a first layer carrying inputShape itself takes it as input.
  const shape = layer.className === 'InputLayer' ? primaryShape(layer.outputShape) : (layer.inputShapes[0] ?? null);
  if (!shape) throw new NotPreviewable(`${layer.name}: the input shape is not known, so there is nothing to feed the image into.`);
  const dim = (d: number | null | undefined) => (typeof d === 'number' && d > 0 ? d : null);
  if (shape.length === 4) {
    const [h, w, c] = channelsFirst ? [shape[2], shape[3], shape[1]] : [shape[1], shape[2], shape[3]];
    return { height: dim(h), width: dim(w), channels: dim(c), oneD: false };
  }
  if (shape.length === 3) return { height: 1, width: dim(shape[1]), channels: dim(shape[2]), oneD: true };
  throw new NotPreviewable(`${layer.name}: input shape [${shape.join(', ')}] is not an image or a sequence; the preview feeds images.`);
}

/**
 * The target's feature maps, computing only the layers of its chain that `cache` lacks (all of
 * them, and keeping none, without a cache). Throws NotPreviewable (with the reason) when the
 * chain cannot be computed; what was computed before the failure stays cached.
 */
export function runPreview(
  backend: KernelBackend,
  model: ModelReport,
  target: number,
  image: DecodedImage,
  weights: WeightSource,
  cache?: ActivationCache,
): PreviewResult {
  const start = performance.now();
  const own = cache ?? new ActivationCache();
  try {
    return previewWith(own, backend, model, target, image, weights, start);
  } finally {
    if (!cache) own.clear();
  }
}

function previewWith(cache: ActivationCache, backend: KernelBackend, model: ModelReport, target: number, image: DecodedImage, weights: WeightSource, start: number): PreviewResult {
  const channelsFirst = usesChannelsFirst(model);
  const keys = cache.keysFor(backend, model, channelsFirst, weights, image);
  const chain = ancestorsOf(model, target);
  const computed: number[] = [];
  const entries = new Map<number, CachedLayer>();
  // Walk back from the target and stop at what is cached: those are the layers to compute.
  const missing = new Set<number>();
  const stack = [target];
  while (stack.length) {
    const i = stack.pop() as number;
    if (entries.has(i) || missing.has(i)) continue;
    const hit = cache.get(keys[i]);
    if (hit) entries.set(i, hit);
    else {
      missing.add(i);
      for (const p of model.layers[i].inputs) stack.push(p);
    }
  }
  for (const i of [...missing].sort((a, b) => a - b)) {
    entries.set(i, computeLayer(backend, model.layers[i], (p) => entries.get(p), image, weights, channelsFirst, cache, keys[i]));
    computed.push(i);
  }
  const chainKeys = new Set(chain.map((i) => keys[i]));
  cache.trim(chainKeys);
  const result = entries.get(target) as CachedLayer;
  result.maps ??= backend.download(result.tensor);
  const inputNotes: string[] = [];
  const weightNotes = new Set<string>();
  for (const i of chain) {
    const e = entries.get(i) ?? cache.get(keys[i]);
    if (e?.inputNote) inputNotes.push(e.inputNote);
    for (const n of e?.weightNotes ?? []) weightNotes.add(n);
  }
  return { maps: result.maps, kernel: result.kernel, inputNotes, weightNotes: [...weightNotes], computed, ms: performance.now() - start, layerKeys: keys };
}

/** Runs one layer on its (computed or cached) inputs and caches the output. */
function computeLayer(
  backend: KernelBackend,
  layer: LayerReport,
  inputOf: (index: number) => CachedLayer | undefined,
  image: DecodedImage,
  weights: WeightSource,
  channelsFirst: boolean,
  cache: ActivationCache,
  key: number,
): CachedLayer {
  return cache.set(key, evaluateLayer(backend, layer, (p) => inputOf(p)?.tensor, image, weights, channelsFirst));
}

/** What running one layer gives: its output (the caller owns it) and what to say about it. */
export interface LayerOutput {
  readonly tensor: DeviceTensor;
  readonly kernel?: KernelView;
  readonly inputNote?: string;
  readonly weightNotes: readonly string[];
}

/**
 * Runs one layer on its inputs' outputs (an input layer on the image, fitted to its shape).
 * Throws NotPreviewable when an input is missing or the layer cannot run.
 */
export function evaluateLayer(
  backend: KernelBackend,
  layer: LayerReport,
  inputOf: (index: number) => DeviceTensor | undefined,
  image: DecodedImage,
  weights: WeightSource,
  channelsFirst: boolean,
): LayerOutput {
  const notesBefore = weights.notes.length;
  const noted = () => weights.notes.slice(notesBefore);
  if (layer.inputs.length === 0) {
    const want = inputTarget(layer, channelsFirst);
    const fitted = fitImage(image, want);
    const inputNote = want.oneD ? `${fitted.note}, squeezed to one row (a ${fitted.tensor.width}-step sequence)` : fitted.note;
    const x = backend.upload(fitted.tensor);
    if (layer.className === 'InputLayer') return { tensor: x, inputNote, weightNotes: [] };
    // A first layer without a separate input node (it carries inputShape itself).
    try {
      const run = runLayer(backend, layer, [x], weights, channelsFirst);
      return { tensor: run.output, kernel: run.kernel, inputNote, weightNotes: noted() };
    } finally {
      backend.dispose(x);
    }
  }
  const xs = layer.inputs.map((p) => {
    const t = inputOf(p);
    if (!t) throw new NotPreviewable(`${layer.name}: its input was not computed.`);
    return t;
  });
  const run = runLayer(backend, layer, xs, weights, channelsFirst);
  return { tensor: run.output, kernel: run.kernel, weightNotes: noted() };
}

/** Why a layer cannot be previewed, without computing anything (for the layer picker). */
export function staticallyUnpreviewable(model: ModelReport, target: number): string | null {
  const layer = model.layers[target];
  const shape = primaryShape(layer.outputShape);
  if (shape && shape.length === 2) return `${layer.name} (${layer.className ?? '?'}) outputs a flat vector [${shape.join(', ')}]; there are no feature maps to show.`;
  return null;
}
