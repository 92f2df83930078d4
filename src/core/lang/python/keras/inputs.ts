// How a Keras 3 model gets its input shape: `keras.Input(shape=...)`, an `InputLayer`, or the
// legacy `input_shape=` / `input_dim=` of a Sequential's first layer (Layer.__init__ keeps
// either as `_input_shape_arg`; Sequential.add turns it into an InputLayer). Keras's
// standardize_shape rejects a bare int, floats and strings as sizes: those are certain errors.
import { isUnknown, unknown, type Dim, type LayerDecl, type Shape, type SymbolRef, type Unknown } from '../../../types';
import { shapeSymbols } from '../../../symbolic/symbols';
import { specForClassName } from '../../../catalog';
import { isFloat, isObject, type PyVal } from '../values';

export type KerasShape = { readonly dims: Dim[] } | { readonly error: string } | null;

/** A shape argument as Keras's standardize_shape reads it; null when not statically known. */
export function kerasShape(v: PyVal): KerasShape {
  if (isUnknown(v)) return null;
  if (v === null) return { error: 'Undefined shapes are not supported.' };
  if (typeof v === 'number' || typeof v === 'boolean' || isFloat(v)) {
    const text = isFloat(v) ? String(v.value) : String(v);
    return { error: `Cannot convert '${text}' to a shape: Keras expects a tuple such as (${text},).` };
  }
  if (typeof v === 'string') return null; // iterable in Python; never meant as a shape
  if (!isObject(v) || (v.tag !== 'tuple' && v.tag !== 'list')) return null;
  if (v.tag === 'list' && v.tainted) return null;
  const dims: Dim[] = [];
  for (const d of v.items) {
    if (d === null) dims.push(null);
    else if (typeof d === 'number') {
      if (d < 0) return { error: `Negative dimensions are not allowed: ${d}.` };
      dims.push(d);
    } else if (typeof d === 'boolean') dims.push(d ? 1 : 0);
    else if (isFloat(d) || typeof d === 'string') {
      const text = isFloat(d) ? (Number.isInteger(d.value) ? `${d.value}.0` : String(d.value)) : `'${d}'`;
      return { error: `Keras cannot use ${text} as a size: dimensions must be ints (use // or int()).` };
    } else dims.push(null); // unknown size, known rank
  }
  return { dims };
}

/**
 * The input a layer declares as the first layer of a Sequential: 'InputLayer' for an
 * InputLayer, a batch shape for `input_shape=`/`input_dim=`, Unknown when it declares one we
 * cannot read, undefined when it declares none.
 */
export function kerasImpliedInput(decl: LayerDecl): 'InputLayer' | Shape | Unknown | undefined {
  if (decl.className === 'InputLayer') return 'InputLayer';
  const { inputDim, inputShape } = decl.config;
  // Embedding takes input_dim as its own parameter (the vocabulary size): Layer never sees it.
  const ownInputDim = decl.className !== null && (specForClassName(decl.className)?.keras?.params.includes('input_dim') ?? false);
  const declared = inputDim !== undefined && inputDim !== null && !ownInputDim ? [inputDim] : inputShape;
  if (declared === undefined || declared === null) return decl.configIncomplete ? unknown(decl.configIncomplete) : undefined;
  if (isUnknown(declared)) return declared;
  if (!Array.isArray(declared)) return unknown('an input shape that is not a tuple');
  return [null, ...(declared as readonly unknown[]).map((d) => (typeof d === 'number' ? d : null))];
}

function dimsOfConfig(v: unknown): Dim[] | null {
  if (!Array.isArray(v)) return null;
  return (v as readonly unknown[]).map((d) => (typeof d === 'number' ? d : null));
}

/** The batch shape an InputLayer declares (`shape` with `batch_size`, or `batch_shape`). */
export function inputLayerShape(decl: LayerDecl): Shape | null {
  const { batchShape, batchInputShape, shape, inputShape, batchSize } = decl.config;
  const batch = dimsOfConfig(batchShape ?? batchInputShape);
  if (batch) return batch;
  const dims = dimsOfConfig(shape ?? inputShape);
  return dims ? [typeof batchSize === 'number' ? batchSize : null, ...dims] : null;
}

/** The symbols of the input a first layer declares (`input_shape=(x_train.shape[1],)`), as kerasImpliedInput reads it. */
export function kerasImpliedSymbols(decl: LayerDecl): (SymbolRef | null)[] | undefined {
  const { inputDim, inputShape } = decl.config;
  const ownInputDim = decl.className !== null && (specForClassName(decl.className)?.keras?.params.includes('input_dim') ?? false);
  const declared = inputDim !== undefined && inputDim !== null && !ownInputDim ? [inputDim] : inputShape;
  return declared === undefined || declared === null ? undefined : shapeSymbols(declared, true);
}
