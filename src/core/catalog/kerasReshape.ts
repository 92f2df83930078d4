// Keras 3's Reshape (reshaping/reshape.py with ops.operation_utils.compute_reshape_output_shape):
// target_shape is a tuple whose entries are ints ≥ 0, None, or one -1. The -1 is resolved from
// the non-batch input dims alone (TF.js needs the batch known too), and the element counts are
// compared, only when every non-batch input dim and every target entry is known; a mismatch
// raises when the layer is called. A None entry stays None and disables the check.
import type { ConfigValue, Dim, LayerContext, LayerInference, LayerProblem } from '../types';
import { NO_PARAMS, formatShape, problem, singleInput } from './config';

const NONE: LayerInference = { outputShape: null, params: NO_PARAMS, macs: 0 };

function fail(problems: readonly LayerProblem[]): LayerInference {
  return { ...NONE, problems };
}

/** Target entries: a number, null (Python None), or 'unknown' (not statically known). */
function entries(value: ConfigValue): (number | null | 'unknown')[] | null {
  if (!Array.isArray(value)) return null;
  return (value as readonly ConfigValue[]).map((d) => (typeof d === 'number' ? d : d === null ? null : 'unknown'));
}

export function inferKerasReshape(ctx: LayerContext): LayerInference {
  const raw = ctx.config.targetShape;
  if (raw === undefined) return fail([problem('config/invalid', 'Reshape requires targetShape: Keras raises a TypeError when the layer is constructed.', 'targetShape')]);
  if (typeof raw === 'number' || typeof raw === 'boolean' || raw === null) {
    return fail([problem('config/invalid', `Reshape's targetShape must be a tuple such as (${String(raw)},): Keras raises a TypeError when the layer is constructed.`, 'targetShape')]);
  }
  const target = entries(raw);
  if (target === null) return NONE;
  if (target.some((d) => typeof d === 'number' && (d < -1 || !Number.isInteger(d)))) {
    return fail([problem('config/invalid', "Reshape's targetShape entries must be ints ≥ 0, None, or a single -1: Keras raises a ValueError when the layer is constructed.", 'targetShape')]);
  }
  const wildcards = target.filter((d) => d === -1).length;
  if (wildcards > 1) return fail([problem('config/invalid', "Reshape's targetShape can hold only one -1: Keras raises a ValueError when the layer is constructed.", 'targetShape')]);
  const input = singleInput(ctx.inputs);
  if (input === null) return NONE;
  const body = input.slice(1);
  const asDims: Dim[] = target.map((d) => (typeof d === 'number' && d !== -1 ? d : null));
  if (body.some((d) => d === null) || target.some((d) => d === null || d === 'unknown')) {
    return { outputShape: [input[0], ...asDims], params: NO_PARAMS, macs: 0 };
  }
  const inputSize = (body as number[]).reduce((a, b) => a * b, 1);
  const known = (target.filter((d) => d !== -1) as number[]).reduce((a, b) => a * b, 1);
  const shown = formatShape(target as number[]);
  if (wildcards === 0) {
    if (known === inputSize) return { outputShape: [input[0], ...asDims], params: NO_PARAMS, macs: 0 };
    return fail([
      problem(
        'shape/reshape-size',
        `Reshape changes the element count: ${formatShape(body)} holds ${inputSize} elements but ${shown} holds ${known}. Keras raises "The total size of the tensor must be unchanged" when the layer is called.`,
        'targetShape',
      ),
    ]);
  }
  if (known === 0 || inputSize % known !== 0) {
    return fail([
      problem(
        'shape/reshape-size',
        `Reshape cannot fit ${inputSize} elements (${formatShape(body)}) into ${shown}: ${inputSize} is not a multiple of ${known}. Keras raises a ValueError when the layer is called.`,
        'targetShape',
      ),
    ]);
  }
  return { outputShape: [input[0], ...target.map((d) => (d === -1 ? inputSize / known : (d as number)))], params: NO_PARAMS, macs: 0 };
}
