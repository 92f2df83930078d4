// Warms the GPU programs of a model's other layers while the panel is idle, so that moving the
// preview to a layer it has not shown yet waits only for that layer's computation. On
// SwiftShader (WebGL2 without a GPU) a program is JIT-compiled at its first draw, 0.2–0.6 s
// for a tiled conv on this project's 2-core machine (`npm run bench:browser`), and the first
// preview of a layer paid that for every program of its chain it was the first to use.
//
// Warming runs each layer through the backend's warmPrograms (KernelBackend): the same ops, the
// same programs, but each drawn once on one pixel, one layer per task with the page free in
// between; the outputs hold nothing and are freed as soon as no later layer reads them.
import type { ModelReport } from '../../src/core/report';
import type { DeviceTensor, KernelBackend } from '../kernels/types';
import type { DecodedImage } from './imageDecode';
import { afterNextPaint } from './nextPaint';
import { ancestorsOf, evaluateLayer, staticallyUnpreviewable, usesChannelsFirst } from './pipeline';
import type { WeightSource } from './weightSource';

/** What one warm-up did: the layers it ran (each compiling what it lacked) and those it could not. */
export interface WarmupOutcome {
  readonly warmed: readonly number[];
  readonly failed: readonly number[];
  /** False when `stillWanted` said stop before the end. */
  readonly finished: boolean;
}

/** Every layer some previewable layer's feature maps need, in execution order. */
export function layersToWarm(model: ModelReport): number[] {
  const needed = new Set<number>();
  for (const layer of model.layers) {
    if (staticallyUnpreviewable(model, layer.index) !== null) continue;
    for (const i of ancestorsOf(model, layer.index)) needed.add(i);
  }
  return [...needed].sort((a, b) => a - b);
}

/**
 * Warms every program the previews of `model` use, layer by layer; resolves with what it did,
 * or undefined at once where the backend compiles nothing (the CPU paths). `stillWanted` is
 * asked before each layer: the model, image or weights changed, so stop.
 */
export async function warmModelPrograms(
  backend: KernelBackend,
  model: ModelReport,
  image: DecodedImage,
  weights: WeightSource,
  stillWanted: () => boolean = () => true,
): Promise<WarmupOutcome | undefined> {
  if (!backend.warmPrograms) return undefined;
  const order = layersToWarm(model);
  const inOrder = new Set(order);
  // Readers left per layer: an output is freed once its last reader ran (or will not run).
  const readersLeft = new Map<number, number>();
  for (const i of order) for (const p of model.layers[i].inputs) if (inOrder.has(p)) readersLeft.set(p, (readersLeft.get(p) ?? 0) + 1);
  const channelsFirst = usesChannelsFirst(model);
  const outputs = new Map<number, DeviceTensor>();
  const warmed: number[] = [];
  const failed: number[] = [];
  const release = (i: number): void => {
    const t = outputs.get(i);
    if (t) backend.dispose(t);
    outputs.delete(i);
  };
  try {
    for (const i of order) {
      if (!stillWanted()) return { warmed, failed, finished: false };
      const layer = model.layers[i];
      let tensor: DeviceTensor | undefined;
      if (layer.inputs.every((p) => outputs.has(p))) {
        try {
          await backend.warmPrograms(() => {
            tensor = evaluateLayer(backend, layer, (p) => outputs.get(p), image, weights, channelsFirst).tensor;
          });
        } catch {
          // The preview of this layer says what fails; warming just skips what depends on it.
          tensor = undefined;
        }
      }
      if (tensor) {
        warmed.push(i);
        if ((readersLeft.get(i) ?? 0) > 0) outputs.set(i, tensor);
        else backend.dispose(tensor);
      } else failed.push(i);
      for (const p of layer.inputs) {
        const left = (readersLeft.get(p) ?? 0) - 1;
        readersLeft.set(p, left);
        if (left <= 0) release(p);
      }
    }
    return { warmed, failed, finished: true };
  } finally {
    for (const i of [...outputs.keys()]) release(i);
  }
}

/** Longest wait for a frame (a hidden webview draws none) or an idle moment before warming anyway. */
const FRAME_WAIT_MS = 1000;
const IDLE_WAIT_MS = 2000;

/**
 * Resolves after the next frame has been drawn and the page then falls idle. Warming must not
 * start before: on SwiftShader the GPU process JIT-compiles the programs, and while it does it
 * composites no frame, so a warm-up started right after a feature map held its first paint back
 * (`bench:panel`: the map showed 1.8–2.3 s after it was computed, 0.3–1.0 s without warming).
 */
async function afterPaintWhenIdle(): Promise<void> {
  await afterNextPaint(FRAME_WAIT_MS);
  if (typeof requestIdleCallback === 'function') await new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: IDLE_WAIT_MS }));
}

/**
 * The panel's warm-up: one at a time, restarted only when what the previews compute changes
 * (the layers' cache keys), and stopped when it does.
 */
export class ProgramWarmup {
  private signature = '';
  private running = 0;
  /** The last warm-up's promise (tests and the startup marks wait on it). */
  done: Promise<WarmupOutcome | undefined> = Promise.resolve(undefined);

  /**
   * Warms `model`'s programs unless a warm-up of the same layers ran or is running (then false): once
   * `after` settles (the diagram the same model draws: its layout and paint come first), a
   * frame has been drawn and the page is idle.
   */
  schedule(backend: KernelBackend, model: ModelReport, image: DecodedImage, weights: WeightSource, layerKeys: readonly number[], after: Promise<unknown> = Promise.resolve()): boolean {
    if (!backend.warmPrograms) return false;
    const signature = layerKeys.join(',');
    if (signature === this.signature) return false;
    this.signature = signature;
    const run = ++this.running;
    const wanted = (): boolean => run === this.running;
    this.done = after.catch(() => undefined).then(afterPaintWhenIdle).then(() => (wanted() ? warmModelPrograms(backend, model, image, weights, wanted) : { warmed: [], failed: [], finished: false }));
    return true;
  }

  /** Stops the running warm-up (before its next layer); the next schedule starts afresh. */
  cancel(): void {
    this.running++;
    this.signature = '';
  }
}
