// Operations on symbolic tensors that are not layers: Keras 3 turns `x + y`, `x * 2.0`, `-x`
// and `keras.ops.relu(x)` on KerasTensors into operation nodes of the functional graph (its
// summary lists them: `add (Add)`, `relu (Relu)`), without weights. Elementwise ones
// broadcast their tensor operands (a number operand broadcasts too); unary ones keep the
// shape; a source makes a tensor of a given shape (random noise). Anything else stays outside
// the graph (an unknown tensor).
import { NO_PARAMS } from './catalog/config';
import type { Dim, LayerConfig, LayerInference, LayerProblem, MaybeShape, OperationKind } from './types';

const UNKNOWN: LayerInference = { outputShape: null, params: NO_PARAMS, macs: 0 };

/** NumPy broadcasting of two shapes (batch included); 'mismatch' when certainly incompatible. */
function broadcast(a: readonly Dim[], b: readonly Dim[]): Dim[] | 'mismatch' {
  const n = Math.max(a.length, b.length);
  const out: Dim[] = [];
  for (let i = 0; i < n; i++) {
    const x = i < n - a.length ? 1 : a[i - (n - a.length)];
    const y = i < n - b.length ? 1 : b[i - (n - b.length)];
    if (x === 1) out.push(y);
    else if (y === 1) out.push(x);
    else if (x === null || y === null) out.push(null); // an unknown size against k: not certainly k
    else if (x === y) out.push(x);
    else return 'mismatch';
  }
  return out;
}

export function inferOperation(kind: OperationKind, className: string, inputs: readonly MaybeShape[], config: LayerConfig): LayerInference {
  if (kind === 'source') {
    // A tensor made from a shape (`keras.random.normal(shape=(batch, 2))`): that shape.
    const shape = config.shape;
    if (!Array.isArray(shape)) return UNKNOWN;
    return { outputShape: (shape as readonly unknown[]).map((d) => (typeof d === 'number' ? d : null)), params: NO_PARAMS, macs: 0 };
  }
  if (inputs.length === 0 || inputs.some((s) => s === null)) return UNKNOWN;
  const shapes = inputs as readonly (readonly Dim[])[];
  if (kind === 'unary') return { outputShape: shapes[0], params: NO_PARAMS, macs: 0 };
  let acc: Dim[] = [...shapes[0]];
  for (const s of shapes.slice(1)) {
    const next = broadcast(acc, s);
    if (next === 'mismatch') {
      const problem: LayerProblem = {
        code: 'shape/merge-mismatch',
        severity: 'error',
        message: `${className} cannot broadcast ${shapes.map((x) => `(${x.map((d) => (d === null ? 'None' : d)).join(', ')})`).join(' and ')}: Keras raises when it builds the model.`,
      };
      return { ...UNKNOWN, problems: [problem] };
    }
    acc = next;
  }
  return { outputShape: acc, params: NO_PARAMS, macs: 0 };
}
