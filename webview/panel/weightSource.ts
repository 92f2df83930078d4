// What the preview asks of a weights source: one named weight of one layer, in TF.js's own
// layout and naming (kernel, bias, depthwise_kernel, pointwise_kernel, gamma, beta,
// moving_mean, moving_variance), so seeded, classic and trained weights are interchangeable.
import type { LayerReport } from '../../src/core/report';

export type WeightName = 'kernel' | 'bias' | 'depthwise_kernel' | 'pointwise_kernel' | 'gamma' | 'beta' | 'moving_mean' | 'moving_variance';

export interface WeightSource {
  /** Shown next to the selector, e.g. "seeded (glorotUniform, seed from layer name)". */
  readonly label: string;
  /** What had to be approximated while producing weights (filled as weights are asked for). */
  readonly notes: string[];
  /** Returns the weight, or throws NotPreviewable saying why it is not available. */
  weight(layer: LayerReport, name: WeightName, shape: readonly number[]): Float32Array;
  /**
   * What this layer's weights depend on besides its own report (name, config, shapes): equal
   * keys give equal weights, so the preview may reuse a layer computed under another source.
   */
  key(layer: LayerReport): string;
}

export type WeightsMode = 'seeded' | 'classic' | 'trained';
