// Shapes while the program runs: Keras code reads them (`x.shape[-1]`, `keras.ops.shape(x)`,
// `model.output_shape`) to size the next layer, so the interpreter asks the catalog for a
// tensor's shape on demand, memoised per node (graph nodes never change once built). A
// dimension we do not know reads as Unknown, never as Keras's None: `Dense(x.shape[-1])`
// must not become `Dense(None)` because our analysis lost a size Keras knows.
import { inferLayer, inferModel } from '../../../infer';
import type { MaybeShape } from '../../../types';
import type { ModelBuilder, TensorNode } from '../../../modelBuilder';
import { unknown } from '../../../types';
import type { PyInterpreter } from '../interpreter';
import { makeTuple, type PyVal } from '../values';

/** Per node: its outputs' shapes (one entry for most layers). */
const shapes = new WeakMap<TensorNode, readonly MaybeShape[]>();

/** Output `index` of a symbolic tensor's node, inferred; null when unknown. Iterative: chains are long. */
export function shapeOfNode(ip: PyInterpreter, target: TensorNode, index = 0): MaybeShape {
  const known = shapes.get(target);
  if (known !== undefined) return known[index] ?? null;
  const stack: TensorNode[] = [target];
  while (stack.length > 0) {
    const node = stack[stack.length - 1];
    if (shapes.has(node)) {
      stack.pop();
      continue;
    }
    const pending = node.inputs.filter((p): p is TensorNode => p !== null && !shapes.has(p));
    if (pending.length > 0) {
      stack.push(...pending);
      continue;
    }
    stack.pop();
    ip.ctx.charge(1);
    if (node.op.kind === 'input') {
      shapes.set(node, [node.op.input.shape]);
      continue;
    }
    const inputs = node.inputs.map((p, i) => (p ? (shapes.get(p)?.[node.inputIndices?.[i] ?? 0] ?? null) : null));
    const inference = inferLayer(node.op.layer, inputs);
    const failed = (inference.problems ?? []).some((p) => p.severity === 'error') || (node.op.layer.problems ?? []).some((p) => p.severity === 'error');
    const out = inference.outputShape;
    // Keras builds size-0 dimensions; only a negative one is an error.
    const bad = out?.some((d, i) => i > 0 && typeof d === 'number' && d < 0) ?? false;
    shapes.set(node, failed || bad ? [null] : (inference.outputShapes ?? [out]));
  }
  return shapes.get(target)?.[index] ?? null;
}

/** The current output shape of a Sequential model (its last layer's), inferred now. */
export function shapeOfSequential(ip: PyInterpreter, model: ModelBuilder): MaybeShape {
  if (model.uncertain || model.last < 0) return null;
  ip.ctx.charge(model.nodes.length);
  const analyzed = inferModel(model.finish(), []);
  return analyzed.nodes[model.last]?.outputShape ?? null;
}

/** A shape as Python sees it: a tuple of ints, with Unknown for every size we do not know. */
export function shapeTuple(shape: MaybeShape, what: string): PyVal {
  if (!shape) return unknown(`the shape of ${what}`);
  return makeTuple(shape.map((d, i) => (d === null ? unknown(i === 0 ? 'the batch size' : `a size of ${what} that is not statically known`) : d)));
}
