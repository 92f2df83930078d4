// `layers.Lambda(fn)` without `output_shape`: Keras traces `fn` on the layer's symbolic input to
// learn its output. So do we: the function runs (in our interpreter, as any user function) on
// a placeholder of the input's shape, and the layer becomes a composite of the operations it
// applied (`t * 2.0 - 1.0` → Multiply, Subtract). A function we cannot follow leaves the
// output unknown, as before.
import type { LayerDecl, Span } from '../../../types';
import { ModelBuilder } from '../../../modelBuilder';
import { argsOf } from '../callArgs';
import type { PyInterpreter } from '../interpreter';
import { isObject, makeList, tensorObj, type PyVal, type TensorRef } from '../values';
import { tensorRefsIn } from './models';
import { shapeOfNode } from './shapes';

const functions = new WeakMap<LayerDecl, PyVal>();
const traced = new WeakMap<LayerDecl, LayerDecl>();

/** Remembers the function a Lambda was built with. */
export function rememberLambda(decl: LayerDecl, fn: PyVal | undefined): void {
  if (fn !== undefined) functions.set(decl, fn);
}

/**
 * The decl a Lambda application uses: the Lambda itself when its output_shape is given (the
 * catalog answers), else a composite traced on the first application's inputs.
 */
export function lambdaDecl(ip: PyInterpreter, decl: LayerDecl, refs: readonly TensorRef[], list: boolean, span: Span): LayerDecl {
  const known = traced.get(decl);
  if (known) return known;
  const fn = functions.get(decl);
  const outputShape = decl.config.outputShape;
  if (decl.className !== 'Lambda' || (outputShape !== undefined && outputShape !== null) || !fn || !isObject(fn) || (fn.tag !== 'function' && fn.tag !== 'bound')) return decl;
  const placeholders = refs.map((r) => {
    const node = ip.ctx.makeTensorNode({ kind: 'input', input: { shape: r.node ? shapeOfNode(ip, r.node, r.index) : null, span, name: null } }, [], span);
    ip.ctx.collectedTensors.add(node.gid);
    return node;
  });
  const first = ip.ctx.tensors.length;
  const arg = list ? makeList(placeholders.map((p) => tensorObj(p))) : tensorObj(placeholders[0] ?? null);
  const result = ip.call(fn, argsOf([arg]), span);
  for (const t of ip.ctx.tensors.slice(first)) ip.ctx.collectedTensors.add(t.gid);
  const outputs = tensorRefsIn(ip, result);
  const graph = new ModelBuilder('functional', span, ip.ctx.entry);
  graph.dialect = 'keras';
  graph.setFunctional(
    placeholders,
    outputs.map((o) => o.node),
    outputs.map((o) => o.index),
  );
  const composite: LayerDecl = { ...decl, composite: { graph: graph.finish(), reportInner: true } };
  traced.set(decl, composite);
  return composite;
}
