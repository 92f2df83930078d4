// How a layer's config declares the model input, as TF.js's Layer constructor reads it:
// batchInputShape wins; else inputShape with batchSize; else class-specific shorthands
// (Dense's inputDim, Embedding's inputLength). Returns undefined when none is declared.
import { isUnknown, unknown, type Dim, type LayerConfig, type LayerProblem, type MaybeShape, type Shape, type Unknown, type ConfigValue } from '../types';

function asDims(v: ConfigValue): Dim[] | Unknown {
  if (isUnknown(v)) return v;
  if (typeof v === 'number') return [v];
  if (!Array.isArray(v)) return unknown('input shape is not an array');
  const dims: Dim[] = [];
  for (const d of v as readonly ConfigValue[]) {
    if (d === null || d === undefined) dims.push(null);
    else if (typeof d === 'number') dims.push(d);
    else if (isUnknown(d)) dims.push(null); // rank is known, the size is not
    else return unknown('input shape holds a non-number');
  }
  return dims;
}

function batchSizeOf(config: LayerConfig): Dim {
  const b = config.batchSize;
  return typeof b === 'number' ? b : null;
}

export function impliedBatchInputShape(className: string | null, config: LayerConfig): Shape | Unknown | undefined {
  if (config.batchInputShape !== undefined) return asDims(config.batchInputShape);
  if (config.inputShape !== undefined) {
    const dims = asDims(config.inputShape);
    return isUnknown(dims) ? dims : [batchSizeOf(config), ...dims];
  }
  if (className === 'Embedding') {
    // Embedding always declares an input: [batch, inputLength] (inputLength may be absent).
    const len = config.inputLength;
    if (len === undefined) return [batchSizeOf(config), null];
    const dims = asDims(len);
    return isUnknown(dims) ? dims : [batchSizeOf(config), ...dims];
  }
  if (className === 'Dense' && config.inputDim !== undefined) {
    const d = config.inputDim;
    if (typeof d === 'number') return [batchSizeOf(config), d];
    return isUnknown(d) ? d : unknown('inputDim is not a number');
  }
  return undefined;
}

/**
 * A model input declared with a size no tensor has (negative, a fraction, Infinity, NaN; 0 is
 * a size). TF.js builds such an input, but its predict compares every non-batch size of the
 * data with the input shape (checkInputData) and throws on any data: an error. TF.js only.
 */
export function impossibleInputProblem(shape: MaybeShape): LayerProblem | null {
  const bad = shape ? shape.findIndex((d, i) => i > 0 && d !== null && !(Number.isInteger(d) && d >= 0)) : -1;
  if (!shape || bad < 0) return null;
  const shown = `[${shape.map((d) => (d === null ? 'null' : String(d))).join(', ')}]`;
  return {
    code: 'config/invalid',
    severity: 'error',
    message: `The model's input shape ${shown} has ${String(shape[bad])} at dimension ${bad}: no tensor has that size, so TF.js's predict throws on any data (it checks every input size).`,
  };
}
