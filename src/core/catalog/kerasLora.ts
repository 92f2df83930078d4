// Keras 3's LoRA option (`lora_rank=` on Dense, Conv1D/2D/3D, Embedding, EinsumDense): the
// layer's kernel is frozen (non-trainable) and two trainable factors are added, lora_a shaped
// like the kernel with its last axis replaced by the rank, and lora_b of shape (rank, last
// axis). lora_rank None or 0 is no LoRA. TF.js has no such option.
import { isUnknown, type LayerContext, type ParamCount } from '../types';

/**
 * The layer's params with LoRA applied, given its kernel's size, the product of all its axes
 * but the last (`fanIn`) and its last axis (`fanOut`). Unknown when the rank is.
 */
export function withLora(ctx: LayerContext, params: ParamCount | null, fanIn: number | null, fanOut: number | null): ParamCount | null {
  const rank = ctx.config.loraRank;
  if (ctx.dialect !== 'keras' || rank === undefined || rank === null || rank === 0 || rank === false) return params;
  if (isUnknown(rank) || typeof rank !== 'number' || params === null || fanIn === null || fanOut === null) return null;
  const kernel = fanIn * fanOut;
  const factors = fanIn * rank + rank * fanOut;
  return {
    trainable: params.trainable - kernel + factors,
    nonTrainable: params.nonTrainable + kernel,
    formula: `${params.formula} + ${fanIn}·${rank} + ${rank}·${fanOut}`,
  };
}
