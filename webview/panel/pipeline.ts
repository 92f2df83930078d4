// The preview pipeline: image → input tensor → every layer the chosen layer depends on (and
// no other) → that layer's feature maps, read back once at the end.
import type { LayerReport, ModelReport } from '../../src/core/report';
import type { DeviceTensor, HostTensor, KernelBackend } from '../kernels/types';
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
  /** Wall time of the chain including the read-back, in ms. */
  readonly ms: number;
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

/** Throws NotPreviewable (with the reason) when the chain cannot be computed. */
export function runPreview(backend: KernelBackend, model: ModelReport, target: number, image: DecodedImage, weights: WeightSource): PreviewResult {
  const start = performance.now();
  const chain = ancestorsOf(model, target);
  const channelsFirst = usesChannelsFirst(model);
  const consumers = new Map<number, number>();
  for (const i of chain) for (const p of model.layers[i].inputs) consumers.set(p, (consumers.get(p) ?? 0) + 1);

  const live = new Map<number, DeviceTensor>();
  const inputNotes: string[] = [];
  let kernel: KernelView | undefined;
  try {
    for (const i of chain) {
      const layer = model.layers[i];
      let out: DeviceTensor;
      if (layer.inputs.length === 0) {
        const want = inputTarget(layer, channelsFirst);
        const fitted = fitImage(image, want);
        inputNotes.push(want.oneD ? `${fitted.note}, squeezed to one row (a ${fitted.tensor.width}-step sequence)` : fitted.note);
        out = backend.upload(fitted.tensor);
        if (layer.className !== 'InputLayer') {
          // A first layer without a separate input node (it carries inputShape itself).
          const x = out;
          const run = runLayer(backend, layer, [x], weights, channelsFirst);
          out = run.output;
          if (i === target) kernel = run.kernel;
          backend.dispose(x);
        }
      } else {
        const xs = layer.inputs.map((p) => {
          const t = live.get(p);
          if (!t) throw new NotPreviewable(`${layer.name}: its input was not computed.`);
          return t;
        });
        const run = runLayer(backend, layer, xs, weights, channelsFirst);
        out = run.output;
        if (i === target) kernel = run.kernel;
        for (const p of layer.inputs) {
          const left = (consumers.get(p) ?? 1) - 1;
          consumers.set(p, left);
          if (left === 0) {
            backend.dispose(live.get(p) as DeviceTensor);
            live.delete(p);
          }
        }
      }
      live.set(i, out);
    }
    const maps = backend.download(live.get(target) as DeviceTensor);
    return { maps, kernel, inputNotes, ms: performance.now() - start };
  } finally {
    for (const t of live.values()) backend.dispose(t);
  }
}

/** Why a layer cannot be previewed, without computing anything (for the layer picker). */
export function staticallyUnpreviewable(model: ModelReport, target: number): string | null {
  const layer = model.layers[target];
  const shape = primaryShape(layer.outputShape);
  if (shape && shape.length === 2) return `${layer.name} (${layer.className ?? '?'}) outputs a flat vector [${shape.join(', ')}]; there are no feature maps to show.`;
  return null;
}
