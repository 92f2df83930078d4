// Layer outputs the preview has computed, kept on the device so that moving to another layer
// computes only what is new. An entry is keyed by everything its value depends on: the layer's
// own report (class, name, config, shapes), what its weights depend on beyond that
// (WeightSource.key), the image for input layers, and the keys of its inputs. So a cursor move
// (a new report, same layers) reuses everything, an edit recomputes from the edited layer on,
// and a new image or weights file recomputes what reads it, without the app saying when.
import type { LayerReport, ModelReport } from '../../src/core/report';
import type { DeviceTensor, HostTensor, KernelBackend } from '../kernels/types';
import type { KernelView } from './layerOps';
import type { WeightSource } from './weightSource';

export interface CachedLayer {
  readonly tensor: DeviceTensor;
  readonly kernel?: KernelView;
  /** The input layers' note on how the image was fitted. */
  readonly inputNote?: string;
  /** What the weights source noted while producing this layer's weights. */
  readonly weightNotes: readonly string[];
  /** The read-back, kept once the layer was shown (going back to it reads nothing). */
  maps?: HostTensor;
  lastUsed: number;
}

/** Device memory past which the least recently used layers are dropped (recomputed if asked again). */
const DEFAULT_BUDGET_BYTES = 512 * 1024 * 1024;

/** Bytes a tensor takes on the device: the WebGL2 backend stores 4 channels a texel, float32. */
function deviceBytes(t: DeviceTensor): number {
  return t.height * t.width * Math.ceil(t.channels / 4) * 16;
}

function cachedBytes(e: CachedLayer): number {
  return deviceBytes(e.tensor) + (e.maps ? e.maps.data.byteLength : 0);
}

export class ActivationCache {
  private backend: KernelBackend | null = null;
  private readonly entries = new Map<number, CachedLayer>();
  /** Key text → id, for the keys of the model last seen (older keys are forgotten with their entries). */
  private ids = new Map<string, number>();
  private nextId = 1;
  private clock = 0;
  private readonly imageIds = new WeakMap<object, number>();
  private nextImageId = 1;

  constructor(private readonly budgetBytes = DEFAULT_BUDGET_BYTES) {}

  /**
   * The key id of every layer of `model` (indices are in execution order, inputs first), and
   * drops the entries no layer of it has any more: what an edit, a new image or new weights
   * made stale is freed at once, not when memory runs short.
   */
  keysFor(backend: KernelBackend, model: ModelReport, channelsFirst: boolean, weights: WeightSource, image: object): number[] {
    if (this.backend !== backend) {
      this.clear();
      this.backend = backend;
    }
    let imageId = this.imageIds.get(image);
    if (imageId === undefined) {
      imageId = this.nextImageId++;
      this.imageIds.set(image, imageId);
    }
    const ids = new Map<string, number>();
    const keys: number[] = [];
    for (const layer of model.layers) {
      const text = keyText(layer, channelsFirst, weights, layer.inputs.map((p) => keys[p] ?? -1), layer.inputs.length === 0 ? imageId : 0);
      const id = ids.get(text) ?? this.ids.get(text) ?? this.nextId++;
      ids.set(text, id);
      keys.push(id);
    }
    this.ids = ids;
    const live = new Set(keys);
    for (const [id, e] of this.entries) {
      if (live.has(id)) continue;
      backend.dispose(e.tensor);
      this.entries.delete(id);
    }
    return keys;
  }

  get(id: number): CachedLayer | undefined {
    const e = this.entries.get(id);
    if (e) e.lastUsed = ++this.clock;
    return e;
  }

  set(id: number, entry: Omit<CachedLayer, 'lastUsed'>): CachedLayer {
    const e: CachedLayer = { ...entry, lastUsed: ++this.clock };
    this.entries.set(id, e);
    return e;
  }

  /** Drops least recently used layers, except `keep`, until the cache fits its budget. */
  trim(keep: ReadonlySet<number>): void {
    let total = 0;
    for (const e of this.entries.values()) total += cachedBytes(e);
    if (total <= this.budgetBytes) return;
    const byAge = [...this.entries].filter(([id]) => !keep.has(id)).sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    for (const [id, e] of byAge) {
      if (total <= this.budgetBytes) break;
      total -= cachedBytes(e);
      this.backend?.dispose(e.tensor);
      this.entries.delete(id);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    for (const e of this.entries.values()) this.backend?.dispose(e.tensor);
    this.entries.clear();
    this.ids.clear();
  }
}

/** Everything a layer's output depends on, as text (its inputs by their key ids). */
function keyText(layer: LayerReport, channelsFirst: boolean, weights: WeightSource, inputs: readonly number[], imageId: number): string {
  return JSON.stringify([layer.className, layer.name, layer.config, layer.inputShapes, layer.outputShape, channelsFirst, weights.key(layer), inputs, imageId]);
}
